//! Shipped and user inventories: sourced records of grid mixes, hardware,
//! data-centre archetypes and end-of-life treatments.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lca4ai/distribution.hpp"
#include "lca4ai/error.hpp"
#include "lca4ai/pathway.hpp"

namespace lca4ai {

struct Source {
    std::string key, author, title, url, license, note;
    int year = 0;
    //! "Author (year). Title. URL" for tables and reports.
    std::string citation() const;
};

struct InventoryValue {
    double value = 0.0;          //!< in the canonical unit of the field
    std::string unit;            //!< canonical unit
    std::string written;         //!< as written in the file
    std::string source;          //!< key into the file's sources
    Distribution uncertainty;    //!< in the canonical unit (type none when not given)
    SourceLocation where;
};

struct InventoryRecord {
    std::string name, kind, label, category, license, note, file;
    std::string unit;  //!< flow records: the unit of one unit of the flow
    int year = 0;
    std::string source;  //!< default source key
    std::map<std::string, InventoryValue> values;
    std::map<std::string, std::string> missing;  //!< field -> why the source gives none
    std::map<std::string, double> shares;        //!< eol_mix
    std::vector<std::string> aliases;
    std::string applies_to;     //!< uncertainty_default: the record kind whose values it covers; pathway: the record whose fields the series replace by year (e.g. a grid), or ""
    std::vector<int> pedigree;  //!< uncertainty_default: pedigree scores behind its GSDs
    SourceLocation where;
    // kind `pathway` (docs/inventory-format.md): series by field, each in its own unit.
    std::string scenario;    //!< scenario name, e.g. stated-policies
    std::map<std::string, Pathway> series;           //!< field ("gwp", or "value" for a scalar) -> pathway [SI]
    std::map<std::string, std::string> series_unit;  //!< field -> unit as written
};

struct InventoryFile {
    std::string name, path, description, version, date, license;
    std::map<std::string, Source> sources;
};

class InventoryDb {
public:
    //! Adds a file's records; later files override earlier ones by name.
    void add(InventoryFile file, std::vector<InventoryRecord> records);
    //! By name or alias; nullptr when absent.
    const InventoryRecord* find(const std::string& name) const;
    const std::map<std::string, InventoryRecord>& records() const { return records_; }
    const std::map<std::string, InventoryFile>& files() const { return files_; }
    const Source* source_of(const InventoryRecord& r, const std::string& key) const;
    std::vector<std::string> names(const std::string& kind = {}) const;
    //! The default uncertainty (a record of kind uncertainty_default) for values of `kind`, or nullptr.
    const InventoryRecord* default_uncertainty(const std::string& kind) const;

private:
    std::map<std::string, InventoryRecord> records_;
    std::map<std::string, std::string> aliases_;
    std::map<std::string, InventoryFile> files_;
};

//! Canonical unit of a field of a record kind ("grid","gwp" -> "kg CO2e/kWh"); nullopt if unknown field.
std::optional<std::string> inventory_field_unit(const std::string& kind, const std::string& field);
//! The record kinds and, for each, its fields.
const std::map<std::string, std::vector<std::string>>& inventory_kinds();

//! Loads every *.yaml file of a directory (sorted by name). Throws ScenarioError with every problem.
InventoryDb load_inventory_dir(const std::string& dir);
//! Loads one more file into `db` (user inventories); problems go to `sink`.
void load_inventory_file(const std::string& path, InventoryDb& db, ErrorSink& sink);
//! Default location of the shipped inventories (LCA4AI_DATA, next to the binary, or the source tree).
std::string default_inventory_dir();

}  // namespace lca4ai

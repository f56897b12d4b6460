//! Reads inventory YAML files into InventoryDb records (format: docs/inventory-format.md).
#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "lca4ai/inventory.hpp"
#include "lca4ai/version.hpp"
#include "pathway_reader.hpp"
#include "yaml_reader.hpp"

namespace lca4ai {
namespace {

void read_value(io::YamlReader& r, const YAML::Node& n, const std::string& path, const std::string& unit,
                InventoryRecord& rec, const std::string& field, const InventoryFile& file) {
    InventoryValue v;
    v.unit = unit;
    v.source = rec.source;
    v.where = r.where(n);
    YAML::Node q = n;
    if (n.IsMap()) {
        if (!r.check_map(n, path, {"value", "source", "uncertainty", "note"})) return;
        if (!r.require(n, "value", path, fmt::format("a quantity in {}", unit))) return;
        q.reset(n["value"]);
        if (n["source"]) {
            if (auto s = r.string(n["source"], path + ".source")) v.source = *s;
        }
    }
    auto value = r.constant(q, path, unit);
    if (!value) return;
    v.value = *value;
    v.written = q.as<std::string>();
    if (n.IsMap() && n["uncertainty"]) {
        // Bounds without a unit are in the unit the value is written in ("3.67 L/kWh" -> L/kWh).
        std::string written_unit = unit;
        double to_canonical = 1.0;
        if (auto q = parse_quantity(v.written); q && !q->unit_text.empty()) {
            written_unit = q->unit_text;
            to_canonical = canonical_unit(q->unit_text).factor / canonical_unit(unit).factor;
        }
        if (auto d = r.distribution(n["uncertainty"], path + ".uncertainty", written_unit)) {
            v.uncertainty = *d;
            v.uncertainty.scale(to_canonical);
            if (std::isnan(v.uncertainty.a)) v.uncertainty.a = v.value;
            if (std::isnan(v.uncertainty.c)) v.uncertainty.c = v.value;
        }
    }
    if (v.source.empty()) {
        r.error(n, path, "no source: give the record a `source` or the value a `source`");
    } else if (!file.sources.count(v.source)) {
        std::vector<std::string> keys;
        for (const auto& [k, _] : file.sources) keys.push_back(k);
        r.error(n, path, fmt::format("source '{}' is not in this file's `sources`{}", v.source, did_you_mean(v.source, keys)));
    }
    rec.values[field] = std::move(v);
}

}  // namespace

void load_inventory_file(const std::string& path, InventoryDb& db, ErrorSink& sink) {
    io::YamlReader r(path, sink);
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
        sink.add({path, 0, 0}, "", "cannot read the file");
        return;
    } catch (const YAML::ParserException& e) {
        sink.add({path, e.mark.line + 1, e.mark.column + 1}, "", "YAML syntax error: " + e.msg);
        return;
    }
    if (!r.check_map(root, "", {"lca4ai_inventory", "name", "description", "version", "date", "license", "sources",
                                "records"}))
        return;
    if (!r.require(root, "lca4ai_inventory", "", fmt::format("the format version, {}", inventory_format_version)) ||
        !r.require(root, "name", "", "the file's name") || !r.require(root, "records", "", "the records") ||
        !r.require(root, "sources", "", "the bibliography"))
        return;
    if (auto v = r.integer(root["lca4ai_inventory"], "lca4ai_inventory"); v && *v != inventory_format_version)
        r.error(root["lca4ai_inventory"], "lca4ai_inventory",
                fmt::format("unsupported format version {}; this lca4ai reads version {}", *v, inventory_format_version));
    InventoryFile file;
    file.path = path;
    file.name = root["name"].as<std::string>("");
    for (const char* key : {"description", "version", "date", "license"})
        if (root[key]) {
            const auto s = root[key].as<std::string>("");
            if (std::string(key) == "description") file.description = s;
            else if (std::string(key) == "version") file.version = s;
            else if (std::string(key) == "date") file.date = s;
            else file.license = s;
        }
    if (r.check_map(root["sources"], "sources", {})) {
        for (const auto& kv : root["sources"]) {
            const auto key = kv.first.as<std::string>();
            const auto spath = "sources." + key;
            if (!r.check_map(kv.second, spath, {"author", "title", "year", "url", "doi", "license", "note"})) continue;
            Source s;
            s.key = key;
            for (const char* req : {"author", "title", "year", "license"})
                r.require(kv.second, req, spath, "every source names its author, title, year and licence");
            if (!kv.second["url"] && !kv.second["doi"])
                r.error(kv.second, spath, "a source needs a `url` or a `doi`");
            s.author = kv.second["author"].as<std::string>("");
            s.title = kv.second["title"].as<std::string>("");
            s.year = kv.second["year"].as<int>(0);
            s.url = kv.second["url"] ? kv.second["url"].as<std::string>("") : "https://doi.org/" + kv.second["doi"].as<std::string>("");
            s.license = kv.second["license"].as<std::string>("");
            s.note = kv.second["note"].as<std::string>("");
            file.sources[key] = s;
        }
    }
    std::vector<InventoryRecord> records;
    if (r.check_map(root["records"], "records", {})) {
        const auto& kinds = inventory_kinds();
        std::vector<std::string> kind_names;
        for (const auto& [k, _] : kinds) kind_names.push_back(k);
        for (const auto& kv : root["records"]) {
            const auto name = kv.first.as<std::string>();
            const auto rpath = "records." + name;
            const auto& n = kv.second;
            if (!r.check_map(n, rpath, {"kind", "label", "category", "year", "source", "license", "values", "missing",
                                        "shares", "aliases", "note", "unit", "description", "applies_to", "pedigree",
                                        "series", "interpolation", "scenario"}))
                continue;
            InventoryRecord rec;
            rec.name = name;
            rec.file = path;
            rec.where = r.where(kv.first);
            if (!r.require(n, "kind", rpath, fmt::format("one of {}", fmt::join(kind_names, ", "))) ||
                !r.require(n, "year", rpath, "the year the values are valid for"))
                continue;
            rec.kind = n["kind"].as<std::string>("");
            auto kind = kinds.find(rec.kind);
            if (kind == kinds.end()) {
                r.error(n["kind"], rpath + ".kind",
                        fmt::format("unknown kind '{}'{}; expected one of: {}", rec.kind,
                                    did_you_mean(rec.kind, kind_names), fmt::join(kind_names, ", ")));
                continue;
            }
            if (auto y = r.integer(n["year"], rpath + ".year")) rec.year = *y;
            rec.label = n["label"].as<std::string>(name);
            rec.category = n["category"].as<std::string>("");
            rec.source = n["source"].as<std::string>("");
            rec.license = n["license"].as<std::string>(file.license);
            rec.note = n["note"].as<std::string>("");
            rec.unit = n["unit"].as<std::string>("");
            if (n["aliases"]) {
                if (n["aliases"].IsSequence())
                    for (const auto& a : n["aliases"]) rec.aliases.push_back(a.as<std::string>(""));
                else
                    r.error(n["aliases"], rpath + ".aliases", "expected a list of names");
            }
            if (n["values"] && r.check_map(n["values"], rpath + ".values", kind->second)) {
                for (const auto& v : n["values"]) {
                    const auto field = v.first.as<std::string>();
                    const auto fpath = rpath + ".values." + field;
                    std::string unit;
                    if (rec.kind == "flow") {
                        // Characterisation factors: indicator per unit of the flow.
                        static const std::map<std::string, std::string> ind = {
                            {"gwp", "kg CO2e"}, {"water", "m3"}, {"adp", "kg Sb eq"}, {"ewaste", "kg"}, {"energy", "kWh"}, {"pe", "MJ"}};
                        const auto flow_unit = n["unit"].as<std::string>("1");
                        unit = ind.at(field) + "/" + flow_unit;
                        std::string err;
                        if (!parse_unit(flow_unit, &err)) {
                            r.error(n["unit"], rpath + ".unit", err);
                            continue;
                        }
                    } else {
                        unit = *inventory_field_unit(rec.kind, field);
                    }
                    read_value(r, v.second, fpath, unit, rec, field, file);
                }
            }
            if (n["missing"] && r.check_map(n["missing"], rpath + ".missing", kind->second)) {
                for (const auto& m : n["missing"]) {
                    const auto field = m.first.as<std::string>();
                    if (rec.values.count(field))
                        r.error(m.first, rpath + ".missing." + field, "listed both as a value and as missing");
                    rec.missing[field] = m.second.as<std::string>("");
                }
            }
            if (rec.kind == "pathway") {
                // Series by field, e.g. {gwp: {2024: 0.38 kg CO2e/kWh, 2030: 0.25 kg CO2e/kWh}} or {value: {from, value, growth}}.
                rec.applies_to = n["applies_to"].as<std::string>("");
                rec.scenario = n["scenario"].as<std::string>("");
                if (rec.source.empty()) r.error(n, rpath, "no source: a pathway record needs a `source`");
                if (r.require(n, "series", rpath, "pathways by field, e.g. {gwp: {2024: ..., 2030: ...}}") &&
                    r.check_map(n["series"], rpath + ".series", {})) {
                    for (const auto& sv : n["series"]) {
                        const auto field = sv.first.as<std::string>();
                        std::string unit = rec.unit;
                        if (auto p = io::read_pathway(r, sv.second, rpath + ".series." + field, n["interpolation"], unit)) {
                            p->record = name;
                            rec.series[field] = *p;
                            rec.series_unit[field] = unit;
                        }
                    }
                }
            } else if (n["series"] || n["scenario"]) {
                r.error(n, rpath, "`series` and `scenario` belong to pathway records (kind: pathway)");
            }
            if (rec.kind == "uncertainty_default") {
                if (r.require(n, "applies_to", rpath, "the record kind whose values it covers")) {
                    rec.applies_to = n["applies_to"].as<std::string>("");
                    if (!kinds.count(rec.applies_to))
                        r.error(n["applies_to"], rpath + ".applies_to", fmt::format("unknown kind '{}'", rec.applies_to));
                }
                if (n["pedigree"] && n["pedigree"].IsSequence())
                    for (const auto& s : n["pedigree"]) rec.pedigree.push_back(s.as<int>(0));
                for (const auto& [field, v] : rec.values)
                    if (v.value <= 1.0) r.error(n["values"], rpath + ".values." + field, "a geometric standard deviation must be greater than 1");
            }
            if (rec.kind == "eol_mix") {
                if (r.require(n, "shares", rpath, "treatment shares summing to 1") &&
                    r.check_map(n["shares"], rpath + ".shares", {})) {
                    double total = 0;
                    for (const auto& s : n["shares"]) {
                        auto x = r.constant(s.second, rpath + ".shares." + s.first.as<std::string>(), "1");
                        if (x) {
                            rec.shares[s.first.as<std::string>()] = *x;
                            total += *x;
                        }
                    }
                    if (std::abs(total - 1.0) > 1e-6)
                        r.error(n["shares"], rpath + ".shares", fmt::format("shares sum to {:g}, not 1", total));
                }
            }
            if (!rec.source.empty() && !file.sources.count(rec.source))
                r.error(n["source"], rpath + ".source", fmt::format("source '{}' is not in this file's `sources`", rec.source));
            records.push_back(std::move(rec));
        }
    }
    db.add(std::move(file), std::move(records));
}

InventoryDb load_inventory_dir(const std::string& dir) {
    namespace fs = std::filesystem;
    InventoryDb db;
    ErrorSink sink;
    std::vector<std::string> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".yaml") files.push_back(e.path().string());
    if (ec) sink.add({dir, 0, 0}, "", "cannot read the inventory folder: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) load_inventory_file(f, db, sink);
    sink.throw_if_any();
    return db;
}

}  // namespace lca4ai

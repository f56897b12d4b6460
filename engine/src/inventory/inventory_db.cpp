#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "lca4ai/inventory.hpp"

namespace lca4ai {

std::string Source::citation() const {
    std::string out = fmt::format("{} ({}). {}.", author, year, title);
    if (!url.empty()) out += " " + url;
    return out;
}

void InventoryDb::add(InventoryFile file, std::vector<InventoryRecord> records) {
    for (auto& r : records) {
        for (const auto& a : r.aliases) aliases_[a] = r.name;
        records_[r.name] = std::move(r);
    }
    files_[file.name] = std::move(file);
}

const InventoryRecord* InventoryDb::find(const std::string& name) const {
    if (auto it = records_.find(name); it != records_.end()) return &it->second;
    if (auto a = aliases_.find(name); a != aliases_.end()) return find(a->second);
    return nullptr;
}

const Source* InventoryDb::source_of(const InventoryRecord& r, const std::string& key) const {
    for (const auto& [_, f] : files_) {
        if (f.path != r.file) continue;
        if (auto it = f.sources.find(key); it != f.sources.end()) return &it->second;
    }
    return nullptr;
}

const InventoryRecord* InventoryDb::default_uncertainty(const std::string& kind) const {
    for (const auto& [_, r] : records_)
        if (r.kind == "uncertainty_default" && r.applies_to == kind) return &r;
    return nullptr;
}

std::vector<std::string> InventoryDb::names(const std::string& kind) const {
    std::vector<std::string> out;
    for (const auto& [name, r] : records_)
        if (kind.empty() || r.kind == kind) out.push_back(name);
    for (const auto& [alias, target] : aliases_) {
        if (kind.empty()) out.push_back(alias);
        else if (auto it = records_.find(target); it != records_.end() && it->second.kind == kind) out.push_back(alias);
    }
    return out;
}

const std::map<std::string, std::vector<std::string>>& inventory_kinds() {
    static const std::map<std::string, std::vector<std::string>> kinds = {
        {"grid", {"gwp", "water", "adp", "pe"}},
        {"hardware", {"gwp", "adp", "pe", "water", "mass", "power", "lifetime", "peak_flops", "idle_power"}},
        {"datacenter",
         {"pue", "wue", "construction_gwp", "construction_adp", "construction_pe", "construction_water",
          "building_lifetime", "load_factor"}},
        {"eol_treatment", {"gwp", "adp", "pe", "water", "credit_gwp", "credit_adp", "credit_pe", "credit_water"}},
        {"eol_mix", {}},
        {"residual_mix", {"gwp"}},
        {"uncertainty_default",
         {"gwp", "water", "adp", "pe", "construction_gwp", "construction_adp", "construction_pe", "construction_water",
          "credit_gwp", "credit_adp", "credit_pe", "credit_water"}},
        {"flow", {"gwp", "water", "adp", "ewaste", "energy", "pe"}},
        {"pathway", {}},
    };
    return kinds;
}

std::optional<std::string> inventory_field_unit(const std::string& kind, const std::string& field) {
    static const std::map<std::string, std::map<std::string, std::string>> units = {
        {"grid", {{"gwp", "kg CO2e/kWh"}, {"water", "m3/kWh"}, {"adp", "kg Sb eq/kWh"}, {"pe", "MJ/kWh"}}},
        {"hardware",
         {{"gwp", "kg CO2e"}, {"adp", "kg Sb eq"}, {"pe", "MJ"}, {"water", "m3"}, {"mass", "kg"}, {"power", "kW"},
          {"idle_power", "kW"}, {"lifetime", "h"}, {"peak_flops", "FLOP/h"}}},
        {"datacenter",
         {{"pue", "1"}, {"wue", "m3/kWh"}, {"construction_gwp", "kg CO2e/MW"}, {"construction_adp", "kg Sb eq/MW"},
          {"construction_pe", "MJ/MW"}, {"construction_water", "m3/MW"}, {"building_lifetime", "h"},
          {"load_factor", "1"}}},
        {"eol_treatment",
         {{"gwp", "kg CO2e/kg"}, {"adp", "kg Sb eq/kg"}, {"pe", "MJ/kg"}, {"water", "m3/kg"},
          {"credit_gwp", "kg CO2e/kg"}, {"credit_adp", "kg Sb eq/kg"}, {"credit_pe", "MJ/kg"},
          {"credit_water", "m3/kg"}}},
        {"residual_mix", {{"gwp", "kg CO2e/kWh"}}},
        {"flow", {}},
    };
    if (kind == "uncertainty_default") return "1";  // geometric standard deviations
    auto k = units.find(kind);
    if (k == units.end()) return std::nullopt;
    auto f = k->second.find(field);
    if (f == k->second.end()) return std::nullopt;
    return f->second;
}

std::string default_inventory_dir() {
    if (const char* env = std::getenv("LCA4AI_DATA"); env && *env) return env;
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const auto& candidate : {exe.parent_path() / "../share/lca4ai/inventories",
                                      exe.parent_path() / "../inventories", exe.parent_path() / "../../inventories"}) {
            if (fs::is_directory(candidate, ec)) return fs::weakly_canonical(candidate, ec).string();
        }
    }
#ifdef LCA4AI_SOURCE_DATA_DIR
    return LCA4AI_SOURCE_DATA_DIR;
#else
    return "inventories";
#endif
}

}  // namespace lca4ai

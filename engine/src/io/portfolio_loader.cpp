//! Portfolio YAML -> typed Portfolio (format: docs/portfolio.md). Referenced
//! scenarios are loaded with the scenario loader; inline ones are read in place,
//! so that their errors point into the portfolio file.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "lca4ai/checksum.hpp"
#include "lca4ai/portfolio.hpp"
#include "pathway_reader.hpp"
#include "scenario_loader.hpp"
#include "yaml_reader.hpp"

namespace lca4ai::io {
namespace {

inline constexpr int kPortfolioFormatVersion = 1;
const std::vector<std::string> kTopKeys = {"lca4ai_portfolio", "company", "year", "currency", "description", "use_cases", "outlook"};
const std::vector<std::string> kOutlookKeys = {"until", "grid", "grids", "adoption", "efficiency", "use_cases"};
const std::vector<std::string> kOutlookUseCaseKeys = {"grid", "adoption", "efficiency"};
//! How far the outlook may look ahead of the reporting year [years].
inline constexpr int kOutlookMaxYears = 50;
const std::vector<std::string> kUseCaseKeys = {"name",        "description", "scenario", "volume",   "ownership",
                                               "location",    "electricity", "onsite_fuel", "value", "reporting"};
const std::vector<std::string> kOwners = {"owned", "colocation", "cloud", "third_party"};
const std::vector<std::string> kInstrumentTypes = {"ppa", "certificates", "green_tariff", "supplier"};
const std::vector<std::string> kVolumeKinds = {"requests", "users", "tokens", "images", "queries", "predictions",
                                               "runs", "functional_units"};
const std::vector<std::string> kValueKeys = {"revenue", "hours_saved"};
const std::vector<std::string> kReportingKeys = {"task", "modality", "tokens", "batching", "utilisation",
                                                 "data", "tools", "boundary"};

class PortfolioLoader {
public:
    PortfolioLoader(const std::string& file, const InventoryDb& shipped, ErrorSink& sink, std::string base_dir)
        : r_(file, sink), shipped_(shipped), base_dir_(std::move(base_dir)) {
        p_.file = file;
    }

    Portfolio load(const YAML::Node& root) {
        if (!r_.check_map(root, "", kTopKeys)) return std::move(p_);
        if (r_.require(root, "lca4ai_portfolio", "", fmt::format("the format version, {}", kPortfolioFormatVersion))) {
            if (auto v = r_.integer(root["lca4ai_portfolio"], "lca4ai_portfolio"); v && *v != kPortfolioFormatVersion)
                r_.error(root["lca4ai_portfolio"], "lca4ai_portfolio",
                         fmt::format("unsupported portfolio format version {}; this lca4ai reads version {}", *v,
                                     kPortfolioFormatVersion));
        }
        if (r_.require(root, "company", "", "the reporting company's name"))
            if (auto s = r_.string(root["company"], "company")) p_.company = *s;
        if (r_.require(root, "year", "", "the reporting year, e.g. 2025")) {
            if (auto y = r_.integer(root["year"], "year")) {
                if (*y < 1990 || *y > 2100) r_.error(root["year"], "year", fmt::format("reporting year {} is out of range 1990-2100", *y));
                else p_.year = *y;
            }
        }
        if (root["currency"])
            if (auto s = r_.string(root["currency"], "currency")) p_.currency = *s;
        if (root["description"])
            if (auto s = r_.string(root["description"], "description")) p_.description = *s;
        if (r_.require(root, "use_cases", "", "the AI use cases of the company")) read_use_cases(root["use_cases"]);
        if (root["outlook"]) read_outlook(root["outlook"]);
        return std::move(p_);
    }

private:
    YamlReader r_;
    const InventoryDb& shipped_;
    std::string base_dir_;
    Portfolio p_;
    std::vector<std::string> declared_;  // every use-case id written, loaded or not

    void read_use_cases(const YAML::Node& n) {
        if (!r_.check_map(n, "use_cases", {})) return;
        if (n.size() == 0) r_.error(n, "use_cases", "no use cases: give at least one");
        for (const auto& kv : n) {
            UseCase uc;
            uc.id = kv.first.as<std::string>("");
            declared_.push_back(uc.id);
            uc.where = r_.where(kv.first);
            const auto path = "use_cases." + uc.id;
            if (read_use_case(kv.second, path, uc)) p_.use_cases.push_back(std::move(uc));
        }
    }

    bool read_use_case(const YAML::Node& n, const std::string& path, UseCase& uc) {
        if (!r_.check_map(n, path, kUseCaseKeys)) return false;
        uc.name = uc.id;
        if (n["name"])
            if (auto s = r_.string(n["name"], path + ".name")) uc.name = *s;
        if (n["description"])
            if (auto s = r_.string(n["description"], path + ".description")) uc.description = *s;
        if (n["location"])
            if (auto s = r_.string(n["location"], path + ".location")) uc.location = *s;
        if (n["ownership"]) {
            if (auto s = r_.string(n["ownership"], path + ".ownership")) {
                if (std::find(kOwners.begin(), kOwners.end(), *s) == kOwners.end())
                    r_.error(n["ownership"], path + ".ownership",
                             fmt::format("unknown ownership '{}'{}; expected one of: {}", *s, did_you_mean(*s, kOwners),
                                         fmt::join(kOwners, ", ")));
                else uc.ownership = *s;
            }
        }
        if (n["volume"]) read_volume(n["volume"], path + ".volume", uc);
        if (n["electricity"]) read_electricity(n["electricity"], path + ".electricity", uc);
        if (n["onsite_fuel"]) read_fuel(n["onsite_fuel"], path + ".onsite_fuel", uc);
        if (n["value"] && r_.check_map(n["value"], path + ".value", kValueKeys)) {
            for (const auto& v : n["value"]) {
                const auto key = v.first.as<std::string>("");
                if (auto x = r_.number(v.second, path + ".value." + key)) {
                    if (*x < 0) r_.error(v.second, path + ".value." + key, "a business value cannot be negative");
                    else uc.value[key] = *x;
                }
            }
        }
        if (n["reporting"]) read_reporting(n["reporting"], path + ".reporting", uc.reporting);
        if (!r_.require(n, "scenario", path, "a scenario file, or an inline scenario mapping")) return false;
        return read_scenario(n["scenario"], path + ".scenario", uc);
    }

    void read_volume(const YAML::Node& n, const std::string& path, UseCase& uc) {
        if (!r_.check_map(n, path, kVolumeKinds)) return;
        if (n.size() != 1) {
            r_.error(n, path, fmt::format("give exactly one volume, e.g. {{requests: 1.2e6}}; expected one of: {}",
                                          fmt::join(kVolumeKinds, ", ")));
            return;
        }
        const auto kv = *n.begin();
        const auto kind = kv.first.as<std::string>("");
        if (auto v = r_.number(kv.second, path + "." + kind)) {
            if (*v <= 0) r_.error(kv.second, path + "." + kind, "the volume must be positive");
            else {
                uc.volume = *v;
                uc.volume_kind = kind;
            }
        }
    }

    void read_electricity(const YAML::Node& n, const std::string& path, UseCase& uc) {
        if (!r_.check_map(n, path, {"instruments", "residual", "residual_source"})) return;
        uc.has_contract = true;
        auto& c = uc.electricity;
        double covered = 0;
        if (n["instruments"]) {
            const auto& list = n["instruments"];
            if (!list.IsSequence()) {
                r_.error(list, path + ".instruments", "expected a list of instruments");
            } else {
                for (std::size_t i = 0; i < list.size(); ++i) {
                    const auto ipath = fmt::format("{}.instruments[{}]", path, i);
                    const auto& in = list[i];
                    if (!r_.check_map(in, ipath, {"type", "share", "gwp", "source"})) continue;
                    ElectricityInstrument e;
                    if (r_.require(in, "type", ipath, fmt::format("one of {}", fmt::join(kInstrumentTypes, ", ")))) {
                        if (auto t = r_.string(in["type"], ipath + ".type")) {
                            if (std::find(kInstrumentTypes.begin(), kInstrumentTypes.end(), *t) == kInstrumentTypes.end())
                                r_.error(in["type"], ipath + ".type",
                                         fmt::format("unknown instrument '{}'{}; expected one of: {}", *t,
                                                     did_you_mean(*t, kInstrumentTypes), fmt::join(kInstrumentTypes, ", ")));
                            e.type = *t;
                        }
                    }
                    if (r_.require(in, "share", ipath, "the share of the use case's electricity covered, in [0, 1]")) {
                        if (auto s = r_.constant(in["share"], ipath + ".share", "1")) {
                            if (*s < 0 || *s > 1) r_.error(in["share"], ipath + ".share", fmt::format("share {} is not in [0, 1]", *s));
                            else e.share = *s;
                        }
                    }
                    if (r_.require(in, "gwp", ipath, "the contractual factor, e.g. '0 kg CO2e/kWh'"))
                        if (auto g = r_.constant(in["gwp"], ipath + ".gwp", "kg CO2e/kWh")) e.gwp = *g;
                    if (r_.require(in, "source", ipath, "where the instrument is documented (contract, registry, year)"))
                        if (auto s = r_.string(in["source"], ipath + ".source")) e.source = *s;
                    covered += e.share;
                    c.instruments.push_back(e);
                }
                if (covered > 1 + 1e-9)
                    r_.error(list, path + ".instruments", fmt::format("instrument shares add up to {:.4g}, more than 1", covered));
            }
        }
        if (n["residual"]) {
            const auto& res = n["residual"];
            const auto s = res.IsScalar() ? res.as<std::string>() : std::string();
            if (!s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '.')) {
                if (auto g = r_.constant(res, path + ".residual", "kg CO2e/kWh")) c.residual_gwp = *g;
                if (!n["residual_source"])
                    r_.error(res, path + ".residual_source", "an explicit residual factor needs `residual_source` (supplier disclosure, year)");
                else if (auto src = r_.string(n["residual_source"], path + ".residual_source")) c.residual_source = *src;
            } else if (auto name = r_.string(res, path + ".residual")) {
                const auto* rec = shipped_.find(*name);
                if (!rec || rec->kind != "residual_mix")
                    r_.error(res, path + ".residual",
                             fmt::format("no residual_mix record '{}'{}; or give a factor such as '0.45 kg CO2e/kWh'", *name,
                                         did_you_mean(*name, shipped_.names("residual_mix"))));
                else c.residual_record = rec->name;
            }
        }
    }

    void read_fuel(const YAML::Node& n, const std::string& path, UseCase& uc) {
        if (!r_.check_map(n, path, {"amount", "factor", "source"})) return;
        std::optional<double> amount, factor;
        if (r_.require(n, "amount", path, "fuel burnt on site in the year, e.g. '1200 L'"))
            amount = r_.constant(n["amount"], path + ".amount", "L");
        if (r_.require(n, "factor", path, "its emission factor, e.g. '2.7 kg CO2e/L'"))
            factor = r_.constant(n["factor"], path + ".factor", "kg CO2e/L");
        if (r_.require(n, "source", path, "the source of the factor"))
            if (auto s = r_.string(n["source"], path + ".source")) uc.onsite_fuel_source = *s;
        if (amount && *amount < 0) r_.error(n["amount"], path + ".amount", "the amount cannot be negative");
        else if (amount && factor) uc.onsite_fuel_gwp = *amount * *factor;
    }

    void read_reporting(const YAML::Node& n, const std::string& path, ReportingInfo& ri) {
        if (!r_.check_map(n, path, kReportingKeys)) return;
        auto text = [&](const char* key, std::string& out) {
            if (n[key])
                if (auto s = r_.string(n[key], join_path(path, key))) out = *s;
        };
        text("task", ri.task);
        text("modality", ri.modality);
        text("batching", ri.batching);
        text("boundary", ri.boundary);
        text("data", ri.data);
        if (!ri.data.empty() && ri.data != "measured" && ri.data != "estimated" && ri.data != "mixed")
            r_.error(n["data"], path + ".data", fmt::format("unknown data quality '{}'; expected measured, estimated or mixed", ri.data));
        if (n["utilisation"]) {
            if (auto u = r_.constant(n["utilisation"], path + ".utilisation", "1")) {
                if (*u <= 0 || *u > 1) r_.error(n["utilisation"], path + ".utilisation", "utilisation must be in (0, 1]");
                else ri.utilisation = *u;
            }
        }
        if (n["tokens"] && r_.check_map(n["tokens"], path + ".tokens", {"input", "output"})) {
            if (n["tokens"]["input"]) ri.tokens_in = r_.number(n["tokens"]["input"], path + ".tokens.input");
            if (n["tokens"]["output"]) ri.tokens_out = r_.number(n["tokens"]["output"], path + ".tokens.output");
        }
        if (n["tools"]) {
            if (!n["tools"].IsSequence()) r_.error(n["tools"], path + ".tools", "expected a list, e.g. [codecarbon]");
            else
                for (std::size_t i = 0; i < n["tools"].size(); ++i)
                    if (auto s = r_.string(n["tools"][i], fmt::format("{}.tools[{}]", path, i))) ri.tools.push_back(*s);
        }
    }

    // --- outlook (docs/portfolio.md, "Outlook") ----------------------------------------------

    //! The grid pathway scenarios shipped (`stated-policies`, `net-zero`), and `none`.
    std::vector<std::string> grid_scenarios() const {
        std::vector<std::string> out;
        for (const auto& [k, rec] : shipped_.records())
            if (rec.kind == "pathway" && !rec.scenario.empty() && std::find(out.begin(), out.end(), rec.scenario) == out.end())
                out.push_back(rec.scenario);
        out.push_back("none");
        return out;
    }

    std::optional<std::string> grid_scenario(const YAML::Node& n, const std::string& path) {
        auto s = r_.string(n, path);
        if (!s) return std::nullopt;
        const auto valid = grid_scenarios();
        if (std::find(valid.begin(), valid.end(), *s) == valid.end()) {
            r_.error(n, path, fmt::format("unknown grid pathway scenario '{}'{}; expected one of: {}", *s, did_you_mean(*s, valid),
                                          fmt::join(valid, ", ")));
            return std::nullopt;
        }
        return s;
    }

    //! An index pathway: `none`, a pathway record with a dimensionless `value` series, or a pathway
    //! written in place (points by year, {from, value, growth}, or a logistic); positive in the
    //! reporting year, where it is rebased to 1.
    std::optional<OutlookIndex> index(const YAML::Node& n, const std::string& path, const std::string& identity) {
        OutlookIndex ix;
        ix.where = r_.where(n);
        if (n.IsScalar()) {
            auto name = r_.string(n, path);
            if (!name) return std::nullopt;
            if (*name == "none") return ix;
            const auto* rec = shipped_.find(*name);
            std::vector<std::string> indices;
            for (const auto& [k, r] : shipped_.records())
                if (r.kind == "pathway" && r.applies_to.empty() && r.series.count("value")) indices.push_back(k);
            if (!rec || rec->kind != "pathway" || !rec->applies_to.empty() || !rec->series.count("value")) {
                r_.error(n, path, fmt::format("{} '{}' is not an index pathway record{}; expected `none`, one of: {}, or a pathway "
                                              "written in place such as {{from: {}, value: 1, growth: 10 %/year}}",
                                              rec ? "record" : "no record", *name, did_you_mean(*name, indices),
                                              fmt::join(indices, ", "), p_.year));
                return std::nullopt;
            }
            const auto& unit = rec->series_unit.at("value");
            if (!unit.empty() && !parse_unit(unit)->dim.dimensionless()) {
                r_.error(n, path, fmt::format("pathway '{}' is in {}; an outlook index is dimensionless", rec->name, unit));
                return std::nullopt;
            }
            ix.record = rec->name;
            ix.label = rec->name;
            ix.identity = fmt::format("pathway.{}.value", rec->name);
            ix.pathway = std::make_shared<const Pathway>(rec->series.at("value"));
        } else if (n.IsMap()) {
            // Written in place, as a scenario parameter's `pathway` (with `interpolation` beside it), or the pathway itself.
            std::string unit = "1";
            const bool wrapped = n["pathway"].IsDefined();
            if (wrapped && !r_.check_map(n, path, {"pathway", "interpolation"})) return std::nullopt;
            const YAML::Node& body = wrapped ? n["pathway"] : n;
            const YAML::Node& interpolation = wrapped ? n["interpolation"] : n["pathway"];  // the latter: absent
            auto pw = read_pathway(r_, body, wrapped ? path + ".pathway" : path, interpolation, unit);
            if (!pw) return std::nullopt;
            ix.label = fmt::format("{} (line {})", pw->describe(), ix.where.line);
            ix.identity = identity;
            ix.pathway = std::make_shared<const Pathway>(std::move(*pw));
        } else {
            r_.error(n, path, "expected `none`, an index pathway record, or a pathway written in place");
            return std::nullopt;
        }
        if (p_.year > 0 && !(ix.pathway->at(p_.year) > 0)) {
            r_.error(n, path, fmt::format("the index is {:g} in the reporting year {}; it must be positive there (it is rebased to 1)",
                                          ix.pathway->at(p_.year), p_.year));
            return std::nullopt;
        }
        return ix;
    }

    void read_outlook(const YAML::Node& n) {
        const std::string path = "outlook";
        if (!r_.check_map(n, path, kOutlookKeys)) return;
        OutlookSettings o;
        o.where = r_.where(n);
        bool ok = true;
        if (r_.require(n, "until", path, fmt::format("the last year of the outlook, e.g. {}", p_.year > 0 ? std::max(p_.year + 1, 2030) : 2030))) {
            if (auto y = r_.integer(n["until"], path + ".until")) {
                if (p_.year > 0 && (*y <= p_.year || *y > p_.year + kOutlookMaxYears || *y > 2100)) {
                    r_.error(n["until"], path + ".until",
                             fmt::format("year {} is out of range: expected a year after the reporting year {} and at most {}", *y,
                                         p_.year, std::min(p_.year + kOutlookMaxYears, 2100)));
                    ok = false;
                } else {
                    o.until = *y;
                }
            } else {
                ok = false;
            }
        } else {
            ok = false;
        }
        UseCaseOutlook base;
        base.grid = "stated-policies";
        if (n["grid"])
            if (auto g = grid_scenario(n["grid"], path + ".grid")) base.grid = *g;
        if (n["grids"] && r_.check_map(n["grids"], path + ".grids", {})) {
            for (const auto& kv : n["grids"]) {
                const auto region = kv.first.as<std::string>("");
                const auto rpath = path + ".grids." + region;
                const auto* rec = shipped_.find(region);
                if (!rec || rec->kind != "grid") {
                    r_.error(kv.first, rpath, fmt::format("no grid record '{}'{}; expected a region or grid zone code", region,
                                                          did_you_mean(region, shipped_.names("grid"))));
                    continue;
                }
                if (auto g = grid_scenario(kv.second, rpath)) base.grid_by_region[rec->name] = *g;
            }
        }
        if (n["adoption"])
            if (auto ix = index(n["adoption"], path + ".adoption", "portfolio.outlook.adoption")) base.adoption = *ix;
        if (n["efficiency"])
            if (auto ix = index(n["efficiency"], path + ".efficiency", "portfolio.outlook.efficiency")) base.efficiency = *ix;
        for (auto& uc : p_.use_cases) uc.outlook = base;
        if (n["use_cases"] && r_.check_map(n["use_cases"], path + ".use_cases", {})) {
            for (const auto& kv : n["use_cases"]) {
                const auto id = kv.first.as<std::string>("");
                const auto upath = path + ".use_cases." + id;
                if (std::find(declared_.begin(), declared_.end(), id) == declared_.end()) {
                    r_.error(kv.first, upath, fmt::format("no use case '{}'{}; expected one of: {}", id, did_you_mean(id, declared_),
                                                          fmt::join(declared_, ", ")));
                    continue;
                }
                if (!r_.check_map(kv.second, upath, kOutlookUseCaseKeys)) continue;
                auto it = std::find_if(p_.use_cases.begin(), p_.use_cases.end(), [&](const UseCase& u) { return u.id == id; });
                UseCaseOutlook own = base;
                const auto& m = kv.second;
                if (m["grid"]) {
                    if (auto g = grid_scenario(m["grid"], upath + ".grid")) {
                        own.grid = *g;
                        own.grid_by_region.clear();  // the use case's choice covers all its grids
                    }
                }
                if (m["adoption"])
                    if (auto ix = index(m["adoption"], upath + ".adoption", "portfolio." + upath + ".adoption")) own.adoption = *ix;
                if (m["efficiency"])
                    if (auto ix = index(m["efficiency"], upath + ".efficiency", "portfolio." + upath + ".efficiency")) own.efficiency = *ix;
                if (it != p_.use_cases.end()) it->outlook = own;
            }
        }
        if (ok) p_.outlook = o;
    }

    bool read_scenario(const YAML::Node& n, const std::string& path, UseCase& uc) {
        if (n.IsMap()) {  // inline: a whole scenario document in place
            uc.scenario_identity = "inline:" + uc.id;
            ScenarioLoader loader(r_.file(), shipped_, r_.sink(), base_dir_);
            const auto before = r_.sink().size();
            uc.scenario = loader.load(n);
            uc.scenario.checksum = p_.checksum;
            return r_.sink().size() == before;
        }
        auto rel = r_.string(n, path);
        if (!rel) return false;
        namespace fs = std::filesystem;
        uc.scenario_identity = "scenario:" + fs::path(*rel).lexically_normal().generic_string();
        const fs::path file = fs::path(base_dir_) / *rel;
        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            r_.error(n, path, fmt::format("no such scenario file '{}'", file.string()));
            return false;
        }
        try {
            uc.scenario = load_scenario(file.string(), shipped_);
            return true;
        } catch (const ScenarioError& e) {
            for (const auto& err : e.errors()) r_.sink().add(err.where, err.key_path, err.message);
            return false;
        }
    }
};

Portfolio load_from(const std::string& text, const std::string& name, const InventoryDb& shipped,
                    const std::string& base_dir) {
    const YAML::Node root = parse_yaml(text, name);
    ErrorSink sink;
    PortfolioLoader loader(name, shipped, sink, base_dir);
    Portfolio p = loader.load(root);
    sink.throw_if_any();
    p.checksum = sha256_hex(text);
    for (auto& uc : p.use_cases)
        if (uc.scenario.checksum.empty()) uc.scenario.checksum = p.checksum;
    return p;
}

}  // namespace
}  // namespace lca4ai::io

namespace lca4ai {

Portfolio load_portfolio_text(const std::string& text, const std::string& name, const InventoryDb& shipped,
                              const std::string& base_dir) {
    return io::load_from(text, name, shipped, base_dir);
}

Portfolio load_portfolio(const std::string& path, const InventoryDb& shipped) {
    return io::load_from(io::read_input_file(path), path, shipped, io::input_dir(path));
}

}  // namespace lca4ai

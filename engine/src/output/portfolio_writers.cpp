//! `lca4ai portfolio` output as text, JSON and CSV (the HTML report is in html_report.cpp).
#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include "lca4ai/portfolio.hpp"
#include "lca4ai/system.hpp"
#include "lca4ai/version.hpp"

namespace lca4ai {
namespace {

std::string g4(double v) { return v == 0.0 ? "0" : fmt::format("{:.4g}", v); }

nlohmann::ordered_json impacts_json(const Impacts& v) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (int i = 0; i < indicator_count; ++i) j[indicator_info(i).key] = v[static_cast<std::size_t>(i)];
    return j;
}

nlohmann::ordered_json indicators_json(const Impacts& v, const std::optional<std::array<Band, indicator_count>>& bands) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (int i = 0; i < indicator_count; ++i) {
        const auto ii = static_cast<std::size_t>(i);
        nlohmann::ordered_json e = {{"unit", indicator_info(i).unit}, {"value", v[ii]}};
        if (bands) {
            const auto& b = (*bands)[ii];
            e["mean"] = b.mean;
            e["sd"] = b.sd;
            e["p2_5"] = b.p2_5;
            e["p50"] = b.p50;
            e["p97_5"] = b.p97_5;
        }
        j[indicator_info(i).key] = e;
    }
    return j;
}

nlohmann::ordered_json band_json(const Band& b) {
    return {{"mean", b.mean}, {"sd", b.sd}, {"p2_5", b.p2_5}, {"p50", b.p50}, {"p97_5", b.p97_5}};
}

nlohmann::ordered_json outlook_json(const OutlookResult& o, const std::vector<UseCaseResult>& ucs) {
    nlohmann::ordered_json j;
    j["from"] = o.from;
    j["until"] = o.until;
    nlohmann::ordered_json settings = nlohmann::ordered_json::object();
    for (const auto& u : o.use_cases) settings[u.id] = {{"grid", u.grid}, {"adoption", u.adoption}, {"efficiency", u.efficiency}};
    j["use_cases"] = settings;
    j["notes"] = o.notes;
    nlohmann::ordered_json years = nlohmann::ordered_json::array();
    for (const auto& y : o.years) {
        nlohmann::ordered_json e;
        e["year"] = y.year;
        e["indicators"] = indicators_json(y.total, y.bands);
        e["gwp_market"] = y.gwp_market;
        if (y.market_band) e["gwp_market_band"] = band_json(*y.market_band);
        e["electricity_kwh"] = y.electricity_kwh;
        nlohmann::ordered_json by = nlohmann::ordered_json::object();
        for (std::size_t u = 0; u < ucs.size() && u < y.use_case_gwp.size(); ++u) by[ucs[u].id] = {{"gwp", y.use_case_gwp[u]}};
        e["use_cases"] = by;
        years.push_back(e);
    }
    j["years"] = years;
    return j;
}

nlohmann::ordered_json scopes_json(const std::array<Impacts, scope_count>& loc, const std::array<double, scope_count>& market) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (int s = 0; s < scope_count; ++s) {
        const auto ss = static_cast<std::size_t>(s);
        auto e = impacts_json(loc[ss]);
        nlohmann::ordered_json o = {{"label", scope_label(s)}, {"gwp_location", loc[ss][gwp]}, {"gwp_market", market[ss]}};
        o.update(e);
        j[scope_key(s)] = o;
    }
    return j;
}

nlohmann::ordered_json stages_json(const std::array<Impacts, stage_count>& st) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (int s = 0; s < stage_count; ++s) j[stage_name(static_cast<Stage>(s))] = impacts_json(st[static_cast<std::size_t>(s)]);
    return j;
}

}  // namespace

std::string portfolio_json(const PortfolioResult& r) {
    nlohmann::ordered_json j;
    j["lca4ai"] = version;
    j["portfolio"] = {{"company", r.company}, {"year", r.year}, {"file", r.file}, {"checksum", r.checksum}, {"currency", r.currency}};
    j["indicators"] = indicators_json(r.total, r.bands);
    j["gwp_market"] = r.gwp_market;
    if (r.market_band) j["gwp_market_band"] = band_json(*r.market_band);
    j["electricity"] = {{"kwh", r.electricity_kwh},
                        {"contracted_kwh", r.contracted_kwh},
                        {"gwp_location", r.total[gwp]},
                        {"gwp_market", r.gwp_market},
                        {"market_minus_location", r.gwp_market - r.total[gwp]}};
    j["embodied"] = impacts_json(r.embodied);
    j["operational"] = impacts_json(r.operational);
    j["stages"] = stages_json(r.stages);
    j["scopes"] = scopes_json(r.scopes, r.scopes_market_gwp);
    nlohmann::ordered_json ucs = nlohmann::ordered_json::object();
    for (const auto& u : r.use_cases) {
        nlohmann::ordered_json e;
        e["name"] = u.name;
        e["ownership"] = u.ownership;
        e["location"] = u.location;
        e["volume"] = {{"kind", u.volume_kind}, {"amount", u.volume}};
        e["scale"] = u.scale;
        e["indicators"] = indicators_json(u.total, u.bands);
        e["gwp_market"] = u.gwp_market;
        if (u.market_band) e["gwp_market_band"] = band_json(*u.market_band);
        e["electricity"] = {{"kwh", u.electricity_kwh},
                            {"contracted_kwh", u.contracted_kwh},
                            {"gwp_location", u.gwp_location_electricity},
                            {"gwp_market", u.gwp_market_electricity},
                            {"residual_factor", u.market_factor_residual},
                            {"residual_basis", u.residual_basis}};
        e["stages"] = stages_json(u.stages);
        e["scopes"] = scopes_json(u.scopes, u.scopes_market_gwp);
        nlohmann::ordered_json roe = nlohmann::ordered_json::object();
        for (const auto& [k, v] : u.value) {
            roe[k + "_per_kg_co2e"] = u.total[gwp] > 0 ? v / u.total[gwp] : 0.0;
            roe[k + "_per_m3_water"] = u.total[water] > 0 ? v / u.total[water] : 0.0;
        }
        e["value"] = u.value;
        e["return_on_environment"] = roe;
        nlohmann::ordered_json cl = nlohmann::ordered_json::array();
        for (const auto& c : u.checklist) cl.push_back({{"item", c.key}, {"label", c.label}, {"present", c.present}, {"detail", c.detail}});
        e["checklist"] = cl;
        e["default_share"] = u.default_share;
        e["assumptions"] = u.assumptions;
        ucs[u.id] = e;
    }
    j["use_cases"] = ucs;
    if (r.bands)
        j["sampling"] = {{"samples", r.samples},
                         {"seed", r.seed},
                         {"joint", "one seed; a random input shared by several use cases (inventory value or pathway) takes the same "
                                   "draw in all of them; scenario-local inputs are independent between scenario files"},
                         {"market", "market-based systems sampled with the same draws as the location-based ones"}};
    if (r.outlook) j["outlook"] = outlook_json(*r.outlook, r.use_cases);
    nlohmann::ordered_json src = nlohmann::ordered_json::object();
    for (const auto& [k, v] : r.sources) src[k] = {{"citation", v}, {"year_licence", r.record_meta.count(k) ? r.record_meta.at(k) : ""}};
    j["sources"] = src;
    return j.dump(2) + "\n";
}

std::string portfolio_text(const PortfolioResult& r) {
    std::string out = fmt::format("lca4ai {} — AI portfolio of {}, reporting year {}\n\n", version, r.company, r.year);
    out += fmt::format("  {:<34}{:>14}{:>14}{:>14}\n", "indicator", "value", "p2.5", "p97.5");
    for (int i = 0; i < indicator_count; ++i) {
        const auto ii = static_cast<std::size_t>(i);
        out += fmt::format("  {:<34}{:>14}{:>14}{:>14}\n", fmt::format("{} [{}]", indicator_info(i).key, indicator_info(i).unit),
                           g4(r.total[ii]), r.bands ? g4((*r.bands)[ii].p2_5) : "-", r.bands ? g4((*r.bands)[ii].p97_5) : "-");
    }
    auto band = [](const std::optional<Band>& b) { return b ? fmt::format("  (95 % interval {} – {})", g4(b->p2_5), g4(b->p97_5)) : std::string(); };
    out += fmt::format("\n  GHG total, location-based {:>14} kg CO2e{}\n", g4(r.total[gwp]),
                       band(r.bands ? std::optional<Band>((*r.bands)[gwp]) : std::nullopt));
    out += fmt::format("  GHG total, market-based   {:>14} kg CO2e{}\n", g4(r.gwp_market), band(r.market_band));
    out += fmt::format("  electricity {} kWh, of which {} kWh under contractual instruments\n", g4(r.electricity_kwh), g4(r.contracted_kwh));
    out += fmt::format("\nby GHG Protocol scope [kg CO2e]\n  {:<50}{:>14}{:>14}\n", "scope", "location", "market");
    for (int s = 0; s < scope_count; ++s)
        out += fmt::format("  {:<50}{:>14}{:>14}\n", scope_label(s), g4(r.scopes[static_cast<std::size_t>(s)][gwp]),
                           g4(r.scopes_market_gwp[static_cast<std::size_t>(s)]));
    out += "\nby use case (location-based)\n";
    out += fmt::format("  {:<26}{:<13}", "use case", "ownership");
    for (int i = 0; i < indicator_count; ++i) out += fmt::format("{:>12}", indicator_info(i).key);
    out += fmt::format("{:>12}\n", "gwp market");
    for (const auto& u : r.use_cases) {
        out += fmt::format("  {:<26}{:<13}", u.id.substr(0, 25), u.ownership.substr(0, 12));
        for (int i = 0; i < indicator_count; ++i) out += fmt::format("{:>12}", g4(u.total[static_cast<std::size_t>(i)]));
        out += fmt::format("{:>12}\n", g4(u.gwp_market));
    }
    out += "\nby stage\n";
    for (int s = 0; s < stage_count; ++s)
        out += fmt::format("  {:<26}{:>14} kg CO2e\n", stage_name(static_cast<Stage>(s)), g4(r.stages[static_cast<std::size_t>(s)][gwp]));
    out += fmt::format("  {:<26}{:>14} kg CO2e\n", "on-site fuel (scope 1)", g4(r.scopes[scope1][gwp]));
    if (r.outlook) {
        const auto& o = *r.outlook;
        out += fmt::format("\noutlook {}–{} [kg CO2e per year; electricity kWh]\n  {:<6}{:>14}{:>14}{:>14}{:>14}{:>14}{:>14}{:>14}\n", o.from, o.until,
                           "year", "location", "p2.5", "p97.5", "market", "p2.5", "p97.5", "electricity");
        for (const auto& y : o.years)
            out += fmt::format("  {:<6}{:>14}{:>14}{:>14}{:>14}{:>14}{:>14}{:>14}\n", y.year, g4(y.total[gwp]),
                               y.bands ? g4((*y.bands)[gwp].p2_5) : "-", y.bands ? g4((*y.bands)[gwp].p97_5) : "-", g4(y.gwp_market),
                               y.market_band ? g4(y.market_band->p2_5) : "-", y.market_band ? g4(y.market_band->p97_5) : "-",
                               g4(y.electricity_kwh));
        for (const auto& u : o.use_cases)
            out += fmt::format("  {:<26}{} · adoption {} · efficiency {}\n", u.id.substr(0, 25), u.grid, u.adoption, u.efficiency);
        for (const auto& note : o.notes) out += "  note: " + note + "\n";
    }
    out += "\nreporting checklist (missing items)\n";
    for (const auto& u : r.use_cases) {
        std::vector<std::string> missing;
        for (const auto& c : u.checklist)
            if (!c.present) missing.push_back(c.key);
        out += fmt::format("  {:<26}{:>4.0f} % of GWP on defaults; missing: {}\n", u.id.substr(0, 25), u.default_share * 100,
                           missing.empty() ? "nothing" : fmt::format("{}", fmt::join(missing, ", ")));
    }
    return out;
}

std::string portfolio_csv(const PortfolioResult& r) {
    std::string out = "use_case,basis,group,key,indicator,value,unit\n";
    auto rows = [&](const std::string& uc, const std::string& group, const std::string& key, const Impacts& v) {
        for (int i = 0; i < indicator_count; ++i)
            out += fmt::format("{},location,{},{},{},{:.9g},{}\n", uc, group, key, indicator_info(i).key, v[static_cast<std::size_t>(i)],
                               indicator_info(i).unit);
    };
    auto all = [&](const std::string& uc, const Impacts& total, const std::array<Impacts, stage_count>& st,
                   const std::array<Impacts, scope_count>& sc, const std::array<double, scope_count>& market, double gwp_market) {
        rows(uc, "total", "total", total);
        out += fmt::format("{},market,total,total,gwp,{:.9g},kg CO2e\n", uc, gwp_market);
        for (int s = 0; s < stage_count; ++s) rows(uc, "stage", stage_name(static_cast<Stage>(s)), st[static_cast<std::size_t>(s)]);
        for (int s = 0; s < scope_count; ++s) {
            rows(uc, "scope", scope_key(s), sc[static_cast<std::size_t>(s)]);
            out += fmt::format("{},market,scope,{},gwp,{:.9g},kg CO2e\n", uc, scope_key(s), market[static_cast<std::size_t>(s)]);
        }
    };
    all("portfolio", r.total, r.stages, r.scopes, r.scopes_market_gwp, r.gwp_market);
    for (const auto& u : r.use_cases) all(u.id, u.total, u.stages, u.scopes, u.scopes_market_gwp, u.gwp_market);
    if (r.outlook)
        for (const auto& y : r.outlook->years) {
            const auto year = std::to_string(y.year);
            rows("portfolio", "outlook", year, y.total);
            out += fmt::format("portfolio,market,outlook,{},gwp,{:.9g},kg CO2e\n", year, y.gwp_market);
            for (std::size_t u = 0; u < r.use_cases.size() && u < y.use_case_gwp.size(); ++u)
                out += fmt::format("{},location,outlook,{},gwp,{:.9g},kg CO2e\n", r.use_cases[u].id, year, y.use_case_gwp[u]);
        }
    return out;
}

}  // namespace lca4ai

//! The portfolio HTML report: the shipped template (engine/templates/report.html,
//! compiled in) filled with tables and inline SVG charts. No script, no network.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "lca4ai/portfolio.hpp"
#include "lca4ai/system.hpp"
#include "lca4ai/version.hpp"
#include "report_template.hpp"
#include "svg_charts.hpp"

namespace lca4ai {
namespace {

using svg::escape;
using svg::pretty;

//! kg CO2e shown in tonnes (the unit a board reads).
std::string tonnes(double kg) { return pretty(kg / 1000.0); }

std::string fill(std::string tpl, const std::map<std::string, std::string>& values) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const auto open = tpl.find("{{", pos);
        if (open == std::string::npos) break;
        const auto close = tpl.find("}}", open);
        if (close == std::string::npos) break;
        const auto key = tpl.substr(open + 2, close - open - 2);
        auto it = values.find(key);
        if (it == values.end()) throw std::logic_error("report template: no value for {{" + key + "}}");
        out += tpl.substr(pos, open - pos);
        out += it->second;
        pos = close + 2;
    }
    out += tpl.substr(pos);
    return out;
}

std::string owner_tag(const std::string& own) {
    std::string out;
    std::size_t start = 0;
    while (start <= own.size()) {
        auto end = own.find('+', start);
        if (end == std::string::npos) end = own.size();
        const auto o = own.substr(start, end - start);
        out += fmt::format(R"(<span class="tag {}">{}</span> )", escape(o), escape(o == "third_party" ? "third-party API" : o));
        start = end + 1;
    }
    return out;
}

std::string kpi(const std::string& label, const std::string& value, const std::string& unit, const std::string& note) {
    return fmt::format(R"(<div class="kpi"><div class="label">{}</div><div class="value">{} <small>{}</small></div><div class="note">{}</div></div>)",
                       label, value, unit, note);
}

std::string kpis(const PortfolioResult& r) {
    std::string band = r.bands ? fmt::format("95 % interval {}–{} t", tonnes((*r.bands)[gwp].p2_5), tonnes((*r.bands)[gwp].p97_5))
                               : "deterministic (no sampling)";
    const double delta = r.gwp_market - r.total[gwp];
    std::string out = R"(<div class="kpis">)";
    out += kpi("GHG emissions · location-based", tonnes(r.total[gwp]), "t CO2e", band);
    out += kpi("GHG emissions · market-based", tonnes(r.gwp_market), "t CO2e",
               fmt::format("{}{} t vs location-based{}", delta >= 0 ? "+" : "−", tonnes(std::fabs(delta)),
                           r.market_band ? fmt::format("; 95 % interval {}–{} t", tonnes(r.market_band->p2_5), tonnes(r.market_band->p97_5))
                                         : std::string()));
    out += kpi("Electricity", pretty(r.electricity_kwh / 1000), "MWh",
               fmt::format("{:.0f} % under contractual instruments", r.electricity_kwh > 0 ? 100 * r.contracted_kwh / r.electricity_kwh : 0.0));
    out += kpi("Water consumption", pretty(r.total[water]), "m³", fmt::format("{} use cases · {} kg e-waste", r.use_cases.size(), pretty(r.total[ewaste])));
    out += "</div>";
    return out;
}

std::string summary(const PortfolioResult& r) {
    std::vector<const UseCaseResult*> sorted;
    for (const auto& u : r.use_cases) sorted.push_back(&u);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->total[gwp] > b->total[gwp]; });
    const double t = r.total[gwp] > 0 ? r.total[gwp] : 1;
    double top3 = 0;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, sorted.size()); ++i) top3 += sorted[i]->total[gwp];
    const double s3 = r.scopes[scope3_cat1][gwp] + r.scopes[scope3_cat2][gwp] + r.scopes[scope3_cat5][gwp];
    std::string out = R"(<div class="callout"><strong>Key messages.</strong> )";
    if (!sorted.empty())
        out += fmt::format("<em>{}</em> is the largest use case ({:.0f} % of emissions); the three largest make up {:.0f} %. ",
                           escape(sorted[0]->name), 100 * sorted[0]->total[gwp] / t, 100 * top3 / t);
    out += fmt::format("Scope 3 (purchased services, capital goods, waste) accounts for {:.0f} % and scope 2 for {:.0f} % (location-based). ",
                       100 * s3 / t, 100 * r.scopes[scope2][gwp] / t);
    out += fmt::format("Embodied impacts (hardware, buildings, end of life) are {:.0f} % of emissions but {:.0f} % of mineral resource use.",
                       100 * r.embodied[gwp] / t, r.total[adp] > 0 ? 100 * r.embodied[adp] / r.total[adp] : 0.0);
    out += "</div>";
    return out;
}

std::string chart_use_cases(const PortfolioResult& r) {
    std::vector<svg::Bar> bars;
    for (const auto& u : r.use_cases) {
        svg::Bar b{u.name, u.total[gwp] / 1000, u.total[gwp] / 1000, u.total[gwp] / 1000};
        if (u.bands) {
            b.low = (*u.bands)[gwp].p2_5 / 1000;
            b.high = (*u.bands)[gwp].p97_5 / 1000;
        }
        bars.push_back(b);
    }
    std::sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
    return R"(<div class="card">)" + svg::bar_chart(bars, "t CO2e per year (whiskers: 95 % interval)", r.bands.has_value()) + "</div>";
}

std::string chart_scopes(const PortfolioResult& r) {
    std::vector<std::string> series;
    for (int s = 0; s < scope_count; ++s) series.push_back(scope_label(s));
    svg::Stack loc{"Location-based", {}}, mkt{"Market-based", {}};
    for (int s = 0; s < scope_count; ++s) {
        loc.parts.push_back(r.scopes[static_cast<std::size_t>(s)][gwp] / 1000);
        mkt.parts.push_back(r.scopes_market_gwp[static_cast<std::size_t>(s)] / 1000);
    }
    // Drop series that are empty in both bars (e.g. no unassigned use case), keeping colours stable.
    std::vector<std::string> keep_series;
    svg::Stack l2{loc.label, {}}, m2{mkt.label, {}};
    for (std::size_t k = 0; k < series.size(); ++k) {
        if (loc.parts[k] == 0 && mkt.parts[k] == 0 && k != 0) continue;
        keep_series.push_back(series[k]);
        l2.parts.push_back(loc.parts[k]);
        m2.parts.push_back(mkt.parts[k]);
    }
    return R"(<div class="card">)" + svg::stacked_chart({l2, m2}, keep_series, "t CO2e per year") + "</div>";
}

std::string chart_stages(const PortfolioResult& r) {
    std::vector<std::string> series;
    for (int s = 0; s < stage_count; ++s) {
        std::string n = stage_name(static_cast<Stage>(s));
        std::replace(n.begin(), n.end(), '_', ' ');
        n[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(n[0])));
        series.push_back(n);
    }
    series.push_back("On-site fuel (scope 1)");  // not a life-cycle stage of the scenarios
    std::vector<svg::Stack> stacks;
    for (const auto& u : r.use_cases) {
        svg::Stack st{u.name, {}};
        for (int s = 0; s < stage_count; ++s) st.parts.push_back(u.stages[static_cast<std::size_t>(s)][gwp] / 1000);
        st.parts.push_back(u.scopes[scope1][gwp] / 1000);
        stacks.push_back(st);
    }
    std::sort(stacks.begin(), stacks.end(), [](const auto& a, const auto& b) {
        double x = 0, y = 0;
        for (double v : a.parts) x += v;
        for (double v : b.parts) y += v;
        return x > y;
    });
    return R"(<div class="card">)" + svg::stacked_chart(stacks, series, "t CO2e per year") + "</div>";
}

std::string table_scopes(const PortfolioResult& r) {
    std::string out = R"(<table><thead><tr><th>GHG Protocol scope</th><th class="num">Location-based<br>t CO2e</th><th class="num">Market-based<br>t CO2e</th><th class="num">Share (location)</th></tr></thead><tbody>)";
    const double t = r.total[gwp] > 0 ? r.total[gwp] : 1;
    for (int s = 0; s < scope_count; ++s) {
        const auto ss = static_cast<std::size_t>(s);
        if (s == unassigned_scope && r.scopes[ss][gwp] == 0) continue;
        out += fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{:.1f} %</td></tr>)", escape(scope_label(s)),
                           tonnes(r.scopes[ss][gwp]), tonnes(r.scopes_market_gwp[ss]), 100 * r.scopes[ss][gwp] / t);
    }
    out += fmt::format(R"(<tr class="total"><td>Total</td><td class="num">{}</td><td class="num">{}</td><td class="num">100 %</td></tr></tbody></table>)",
                       tonnes(r.total[gwp]), tonnes(r.gwp_market));
    return out;
}

std::string electricity(const PortfolioResult& r) {
    std::string out = R"(<h3>Electricity by use case</h3><table><thead><tr><th>Use case</th><th>Ownership</th><th class="num">Electricity<br>MWh</th><th class="num">Contracted<br>MWh</th><th class="num">Location-based<br>t CO2e</th><th class="num">Market-based<br>t CO2e</th><th>Uncovered electricity priced at</th></tr></thead><tbody>)";
    for (const auto& u : r.use_cases)
        out += fmt::format(R"(<tr><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="muted">{}{}</td></tr>)",
                           escape(u.name), owner_tag(u.ownership), pretty(u.electricity_kwh / 1000), pretty(u.contracted_kwh / 1000),
                           tonnes(u.gwp_location_electricity), tonnes(u.gwp_market_electricity), escape(u.residual_basis),
                           u.electricity_kwh > 0 && u.contracted_kwh >= u.electricity_kwh * (1 - 1e-9)
                               ? std::string()
                               : fmt::format(": {:.3f} kg CO2e/kWh", u.market_factor_residual));
    double loc = 0, mkt = 0;
    for (const auto& u : r.use_cases) {
        loc += u.gwp_location_electricity;
        mkt += u.gwp_market_electricity;
    }
    out += fmt::format(R"(<tr class="total"><td>Total</td><td></td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td></td></tr></tbody></table>)",
                       pretty(r.electricity_kwh / 1000), pretty(r.contracted_kwh / 1000), tonnes(loc), tonnes(mkt));
    return out;
}

//! The outlook: a fan chart of the location- and market-based totals, the yearly table, the
//! use cases year by year, and what each use case follows.
std::string outlook(const PortfolioResult& r) {
    if (!r.outlook) return "";
    const auto& o = *r.outlook;
    std::vector<int> years;
    svg::Series loc{"Location-based", {}, {}, {}, false}, mkt{"Market-based", {}, {}, {}, true};
    for (const auto& y : o.years) {
        years.push_back(y.year);
        loc.value.push_back(y.total[gwp] / 1000);
        mkt.value.push_back(y.gwp_market / 1000);
        if (y.bands) {
            loc.low.push_back((*y.bands)[gwp].p2_5 / 1000);
            loc.high.push_back((*y.bands)[gwp].p97_5 / 1000);
        }
        if (y.market_band) {
            mkt.low.push_back(y.market_band->p2_5 / 1000);
            mkt.high.push_back(y.market_band->p97_5 / 1000);
        }
    }
    std::string out = fmt::format(
        R"(<section><h2>Outlook to {}</h2><p class="lead">The reporting year's portfolio carried forward year by year: each use case's volume follows its adoption pathway, its inference energy falls with its hardware-efficiency pathway, and its grids follow their carbon-intensity pathways (shipped, per region). Market-based figures keep the reporting year's contracts and residual mixes{}.</p>)",
        o.until, r.bands ? "; bands are 95 % Monte Carlo intervals with the same draws every year" : "");
    out += R"(<div class="card">)" + svg::fan_chart(years, {loc, mkt}, "t CO2e per year") + "</div>";
    const auto& first = o.years.front();
    out += R"(<table><thead><tr><th>Year</th><th class="num">Location-based<br>t CO2e</th><th class="num">Market-based<br>t CO2e</th><th class="num">Electricity<br>MWh</th><th class="num">Water<br>m³</th><th class="num">GHG vs )" +
           std::to_string(first.year) + "</th></tr></thead><tbody>";
    for (const auto& y : o.years) {
        const std::string lb = y.bands ? fmt::format(R"(<br><span class="muted">{}–{}</span>)", tonnes((*y.bands)[gwp].p2_5), tonnes((*y.bands)[gwp].p97_5)) : "";
        const std::string mb = y.market_band ? fmt::format(R"(<br><span class="muted">{}–{}</span>)", tonnes(y.market_band->p2_5), tonnes(y.market_band->p97_5)) : "";
        const double change = first.total[gwp] > 0 ? 100 * (y.total[gwp] / first.total[gwp] - 1) : 0.0;
        out += fmt::format(R"(<tr><td>{}</td><td class="num">{}{}</td><td class="num">{}{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}{:.0f} %</td></tr>)",
                           y.year, tonnes(y.total[gwp]), lb, tonnes(y.gwp_market), mb, pretty(y.electricity_kwh / 1000), pretty(y.total[water]),
                           change >= 0 ? "+" : "−", std::fabs(change));
    }
    out += "</tbody></table>";
    // Use cases year by year (location-based) and their settings.
    out += R"(<h3>Use cases year by year</h3><table class="small"><thead><tr><th>Use case</th><th>Grid pathway</th><th>Adoption</th><th>Efficiency</th>)";
    for (int y : years) out += fmt::format(R"(<th class="num">{}<br>t CO2e</th>)", y);
    out += "</tr></thead><tbody>";
    for (std::size_t u = 0; u < o.use_cases.size(); ++u) {
        const auto& row = o.use_cases[u];
        out += fmt::format("<tr><td><strong>{}</strong></td><td>{}</td><td>{}</td><td>{}</td>", escape(row.name), escape(row.grid), escape(row.adoption),
                           escape(row.efficiency));
        for (const auto& y : o.years) out += fmt::format(R"(<td class="num">{}</td>)", u < y.use_case_gwp.size() ? tonnes(y.use_case_gwp[u]) : "");
        out += "</tr>";
    }
    out += "</tbody></table>";
    if (!o.notes.empty()) {
        out += R"(<ul class="defaults">)";
        for (const auto& n : o.notes) out += "<li>" + escape(n) + "</li>";
        out += "</ul>";
    }
    return out + "</section>";
}

std::string band_cell(const UseCaseResult& u, int i, double scale) {
    const auto ii = static_cast<std::size_t>(i);
    if (!u.bands) return fmt::format(R"(<td class="num">{}</td>)", pretty(u.total[ii] * scale));
    return fmt::format(R"(<td class="num">{}<br><span class="muted">{}–{}</span></td>)", pretty(u.total[ii] * scale),
                       pretty((*u.bands)[ii].p2_5 * scale), pretty((*u.bands)[ii].p97_5 * scale));
}

std::string table_use_cases(const PortfolioResult& r) {
    std::string out = R"(<table><thead><tr><th>Use case</th><th>Ownership · location</th><th class="num">Volume / year</th><th class="num">GHG<br>t CO2e</th><th class="num">Water<br>m³</th><th class="num">Minerals<br>g Sb eq</th><th class="num">E-waste<br>kg</th><th class="num">Electricity<br>MWh</th><th class="num">Primary energy<br>GJ</th></tr></thead><tbody>)";
    for (const auto& u : r.use_cases) {
        out += fmt::format(R"(<tr><td><strong>{}</strong></td><td>{}<br><span class="muted">{}</span></td><td class="num">{}<br><span class="muted">{}</span></td>)",
                           escape(u.name), owner_tag(u.ownership), escape(u.location), pretty(u.volume), escape(u.volume_kind));
        out += band_cell(u, gwp, 1e-3) + band_cell(u, water, 1) + band_cell(u, adp, 1e3) + band_cell(u, ewaste, 1) + band_cell(u, energy, 1e-3) +
               band_cell(u, pe, 1e-3) + "</tr>";
    }
    auto tot = [&](int i, double s) {
        const auto ii = static_cast<std::size_t>(i);
        if (!r.bands) return fmt::format(R"(<td class="num">{}</td>)", pretty(r.total[ii] * s));
        return fmt::format(R"(<td class="num">{}<br><span class="muted">{}–{}</span></td>)", pretty(r.total[ii] * s), pretty((*r.bands)[ii].p2_5 * s),
                           pretty((*r.bands)[ii].p97_5 * s));
    };
    out += R"(<tr class="total"><td>Portfolio</td><td></td><td></td>)" + tot(gwp, 1e-3) + tot(water, 1) + tot(adp, 1e3) + tot(ewaste, 1) +
           tot(energy, 1e-3) + tot(pe, 1e-3) + "</tr></tbody></table>";
    return out;
}

std::string roe(const PortfolioResult& r) {
    std::string rows;
    for (const auto& u : r.use_cases) {
        if (u.value.empty()) continue;
        auto get = [&](const char* k) { auto it = u.value.find(k); return it == u.value.end() ? -1.0 : it->second; };
        const double rev = get("revenue"), hours = get("hours_saved");
        auto per = [](double v, double d) { return v < 0 || d <= 0 ? std::string("–") : pretty(v / d); };
        rows += fmt::format(R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
                            escape(u.name), rev < 0 ? "–" : pretty(rev), hours < 0 ? "–" : pretty(hours), per(rev, u.total[gwp]),
                            per(hours, u.total[gwp]), per(rev, u.total[water]));
    }
    if (rows.empty()) return "";
    return fmt::format(R"(<h3>Return on environment</h3><p class="lead">Business value declared for each use case per unit of impact (value ÷ location-based footprint); higher is better. Value figures are the company's own.</p><table><thead><tr><th>Use case</th><th class="num">Revenue<br>{0}</th><th class="num">Hours saved</th><th class="num">{0} per kg CO2e</th><th class="num">Hours saved per kg CO2e</th><th class="num">{0} per m³ water</th></tr></thead><tbody>{1}</tbody></table>)",
                       escape(r.currency), rows);
}

//! Short column heads of the checklist items, in checklist order.
const char* short_label(const std::string& key) {
    static const std::map<std::string, const char*> labels = {
        {"task", "Task &amp; modality"}, {"tokens", "Tokens in/out"},   {"hardware", "Hardware"}, {"operations", "Operating conditions"},
        {"data", "Tools &amp; data"},    {"boundary", "Boundary"},       {"units", "Units"}};
    auto it = labels.find(key);
    return it == labels.end() ? "?" : it->second;
}

//! The use case's assumptions, grouped: inventory values the sources do not give (counted as 0)
//! by record, and the other defaults verbatim.
std::string defaults_of(const UseCaseResult& u) {
    std::map<std::string, std::vector<std::string>> missing;  // record -> fields
    std::vector<std::string> other;
    for (const auto& a : u.assumptions) {
        const auto colon = a.find(": no ");
        const auto tail = a.find(" in the inventory (");
        if (colon != std::string::npos && tail != std::string::npos && a.ends_with("counted as 0") && tail > colon)
            missing[a.substr(0, colon)].push_back(a.substr(colon + 5, tail - colon - 5));
        else
            other.push_back(escape(a));
    }
    std::vector<std::string> parts;
    if (!missing.empty()) {
        std::vector<std::string> recs;
        std::size_t n = 0;
        for (const auto& [rec, fields] : missing) {
            recs.push_back(fmt::format("<code>{}</code> ({})", escape(rec), escape(fmt::format("{}", fmt::join(fields, ", ")))));
            n += fields.size();
        }
        parts.push_back(fmt::format("{} inventory value{} not published by the sources, counted as 0: {}", n, n == 1 ? "" : "s",
                                    fmt::join(recs, "; ")));
    }
    for (auto& o : other) parts.push_back(std::move(o));
    return fmt::format("{}", fmt::join(parts, ". "));
}

std::string checklist(const PortfolioResult& r) {
    if (r.use_cases.empty()) return "";
    std::string out = R"(<table class="checklist"><thead><tr><th>Use case</th>)";
    for (const auto& c : r.use_cases[0].checklist) out += fmt::format(R"(<th class="c">{}</th>)", short_label(c.key));
    out += R"(<th>Missing</th><th class="num">GHG resting<br>on defaults</th></tr></thead><tbody>)";
    for (const auto& u : r.use_cases) {
        out += "<tr><td><strong>" + escape(u.name) + "</strong></td>";
        std::vector<std::string> missing;
        for (const auto& c : u.checklist) {
            out += fmt::format(R"(<td class="c" title="{}"><span class="{}">{}</span></td>)", escape(c.detail), c.present ? "ok" : "miss",
                               c.present ? "✓" : "✗");
            if (!c.present) missing.push_back(escape(c.label));
        }
        out += fmt::format(R"(<td class="muted">{}</td>)", missing.empty() ? "—" : fmt::format("{}", fmt::join(missing, "; ")));
        out += fmt::format(R"(<td class="num"><span class="meter"><span style="width:{:.0f}%"></span></span>{:.0f} %</td></tr>)", u.default_share * 100,
                           u.default_share * 100);
    }
    out += "</tbody></table>";
    // What each use case declares (the details behind the ticks).
    out += R"(<h3>What each use case declares</h3><table class="small"><thead><tr><th>Use case</th>)";
    for (const auto& c : r.use_cases[0].checklist) out += fmt::format("<th>{}</th>", short_label(c.key));
    out += "</tr></thead><tbody>";
    for (const auto& u : r.use_cases) {
        out += "<tr><td><strong>" + escape(u.name) + "</strong></td>";
        for (const auto& c : u.checklist) out += fmt::format(R"(<td class="{}">{}</td>)", c.present ? "" : "gap", escape(c.detail));
        out += "</tr>";
    }
    out += "</tbody></table>";
    std::string details;
    for (const auto& u : r.use_cases)
        if (!u.assumptions.empty()) details += "<li><strong>" + escape(u.name) + ".</strong> " + defaults_of(u) + "</li>";
    if (!details.empty()) out += R"(<h3>Defaults and data gaps</h3><ul class="defaults">)" + details + "</ul>";
    return out;
}

std::string methodology(const PortfolioResult& r) {
    std::string out;
    out += "<p><strong>Life-cycle assessment.</strong> Each use case is a lca4ai scenario (a graph of grid, data-centre, hardware, training, inference and end-of-life nodes) solved with the matrix method of LCA (supply <em>s = A⁻¹f</em>, inventory <em>g = Bs</em>, indicators <em>h = Cg</em>). Its impact per functional unit (e.g. per 1,000 requests), training amortised, is multiplied by the use case's yearly volume. Hardware embodied impacts are allocated by unit-hours over lifetime × utilisation; buildings by IT energy over their life; electricity impacts are IT energy × PUE × grid factors.</p>";
    out += "<p><strong>Indicators.</strong> Climate change (GWP100, kg CO2e), water consumption (on-site cooling + off-site electricity generation, m³), abiotic depletion of minerals and metals (kg Sb eq), electronic waste (kg), final electricity (kWh) and primary energy (MJ).</p>";
    out += "<p><strong>GHG Protocol scopes.</strong> Owned data centres: electricity → scope 2; purchased hardware and buildings → scope 3 category 2 (capital goods); disposal → category 5. Colocation: electricity and own hardware as owned; the building is part of the purchased colocation service (category 1). Public cloud and third-party APIs: everything is a purchased service (category 1). Use cases without declared ownership are shown as unassigned. Scope 1 is on-site fuel (generators). Moving a use case between ownership models changes its scope category, not its total.</p>";
    out += "<p><strong>Location- and market-based electricity.</strong> Location-based: the average life-cycle emission factor of the grid where the electricity is drawn. Market-based: contractual instruments (PPAs, energy attribute certificates, green tariffs, supplier factors) for the share of electricity they cover, and the residual mix (AIB European Residual Mixes where available; else the location-based factor, flagged) for the rest. The two totals differ exactly by the electricity the contracts and residual mixes re-price.</p>";
    if (r.bands)
        out += fmt::format("<p><strong>Uncertainty.</strong> Monte Carlo with {} samples (seed {}), the portfolio sampled jointly: a random input shared by several use cases (an inventory value such as the embodied footprint of one GPU model or a country's grid factor, or a shipped pathway) takes the same value in all of them in each sample, while the inputs a scenario defines for itself are independent between scenario files. The portfolio total is the sample-by-sample sum. Market-based figures are sampled with the same draws, the electricity re-priced by the contracts and residual mixes in each sample, so electricity covered by zero-carbon instruments carries no grid uncertainty.</p>",
                           r.samples, r.seed);
    if (r.outlook)
        out += fmt::format("<p><strong>Outlook.</strong> Each use case's scenario is evaluated for every year from {} to {} with the projection method of lca4ai: pathway parameters take their value of the calendar year; grid factors follow the shipped carbon-intensity pathway of their region; the use case's volume is multiplied by its adoption index and the energy of its inference divided by its hardware-efficiency index, both rebased to 1 in the reporting year. Hardware, buildings and training per functional unit, contracts, residual mixes and on-site fuel are those of the reporting year. The outlook's first year may differ from the headline figures by the grid pathway between the inventory year and the reporting year.</p>",
                           r.outlook->from, r.outlook->until);
    out += "<p><strong>Limits.</strong> Residual mixes (AIB) are direct CO2 factors while location-based factors are life-cycle CO2e: the comparison is conservative for low-carbon grids. Volumes scale the per-unit intensity linearly. Defaults the scenarios rely on are listed in the checklist section.</p>";
    return out;
}

std::string sources(const PortfolioResult& r) {
    std::string out = "<ol class=\"sources\">";
    for (const auto& [rec, cite] : r.sources)
        out += fmt::format("<li><code>{}</code> — {} <span class=\"muted\">({})</span></li>", escape(rec), escape(cite),
                           escape(r.record_meta.count(rec) ? r.record_meta.at(rec) : ""));
    out += "<li>GHG Protocol Corporate Standard (WRI/WBCSD 2004), Scope 2 Guidance (2015) and Corporate Value Chain (Scope 3) Standard (2011): scope and category definitions.</li>";
    out += "<li>Kim et al., recommendations for reporting the energy and carbon footprint of AI inference: the reporting checklist.</li>";
    out += "<li>Desroches et al. (2025), Exploring the sustainable scaling of AI dilemma: a projective study of corporations' AI environmental impacts, arXiv:2501.14334: company-portfolio method.</li>";
    out += "</ol>";
    return out;
}

}  // namespace

std::string portfolio_html(const PortfolioResult& r) {
    std::map<std::string, std::string> v;
    v["version"] = version;
    v["company"] = escape(r.company);
    v["year"] = std::to_string(r.year);
    v["description"] = escape(r.description.empty() ? "Life-cycle footprint of the company's AI use cases." : r.description);
    v["kpis"] = kpis(r);
    v["summary"] = summary(r);
    v["band_note"] = r.bands ? "; whiskers show the 95 % Monte Carlo interval" : "";
    v["chart_use_cases"] = chart_use_cases(r);
    v["chart_scopes"] = chart_scopes(r);
    v["table_scopes"] = table_scopes(r);
    v["electricity"] = electricity(r);
    v["chart_stages"] = chart_stages(r);
    v["outlook"] = outlook(r);
    v["table_use_cases"] = table_use_cases(r);
    v["roe"] = roe(r);
    v["checklist"] = checklist(r);
    v["methodology"] = methodology(r);
    v["sources"] = sources(r);
    v["footer"] = fmt::format("Generated by lca4ai {} from <code>{}</code> (sha256 {}…). Figures are for the reporting year {}.", version, escape(r.file),
                              r.checksum.substr(0, 12), r.year);
    return fill(report_template, v);
}

}  // namespace lca4ai

//! A company's AI portfolio: use cases (each a scenario scaled to a yearly
//! volume), who owns what, how electricity is bought, and what each use case
//! is worth. Format: docs/portfolio.md; accounting rules: docs/methodology.md.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lca4ai/inventory.hpp"
#include "lca4ai/monte_carlo.hpp"
#include "lca4ai/result.hpp"
#include "lca4ai/scenario.hpp"

namespace lca4ai {

//! One contractual instrument of market-based scope 2 accounting.
struct ElectricityInstrument {
    std::string type;    //!< ppa | certificates | green_tariff | supplier
    double share = 0.0;  //!< share of the use case's electricity it covers [1]
    double gwp = 0.0;    //!< contractual emission factor [kg CO2e/kWh]
    std::string source;  //!< contract, registry, year (free text, shown in the report)
};

//! How a use case's electricity is bought (GHG Protocol Scope 2 Guidance hierarchy).
struct ElectricityContract {
    std::vector<ElectricityInstrument> instruments;
    std::optional<double> residual_gwp;  //!< factor of the uncovered rest [kg CO2e/kWh], given explicitly
    std::string residual_record;         //!< residual_mix inventory record of the uncovered rest
    std::string residual_source;         //!< citation of an explicit residual factor
};

//! What the team declared about the use case, after Kim et al.'s reporting recommendations.
struct ReportingInfo {
    std::string task, modality, batching, data, boundary;  //!< data: measured | estimated | mixed
    std::optional<double> tokens_in, tokens_out;            //!< per request [token]
    std::optional<double> utilisation;                      //!< mean accelerator utilisation [1]
    std::vector<std::string> tools;                         //!< measurement / estimation tools
};

//! An index pathway of the outlook (traffic adoption, hardware efficiency); it is rebased to 1 in
//! the reporting year (docs/portfolio.md, "Outlook").
struct OutlookIndex {
    std::string label;     //!< the pathway record's name, or its description and line when written in place; "" when none
    std::string record;    //!< the inventory pathway record, when it is one
    std::string identity;  //!< name of the parameter it is sampled as (its variate identity, §12.4)
    std::shared_ptr<const Pathway> pathway;  //!< null: 1 every year
    SourceLocation where;
};

//! The outlook settings of one use case, resolved from the portfolio's `outlook:` section.
struct UseCaseOutlook {
    std::string grid;  //!< grid pathway scenario (`stated-policies`, `net-zero`) or "none" (factors held)
    std::map<std::string, std::string> grid_by_region;  //!< grid record -> scenario, before `grid`
    OutlookIndex adoption;    //!< volume × index
    OutlookIndex efficiency;  //!< inference energy ÷ index
};

struct UseCase {
    std::string id, name, description;
    std::string ownership;                //!< owned | colocation | cloud | third_party | "" (per node)
    std::string location;                 //!< where it runs (free text or region code)
    std::string volume_kind = "functional units";  //!< requests, users, tokens, images, runs...
    std::optional<double> volume;         //!< reference units per reporting year; none: the whole scenario
    Scenario scenario;
    bool has_contract = false;
    ElectricityContract electricity;
    double onsite_fuel_gwp = 0.0;         //!< scope 1 [kg CO2e]
    std::string onsite_fuel_source;
    std::map<std::string, double> value;  //!< revenue [currency], hours_saved [h]
    ReportingInfo reporting;
    SourceLocation where;
    //! What its scenario-local random inputs are drawn under (§12.4): "scenario:<path relative to the
    //! portfolio>" for a file, "inline:<id>" for a scenario written in place.
    std::string scenario_identity;
    UseCaseOutlook outlook;  //!< used when the portfolio has an outlook
};

//! The `outlook:` section: evaluate the portfolio every year up to `until`.
struct OutlookSettings {
    int until = 0;  //!< last year [calendar year], after the reporting year
    SourceLocation where;
};

struct Portfolio {
    std::string company, description, file, checksum, currency = "EUR";
    int year = 0;
    std::vector<UseCase> use_cases;
    std::optional<OutlookSettings> outlook;
};

//! Loads and checks a portfolio file and every scenario it references; throws ScenarioError.
Portfolio load_portfolio(const std::string& path, const InventoryDb& shipped);
Portfolio load_portfolio_text(const std::string& text, const std::string& name, const InventoryDb& shipped,
                              const std::string& base_dir = ".");

// --- GHG Protocol scopes -------------------------------------------------------------------

inline constexpr int scope_count = 6;
enum Scope { scope1, scope2, scope3_cat1, scope3_cat2, scope3_cat5, unassigned_scope };
const char* scope_key(int s);    //!< scope1, scope2, scope3_cat1, ...
const char* scope_label(int s);  //!< "Scope 3 · cat. 1 purchased goods and services", ...

//! What a process is, for the scope mapping.
enum class ProcessClass { electricity, onsite, construction, hardware, end_of_life, other };
ProcessClass classify(const Process& p);
//! The scope of a process class under an ownership (rules: docs/methodology.md, "Scopes").
int scope_of(ProcessClass c, const std::string& ownership);
//! Ownership of a process: the use case's override, else its node's, else (grids) the first
//! datacenter drawing on it; "" when nobody says.
std::string process_ownership(const LcaSystem& sys, const Scenario& sc, int process, const std::string& override_);

// --- results ------------------------------------------------------------------------------

struct Band {
    double mean = 0, sd = 0, p2_5 = 0, p50 = 0, p97_5 = 0;
};

struct ChecklistItem {
    std::string key, label, detail;
    bool present = false;
};

struct UseCaseResult {
    std::string id, name, ownership, location, volume_kind;
    double volume = 0;   //!< reference units in the year
    double scale = 0;    //!< whole-scenario results × scale = the use case's year
    Impacts total{};     //!< location-based electricity
    std::array<Impacts, stage_count> stages{};
    std::array<Impacts, scope_count> scopes{};  //!< location-based
    Impacts embodied{}, operational{};
    double electricity_kwh = 0;         //!< [kWh]
    double contracted_kwh = 0;          //!< covered by instruments [kWh]
    double gwp_location_electricity = 0, gwp_market_electricity = 0;  //!< [kg CO2e]
    double market_factor_residual = 0; //!< factor used for the uncovered rest [kg CO2e/kWh]
    std::string residual_basis;         //!< where that factor comes from
    std::string residual_record;        //!< residual_mix record used, if any
    std::array<double, scope_count> scopes_market_gwp{};  //!< [kg CO2e]
    double gwp_market = 0;              //!< total, market-based [kg CO2e]
    std::optional<std::array<Band, indicator_count>> bands;
    std::optional<Band> market_band;    //!< market-based GWP, sampled with the same draws [kg CO2e]
    std::vector<ChecklistItem> checklist;
    double default_share = 0;           //!< share of the GWP from nodes resting on defaults [1]
    std::vector<std::string> assumptions;
    std::map<std::string, double> value;
};

//! One year of the outlook: the portfolio of the reporting year carried forward by the pathways.
struct OutlookYear {
    int year = 0;
    Impacts total{};                     //!< location-based, central values of that year
    double gwp_market = 0;               //!< [kg CO2e]
    double electricity_kwh = 0;          //!< [kWh]
    std::vector<double> use_case_gwp;    //!< location-based, in the order of the use cases [kg CO2e]
    std::optional<std::array<Band, indicator_count>> bands;
    std::optional<Band> market_band;
};

//! What the outlook applied to a use case, for the report.
struct OutlookUseCase {
    std::string id, name;
    std::string grid;        //!< e.g. "grid (IE): stated-policies"; "held" when no pathway applies
    std::string adoption;    //!< pathway label or "none"
    std::string efficiency;  //!< pathway label or "none"
};

struct OutlookResult {
    int from = 0, until = 0;
    std::vector<OutlookYear> years;
    std::vector<OutlookUseCase> use_cases;
    std::vector<std::string> notes;  //!< grids held constant, pathways of the scenarios themselves, ...
    std::vector<std::string> records;  //!< pathway records applied (for the sources)
};

struct PortfolioResult {
    std::string company, description, file, checksum, currency;
    int year = 0;
    std::vector<UseCaseResult> use_cases;
    Impacts total{};
    std::array<Impacts, stage_count> stages{};
    std::array<Impacts, scope_count> scopes{};
    std::array<double, scope_count> scopes_market_gwp{};
    Impacts embodied{}, operational{};
    double gwp_market = 0, electricity_kwh = 0, contracted_kwh = 0;
    std::optional<std::array<Band, indicator_count>> bands;
    std::optional<Band> market_band;  //!< [kg CO2e]
    std::optional<OutlookResult> outlook;
    std::uint64_t samples = 0, seed = 0;
    std::vector<std::pair<std::string, std::string>> sources;  //!< record -> citation
    std::map<std::string, std::string> record_meta;            //!< record -> "year, licence"
};

//! Evaluates every use case (Monte Carlo when `sampling` has samples > 0) and aggregates.
PortfolioResult evaluate_portfolio(const Portfolio& p, const SamplingOptions* sampling = nullptr);

//! The reporting checklist of one use case and the share of its GWP resting on defaults.
std::vector<ChecklistItem> reporting_checklist(const UseCase& uc, const LcaSystem& sys);
double default_share(const UseCase& uc, const LcaSystem& sys, const Outcome& o);

//! The market-based factor of one grid process of a use case (docs/methodology.md §12.3).
struct GridMarketFactor {
    int process = -1;
    double instruments = 0;          //!< Σ shareᵢ·fᵢ [kg CO2e/kWh]
    double covered = 0;              //!< Σ shareᵢ [1]
    std::optional<double> residual;  //!< [kg CO2e/kWh]; none: the location-based factor (no residual mix known)
    std::string basis;               //!< where the residual factor comes from, in words
    std::string record;              //!< residual_mix record used, if any
};
std::vector<GridMarketFactor> market_factors(const UseCase& uc, const LcaSystem& sys);
//! The use case's system with every grid's CO2e per kWh replaced by its market-based factor: the
//! same parameters, so that sampled with the same draws it gives the market-based total per sample.
LcaSystem market_system(const UseCase& uc, const LcaSystem& sys);

//! Market-based electricity of one use case: fills the electricity fields of `r` from the
//! grid processes' contributions (location-based) and the contract.
void account_electricity(const UseCase& uc, const LcaSystem& sys, const std::vector<Impacts>& process_impacts,
                         UseCaseResult& r);

std::string portfolio_text(const PortfolioResult& r);
std::string portfolio_json(const PortfolioResult& r);
std::string portfolio_csv(const PortfolioResult& r);
//! The self-contained HTML report (inline SVG, no script).
std::string portfolio_html(const PortfolioResult& r);

}  // namespace lca4ai

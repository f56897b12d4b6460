//! Writers of sensitivity results: ranked text table, JSON, CSV.
#include <fmt/format.h>

#include "lca4ai/sensitivity.hpp"
#include "lca4ai/version.hpp"

namespace lca4ai {

nlohmann::ordered_json to_json(const SensitivityResult& r) {
    using json = nlohmann::ordered_json;
    const auto& ind = indicator_info(r.indicator);
    json j = {{"lca4ai", version}, {"method", r.method}, {"indicator", ind.key}, {"unit", ind.unit},
              {"basis", "per_fu"},  {"runs", r.runs},   {"base", r.base}};
    json inputs = json::array();
    for (const auto& in : r.inputs) {
        json x = {{"name", in.name}, {"unit", in.unit}};
        if (r.method == "oat") {
            x["low_value"] = in.low_value;
            x["high_value"] = in.high_value;
            x["low"] = in.low;
            x["high"] = in.high;
            x["swing"] = in.swing;
        } else if (r.method == "morris") {
            x["mu"] = in.mu;
            x["mu_star"] = in.mu_star;
            x["sigma"] = in.sigma;
            x["mu_star_conf"] = in.mu_star_conf;
        } else {
            x["S1"] = in.s1;
            x["S1_conf"] = in.s1_conf;
            x["ST"] = in.st;
            x["ST_conf"] = in.st_conf;
        }
        inputs.push_back(x);
    }
    j["inputs"] = inputs;
    return j;
}

std::string to_text(const SensitivityResult& r) {
    const auto& ind = indicator_info(r.indicator);
    std::string out = fmt::format("sensitivity of {} [{} per functional unit] — method {}, {} model runs\n", ind.key, ind.unit,
                                  r.method, r.runs);
    out += fmt::format("value at central inputs: {:.6g}\n\n", r.base);
    if (r.method == "oat") {
        out += fmt::format("  {:<6}{:<44}{:>13}{:>13}{:>13}{:>13}{:>13}\n", "rank", "input (2.5 % → 97.5 %)", "input low",
                           "input high", "result low", "result high", "swing");
    } else if (r.method == "morris") {
        out += fmt::format("  {:<6}{:<44}{:>13}{:>13}{:>13}{:>13}\n", "rank", "input", "mu*", "mu* 95% ±", "mu", "sigma");
    } else {
        out += fmt::format("  {:<6}{:<44}{:>10}{:>10}{:>10}{:>10}\n", "rank", "input", "S1", "±", "ST", "±");
    }
    int rank = 1;
    for (const auto& in : r.inputs) {
        const auto name = in.name.size() > 43 ? in.name.substr(0, 42) + "…" : in.name;
        if (r.method == "oat")
            out += fmt::format("  {:<6}{:<44}{:>13.4g}{:>13.4g}{:>13.4g}{:>13.4g}{:>13.4g}\n", rank, name, in.low_value,
                               in.high_value, in.low, in.high, in.swing);
        else if (r.method == "morris")
            out += fmt::format("  {:<6}{:<44}{:>13.4g}{:>13.4g}{:>13.4g}{:>13.4g}\n", rank, name, in.mu_star, in.mu_star_conf,
                               in.mu, in.sigma);
        else
            out += fmt::format("  {:<6}{:<44}{:>10.3f}{:>10.3f}{:>10.3f}{:>10.3f}\n", rank, name, in.s1, in.s1_conf, in.st,
                               in.st_conf);
        ++rank;
    }
    return out;
}

std::string to_csv(const SensitivityResult& r) {
    std::string out = "method,indicator,rank,input,statistic,value\n";
    int rank = 1;
    for (const auto& in : r.inputs) {
        std::vector<std::pair<const char*, double>> rows;
        if (r.method == "oat") rows = {{"low_value", in.low_value}, {"high_value", in.high_value}, {"low", in.low}, {"high", in.high}, {"swing", in.swing}};
        else if (r.method == "morris") rows = {{"mu", in.mu}, {"mu_star", in.mu_star}, {"sigma", in.sigma}, {"mu_star_conf", in.mu_star_conf}};
        else rows = {{"S1", in.s1}, {"S1_conf", in.s1_conf}, {"ST", in.st}, {"ST_conf", in.st_conf}};
        for (const auto& [stat, v] : rows)
            out += fmt::format("{},{},{},{},{},{:.10g}\n", r.method, indicator_info(r.indicator).key, rank, in.name, stat, v);
        ++rank;
    }
    return out;
}

}  // namespace lca4ai

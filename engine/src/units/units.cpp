#include "lca4ai/units.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <charconv>
#include <map>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "lca4ai/error.hpp"
#include "lca4ai/physics.hpp"

namespace lca4ai {

Dimension Dimension::operator*(const Dimension& o) const {
    Dimension r;
    for (int i = 0; i < count_; ++i) r.exp[i] = exp[i] + o.exp[i];
    return r;
}
Dimension Dimension::operator/(const Dimension& o) const {
    Dimension r;
    for (int i = 0; i < count_; ++i) r.exp[i] = exp[i] - o.exp[i];
    return r;
}
Dimension Dimension::pow(int n) const {
    Dimension r;
    for (int i = 0; i < count_; ++i) r.exp[i] = exp[i] * n;
    return r;
}

std::string Dimension::to_string() const {
    static const char* names[count_] = {"kg", "m", "s", "CO2e", "Sb_eq", "FLOP", "request", "token"};
    std::string num, den;
    for (int i = 0; i < count_; ++i) {
        if (exp[i] == 0) continue;
        std::string& side = exp[i] > 0 ? num : den;
        const int e = std::abs(exp[i]);
        side = fmt::format("{}{}{}{}", side, side.empty() ? "" : "*", names[i], e != 1 ? fmt::format("^{}", e) : "");
    }
    return fmt::format("{}{}{}", num.empty() ? std::string("1") : num, den.empty() ? "" : "/", den);
}

namespace {

Dimension make(std::initializer_list<std::pair<Dimension::Base, int>> parts) {
    Dimension d;
    for (auto [b, e] : parts) d.exp[b] = e;
    return d;
}

const Dimension kMass = make({{Dimension::mass, 1}});
const Dimension kLength = make({{Dimension::length, 1}});
const Dimension kTime = make({{Dimension::time, 1}});
const Dimension kEnergy = make({{Dimension::mass, 1}, {Dimension::length, 2}, {Dimension::time, -2}});
const Dimension kPower = make({{Dimension::mass, 1}, {Dimension::length, 2}, {Dimension::time, -3}});
const Dimension kCO2e = make({{Dimension::co2e, 1}});
const Dimension kSb = make({{Dimension::sb_eq, 1}});
const Dimension kFlop = make({{Dimension::flop, 1}});
const Dimension kRequest = make({{Dimension::request, 1}});
const Dimension kToken = make({{Dimension::token, 1}});
const Dimension kNone{};

// Unit table. Multi-word names are matched before single words.
const std::map<std::string, Unit, std::less<>>& table() {
    using namespace physics;
    static const std::map<std::string, Unit, std::less<>> t = {
        {"1", {1.0, kNone}},
        {"%", {0.01, kNone}},
        {"percent", {0.01, kNone}},
        {"unit", {1.0, kNone}},
        {"units", {1.0, kNone}},
        // mass
        {"kg", {1.0, kMass}},
        {"g", {1e-3, kMass}},
        {"mg", {1e-6, kMass}},
        {"t", {1e3, kMass}},
        {"tonne", {1e3, kMass}},
        {"lb", {0.45359237, kMass}},
        // length, volume
        {"m", {1.0, kLength}},
        {"km", {1e3, kLength}},
        {"cm", {1e-2, kLength}},
        {"mm", {1e-3, kLength}},
        {"m2", {1.0, kLength.pow(2)}},
        {"cm2", {1e-4, kLength.pow(2)}},
        {"mm2", {1e-6, kLength.pow(2)}},
        {"m3", {1.0, kLength.pow(3)}},
        {"L", {1e-3, kLength.pow(3)}},
        {"l", {1e-3, kLength.pow(3)}},
        {"mL", {1e-6, kLength.pow(3)}},
        {"ML", {1e3, kLength.pow(3)}},
        {"gal", {3.785411784e-3, kLength.pow(3)}},
        // time (a year is 365 days = 8760 h, the convention of hardware lifetimes)
        {"s", {1.0, kTime}},
        {"min", {60.0, kTime}},
        {"h", {seconds_per_hour, kTime}},
        {"hour", {seconds_per_hour, kTime}},
        {"hours", {seconds_per_hour, kTime}},
        {"day", {seconds_per_day, kTime}},
        {"days", {seconds_per_day, kTime}},
        {"d", {seconds_per_day, kTime}},
        {"week", {7 * seconds_per_day, kTime}},
        {"weeks", {7 * seconds_per_day, kTime}},
        {"month", {seconds_per_year / 12, kTime}},
        {"months", {seconds_per_year / 12, kTime}},
        {"year", {seconds_per_year, kTime}},
        {"years", {seconds_per_year, kTime}},
        {"yr", {seconds_per_year, kTime}},
        // energy, power
        {"J", {1.0, kEnergy}},
        {"kJ", {1e3, kEnergy}},
        {"MJ", {1e6, kEnergy}},
        {"GJ", {1e9, kEnergy}},
        {"TJ", {1e12, kEnergy}},
        {"Wh", {joules_per_watt_hour, kEnergy}},
        {"kWh", {1e3 * joules_per_watt_hour, kEnergy}},
        {"MWh", {1e6 * joules_per_watt_hour, kEnergy}},
        {"GWh", {1e9 * joules_per_watt_hour, kEnergy}},
        {"TWh", {1e12 * joules_per_watt_hour, kEnergy}},
        {"mWh", {1e-3 * joules_per_watt_hour, kEnergy}},
        {"W", {1.0, kPower}},
        {"kW", {1e3, kPower}},
        {"MW", {1e6, kPower}},
        {"GW", {1e9, kPower}},
        // impacts: their own dimensions
        {"kg CO2e", {1.0, kCO2e}},
        {"kg CO2eq", {1.0, kCO2e}},
        {"kgCO2e", {1.0, kCO2e}},
        {"g CO2e", {1e-3, kCO2e}},
        {"g CO2eq", {1e-3, kCO2e}},
        {"gCO2e", {1e-3, kCO2e}},
        {"t CO2e", {1e3, kCO2e}},
        {"tCO2e", {1e3, kCO2e}},
        {"kt CO2e", {1e6, kCO2e}},
        {"Mt CO2e", {1e9, kCO2e}},
        {"kg Sb eq", {1.0, kSb}},
        {"g Sb eq", {1e-3, kSb}},
        {"mg Sb eq", {1e-6, kSb}},
        {"kg SbEq", {1.0, kSb}},
        // compute and service
        {"FLOP", {1.0, kFlop}},
        {"FLOPs", {1.0, kFlop}},
        {"GFLOP", {1e9, kFlop}},
        {"TFLOP", {1e12, kFlop}},
        {"PFLOP", {1e15, kFlop}},
        {"EFLOP", {1e18, kFlop}},
        {"request", {1.0, kRequest}},
        {"requests", {1.0, kRequest}},
        {"req", {1.0, kRequest}},
        {"query", {1.0, kRequest}},
        {"queries", {1.0, kRequest}},
        {"prompt", {1.0, kRequest}},
        {"prompts", {1.0, kRequest}},
        {"image", {1.0, kRequest}},
        {"images", {1.0, kRequest}},
        {"token", {1.0, kToken}},
        {"tokens", {1.0, kToken}},
        {"ktoken", {1e3, kToken}},
        {"Mtoken", {1e6, kToken}},
    };
    return t;
}

// Multi-word units, longest first, so that "kg CO2e" is one token.
const std::vector<std::string>& multiword() {
    static const std::vector<std::string> m = [] {
        std::vector<std::string> v;
        for (const auto& [name, _] : table())
            if (name.find(' ') != std::string::npos) v.push_back(name);
        std::sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.size() > b.size(); });
        return v;
    }();
    return m;
}

bool set_error(std::string* error, std::string msg) {
    if (error) *error = std::move(msg);
    return false;
}

// One factor: a name with an optional ^exponent, or a number.
bool parse_factor(std::string_view tok, Unit& out, std::string* error) {
    int exponent = 1;
    if (auto caret = tok.find('^'); caret != std::string_view::npos) {
        const auto e = tok.substr(caret + 1);
        auto [p, ec] = std::from_chars(e.data(), e.data() + e.size(), exponent);
        if (ec != std::errc{} || p != e.data() + e.size())
            return set_error(error, fmt::format("bad exponent in unit '{}'", tok));
        tok = tok.substr(0, caret);
    }
    const auto& t = table();
    auto it = t.find(tok);
    if (it == t.end()) {
        std::vector<std::string> names;
        for (const auto& [n, _] : t) names.push_back(n);
        return set_error(error, fmt::format("unknown unit '{}'{}", tok, did_you_mean(std::string(tok), names)));
    }
    out.factor = std::pow(it->second.factor, exponent);
    out.dim = it->second.dim.pow(exponent);
    return true;
}

}  // namespace

std::string Dimension::describe() const {
    // A familiar name and a unit people write, rather than SI base units.
    struct Known {
        Dimension dim;
        const char* name;
        const char* unit;
    };
    static const std::vector<Known> known = {
        {kNone, "dimensionless", "a plain number"},
        {kMass, "mass", "kg"},
        {kTime, "time", "h"},
        {kEnergy, "energy", "kWh"},
        {kPower, "power", "W"},
        {kLength.pow(3), "volume", "m3"},
        {kCO2e, "GWP", "kg CO2e"},
        {kSb, "abiotic depletion", "kg Sb eq"},
        {kFlop, "compute", "FLOP"},
        {kFlop / kTime, "compute rate", "FLOP/s"},
        {kRequest, "requests", "request"},
        {kToken, "tokens", "token"},
        {kRequest / kTime, "request rate", "request/day"},
        {kToken / kTime, "token rate", "token/day"},
        {kToken / kRequest, "tokens per request", "token/request"},
        {kEnergy / kRequest, "energy per request", "Wh/request"},
        {kEnergy / kToken, "energy per token", "Wh/token"},
        {kCO2e / kEnergy, "GWP per energy", "kg CO2e/kWh"},
        {kLength.pow(3) / kEnergy, "water per energy", "L/kWh"},
        {kSb / kEnergy, "Sb eq per energy", "kg Sb eq/kWh"},
        {kEnergy / kEnergy, "dimensionless", "a plain number"},
        {kNone / kTime, "rate per time", "%/month"},
        {kCO2e / kPower, "GWP per capacity", "kg CO2e/MW"},
        {kCO2e / kMass, "GWP per mass", "kg CO2e/kg"},
    };
    for (const auto& k : known)
        if (k.dim == *this) return fmt::format("{} ({})", k.name, k.unit);
    return fmt::format("[{}]", to_string());
}

std::optional<Unit> parse_unit(std::string_view text, std::string* error) {
    std::string s(text);
    // Protect multi-word units by replacing their spaces.
    for (const auto& mw : multiword()) {
        for (std::size_t pos = s.find(mw); pos != std::string::npos; pos = s.find(mw, pos + mw.size())) {
            const bool left_ok = pos == 0 || s[pos - 1] == ' ' || s[pos - 1] == '/' || s[pos - 1] == '*';
            const std::size_t end = pos + mw.size();
            const bool right_ok = end == s.size() || s[end] == ' ' || s[end] == '/' || s[end] == '*' || s[end] == '^';
            if (left_ok && right_ok)
                for (std::size_t i = pos; i < end; ++i)
                    if (s[i] == ' ') s[i] = '\x01';
        }
    }
    Unit result;
    bool divide = false;
    std::size_t i = 0;
    bool any = false;
    while (i < s.size()) {
        const char c = s[i];
        if (c == ' ' || c == '*' || c == '.') {
            ++i;
            continue;
        }
        if (c == '/') {
            divide = true;
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '*' && s[j] != '/') ++j;
        std::string tok = s.substr(i, j - i);
        for (auto& ch : tok)
            if (ch == '\x01') ch = ' ';
        Unit f;
        if (!parse_factor(tok, f, error)) return std::nullopt;
        if (divide) {
            result.factor /= f.factor;
            result.dim = result.dim / f.dim;
        } else {
            result.factor *= f.factor;
            result.dim = result.dim * f.dim;
        }
        divide = false;
        any = true;
        i = j;
    }
    if (!any && !s.empty()) {
        set_error(error, fmt::format("empty unit in '{}'", text));
        return std::nullopt;
    }
    return result;
}

std::optional<Quantity> parse_quantity(std::string_view text, std::string* error) {
    std::size_t b = 0;
    while (b < text.size() && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    text = text.substr(b);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    double v = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || p == text.data()) {
        set_error(error, fmt::format("'{}' is not a number with a unit (e.g. '700 W')", text));
        return std::nullopt;
    }
    std::string_view rest(p, static_cast<std::size_t>(text.data() + text.size() - p));
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    Quantity q;
    q.unit_text = std::string(rest);
    if (rest.empty()) {
        q.si = v;
        return q;
    }
    auto u = parse_unit(rest, error);
    if (!u) return std::nullopt;
    q.si = v * u->factor;
    q.dim = u->dim;
    return q;
}

Unit canonical_unit(std::string_view text) {
    std::string err;
    auto u = parse_unit(text, &err);
    if (!u) throw std::logic_error("engine unit: " + err);
    return *u;
}

}  // namespace lca4ai

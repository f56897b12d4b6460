#pragma once
// Internal: inline SVG charts for the HTML report (no script, no external resource).
#include <string>
#include <vector>

namespace lca4ai::svg {

struct Bar {
    std::string label;
    double value = 0, low = 0, high = 0;  //!< low/high: uncertainty whiskers (equal to value when none)
};

struct Stack {
    std::string label;
    std::vector<double> parts;  //!< one per series
};

//! A line over years with an optional band (low/high empty: no band).
struct Series {
    std::string label;
    std::vector<double> value, low, high;
    bool dashed = false;
};

//! Escapes text for HTML and SVG.
std::string escape(const std::string& s);
//! A number with thousands separators and sensible precision ("12,340", "3.2", "0.0041").
std::string pretty(double v);
//! The palette colour of series i.
const char* colour(std::size_t i);

//! Horizontal bars with optional whiskers, largest first as given.
std::string bar_chart(const std::vector<Bar>& bars, const std::string& unit, bool whiskers);
//! Horizontal stacked bars (one per Stack), with a legend of the series.
std::string stacked_chart(const std::vector<Stack>& stacks, const std::vector<std::string>& series, const std::string& unit);
//! Lines over years with shaded bands (a fan chart), a legend and a value axis from 0.
std::string fan_chart(const std::vector<int>& years, const std::vector<Series>& series, const std::string& unit);

}  // namespace lca4ai::svg

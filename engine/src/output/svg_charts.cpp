//! Inline SVG charts for the HTML report: horizontal bars (with uncertainty
//! whiskers), stacked bars with a legend, and fan charts (lines with bands over
//! years). Pure text generation.
#include "svg_charts.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace lca4ai::svg {
namespace {

constexpr double kWidth = 860, kLabel = 230, kRight = 90, kRow = 30, kBar = 18;

//! A "nice" axis maximum (1, 2, 2.5, 5 × 10^k) at or above `v`.
double nice_max(double v) {
    if (v <= 0) return 1;
    const double e = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * e >= v) return m * e;
    return 10 * e;
}

std::string axis(double top, double max, double y0, double y1) {
    std::string out;
    const double plot = kWidth - kLabel - kRight;
    for (int t = 0; t <= 4; ++t) {
        const double x = kLabel + plot * t / 4.0;
        out += fmt::format(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" class="grid"/>)", x, y0, y1);
        out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="middle">{}</text>)", x, y1 + 14, pretty(max * t / 4.0));
    }
    (void)top;
    return out;
}

}  // namespace

std::string escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string pretty(double v) {
    const double a = std::fabs(v);
    if (a == 0) return "0";
    if (a >= 1000) {
        auto s = fmt::format("{:.0f}", std::fabs(std::round(v)));
        std::string out;
        int n = 0;
        for (auto it = s.rbegin(); it != s.rend(); ++it) {
            if (n && n % 3 == 0) out.insert(out.begin(), ',');
            out.insert(out.begin(), *it);
            ++n;
        }
        return (v < 0 ? "−" : "") + out;
    }
    if (a >= 100) return fmt::format("{:.0f}", v);
    if (a >= 10) return fmt::format("{:.1f}", v);
    if (a >= 1) return fmt::format("{:.2f}", v);
    return fmt::format("{:.2g}", v);
}

const char* colour(std::size_t i) {
    static const char* palette[] = {"#1f5f8b", "#e07b39", "#3a9d7c", "#c94c63", "#7b68b5", "#d4a72c", "#6c8ea4", "#9c6b4e"};
    return palette[i % 8];
}

std::string bar_chart(const std::vector<Bar>& bars, const std::string& unit, bool whiskers) {
    double max = 0;
    for (const auto& b : bars) max = std::max({max, b.value, whiskers ? b.high : 0.0});
    max = nice_max(max);
    const double plot = kWidth - kLabel - kRight;
    const double height = 20 + kRow * static_cast<double>(bars.size()) + 30;
    std::string out = fmt::format(R"(<svg class="chart" viewBox="0 0 {:.0f} {:.0f}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">)",
                                  kWidth, height);
    out += axis(0, max, 10, 10 + kRow * static_cast<double>(bars.size()));
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        const double y = 10 + kRow * static_cast<double>(i) + (kRow - kBar) / 2;
        const double w = plot * b.value / max;
        out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="label" text-anchor="end">{}</text>)", kLabel - 8, y + kBar * 0.72, escape(b.label));
        out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" rx="2" fill="{}"/>)", kLabel, y, std::max(w, 0.5), kBar,
                           colour(0));
        double end = kLabel + w;
        if (whiskers && b.high > b.low) {
            const double x0 = kLabel + plot * b.low / max, x1 = kLabel + plot * b.high / max, ym = y + kBar / 2;
            out += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" class="whisker"/>)", x0, ym, x1, ym);
            out += fmt::format(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" class="whisker"/>)", x0, ym - 5, ym + 5);
            out += fmt::format(R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" class="whisker"/>)", x1, ym - 5, ym + 5);
            end = std::max(end, x1);
        }
        out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="value">{}</text>)", end + 6, y + kBar * 0.72, pretty(b.value));
    }
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="unit" text-anchor="end">{}</text>)", kWidth - kRight, height - 2, escape(unit));
    out += "</svg>";
    return out;
}

std::string stacked_chart(const std::vector<Stack>& stacks, const std::vector<std::string>& series, const std::string& unit) {
    double max = 0;
    for (const auto& s : stacks) {
        double t = 0;
        for (double v : s.parts) t += std::max(v, 0.0);
        max = std::max(max, t);
    }
    max = nice_max(max);
    const double plot = kWidth - kLabel - kRight;
    // Legend: items flow left to right, wrapping; width from the label length (~6.6 px a character).
    std::vector<std::pair<double, double>> at;  // x, y of each legend item
    double lx = 10, ly = 6;
    for (const auto& name : series) {
        const double w = 17 + 6.6 * static_cast<double>(name.size()) + 22;
        if (lx + w > kWidth - 10 && lx > 10) {
            lx = 10;
            ly += 20;
        }
        at.push_back({lx, ly});
        lx += w;
    }
    const double top = ly + 26;
    const double height = top + kRow * static_cast<double>(stacks.size()) + 30;
    std::string out = fmt::format(R"(<svg class="chart" viewBox="0 0 {:.0f} {:.0f}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">)",
                                  kWidth, height);
    for (std::size_t k = 0; k < series.size(); ++k) {
        const auto [x, y] = at[k];
        out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="12" height="12" rx="2" fill="{}"/>)", x, y, colour(k));
        out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="legend">{}</text>)", x + 17, y + 10, escape(series[k]));
    }
    out += axis(0, max, top, top + kRow * static_cast<double>(stacks.size()));
    for (std::size_t i = 0; i < stacks.size(); ++i) {
        const auto& s = stacks[i];
        const double y = top + kRow * static_cast<double>(i) + (kRow - kBar) / 2;
        out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="label" text-anchor="end">{}</text>)", kLabel - 8, y + kBar * 0.72, escape(s.label));
        double x = kLabel, total = 0;
        for (std::size_t k = 0; k < s.parts.size(); ++k) {
            const double v = std::max(s.parts[k], 0.0);
            total += s.parts[k];
            if (v <= 0) continue;
            const double w = plot * v / max;
            out += fmt::format(R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{}: {}</title></rect>)", x, y, w,
                               kBar, colour(k), escape(series[k]), pretty(s.parts[k]));
            x += w;
        }
        out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="value">{}</text>)", x + 6, y + kBar * 0.72, pretty(total));
    }
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="unit" text-anchor="end">{}</text>)", kWidth - kRight, height - 2, escape(unit));
    out += "</svg>";
    return out;
}

std::string fan_chart(const std::vector<int>& years, const std::vector<Series>& series, const std::string& unit) {
    constexpr double left = 80, right = 30, top = 40, plot_h = 240, bottom = 40;
    const double plot_w = kWidth - left - right;
    double max = 0;
    for (const auto& s : series) {
        for (double v : s.value) max = std::max(max, v);
        for (double v : s.high) max = std::max(max, v);
    }
    max = nice_max(max);
    const std::size_t ny = years.size();
    auto x = [&](std::size_t j) { return left + (ny > 1 ? plot_w * static_cast<double>(j) / static_cast<double>(ny - 1) : plot_w / 2); };
    auto y = [&](double v) { return top + plot_h * (1 - std::max(v, 0.0) / max); };
    const double height = top + plot_h + bottom;
    std::string out = fmt::format(R"(<svg class="chart" viewBox="0 0 {:.0f} {:.0f}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">)",
                                  kWidth, height);
    // Legend.
    double lx = left;
    for (std::size_t k = 0; k < series.size(); ++k) {
        out += fmt::format(R"(<line x1="{0:.1f}" y1="14" x2="{1:.1f}" y2="14" stroke="{2}" stroke-width="2.5"{3}/>)", lx, lx + 22, colour(k),
                           series[k].dashed ? R"( stroke-dasharray="6 4")" : "");
        out += fmt::format(R"(<text x="{:.1f}" y="18" class="legend">{}</text>)", lx + 28, escape(series[k].label));
        lx += 28 + 6.6 * static_cast<double>(series[k].label.size()) + 30;
    }
    // Value axis (0 … max) and year axis.
    for (int t = 0; t <= 4; ++t) {
        const double v = max * t / 4.0, yy = y(v);
        out += fmt::format(R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" class="grid"/>)", left, yy, left + plot_w, yy);
        out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="end">{}</text>)", left - 6, yy + 4, pretty(v));
    }
    for (std::size_t j = 0; j < ny; ++j)
        out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="middle">{}</text>)", x(j), top + plot_h + 16, years[j]);
    for (std::size_t k = 0; k < series.size(); ++k) {
        const auto& s = series[k];
        if (s.low.size() == ny && s.high.size() == ny && ny > 0) {  // band: upper edge left to right, lower edge back
            std::string pts;
            for (std::size_t j = 0; j < ny; ++j) pts += fmt::format("{:.1f},{:.1f} ", x(j), y(s.high[j]));
            for (std::size_t j = ny; j-- > 0;) pts += fmt::format("{:.1f},{:.1f} ", x(j), y(s.low[j]));
            out += fmt::format(R"(<polygon points="{}" fill="{}" fill-opacity="0.16" stroke="none"/>)", pts, colour(k));
        }
        std::string pts;
        for (std::size_t j = 0; j < ny && j < s.value.size(); ++j) pts += fmt::format("{:.1f},{:.1f} ", x(j), y(s.value[j]));
        out += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2.2"{}/>)", pts, colour(k),
                           s.dashed ? R"( stroke-dasharray="6 4")" : "");
        for (std::size_t j = 0; j < ny && j < s.value.size(); ++j) {
            std::string tip = fmt::format("{} {}: {}", escape(s.label), years[j], pretty(s.value[j]));
            if (s.low.size() == ny && s.high.size() == ny) tip += fmt::format(" (95 %: {}–{})", pretty(s.low[j]), pretty(s.high[j]));
            out += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"><title>{}</title></circle>)", x(j), y(s.value[j]), colour(k), tip);
        }
    }
    out += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" class="unit" text-anchor="end">{}</text>)", kWidth - right, height - 4, escape(unit));
    out += "</svg>";
    return out;
}

}  // namespace lca4ai::svg

//! nvidia-smi power logs: `nvidia-smi --query-gpu=timestamp,index,power.draw
//! --format=csv -l 1`. Power is integrated per GPU over time by the trapezoid
//! rule on timestamp differences, then summed over GPUs. Timestamps carry no
//! time zone: the scenario declares it (`timezone:`).
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "lca4ai/units.hpp"
#include "measurements.hpp"

namespace lca4ai::io::measurements {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

//! "2024/05/14 10:00:00.123" (also '-' and 'T') -> seconds since the epoch in the log's own zone.
std::optional<double> parse_timestamp(const std::string& s) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    double sec = 0;
    char s1 = 0, s2 = 0, sep = 0;
    int used = 0;
    if (std::sscanf(s.c_str(), "%4d%c%2d%c%2d%c%2d:%2d:%lf%n", &y, &s1, &mo, &s2, &d, &sep, &h, &mi, &sec, &used) != 9 ||
        static_cast<std::size_t>(used) != s.size())
        return std::nullopt;
    if ((s1 != '/' && s1 != '-') || s2 != s1 || (sep != ' ' && sep != 'T')) return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec < 0 || sec >= 61) return std::nullopt;
    return static_cast<double>(days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d))) * 86400.0 +
           h * 3600.0 + mi * 60.0 + sec;
}

std::string iso_utc(double t) {
    const long days = static_cast<long>(std::floor(t / 86400.0));
    double rest = t - static_cast<double>(days) * 86400.0;
    // civil_from_days
    const long z = days + 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const long y = static_cast<long>(yoe) + era * 400 + (m <= 2);
    const int h = static_cast<int>(rest / 3600);
    rest -= h * 3600;
    const int mi = static_cast<int>(rest / 60);
    rest -= mi * 60;
    return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:06.3f}Z", y, m, d, h, mi, rest);
}

struct Sample {
    double t, watts;
    int line;
};

}  // namespace

std::optional<Measurement> read_nvidia_smi(const LogSource& log, const NvidiaSmiOptions& options, ErrorSink& sink) {
    LogErrors err(log, sink);
    const auto table =
        csv_table(log.text, err, "the nvidia-smi log is empty (expected a header such as 'timestamp, index, power.draw [W]')");
    if (!table) return std::nullopt;
    const CsvRow& header = table->header;
    const int c_time = column_of(header, {"timestamp"});
    const int c_power = column_of(header, {"power.draw", "power.draw.average", "power.draw.instant"});
    const int c_gpu = column_of(header, {"index", "uuid", "pci.bus_id", "gpu_uuid", "gpu_bus_id"});
    if (c_time < 0 || c_power < 0) {
        err.at(header.line, 1,
               fmt::format("not an nvidia-smi power log: the header lacks `{}` (log with "
                           "--query-gpu=timestamp,index,power.draw --format=csv)",
                           c_time < 0 ? "timestamp" : "power.draw"));
        return std::nullopt;
    }
    // Unit of power: from the header ("power.draw [W]"), else W.
    double header_factor = 1.0;  // to W
    const auto& ph = header.fields[static_cast<std::size_t>(c_power)];
    if (auto b = ph.find('['); b != std::string::npos && ph.back() == ']') {
        std::string err_text;
        auto u = parse_unit(ph.substr(b + 1, ph.size() - b - 2), &err_text);
        if (!u || !(u->dim == canonical_unit("W").dim)) {
            err.at(header, static_cast<std::size_t>(c_power), fmt::format("'{}': the power unit is not a unit of power", ph));
            return std::nullopt;
        }
        header_factor = u->factor / canonical_unit("W").factor;
    }
    std::map<std::string, std::vector<Sample>> series;
    std::vector<std::string> order;
    for (const auto& row : table->rows) {
        const auto& ts = row.fields[static_cast<std::size_t>(c_time)];
        const auto t = parse_timestamp(ts);
        if (!t) {
            err.at(row, static_cast<std::size_t>(c_time),
                   fmt::format("timestamp '{}' is not 'YYYY/MM/DD HH:MM:SS.fff'", ts));
            continue;
        }
        std::string pw = row.fields[static_cast<std::size_t>(c_power)];
        double factor = header_factor;
        if (auto sp = pw.find(' '); sp != std::string::npos) {  // "312.45 W" (--format=csv with units)
            std::string err_text;
            auto u = parse_unit(pw.substr(sp + 1), &err_text);
            if (u && u->dim == canonical_unit("W").dim) {
                factor = u->factor / canonical_unit("W").factor;
                pw = pw.substr(0, sp);
            }
        }
        const auto p = to_number(pw);
        if (!p || *p < 0 || !std::isfinite(*p)) {
            err.at(row, static_cast<std::size_t>(c_power),
                   fmt::format("power.draw '{}' is not a power reading", row.fields[static_cast<std::size_t>(c_power)]));
            continue;
        }
        const std::string gpu = c_gpu >= 0 ? row.fields[static_cast<std::size_t>(c_gpu)] : "0";
        auto& s = series[gpu];
        if (s.empty()) order.push_back(gpu);
        const double utc = *t - options.utc_offset_minutes * 60.0;
        if (!s.empty() && utc <= s.back().t) {
            err.at(row, static_cast<std::size_t>(c_time),
                   fmt::format("timestamp '{}' does not follow the previous sample of GPU {} (line {})", ts, gpu, s.back().line));
            continue;
        }
        s.push_back({utc, *p * factor, row.line});
    }
    // Gaps: an interval much longer than the sampling interval leaves the power unknown.
    std::vector<double> intervals;
    for (const auto& [gpu, s] : series)
        for (std::size_t i = 1; i < s.size(); ++i) intervals.push_back(s[i].t - s[i - 1].t);
    if (!intervals.empty()) {
        auto mid = intervals.begin() + static_cast<long>(intervals.size() / 2);
        std::nth_element(intervals.begin(), mid, intervals.end());
        const double median = *mid;
        const double max_gap = options.max_gap_s > 0 ? options.max_gap_s : 10.0 * median;
        for (const auto& gpu : order) {
            const auto& s = series[gpu];
            for (std::size_t i = 1; i < s.size(); ++i) {
                const double dt = s[i].t - s[i - 1].t;
                if (dt > max_gap)
                    err.at(s[i].line, 1,
                           fmt::format("gap of {:g} s in the samples of GPU {} after line {} (median interval {:g} s, "
                                       "max_gap {:g} s): the power over it is unknown; split the log, or set `max_gap` "
                                       "to bridge it linearly",
                                       dt, gpu, s[i - 1].line, median, max_gap));
            }
        }
    }
    if (err.count() > 0) return std::nullopt;
    Measurement m;
    m.format = "nvidia-smi";
    m.boundary = Boundary::accelerator;
    double t0 = INFINITY, t1 = -INFINITY;
    for (const auto& gpu : order) {
        const auto& s = series[gpu];
        if (s.size() < 2) {
            err.at(s.front().line, 1, fmt::format("GPU {} has a single sample: at least two are needed to integrate power", gpu));
            continue;
        }
        double joules = 0;
        for (std::size_t i = 1; i < s.size(); ++i) joules += 0.5 * (s[i].watts + s[i - 1].watts) * (s[i].t - s[i - 1].t);
        MeasuredRun run;
        run.id = "gpu " + gpu;
        run.line = s.front().line;
        run.energy_kwh = run.accelerator_kwh = joules * kwh_per_joule;
        run.duration_h = (s.back().t - s.front().t) / 3600.0;
        m.energy_kwh += run.energy_kwh;
        t0 = std::min(t0, s.front().t);
        t1 = std::max(t1, s.back().t);
        m.runs.push_back(run);
    }
    if (order.empty()) err.at(header.line, 1, "the nvidia-smi log has a header but no sample");
    if (err.count() > 0) return std::nullopt;
    m.accelerator_kwh = m.energy_kwh;
    m.duration_h = (t1 - t0) / 3600.0;
    m.start = iso_utc(t0);
    m.end = iso_utc(t1);
    return m;
}

}  // namespace lca4ai::io::measurements

//! Internal: readers of measurement logs (docs/measurements.md). Each takes the
//! log's text and reports every problem to the ErrorSink at file:line:column,
//! with the scenario key path that points at the log.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lca4ai/error.hpp"
#include "lca4ai/measurement.hpp"

namespace lca4ai::io::measurements {

//! A log file being read: its path (for messages), text and the scenario key that names it.
struct LogSource {
    std::string path;
    std::string text;
    std::string key_path;
};

//! Options of nvidia-smi logs, whose timestamps carry no time zone.
struct NvidiaSmiOptions {
    int utc_offset_minutes = 0;  //!< declared `timezone:` of the timestamps
    double max_gap_s = 0;        //!< a longer interval between samples is an error; 0: 10 × the median interval
};

std::optional<Measurement> read_codecarbon(const LogSource& log, ErrorSink& sink);
std::optional<Measurement> read_nvidia_smi(const LogSource& log, const NvidiaSmiOptions& options, ErrorSink& sink);
std::optional<Measurement> read_zeus(const LogSource& log, ErrorSink& sink);

//! codecarbon | nvidia-smi | zeus from the text (header or JSON), "" when unrecognised.
std::string detect_format(const std::string& text);
//! "UTC", "Z", "+02:00", "-0530", "UTC+2" -> minutes east of UTC; nullopt when not a fixed offset.
std::optional<int> parse_utc_offset(const std::string& text);

// --- shared by the CSV readers (csv.cpp) ---

//! One line of a CSV log: its 1-based number and fields (trimmed, quotes removed),
//! with the 1-based column where each field starts.
struct CsvRow {
    int line = 0;
    std::vector<std::string> fields;
    std::vector<int> columns;
};
//! Non-blank lines of `text`, split on commas (double quotes respected).
std::vector<CsvRow> csv_rows(std::string_view text);
//! A plain number, the whole field; nullopt otherwise.
std::optional<double> to_number(const std::string& s);
//! Index of the first header field named any of `names`, or -1.
int column_of(const CsvRow& header, std::initializer_list<const char*> names);

//! Reports at a row/field of a log.
class LogErrors {
public:
    LogErrors(const LogSource& log, ErrorSink& sink) : log_(log), sink_(sink) {}
    void at(int line, int column, std::string message) {
        sink_.add({log_.path, line, column}, log_.key_path, std::move(message));
        ++count_;
    }
    void at(const CsvRow& row, std::size_t field, std::string message) {
        at(row.line, field < row.columns.size() ? row.columns[field] : 1, std::move(message));
    }
    int count() const { return count_; }

private:
    const LogSource& log_;
    ErrorSink& sink_;
    int count_ = 0;
};

//! A CSV log: its header and the data rows of the header's width. Repeated headers (logs
//! appended to each other) are skipped, rows of another width reported; nullopt when empty.
struct CsvTable {
    CsvRow header;
    std::vector<CsvRow> rows;
};
std::optional<CsvTable> csv_table(std::string_view text, LogErrors& err, const std::string& empty_message);

//! [J] -> [kWh]
inline constexpr double kwh_per_joule = 1.0 / 3.6e6;

}  // namespace lca4ai::io::measurements

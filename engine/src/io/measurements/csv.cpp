//! CSV lines and numbers shared by the CodeCarbon and nvidia-smi readers, and
//! recognition of a log's format.
#include <cctype>
#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "measurements.hpp"

namespace lca4ai::io::measurements {
namespace {

std::string trim(std::string_view s, int* lead = nullptr) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    if (lead) *lead = static_cast<int>(a);
    return std::string(s.substr(a, b - a));
}

}  // namespace

std::vector<CsvRow> csv_rows(std::string_view text) {
    std::vector<CsvRow> rows;
    int line = 0;
    std::size_t pos = 0;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 byte-order mark
    while (pos < text.size()) {
        ++line;
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view l = text.substr(pos, end - pos);
        pos = end + 1;
        if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        if (trim(l).empty()) continue;
        CsvRow row;
        row.line = line;
        bool quoted = false;
        std::size_t field_start = 0;
        for (std::size_t i = 0; i <= l.size(); ++i) {
            if (i < l.size() && l[i] == '"') quoted = !quoted;
            if (i == l.size() || (l[i] == ',' && !quoted)) {
                int lead = 0;
                std::string f = trim(l.substr(field_start, i - field_start), &lead);
                if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
                row.fields.push_back(std::move(f));
                row.columns.push_back(static_cast<int>(field_start) + lead + 1);
                field_start = i + 1;
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::optional<CsvTable> csv_table(std::string_view text, LogErrors& err, const std::string& empty_message) {
    auto rows = csv_rows(text);
    if (rows.empty()) {
        err.at(1, 1, empty_message);
        return std::nullopt;
    }
    CsvTable t;
    t.header = std::move(rows[0]);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].fields == t.header.fields) continue;
        if (rows[r].fields.size() != t.header.fields.size()) {
            err.at(rows[r].line, 1, fmt::format("malformed row: {} fields where the header has {}", rows[r].fields.size(),
                                                t.header.fields.size()));
            continue;
        }
        t.rows.push_back(std::move(rows[r]));
    }
    return t;
}

std::optional<double> to_number(const std::string& s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return std::nullopt;
    return v;
}

int column_of(const CsvRow& header, std::initializer_list<const char*> names) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        std::string f = header.fields[i];
        if (auto b = f.find(" ["); b != std::string::npos) f = f.substr(0, b);  // nvidia-smi: "power.draw [W]"
        for (const char* n : names)
            if (f == n) return static_cast<int>(i);
    }
    return -1;
}

std::string detect_format(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) return "zeus";
    const auto rows = csv_rows(std::string_view(text).substr(0, text.find('\n') == std::string::npos ? text.size() : text.find('\n') + 1));
    if (rows.empty()) return "";
    if (column_of(rows[0], {"energy_consumed"}) >= 0) return "codecarbon";
    if (column_of(rows[0], {"power.draw", "power.draw.average", "power.draw.instant"}) >= 0) return "nvidia-smi";
    return "";
}

std::optional<int> parse_utc_offset(const std::string& text) {
    std::string s = text;
    if (s == "UTC" || s == "Z" || s == "GMT") return 0;
    if (s.rfind("UTC", 0) == 0 || s.rfind("GMT", 0) == 0) s = s.substr(3);
    if (s.size() < 2 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    const int sign = s[0] == '-' ? -1 : 1;
    std::string digits;
    for (std::size_t i = 1; i < s.size(); ++i)
        if (s[i] != ':') digits += s[i];
    for (char c : digits)
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    int h = 0, m = 0;
    if (digits.size() <= 2) h = std::atoi(digits.c_str());
    else if (digits.size() == 4) {
        h = std::atoi(digits.substr(0, 2).c_str());
        m = std::atoi(digits.substr(2).c_str());
    } else {
        return std::nullopt;
    }
    if (h > 14 || m >= 60) return std::nullopt;
    return sign * (h * 60 + m);
}

}  // namespace lca4ai::io::measurements

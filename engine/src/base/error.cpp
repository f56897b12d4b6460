#include "lca4ai/error.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <fmt/format.h>

namespace lca4ai {

std::string InputError::one_line() const {
    std::string out;
    if (!where.file.empty()) {
        out = where.line > 0 ? fmt::format("{}:{}:{}: ", where.file, where.line, where.column)
                             : where.file + ": ";
    }
    if (!key_path.empty()) out += key_path + ": ";
    return out + message;
}

std::string InputError::with_excerpt() const {
    std::string out = one_line();
    if (!excerpt.empty() && where.column > 0) {
        out += fmt::format("\n    {}\n    {}^", excerpt, std::string(static_cast<std::size_t>(where.column - 1), ' '));
    }
    return out;
}

static std::string summary(const std::vector<InputError>& errors) {
    std::string out;
    for (const auto& e : errors) out += e.one_line() + "\n";
    if (!out.empty()) out.pop_back();
    return out;
}

ScenarioError::ScenarioError(std::vector<InputError> errors)
    : std::runtime_error(summary(errors)), errors_(std::move(errors)) {}

void ErrorSink::add(SourceLocation where, std::string key_path, std::string message) {
    errors_.push_back({std::move(where), std::move(key_path), std::move(message), {}});
}

void ErrorSink::throw_if_any() const {
    if (errors_.empty()) return;
    auto errors = errors_;
    std::stable_sort(errors.begin(), errors.end(), [](const InputError& a, const InputError& b) {
        if (a.where.file != b.where.file) return a.where.file < b.where.file;
        if (a.where.line != b.where.line) return a.where.line < b.where.line;
        return a.where.column < b.where.column;
    });
    std::map<std::string, std::vector<std::string>> lines;  // each file read once
    for (auto& e : errors) {
        if (e.where.line <= 0 || e.where.file.empty()) continue;
        auto it = lines.find(e.where.file);
        if (it == lines.end()) {
            std::ifstream in(e.where.file);
            std::vector<std::string> all;
            for (std::string l; std::getline(in, l);) all.push_back(l);
            it = lines.emplace(e.where.file, std::move(all)).first;
        }
        if (static_cast<std::size_t>(e.where.line) <= it->second.size()) e.excerpt = it->second[static_cast<std::size_t>(e.where.line - 1)];
    }
    throw ScenarioError(std::move(errors));
}

static std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t subst = prev[j - 1] + (std::tolower(a[i - 1]) == std::tolower(b[j - 1]) ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        const auto d = edit_distance(word, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    const auto best = closest_match(word, candidates);
    return best.empty() ? std::string{} : fmt::format(" (did you mean '{}'?)", best);
}

}  // namespace lca4ai

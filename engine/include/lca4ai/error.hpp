//! Input errors: one type, with the place in the input it comes from.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace lca4ai {

//! A position in an input file (1-based line and column; 0 when unknown).
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;
};

//! One problem found in a scenario or inventory file.
struct InputError {
    SourceLocation where;
    std::string key_path;  //!< e.g. nodes.pretraining.hardware.count
    std::string message;   //!< what is wrong and what was expected
    std::string excerpt;   //!< the offending source line, when known

    //! `file:line:col: key.path: message` on one line.
    std::string one_line() const;
    //! The one-line form followed by the source line and a caret.
    std::string with_excerpt() const;
};

//! All problems found in one input, thrown together once loading is done.
class ScenarioError : public std::runtime_error {
public:
    explicit ScenarioError(std::vector<InputError> errors);
    const std::vector<InputError>& errors() const { return errors_; }

private:
    std::vector<InputError> errors_;
};

//! An error of the calculation itself (e.g. a singular technosphere), not of one input line.
class CalculationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

//! Collects problems so that every one of them is reported at once.
class ErrorSink {
public:
    void add(SourceLocation where, std::string key_path, std::string message);
    bool empty() const { return errors_.empty(); }
    std::size_t size() const { return errors_.size(); }
    //! Throws ScenarioError if anything was collected (with excerpts read from the files).
    void throw_if_any() const;
    const std::vector<InputError>& errors() const { return errors_; }

private:
    std::vector<InputError> errors_;
};

//! Closest candidate by edit distance, or empty when nothing is close.
std::string closest_match(const std::string& word, const std::vector<std::string>& candidates);

//! " (did you mean 'x'?)" or "" — appended to unknown-name messages.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace lca4ai

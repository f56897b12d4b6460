//! Parses "= 2 * $gpus * 700 W + inventory.FR.gwp * 1 kWh" into an Expr in SI
//! units, checking dimensions as it goes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "lca4ai/expr.hpp"
#include "lca4ai/units.hpp"

namespace lca4ai {

struct TypedExpr {
    Expr expr;  //!< value in SI
    Dimension dim;
};

//! Resolves `$name` (is_parameter) or `inventory.rec.field` to a typed value; nullopt + error when unknown.
using SymbolResolver = std::function<std::optional<TypedExpr>(const std::string& name, bool is_parameter, std::string* error)>;

//! Parses an expression (without the leading '='). nullopt + error (with the column offset) on failure.
std::optional<TypedExpr> parse_expression(std::string_view text, const SymbolResolver& resolve, std::string* error);

}  // namespace lca4ai

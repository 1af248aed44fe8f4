#pragma once
// Result of an operation that returns nothing but may fail.

#include <variant>

#include "core/error.h"

namespace printline::store {

using Status = Result<std::monostate>;
inline Status ok_status() { return std::monostate{}; }

}  // namespace printline::store

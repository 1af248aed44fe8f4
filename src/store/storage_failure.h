#pragma once
// A store answer that failed because the database or the disk did (worth retrying, counted
// for monitoring), told apart from a rule refusing the request, which the store words in its
// own message for the caller to act on. The SQL store makes its failures with storage_failure().

#include <string>
#include <string_view>

#include "core/error.h"

namespace printline::store {

inline constexpr std::string_view kStorageFailurePrefix = "storage failure: ";

inline Error storage_failure(std::string_view what) {
  return Error{std::string(kStorageFailurePrefix).append(what)};
}

inline bool is_storage_failure(const Error& error) {
  return error.message.starts_with(kStorageFailurePrefix);
}

}  // namespace printline::store

#pragma once
// A failure as a value: what went wrong, in words a person can act on.
// Layers return Result<T> instead of throwing across library boundaries (STYLE.md, LevelDB).

#include <string>
#include <utility>
#include <variant>

namespace printline {

struct Error {
  std::string message;
};

// E is the error type: Error by default; a layer may carry a richer one (the API client's
// ApiError has the HTTP status and whether the server was reachable at all).
template <typename T, typename E = Error>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(E error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const E& error() const { return std::get<E>(state_); }

 private:
  std::variant<T, E> state_;
};

// The result of an operation that returns nothing but may fail.
using Status = Result<std::monostate>;
inline Status ok_status() { return std::monostate{}; }

}  // namespace printline

#pragma once
// An amount of money in cents whose arithmetic refuses to overflow (D12). Every sum and
// product of the ledger — a job's price, a balance after a charge or refund, a report's
// total — goes through Money, so an absurd number a client reports (922,337,203,685,477,580
// pages) is a refusal with a message, never a wrapped balance of 9.2×10^18 cents.

#include <cstdint>
#include <limits>
#include <optional>

namespace printline::model {

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money cents(std::int64_t value) { return Money(value); }
  constexpr std::int64_t cents() const { return cents_; }

  // nullopt when the exact result does not fit in 64-bit cents.
  constexpr std::optional<Money> plus(Money other) const {
    std::int64_t sum = 0;
    if (__builtin_add_overflow(cents_, other.cents_, &sum)) return std::nullopt;
    return Money(sum);
  }
  constexpr std::optional<Money> minus(Money other) const {
    std::int64_t difference = 0;
    if (__builtin_sub_overflow(cents_, other.cents_, &difference)) return std::nullopt;
    return Money(difference);
  }
  constexpr std::optional<Money> times(std::int64_t factor) const {
    std::int64_t product = 0;
    if (__builtin_mul_overflow(cents_, factor, &product)) return std::nullopt;
    return Money(product);
  }

  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t value) : cents_(value) {}
  std::int64_t cents_ = 0;
};

// A count (pages, jobs) multiplied or added without overflow; nullopt when it does not fit.
constexpr std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}
constexpr std::optional<std::int64_t> checked_multiply(std::int64_t a, std::int64_t b) {
  std::int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

// Adds for a total that must never fail (reports, dashboards): clamps at the int64 limits
// and remembers that it did, so the reader can flag the figure instead of showing a wrapped one.
struct SaturatingSum {
  std::int64_t value = 0;
  bool saturated = false;

  void add(std::int64_t amount) {
    if (saturated) return;
    if (__builtin_add_overflow(value, amount, &value)) {
      value = amount > 0 ? std::numeric_limits<std::int64_t>::max()
                         : std::numeric_limits<std::int64_t>::min();
      saturated = true;
    }
  }
};

}  // namespace printline::model

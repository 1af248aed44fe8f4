#pragma once
// must(result): the value, or a std::runtime_error with the error's message — for test and
// benchmark set-up, where a failure should stop the test with the reason rather than be
// checked line by line.

#include <stdexcept>
#include <utility>

#include "core/error.h"

namespace printline::testing {

template <typename T, typename E>
T must(Result<T, E> result) {
  if (!result.ok()) throw std::runtime_error(result.error().message);
  return std::move(result.value());
}

}  // namespace printline::testing

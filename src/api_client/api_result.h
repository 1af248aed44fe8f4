#pragma once
// Result of an API call: a value or an ApiError (core's Result with the richer error the API
// needs: HTTP status, server message, and whether the server was reachable at all).

#include "api_client/api_error.h"
#include "core/error.h"

namespace printline::api_client {

// For calls whose success carries nothing (logout, delete).
struct Done {};

template <typename T>
using ApiResult = printline::Result<T, ApiError>;

}  // namespace printline::api_client

#pragma once
// The query parameters that select jobs, shared by job listings and reports:
// user, printer (id or name), origin, state, from, to (ISO times), limit, offset.

#include "server/api_route.h"
#include "store/job_filter.h"

namespace printline::server {

// with_people: whether `user` and `printer` may be given (administrators' routes).
// Bad values are 400 naming the parameter.
store::JobFilter job_filter_from_query(const ApiCall& call, bool with_people,
                                       int default_limit = 100);

}  // namespace printline::server

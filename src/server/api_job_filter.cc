#include "server/api_job_filter.h"

#include <fmt/format.h>

#include "core/i18n.h"
#include "server/api_lookup.h"

namespace printline::server {
namespace {

model::Timestamp time_parameter(const std::string& text, const char* name) {
  auto t = model::parse_timestamp(text);
  if (!t) {
    throw bad_request(trf("Parameter \"{parameter}\" = \"{value}\" is not a time: use "
                          "YYYY-MM-DDTHH:MM:SSZ, e.g. 2026-11-01T00:00:00Z.",
                          fmt::arg("parameter", name), fmt::arg("value", text)),
                      name);
  }
  return *t;
}

int int_parameter(const std::string& text, const char* name, int low, int high) {
  auto value = as_id(text);
  if (!value || *value < low || *value > high) {
    throw bad_request(trf("Parameter \"{parameter}\" = \"{value}\" must be a number from {low} "
                          "to {high}.",
                          fmt::arg("parameter", name), fmt::arg("value", text),
                          fmt::arg("low", low), fmt::arg("high", high)),
                      name);
  }
  return static_cast<int>(*value);
}

}  // namespace

store::JobFilter job_filter_from_query(const ApiCall& call, bool with_people, int default_limit) {
  store::JobFilter filter;
  filter.limit = default_limit;
  auto& store = call.context.store;
  if (with_people) {
    if (auto user = call.query("user")) {
      auto found = lookup_user(store, *user);
      if (!found) {
        throw bad_request(trf("There is no user \"{user}\".", fmt::arg("user", *user)), "user");
      }
      filter.owner_id = found->id;
    }
    if (auto printer = call.query("printer")) {
      auto found = lookup_printer(store, *printer);
      if (!found)
        throw bad_request(trf("There is no printer \"{printer}\".", fmt::arg("printer", *printer)),
                          "printer");
      filter.printer_id = found->id;
    }
  } else if (call.query("user") || call.query("printer")) {
    throw bad_request(tr("Parameters \"user\" and \"printer\" are for administrators' listings."));
  }
  if (auto origin = call.query("origin")) {
    filter.origin = model::origin_from_name(*origin);
    if (!filter.origin) {
      throw bad_request(tr("Parameter \"origin\" must be server or fallback."), "origin");
    }
  }
  if (auto twice = call.query("printed_twice")) {
    if (*twice != "true" && *twice != "false") {
      throw bad_request(tr("Parameter \"printed_twice\" must be true or false."),
                        "printed_twice");
    }
    filter.printed_twice_only = *twice == "true";
  }
  if (auto state = call.query("state")) {
    filter.state = model::state_from_name(*state);
    if (!filter.state) {
      throw bad_request(
          tr("Parameter \"state\" must be pending, held, printing, printed, failed or "
             "cancelled."),
          "state");
    }
  }
  if (auto from = call.query("from")) filter.from = time_parameter(*from, "from");
  if (auto to = call.query("to")) filter.to = time_parameter(*to, "to");
  if (auto limit = call.query("limit")) filter.limit = int_parameter(*limit, "limit", 1, 1000);
  if (auto offset = call.query("offset")) {
    filter.offset = int_parameter(*offset, "offset", 0, 1 << 30);
  }
  return filter;
}

}  // namespace printline::server

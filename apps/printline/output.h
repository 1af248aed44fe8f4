#pragma once
// Shared printing for the commands that talk to the server: aligned tables and "field: value"
// blocks for people, the API's JSON as it is for scripts (--json).

#include <cstdint>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace printline::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // Columns padded to their widest cell; "(none)" when there are no rows.
  void print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

using Fields = std::vector<std::pair<std::string, std::string>>;
void print_fields(std::ostream& out, const Fields& fields);

void print_json(std::ostream& out, const nlohmann::json& value);

// An amount for people, in the server's currency once set_money_currency() has been told it
// and the workstation's language: "€12.50", "12,50 €"; "12.50" while the currency is unknown.
std::string money(std::int64_t cents);
void set_money_currency(std::string currency);
std::string yes_no(bool value);
// A JSON scalar as text: strings bare, null and "" as "-", numbers and booleans as JSON.
std::string text_of(const nlohmann::json& value);
// j[key] as text, "-" when absent or null.
std::string field_text(const nlohmann::json& object, const char* key);

// A field holding an ISO 8601 UTC time ("2026-12-04T22:05:00Z"), as people read it here
// (core/date_time_text.h); any other value as field_text() shows it.
std::string time_field_text(const nlohmann::json& object, const char* key);
std::string time_text(const std::string& iso_utc);
// [1, 2] → "1, 2"; empty → "-".
std::string joined(const nlohmann::json& array);

}  // namespace printline::cli

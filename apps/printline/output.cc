#include "output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <utility>
#include <vector>

#include "core/date_time_text.h"
#include "core/i18n.h"
#include "core/money_text.h"
#include "model/timestamp.h"

namespace printline::cli {

namespace {

// The columns a cell takes on a terminal: its UTF-8 characters, not its bytes ("€", "é").
std::size_t columns_of(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> widths(headers_.size(), 0);
  auto widen = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], columns_of(cells[i]));
    }
  };
  widen(headers_);
  for (const auto& row : rows_) widen(row);
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : "";
      line += cell;
      if (i + 1 < widths.size()) line += std::string(widths[i] - columns_of(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
  if (rows_.empty()) out << tr("(none)") << "\n";
}

void print_fields(std::ostream& out, const Fields& fields) {
  // "Name:" in English, "Nom :" in French (a space before the colon).
  std::vector<std::string> labels;
  std::size_t width = 0;
  for (const auto& field : fields) {
    labels.push_back(trf("{label}:", fmt::arg("label", field.first)));
    width = std::max(width, columns_of(labels.back()));
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    out << labels[i] << std::string(width - columns_of(labels[i]) + 1, ' ') << fields[i].second
        << "\n";
  }
}

void print_json(std::ostream& out, const nlohmann::json& value) { out << value.dump(2) << "\n"; }

namespace {

// One process, one server: the currency the amounts it prints are in.
std::string& money_currency() {
  static std::string currency;
  return currency;
}

}  // namespace

std::string money(std::int64_t cents) {
  return money_text(cents, money_currency(), i18n::current_language());
}

void set_money_currency(std::string currency) { money_currency() = std::move(currency); }

std::string yes_no(bool value) { return value ? tr("yes") : tr("no"); }

std::string text_of(const nlohmann::json& value) {
  if (value.is_null()) return "-";
  if (value.is_string()) return value.get<std::string>().empty() ? "-" : value.get<std::string>();
  return value.dump();
}

std::string field_text(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "-";
  auto it = object.find(key);
  return it == object.end() ? "-" : text_of(*it);
}

std::string time_text(const std::string& iso_utc) {
  const auto when = model::parse_timestamp(iso_utc);
  return when ? date_time_text(*when) : iso_utc;
}

std::string time_field_text(const nlohmann::json& object, const char* key) {
  const std::string text = field_text(object, key);
  return text == "-" ? text : time_text(text);
}

std::string joined(const nlohmann::json& array) {
  if (!array.is_array() || array.empty()) return "-";
  std::string out;
  for (const auto& item : array) {
    if (!out.empty()) out += ", ";
    out += text_of(item);
  }
  return out;
}

}  // namespace printline::cli

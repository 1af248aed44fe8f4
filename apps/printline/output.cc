#include "output.h"

#include <algorithm>
#include <cstdlib>
#include <ostream>

namespace printline::cli {

void Table::print(std::ostream& out) const {
  std::vector<std::size_t> widths(headers_.size(), 0);
  auto widen = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], cells[i].size());
    }
  };
  widen(headers_);
  for (const auto& row : rows_) widen(row);
  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      const std::string cell = i < cells.size() ? cells[i] : "";
      line += cell;
      if (i + 1 < widths.size()) line += std::string(widths[i] - cell.size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  print_row(headers_);
  for (const auto& row : rows_) print_row(row);
  if (rows_.empty()) out << "(none)\n";
}

void print_fields(std::ostream& out, const Fields& fields) {
  std::size_t width = 0;
  for (const auto& [name, value] : fields) width = std::max(width, name.size());
  for (const auto& [name, value] : fields) {
    out << name << ":" << std::string(width - name.size() + 1, ' ') << value << "\n";
  }
}

void print_json(std::ostream& out, const nlohmann::json& value) { out << value.dump(2) << "\n"; }

std::string money(std::int64_t cents) {
  const std::int64_t magnitude = std::llabs(cents);
  std::string fraction = std::to_string(magnitude % 100);
  if (fraction.size() < 2) fraction.insert(0, "0");
  return (cents < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + fraction;
}

std::string yes_no(bool value) { return value ? "yes" : "no"; }

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

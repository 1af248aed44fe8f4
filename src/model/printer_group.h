#pragma once
// A named, ordered set of printers: the failover order of a direct queue and a way to name
// the fallback printers of a profile at once.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace printline::model {

struct PrinterGroup {
  std::int64_t id = 0;
  std::string name;
  std::string description;
  std::vector<std::int64_t> printer_ids;  // in failover order

  bool operator==(const PrinterGroup&) const = default;
};

void to_json(nlohmann::json& j, const PrinterGroup& group);
void from_json(const nlohmann::json& j, PrinterGroup& group);

}  // namespace printline::model

#include "model/printer_group.h"

#include "model/json.h"

namespace printline::model {

void to_json(nlohmann::json& j, const PrinterGroup& group) {
  j = {{"id", group.id},
       {"name", group.name},
       {"description", group.description},
       {"printer_ids", group.printer_ids}};
}

void from_json(const nlohmann::json& j, PrinterGroup& group) {
  read_optional_field(j, "id", group.id);
  j.at("name").get_to(group.name);
  read_optional_field(j, "description", group.description);
  read_optional_field(j, "printer_ids", group.printer_ids);
}

}  // namespace printline::model

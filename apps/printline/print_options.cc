#include "print_options.h"

#include <sstream>

#include "core/i18n.h"

namespace printline::cli {

Result<model::JobTicket> ticket_from_print_options(const std::vector<std::string>& options,
                                                   std::optional<int> copies) {
  model::OptionList list;
  for (const auto& option : options) {
    std::istringstream words(option);
    std::string word;
    while (words >> word) {
      const auto equals = word.find('=');
      if (equals == 0) {
        return Error{trf("The print option \"{option}\" has no name: write NAME=VALUE, such as "
                         "sides=two-sided-long-edge.",
                         fmt::arg("option", word))};
      }
      if (equals == std::string::npos) list.emplace_back(word, "");
      else list.emplace_back(word.substr(0, equals), word.substr(equals + 1));
    }
  }
  if (copies) list.emplace_back("copies", std::to_string(*copies));
  return model::apply_options({}, list, model::UnknownOptions::kRefuse);
}

}  // namespace printline::cli

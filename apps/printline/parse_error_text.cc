#include "parse_error_text.h"

#include <fmt/format.h>

#include <regex>

#include "core/i18n.h"

namespace printline::cli {
namespace {

// The reason a validator (CLI::Range, CLI::ExistingFile, CLI::IsMember) gave for `value`.
std::string validation_reason(const std::string& option, const std::string& reason) {
  std::smatch m;
  static const std::regex kRange(R"(Value (.*) not in range (\S+) to (\S+))");
  static const std::regex kMissingFile(R"(File does not exist: (.*))");
  static const std::regex kDirectory(R"(File is actually a directory: (.*))");
  static const std::regex kNotMember(R"((.*) not in \{(.*)\})");
  if (std::regex_match(reason, m, kRange))
    return trf("{option}: {value} is not between {min} and {max}.", fmt::arg("option", option),
               fmt::arg("value", m[1].str()), fmt::arg("min", m[2].str()),
               fmt::arg("max", m[3].str()));
  if (std::regex_match(reason, m, kMissingFile))
    return trf("{option}: there is no file {file}.", fmt::arg("option", option),
               fmt::arg("file", m[1].str()));
  if (std::regex_match(reason, m, kDirectory))
    return trf("{option}: {file} is a directory, not a file.", fmt::arg("option", option),
               fmt::arg("file", m[1].str()));
  if (std::regex_match(reason, m, kNotMember))
    return trf("{option}: {value} is not one of {choices}.", fmt::arg("option", option),
               fmt::arg("value", m[1].str()), fmt::arg("choices", m[2].str()));
  return option + ": " + reason;  // a validator of our own: its reason is already translated
}

// The error line alone: "--copies: 0 is not between 1 and 999."
std::string parse_error_line(const std::string& message) {
  std::smatch m;
  static const std::regex kSubcommand(R"(A subcommand is required)");
  static const std::regex kRequired(R"((.+) is required)");
  static const std::regex kExtras(R"(The following arguments? (?:was|were) not expected: (.*))");
  static const std::regex kConvert(R"(Could not convert: (\S+) = (.*))");
  static const std::regex kNotAllowed(R"(The value (.*) is not an allowed value for (.+))");
  static const std::regex kRequires(R"((\S+) requires (.+))");
  static const std::regex kExcludes(R"((\S+) excludes (.+))");
  static const std::regex kCount(
      R"(Expected (?:exactly|at least) \d+ arguments? to (\S+), got \d+)");
  static const std::regex kTypedCount(R"((\S+): \d+ required .* missing)");
  static const std::regex kNotFound(R"((\S+) not found)");
  static const std::regex kValidation(R"((\S+): (.+))");
  if (std::regex_match(message, kSubcommand)) return tr("A command is needed.");
  if (std::regex_match(message, m, kRequired))
    return trf("{option} is required.", fmt::arg("option", m[1].str()));
  if (std::regex_match(message, m, kExtras))
    return trf("Not understood: {arguments}.", fmt::arg("arguments", m[1].str()));
  if (std::regex_match(message, m, kConvert))
    return trf("{option}: {value} is not a valid value.", fmt::arg("option", m[1].str()),
               fmt::arg("value", m[2].str()));
  if (std::regex_match(message, m, kNotAllowed))
    return trf("{option}: {value} is not a valid value.", fmt::arg("option", m[2].str()),
               fmt::arg("value", m[1].str()));
  if (std::regex_match(message, m, kRequires))
    return trf("{option} needs {other} too.", fmt::arg("option", m[1].str()),
               fmt::arg("other", m[2].str()));
  if (std::regex_match(message, m, kExcludes))
    return trf("{option} cannot be used with {other}.", fmt::arg("option", m[1].str()),
               fmt::arg("other", m[2].str()));
  if (std::regex_match(message, m, kCount) || std::regex_match(message, m, kTypedCount))
    return trf("{option} was given the wrong number of values.", fmt::arg("option", m[1].str()));
  if (std::regex_match(message, m, kNotFound))
    return trf("There is no option {option}.", fmt::arg("option", m[1].str()));
  if (std::regex_match(message, m, kValidation)) return validation_reason(m[1].str(), m[2].str());
  return message;
}

}  // namespace

std::string parse_error_text(const CLI::App* app, const CLI::Error& error) {
  std::string text = parse_error_line(error.what()) + "\n";
  if (app != nullptr && app->get_help_ptr() != nullptr)
    text += trf("Run with {help} for more information.",
                fmt::arg("help", app->get_help_ptr()->get_name())) +
            "\n";
  return text;
}

}  // namespace printline::cli

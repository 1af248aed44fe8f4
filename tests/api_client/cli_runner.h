#pragma once
// Runs the built `printline` binary like a script would: arguments, extra environment, exit
// code and both outputs captured. Standard input is /dev/null, so a password prompt fails
// instead of hanging.

#include <map>
#include <string>
#include <vector>

namespace printline::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `environment` entries override the inherited ones; an empty value removes the variable.
CliRun run_cli(const std::string& binary, const std::vector<std::string>& arguments,
               const std::map<std::string, std::string>& environment);

}  // namespace printline::testing

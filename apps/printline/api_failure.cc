#include "api_failure.h"

#include <iostream>

#include "core/i18n.h"
#include "exit_codes.h"

namespace printline::cli {

int report_failure(const std::string& command, const api_client::ApiError& error) {
  std::cerr << "printline " << command << ": " << api_client::describe(error) << "\n";
  if (error.unreachable()) return kServerUnreachable;
  switch (error.http_status) {
    case 401:
      std::cerr << "  " << tr("Your login was refused or has expired: run `printline login` again.")
                << "\n";
      return kNotLoggedIn;
    case 403:
      std::cerr << "  " << tr("This needs an administrator account.") << "\n";
      return kRefusedByServer;
    case 429:
      if (error.retry_after_s) {
        std::cerr << "  "
                  << trf("Try again in {seconds} s.", fmt::arg("seconds", *error.retry_after_s))
                  << "\n";
      }
      return kRefusedByServer;
    default:
      break;
  }
  return error.kind == api_client::FailureKind::kServerRefused ? kRefusedByServer : kFailure;
}

int report_local_failure(const std::string& command, const std::string& message, int exit_code) {
  std::cerr << "printline " << command << ": " << message << "\n";
  return exit_code;
}

}  // namespace printline::cli

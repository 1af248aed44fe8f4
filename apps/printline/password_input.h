#pragma once
// Where a password comes from: a file (scripts), an environment variable (scripts), or a
// prompt on the terminal without echo (people). Never from the command line, where `ps`
// shows it to everyone.

#include <string>

#include "core/error.h"

namespace printline::cli {

struct PasswordSource {
  std::string file;  // --password-file; "-" reads standard input
  const char* environment_variable = "PRINTLINE_PASSWORD";
  std::string prompt = "Password: ";
};

// The first line of the file, else the environment variable, else the prompt. An error when
// there is no terminal to prompt on, saying which option to use instead.
Result<std::string> read_password(const PasswordSource& source);

}  // namespace printline::cli

#include "password_input.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "core/i18n.h"

namespace printline::cli {

namespace {

std::string strip_line_end(std::string line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  return line;
}

Result<std::string> prompt_without_echo(const std::string& prompt, const char* variable) {
  const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0) {
    return Error{trf("No terminal to ask for the password: use --password-file FILE or set "
                     "{variable}.",
                     fmt::arg("variable", variable))};
  }
  termios saved{};
  const bool is_terminal = ::tcgetattr(tty, &saved) == 0;
  if (is_terminal) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(tty, TCSAFLUSH, &quiet);
  }
  (void)!::write(tty, prompt.data(), prompt.size());
  std::string line;
  char c = 0;
  while (::read(tty, &c, 1) == 1 && c != '\n') line += c;
  if (is_terminal) ::tcsetattr(tty, TCSAFLUSH, &saved);
  (void)!::write(tty, "\n", 1);
  ::close(tty);
  return strip_line_end(line);
}

}  // namespace

Result<std::string> read_password(const PasswordSource& source) {
  if (!source.file.empty()) {
    std::string line;
    if (source.file == "-") {
      std::getline(std::cin, line);
    } else {
      std::ifstream in(source.file);
      if (!in) {
        return Error{trf("Cannot read the password file {file}.", fmt::arg("file", source.file))};
      }
      std::getline(in, line);
    }
    return strip_line_end(line);
  }
  if (const char* value = std::getenv(source.environment_variable); value != nullptr && *value) {
    return std::string(value);
  }
  return prompt_without_echo(source.prompt, source.environment_variable);
}

}  // namespace printline::cli

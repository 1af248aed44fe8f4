#pragma once
// Every connection is a file descriptor: a server for thousands of workstations needs more
// than the usual soft limit of 1024. Raises the soft RLIMIT_NOFILE to the hard limit, and
// says whether that reaches `enough`.

#include <cstdint>
#include <string>

namespace printline::http {

struct FdLimit {
  std::uint64_t soft = 0;  // in force after the call
  bool enough = false;     // soft >= enough
  std::string message;     // when not enough: what happened and what to do
};

FdLimit raise_fd_limit(std::uint64_t enough);

}  // namespace printline::http

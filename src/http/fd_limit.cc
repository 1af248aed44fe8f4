#include "http/fd_limit.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace printline::http {

FdLimit raise_fd_limit(std::uint64_t enough) {
  // As high as the hard limit lets, within reason: connections are cheap, descriptors are the
  // only thing that runs out.
  constexpr std::uint64_t wanted = 1 << 20;
  FdLimit result;
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    result.message = fmt::format("Cannot read the open-file limit: {}.", std::strerror(errno));
    return result;
  }
  if (limit.rlim_cur < wanted) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min<rlim_t>(wanted, limit.rlim_max);
    if (raised.rlim_cur > limit.rlim_cur && ::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      limit = raised;
    }
  }
  result.soft = limit.rlim_cur;
  result.enough = limit.rlim_cur >= enough;
  if (!result.enough) {
    result.message = fmt::format(
        "Only {} files may be open (hard limit {}), so at most about {} connections can be "
        "served at once, fewer than the {} wanted. Raise the limit (systemd: LimitNOFILE=; "
        "shell: ulimit -Hn) and restart.",
        limit.rlim_cur, limit.rlim_max == RLIM_INFINITY ? std::string("unlimited")
                                                         : std::to_string(limit.rlim_max),
        limit.rlim_cur > 64 ? limit.rlim_cur - 64 : 0, enough);
  }
  return result;
}

}  // namespace printline::http

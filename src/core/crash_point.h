#pragma once
// Named points where a test may kill the process, to prove that recovery works from each of
// them (SPEC §5 "kill -9 at any moment"). In production nothing happens: the environment
// variable is read once and is normally unset.
//
//   PRINTLINE_CRASH_AT=<name>[:<n>]   the n-th time (default 1st) the process reaches the
//                                     point <name>, it sends itself SIGKILL — exactly what
//                                     `kill -9` does, with no destructor, flush or atexit.
//   PRINTLINE_CRASH_SIGNAL=STOP       freeze there instead (SIGSTOP): a hung process, which a
//                                     test continues with SIGCONT.
//
// Points are named after what has just become durable, e.g. "client.outbox-recorded".

#include <string_view>

namespace printline {

void crash_point(std::string_view name);

}  // namespace printline

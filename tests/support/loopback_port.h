#pragma once
// Loopback ports for test peers. Only loopback addresses (127.0.0.0/8, ::1) are ever used.

#include <chrono>
#include <functional>
#include <string>

namespace printline::testing {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
// Peers that lose the race simply fail to start; callers retry with another port.
int pick_free_port();

// Whether something accepts connections on 127.0.0.1:port within timeout. still_alive (if given)
// is checked between attempts so a peer that died is not waited for.
bool wait_until_listening(int port, std::chrono::milliseconds timeout,
                          const std::function<bool()>& still_alive = {});
// The same on another loopback address (127.0.0.0/8 only).
bool wait_until_listening(const std::string& host, int port, std::chrono::milliseconds timeout,
                          const std::function<bool()>& still_alive = {});

}  // namespace printline::testing

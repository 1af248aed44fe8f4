#pragma once
// Delivers ClientEvents to every subscriber (the control socket's event stream, the tray app,
// tests). Listeners run on the thread that emits, outside the bus's lock; a listener must
// return quickly and must not unsubscribe itself from inside the call.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "client/client_service.h"

namespace printline::client {

class EventBus : public std::enable_shared_from_this<EventBus> {
 public:
  using Listener = std::function<void(const ClientEvent&)>;

  std::unique_ptr<Subscription> subscribe(Listener listener);
  void emit(const ClientEvent& event);
  // To one subscriber only (pending prompts re-sent to a new subscriber, D3).
  static void deliver(const Listener& listener, const ClientEvent& event);

 private:
  class Ticket;
  void unsubscribe(std::uint64_t id);

  std::mutex mutex_;
  std::map<std::uint64_t, std::shared_ptr<Listener>> listeners_;
  std::uint64_t next_id_ = 1;
};

}  // namespace printline::client

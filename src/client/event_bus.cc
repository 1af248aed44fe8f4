#include "client/event_bus.h"

#include <spdlog/spdlog.h>

#include <exception>
#include <vector>

namespace printline::client {

class EventBus::Ticket : public Subscription {
 public:
  Ticket(std::weak_ptr<EventBus> bus, std::uint64_t id) : bus_(std::move(bus)), id_(id) {}
  ~Ticket() override {
    if (auto bus = bus_.lock()) bus->unsubscribe(id_);
  }

 private:
  std::weak_ptr<EventBus> bus_;
  std::uint64_t id_;
};

std::unique_ptr<Subscription> EventBus::subscribe(Listener listener) {
  std::lock_guard lock(mutex_);
  const auto id = next_id_++;
  listeners_[id] = std::make_shared<Listener>(std::move(listener));
  return std::make_unique<Ticket>(weak_from_this(), id);
}

void EventBus::unsubscribe(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  listeners_.erase(id);
}

void EventBus::deliver(const Listener& listener, const ClientEvent& event) {
  try {
    listener(event);
  } catch (const std::exception& e) {
    // One broken subscriber must not stop the daemon or the other subscribers.
    spdlog::warn("an event subscriber failed: {}", e.what());
  }
}

void EventBus::emit(const ClientEvent& event) {
  std::vector<std::shared_ptr<Listener>> listeners;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, listener] : listeners_) listeners.push_back(listener);
  }
  for (const auto& listener : listeners) deliver(*listener, event);
}

}  // namespace printline::client

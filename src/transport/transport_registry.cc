#include "transport/transport_registry.h"

#include <map>
#include <mutex>

#include "transport/ipp_transport.h"
#include "transport/lpr_transport.h"
#include "transport/socket_transport.h"

namespace printline::transport {
namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const PrintTransport>, std::less<>> transports;

  Registry() {
    auto ipp = std::make_shared<IppTransport>();
    transports["socket"] = std::make_shared<SocketTransport>();
    transports["lpd"] = std::make_shared<LprTransport>();
    transports["ipp"] = ipp;
    transports["ipps"] = ipp;
  }
};

Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace

void register_transport(std::string_view scheme, std::shared_ptr<const PrintTransport> transport) {
  std::lock_guard lock(registry().mutex);
  registry().transports[std::string(scheme)] = std::move(transport);
}

std::shared_ptr<const PrintTransport> transport_for_scheme(std::string_view scheme) {
  std::lock_guard lock(registry().mutex);
  auto found = registry().transports.find(scheme);
  return found == registry().transports.end() ? nullptr : found->second;
}

}  // namespace printline::transport

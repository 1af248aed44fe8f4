#pragma once
// GET /me/profile: the Desktop Client profile that applies to the caller, with its fallback
// printers resolved by the server (FP-6, FP-9, D8), and an ETag so that a client polling for
// changes gets 304 and no body when nothing changed.

#include <optional>
#include <string>
#include <vector>

#include "api_client/api_client.h"
#include "model/client_profile.h"
#include "model/device_port.h"
#include "model/printer.h"

namespace printline::api_client {

// One entry of "fallback_printers" (docs/api.md).
struct FallbackPrinter {
  model::Printer printer;
  bool usable = false;
  std::optional<std::string> device_uri;  // the effective fallback address; none if unusable
  std::optional<model::DevicePort> port;
  bool spooling_port = false;
  bool may_be_counted_twice = false;
  std::optional<std::string> warning;  // D8: Kyocera through a non-spooling port
  std::optional<std::string> problem;  // why it is not usable
};

struct ProfileAnswer {
  bool not_modified = false;  // 304: the cached profile is still current; nothing else is set
  std::string etag;           // send it back as `if_none_match` next time
  model::ClientProfile profile;
  std::vector<FallbackPrinter> fallback_printers;
};

// No profile applies to the user: kServerRefused, status 404, code "no-profile".
ApiResult<ProfileAnswer> fetch_profile(const ApiClient& client,
                                       const std::string& if_none_match = "");

}  // namespace printline::api_client

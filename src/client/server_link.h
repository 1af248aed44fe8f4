#pragma once
// The client's view of the server (D1): the API client over every configured address (tried
// in order, api_client.h), the token, the online/offline state, and the heartbeat that keeps
// that state and the cache (profile by ETag, who-am-I, printers, price list) current.
//
// Offline means no address gave a usable answer: refused, connect timeout, TLS failure, 5xx.
// A 4xx answer (e.g. an expired token) means the server is up.
//
// Heartbeat timing: the first beat at start(), the second at a random moment within the
// interval, then every interval from there (issue 11): clients started at the same moment do
// not beat, reconnect and upload in step when a server comes back.
//
// Threading: every method may be called from any thread. The heartbeat runs on its own thread
// between start() and stop(); `on_beat` is called on it after every beat.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api_client/api_client.h"
#include "client/client_cache.h"
#include "core/tls_trust.h"
#include "model/timestamp.h"

namespace printline::client {

struct LinkState {
  bool online = false;
  bool known = false;  // at least one beat or request has told us
  std::string server;  // the address that answered last
  std::string last_error;
  std::optional<model::Timestamp> last_contact;
};

class ServerLink {
 public:
  // `servers` must not be empty. `heartbeat_override`, when set, replaces the profile's
  // heartbeat interval (tests, benchmarks).
  ServerLink(std::vector<api_client::ServerUrl> servers, ClientCache& cache,
             std::chrono::milliseconds connect_timeout,
             std::optional<std::chrono::milliseconds> heartbeat_override);
  ~ServerLink();

  // on_beat(online, changed): after every beat; `changed` when the state flipped.
  void start(std::function<void(bool online, bool changed)> on_beat);
  // Called (on whichever thread noticed) when the online state flips. Set before start().
  void on_change(std::function<void(const LinkState&)> listener);
  void stop();
  void beat_now();  // wakes the heartbeat thread for an immediate beat
  // The next beat at the latest after `delay` (an upload's back-off ends before the interval).
  void beat_after(std::chrono::milliseconds delay);

  // One beat, on the caller's thread: refreshes the cache; returns whether the server answered.
  bool beat();

  std::shared_ptr<const api_client::ApiClient> api() const;
  // Uses the cache's token from now on (after the cache was loaded from disk).
  void reload_token();
  // The addresses tried in order (D1): the profile's server addresses, then those of the
  // command line or configuration file that the profile does not list.
  std::vector<api_client::ServerUrl> servers() const;
  std::chrono::milliseconds connect_timeout() const;
  // Whom the client trusts over TLS (D13): the configured CA file and the pinned certificates;
  // every REST call and job submission checks its server against it.
  void set_trust(TlsTrust trust);
  TlsTrust trust() const;

  LinkState state() const;
  bool known_offline() const;  // D1: the last beat or request found no server
  // A request outside the heartbeat found the server down or up.
  void record_failure(const std::string& why);
  void record_success(const std::string& server);

  // Logs in, stores the token and refreshes the cache.
  api_client::ApiResult<api_client::LoginAnswer> login(const std::string& login,
                                                       const std::string& password);

 private:
  void run();
  void rebuild_api(const std::string& token, std::chrono::milliseconds connect_timeout);
  // Puts the profile's server addresses first; returns whether the list changed.
  bool adopt_profile_addresses(const model::ClientProfile& profile);
  std::chrono::milliseconds interval() const;
  void refresh_catalog(const api_client::ApiClient& api);
  // Returns whether the state flipped.
  bool set_online(bool online, const std::string& server, const std::string& error);
  bool update_state_locked(bool online, const std::string& server, const std::string& error);

  const std::vector<api_client::ServerUrl> configured_;
  ClientCache& cache_;
  const std::optional<std::chrono::milliseconds> heartbeat_override_;

  mutable std::mutex mutex_;
  std::vector<api_client::ServerUrl> servers_;  // configured_ with the profile's addresses first
  std::shared_ptr<const api_client::ApiClient> api_;
  std::chrono::milliseconds connect_timeout_;
  TlsTrust trust_;
  LinkState state_;
  bool catalog_stale_ = true;  // printers and prices need a refresh

  std::function<void(bool, bool)> on_beat_;
  std::function<void(const LinkState&)> on_change_;
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool wake_requested_ = false;
  std::optional<std::chrono::steady_clock::time_point> early_beat_;  // beat_after()
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace printline::client

// Fuzzes what an IPP client may POST to a queue: the bytes are decoded with libcups from
// memory, the rest is the document, and the request goes through the same checks and
// operations as over HTTP, against a SQLite store with a hold queue (nothing is printed).
// Properties: never crashes; every decoded request gets a response with a status code, which
// encodes and decodes again.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "ipp/ipp_message.h"
#include "server/ipp_queues.h"
#include "server/job_service.h"
#include "server/login_rate_limiter.h"
#include "server/server_context.h"
#include "store/store.h"

namespace {

using namespace printline;

struct World {
  server::ServerConfig config;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<server::JobService> jobs;
  std::unique_ptr<directory::DirectorySync> directories;  // none configured
  server::LoginRateLimiter limiter;
  std::unique_ptr<server::ServerContext> context;
  std::unique_ptr<server::IppQueues> queues;
  model::User user;
  model::User admin;

  World() {
    char dir[] = "/tmp/printline-ipp-fuzz-XXXXXX";
    if (!::mkdtemp(dir)) std::abort();
    config.data_dir = dir;
    config.max_upload_bytes = 1 << 20;
    std::filesystem::create_directories(config.spool_dir());
    store = std::move(store::open_sqlite_store(config.data_dir / "printline.db").value());
    model::PrintQueue hold;
    hold.name = "hold";
    hold.kind = model::QueueKind::kHold;
    if (!store->create_queue(hold, store::system_actor()).ok()) std::abort();
    model::PriceList prices;
    prices.prices.push_back({model::PaperSize::kA4, false, 10});
    prices.prices.push_back({model::PaperSize::kA4, true, 50});
    if (!store->set_price_list(prices, store::system_actor()).ok()) std::abort();
    model::User u;
    u.login = "user";
    user = store->create_user(u, "user-password", store::system_actor()).value();
    u.login = "boss";
    u.role = model::Role::kAdmin;
    admin = store->create_user(u, "boss-password", store::system_actor()).value();
    jobs = std::move(server::JobService::start(config, *store).value());
    directories = std::make_unique<directory::DirectorySync>(*store, config.directories);
    context = std::make_unique<server::ServerContext>(server::ServerContext{
        config, *store, *jobs, limiter, limiter, *directories, "http://127.0.0.1:8631"});
    queues = std::make_unique<server::IppQueues>(*context);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static World world;
  if (size < 1) return 0;
  // The first byte picks who asks: nobody, a user, an administrator.
  const int who = data[0] % 3;
  std::span<const char> bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::size_t consumed = 0;
  ipp::IppPtr request = ipp::read_ipp_from_memory(bytes, &consumed);
  if (!request) return 0;  // the route answers HTTP 400
  auto document = transport::document_from_string(
      std::string(bytes.data() + consumed, bytes.size() - consumed));
  server::IppExchange exchange;
  exchange.queue_name = "hold";
  exchange.authority = "127.0.0.1:8631";
  exchange.request = request.get();
  exchange.document = document.get();
  exchange.authenticate = [&] {
    server::Authentication auth;
    if (who == 0) {
      auth.problem = server::AuthProblem::kMissing;
    } else {
      auth.user = who == 1 ? world.user : world.admin;
    }
    return auth;
  };
  server::IppAnswer answer = world.queues->handle(exchange);
  if (!answer.response) std::abort();
  if (ippGetStatusCode(answer.response.get()) == 0 && answer.authentication_required) std::abort();
  const std::string encoded = ipp::encode_ipp(answer.response.get());
  std::size_t again = 0;
  if (!ipp::read_ipp_from_memory(encoded, &again) || again != encoded.size()) std::abort();
  return 0;
}

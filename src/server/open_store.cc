#include "server/open_store.h"

#include <fmt/format.h>

namespace printline::server {

Result<std::unique_ptr<store::Store>> open_configured_store(const ServerConfig& config) {
  if (config.database == "sqlite") {
    return store::open_sqlite_store((config.data_dir / "printline.db").string());
  }
  return Error{fmt::format("This build cannot open {} yet: use --db sqlite.", config.database)};
}

}  // namespace printline::server

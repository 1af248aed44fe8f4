#pragma once
// printline-server assembled: store, administrator bootstrap, job service, one HTTP(S)
// listener with the health route, the REST API and the IPP queues.

#include <memory>
#include <string>

#include "core/error.h"
#include "server/admin_bootstrap.h"
#include "server/server_config.h"

namespace printline::server {

class PrintlineServer {
 public:
  // Opens the database (creating or migrating its schema), ensures an administrator, resumes
  // unfinished jobs and binds the listener. Nothing is served until run().
  static Result<std::unique_ptr<PrintlineServer>> open(const ServerConfig& config);
  virtual ~PrintlineServer() = default;

  virtual int port() const = 0;
  virtual std::string base_url() const = 0;
  virtual const BootstrapResult& bootstrap() const = 0;
  virtual void run() = 0;   // serves until stop(); then finishes the jobs being sent
  virtual void stop() = 0;  // thread-safe, e.g. from the SIGTERM thread
};

}  // namespace printline::server

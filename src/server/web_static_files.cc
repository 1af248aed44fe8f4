#include "server/web_static_files.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <system_error>

namespace printline::server {
namespace {

bool has_index(const std::filesystem::path& dir) {
  std::error_code error;
  return std::filesystem::is_regular_file(dir / "index.html", error);
}

std::filesystem::path executable_dir() {
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::filesystem::path{} : exe.parent_path();
}

}  // namespace

Result<std::filesystem::path> find_web_dir(const ServerConfig& config) {
  if (!config.web_dir.empty()) {
    if (has_index(config.web_dir)) return config.web_dir;
    return Error{fmt::format("The web directory {} has no index.html; check web_dir / --web-dir.",
                             config.web_dir.string())};
  }
  std::vector<std::filesystem::path> candidates;
  if (const auto exe = executable_dir(); !exe.empty()) {
    candidates.push_back(exe.parent_path() / "share" / "printline" / "web");
  }
  candidates.push_back(PRINTLINE_INSTALL_WEB_DIR);
  candidates.push_back(PRINTLINE_SOURCE_WEB_DIR);
  for (const auto& dir : candidates) {
    if (has_index(dir)) return dir;
  }
  return Error{
      fmt::format("No web interface files found (looked beside the binary, in {} and "
                  "in {}); give --web-dir DIR.",
                  PRINTLINE_INSTALL_WEB_DIR, PRINTLINE_SOURCE_WEB_DIR)};
}

void register_web_static_files(httplib::Server& routes, const ServerConfig& config) {
  auto dir = find_web_dir(config);
  if (!dir.ok()) {
    spdlog::warn("[web] {} The REST API and IPP queues still serve.", dir.error().message);
    const std::string message = dir.error().message;
    routes.Get("/", [message](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
      response.set_content("The web interface is not installed on this server. " + message,
                           "text/plain; charset=utf-8");
    });
    return;
  }
  spdlog::info("[web] serving the web interface from {}", dir->string());
  // No inline script or style anywhere in web/, so the policy can forbid both: an injected
  // <script> in a printer name or job title cannot run.
  const httplib::Headers headers = {
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"Cache-Control", "no-cache"},
  };
  routes.set_file_extension_and_mimetype_mapping("js", "text/javascript");
  routes.set_mount_point("/", dir->string(), headers);
}

}  // namespace printline::server

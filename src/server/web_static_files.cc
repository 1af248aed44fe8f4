#include "server/web_static_files.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iterator>
#include <map>
#include <system_error>

namespace printline::server {
namespace {

bool has_index(const std::filesystem::path& dir) {
  std::error_code error;
  return std::filesystem::is_regular_file(dir / "index.html", error);
}

// The web folder's files by extension; anything else is served as bytes.
std::string content_type(const std::filesystem::path& file) {
  static const std::map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
  };
  auto it = types.find(file.extension().string());
  return it == types.end() ? "application/octet-stream" : it->second;
}

// A file under root for a request path ("/" is index.html); 404 for anything else, including
// paths that climb out of root.
void serve_file(const std::filesystem::path& root, const std::string& path,
                http::Response& response) {
  std::filesystem::path relative = std::filesystem::path(path).relative_path().lexically_normal();
  if (relative.empty() || relative == ".") relative = "index.html";
  const bool climbs = !relative.empty() && *relative.begin() == "..";
  std::error_code error;
  std::filesystem::path file = root / relative;
  if (std::filesystem::is_directory(file, error)) file /= "index.html";
  std::string bytes;
  if (!climbs && std::filesystem::is_regular_file(file, error)) {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.bad()) {
      // No inline script or style anywhere in web/, so the policy can forbid both: an injected
      // <script> in a printer name or job title cannot run.
      response.set_header("Content-Security-Policy",
                          "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                          "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
      response.set_header("Referrer-Policy", "no-referrer");
      response.set_header("Cache-Control", "no-cache");
      response.set_content(std::move(bytes), content_type(file));
      return;
    }
  }
  response = http::text_response(404, fmt::format("There is no page {} on this server.", path));
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

void register_web_static_files(http::RouteTable& routes, const ServerConfig& config) {
  auto dir = find_web_dir(config);
  if (!dir.ok()) {
    spdlog::warn("[web] {} The REST API and IPP queues still serve.", dir.error().message);
    const std::string message = dir.error().message;
    routes.add("GET", "/", http::RouteClass::none(),
               [message](http::Request&, http::Response& response) {
                 response = http::text_response(
                     404, "The web interface is not installed on this server. " + message);
               });
    return;
  }
  spdlog::info("[web] serving the web interface from {}", dir->string());
  // A release station's short address (what an administrator types into a printer's panel
  // browser, "/release/floor2?idle=60") opens the station page of the interface: the same
  // address after "/#", as it was sent (still percent-encoded).
  routes.add("GET", "/release/[^/]+", http::RouteClass::none(),
             [](http::Request& request, http::Response& response) {
               response.status = 302;
               response.set_header("Location", "/#" + request.target);
             });
  routes.add("GET", "/.*", http::RouteClass::none(),
             [root = *dir](http::Request& request, http::Response& response) {
               serve_file(root, request.path, response);
             });
}

}  // namespace printline::server

#pragma once
// Serves the web interface's files (web/ in the source tree: HTML, CSS, JavaScript modules,
// no build step) at "/". The folder is the configured web_dir, else the installed
// <prefix>/share/printline/web beside the binary, else the source tree's web/ (a build tree).

#include "http/route_table.h"

#include <filesystem>

#include "core/error.h"
#include "server/server_config.h"

namespace printline::server {

// The folder to serve, or why there is none.
Result<std::filesystem::path> find_web_dir(const ServerConfig& config);

// Mounts the folder at "/" with headers that keep pages from being framed or sniffed and
// scripts to this origin only. A missing folder is not fatal: the API and IPP still serve,
// and "/" answers 404 with the reason.
void register_web_static_files(http::RouteTable& routes, const ServerConfig& config);

}  // namespace printline::server

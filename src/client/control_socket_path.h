#pragma once
// Where the desktop client's control socket lives. One place, so the daemon, the CLI and the
// CUPS backend always agree.

#include <sys/types.h>

#include <filesystem>

namespace printline::client {

// $XDG_RUNTIME_DIR/printline/control.sock, else ~/.local/state/printline/control.sock
// (HOME, else the password database's home of the current user).
std::filesystem::path default_control_socket_path();

// The socket of another user's daemon as root sees it (the CUPS backend):
// /run/user/<uid>/printline/control.sock, the XDG_RUNTIME_DIR systemd gives that user.
std::filesystem::path control_socket_path_for_uid(uid_t uid);

}  // namespace printline::client

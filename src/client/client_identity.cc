#include "client/client_identity.h"

#include <pwd.h>
#include <unistd.h>

#include <array>

#include "core/durable_file.h"
#include "core/job_uuid.h"

namespace printline::client {
namespace {

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0) return "";
  return name.data();
}

std::string account_name() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name) return pw->pw_name;
  return std::to_string(::geteuid());
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

Result<ClientIdentity> load_client_identity(const std::filesystem::path& state_dir) {
  ClientIdentity identity{"", host_name(), account_name()};
  const auto path = state_dir / "client-id";
  if (std::filesystem::exists(path)) {
    auto text = read_whole_file(path);
    if (!text.ok()) return text.error();
    identity.client_id = trimmed(*text);
  }
  if (identity.client_id.empty()) {
    // A UUID is random enough that two installations never share one.
    identity.client_id = new_job_uuid();
    if (auto written = write_file_durably(path, identity.client_id + "\n", 0600); !written.ok()) {
      return written.error();
    }
  }
  return identity;
}

}  // namespace printline::client

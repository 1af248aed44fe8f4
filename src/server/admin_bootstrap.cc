#include "server/admin_bootstrap.h"

#include <fmt/format.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <array>
#include <fstream>

#include "server/private_files.h"

namespace printline::server {
namespace {

std::string random_password() {
  std::array<unsigned char, 15> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, sodium_base64_ENCODED_LEN(15, sodium_base64_VARIANT_URLSAFE_NO_PADDING)> text{};
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text.data();
}

Result<std::string> read_password_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string password;
  if (!in || !std::getline(in, password)) {
    return Error{fmt::format("Cannot read the administrator password from {}.", path.string())};
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.size() < 8) {
    return Error{fmt::format("The administrator password in {} is shorter than 8 characters; "
                             "choose a longer one.", path.string())};
  }
  return password;
}

}  // namespace

Result<BootstrapResult> ensure_administrator(store::Store& store,
                                             const std::filesystem::path& password_file,
                                             const std::filesystem::path& data_dir) {
  if (sodium_init() < 0) return Error{"libsodium could not be initialised."};
  auto users = store.list_users();
  if (!users.ok()) return users.error();
  BootstrapResult result;
  result.login = "admin";
  if (!users->empty()) return result;

  std::string password;
  if (password_file.empty()) {
    password = random_password();
    const auto file = data_dir / "admin-password";
    if (auto written = write_private_file(file, password + "\n"); !written.ok()) {
      return written.error();
    }
    result.generated_password_file = file;
  } else {
    auto from_file = read_password_file(password_file);
    if (!from_file.ok()) return from_file.error();
    password = std::move(*from_file);
  }
  model::User admin;
  admin.login = result.login;
  admin.name = "Administrator";
  admin.role = model::Role::kAdmin;
  admin.pays_with_credit = false;
  auto created = store.create_user(admin, password, store::system_actor());
  if (!created.ok()) return created.error();
  result.created = true;
  if (result.generated_password_file) {
    spdlog::warn(
        "Created the administrator \"{}\" with a generated password, written to {} (readable "
        "only by this account). Log in, change the password, then delete the file.",
        result.login, result.generated_password_file->string());
  }
  return result;
}

}  // namespace printline::server

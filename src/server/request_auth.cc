#include "server/request_auth.h"

#include <fmt/format.h>
#include <sodium.h>

#include "core/i18n.h"
#include "server/web_session_auth.h"
#include "server/web_session_cookie.h"

namespace printline::server {
namespace {

std::optional<std::string> decode_base64(const std::string& text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

Authentication failure(AuthProblem problem, std::string message) {
  Authentication result;
  result.problem = problem;
  result.message = std::move(message);
  return result;
}

}  // namespace

Authentication authenticate_password(const std::string& client_address, const std::string& login,
                                     const std::string& password, const ServerContext& context) {
  auto& limiter = context.login_limiter;
  if (const auto wait = limiter.wait_before_attempt(client_address, login); wait.count() > 0) {
    auto result = failure(AuthProblem::kRateLimited,
                          // The login is not quoted: it may be megabytes, or not UTF-8.
                          trf("Too many failed log-ins for this account or from this "
                              "address. Wait {seconds} seconds and try again, or ask an "
                              "administrator to reset the password.",
                              fmt::arg("seconds", wait.count())));
    result.retry_after = wait;
    return result;
  }
  // A directory account's password is asked of its directory (a local password is never tried
  // instead); a local one's is checked against its hash.
  auto found = context.store.find_user_by_login(login);
  if (!found.ok()) return failure(AuthProblem::kStoreFailure, found.error().message);
  // "JDoe" for the Active Directory account "jdoe": only an account of a directory whose
  // logins are case-insensitive is found in another case.
  if (!found->has_value()) {
    if (auto other = context.directories.login_in_other_case(login)) {
      auto folded = context.store.find_user_by_login(*other);
      if (!folded.ok()) return failure(AuthProblem::kStoreFailure, folded.error().message);
      if (folded->has_value() && context.directories.folds_logins((*folded)->source)) {
        found = std::move(folded);
      }
    }
  }
  std::optional<model::User> user;
  if (found->has_value() && (*found)->is_directory_account() && !(*found)->disabled) {
    auto accepted = context.directories.check_password(**found, password);
    if (!accepted.ok()) {
      return failure(AuthProblem::kDirectoryUnavailable,
                     tr("The directory that checks this account's password cannot be reached. "
                        "Try again in a few minutes; if it lasts, tell your administrator."));
    }
    if (*accepted) user = std::move(**found);
  } else {
    auto verified = context.store.verify_login(login, password);
    if (!verified.ok()) return failure(AuthProblem::kStoreFailure, verified.error().message);
    user = std::move(*verified);
  }
  if (!user) {
    limiter.record_failure(client_address, login);
    return failure(AuthProblem::kInvalid, tr("Wrong login or password. Check them and try again."));
  }
  limiter.record_success(client_address, login);
  Authentication result;
  result.user = std::move(user);
  return result;
}

Authentication authenticate_request(const http::Request& request, const ServerContext& context) {
  auto& store = context.store;
  const std::string header = request.get_header_value("Authorization");
  if (header.starts_with("Bearer ")) {
    auto user = store.authenticate_token(header.substr(7));
    if (!user.ok()) return failure(AuthProblem::kStoreFailure, user.error().message);
    if (!user->has_value()) {
      return failure(AuthProblem::kInvalid,
                     tr("The access token is unknown, expired or revoked. Log in again."));
    }
    Authentication result;
    result.user = std::move(**user);
    return result;
  }
  if (header.starts_with("Basic ")) {
    const auto decoded = decode_base64(header.substr(6));
    const auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
      return failure(
          AuthProblem::kInvalid,
          tr("The Authorization header is not valid HTTP Basic (login:password in base64)."));
    }
    return authenticate_password(request.remote_addr, decoded->substr(0, colon),
                                 decoded->substr(colon + 1), context);
  }
  // The web interface's pages send no Authorization header, only their session cookie.
  if (auto token = session_cookie_token(request)) {
    return authenticate_session_cookie(request, *token, store);
  }
  return failure(AuthProblem::kMissing,
                 tr("Log in first: send a Bearer token from /api/v1/login or HTTP Basic "
                    "credentials."));
}

}  // namespace printline::server

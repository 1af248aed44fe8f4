// POST /ipp/print/<queue>. Credentials, when sent, are checked from the headers before any of
// the body is read; without them only the IPP message is read (at most 1 MiB), and an
// operation that needs a user is answered 401 before its document is read — nothing is
// spooled. The document itself streams to the spool directory as it arrives (IppBodySink),
// up to max_upload_bytes, then the queue gets the request.

#include <fmt/format.h>

#include <optional>

#include "core/i18n.h"
#include "ipp/ipp_call.h"
#include "ipp/ipp_http_body.h"
#include "server/api_route.h"
#include "server/ipp_queues.h"

namespace printline::server {
namespace {

bool has_credentials(const http::Request& request) {
  return request.has_header("Authorization");
}

void challenge(http::Response& response) {
  response.set_header("WWW-Authenticate", "Basic realm=\"Printline\"");
}

// The header-time check: a refused login is answered before the body is read.
std::optional<http::Response> authorize(http::Request& request, ServerContext& context) {
  if (!ipp::is_ipp_content_type(request)) {
    return http::text_response(400, "This is an IPP printer: send Content-Type application/ipp.");
  }
  if (!has_credentials(request)) return std::nullopt;
  auto auth = authenticate_request(request, context);
  if (auth.ok()) {
    request.authorized = *auth.user;
    return std::nullopt;
  }
  const ApiError error = authentication_error(auth);
  http::Response refused = http::text_response(error.status, error.message);
  if (error.status == 401) challenge(refused);
  if (error.retry_after.count() > 0) {
    refused.set_header("Retry-After", std::to_string(error.retry_after.count()));
  }
  return refused;
}

// Once the IPP message is in: an anonymous operation that needs a user stops here.
std::optional<http::Response> gate(const http::Request& request, ipp_t* message) {
  if (request.authorized.has_value() || !IppQueues::needs_user(ippGetOperation(message))) {
    return std::nullopt;
  }
  ipp::IppCall call(message);
  call.status(IPP_STATUS_ERROR_NOT_AUTHORIZED,
              "Log in to print: send your login and password (HTTP Basic) or an access token.");
  http::Response refused;
  challenge(refused);
  ipp::answer_ipp(refused, call.response.get(), 401);
  return refused;
}

}  // namespace

void register_ipp_routes(http::RouteTable& routes, ServerContext& context) {
  auto queues = std::make_shared<IppQueues>(context);
  http::Route route;
  route.method = "POST";
  route.pattern = R"(/ipp/print/([^/]+))";
  route.body = http::RouteClass::stream(context.config.max_upload_bytes + ipp::kMaxIppAttributeBytes);
  route.authorizer = [&context](http::Request& request) { return authorize(request, context); };
  route.sink = [&context](http::Request& request) {
    return std::make_shared<ipp::IppBodySink>(
        context.config.spool_dir(),
        [&request](ipp_t* message) { return gate(request, message); });
  };
  route.handler = [queues, &context](http::Request& request, http::Response& response) {
    auto post = ipp::finished_ipp_post(request, response);
    if (!post) return;
    IppExchange exchange;
    exchange.queue_name = request.matches[1];
    exchange.authority =
        ipp::ipp_authority(request, context.base_url.substr(context.base_url.find("://") + 3));
    exchange.request = post->request.get();
    exchange.document = post->document.get();
    // D14: status messages and job reasons in the user's language, else the request's.
    ipp_attribute_t* asked =
        ippFindAttribute(post->request.get(), "attributes-natural-language", IPP_TAG_LANGUAGE);
    i18n::LanguageScope requested(
        i18n::language_of_accept_language(asked ? ippGetString(asked, 0, nullptr) : ""));
    std::optional<i18n::LanguageScope> theirs;
    if (request.authorized.has_value()) {
      theirs.emplace(std::any_cast<const model::User&>(request.authorized).language);
    }
    exchange.authenticate = [&] {
      if (request.authorized.has_value()) {
        Authentication known;
        known.user = std::any_cast<model::User>(request.authorized);
        return known;
      }
      return authenticate_request(request, context);
    };
    IppAnswer answer = queues->handle(exchange);
    if (answer.authentication_required) {
      challenge(response);
      ipp::answer_ipp(response, answer.response.get(), 401);
      return;
    }
    ipp::answer_ipp(response, answer.response.get());
  };
  routes.add(std::move(route));
}

}  // namespace printline::server

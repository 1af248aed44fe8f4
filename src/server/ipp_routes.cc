// POST /ipp/print/<queue>: the request body is read (small in memory, large streamed to an
// unlinked spool file), its IPP message decoded, and the bytes after it handed to the job
// service as the document.

#include <fmt/format.h>

#include <filesystem>

#include "core/logging.h"
#include "ipp/ipp_request_body.h"
#include "server/ipp_queues.h"
#include "transport/document_source.h"

namespace printline::server {
namespace {

// Room for the IPP attributes on top of the largest document.
constexpr std::uint64_t kAttributeAllowance = 1 << 20;
// How much of an oversize body is read and thrown away before the connection is dropped.
constexpr std::uint64_t kDrainAllowance = 64 << 20;

void answer_text(httplib::Response& response, int status, const std::string& text) {
  response.status = status;
  response.set_content(text + "\n", "text/plain; charset=utf-8");
}

}  // namespace

void register_ipp_routes(httplib::Server& routes, ServerContext& context) {
  auto queues = std::make_shared<IppQueues>(context);
  routes.Post(R"(/ipp/print/([^/]+))", [queues, &context](const httplib::Request& request,
                                                          httplib::Response& response,
                                                          const httplib::ContentReader& reader) {
    const std::string type = request.get_header_value("Content-Type");
    if (type.rfind("application/ipp", 0) != 0) {
      answer_text(response, 400, "An IPP queue takes Content-Type: application/ipp.");
      return;
    }
    ipp::IppRequestBody body(context.config.spool_dir());
    const std::uint64_t limit = context.config.max_upload_bytes + kAttributeAllowance;
    std::uint64_t received = 0;
    bool too_large = false;
    bool write_failed = false;
    const bool complete = reader([&](const char* data, std::size_t length) {
      received += length;
      if (received > limit) {
        // Keep reading (and discarding) for a while, so the client gets the 413 below rather
        // than a broken connection; give up on bodies far beyond the limit.
        too_large = true;
        return received <= limit + kDrainAllowance;
      }
      if (!body.append(data, length)) {
        write_failed = true;
        return false;
      }
      return true;
    });
    // The listener refuses a body over max_upload_bytes before it reaches us.
    if (!complete && !write_failed && !too_large &&
        request.get_header_value<std::uint64_t>("Content-Length") >
            context.config.max_upload_bytes) {
      too_large = true;
    }
    if (too_large) {
      response.set_header("Connection", "close");
      answer_text(response, 413,
                  fmt::format("The job is larger than this server accepts ({} bytes at most); "
                              "ask an administrator to raise max_upload_bytes.",
                              context.config.max_upload_bytes));
      return;
    }
    if (write_failed) {
      answer_text(response, 500, "The server cannot store the request (disk full?).");
      return;
    }
    if (!complete) {
      answer_text(response, 400, "The request body was cut short.");
      return;
    }
    std::unique_ptr<transport::DocumentSource> document;
    ipp::IppPtr ipp_request = body.decode(&document);
    if (!ipp_request) {
      answer_text(response, 400, "The request body is not a valid IPP message.");
      return;
    }
    IppExchange exchange;
    exchange.queue_name = request.matches[1];
    exchange.authority = request.get_header_value("Host");
    if (exchange.authority.empty()) {
      exchange.authority = context.base_url.substr(context.base_url.find("://") + 3);
    }
    exchange.request = ipp_request.get();
    exchange.document = document.get();
    exchange.authenticate = [&] {
      return authenticate_request(request, context.store, context.login_limiter);
    };
    IppAnswer answer = queues->handle(exchange);
    if (answer.authentication_required) {
      response.status = 401;
      response.set_header("WWW-Authenticate", "Basic realm=\"Printline\"");
      response.set_content(ipp::encode_ipp(answer.response.get()), "application/ipp");
      return;
    }
    response.status = 200;
    response.set_content(ipp::encode_ipp(answer.response.get()), "application/ipp");
  });
}

}  // namespace printline::server

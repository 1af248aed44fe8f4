// POST /ipp/print/<queue>: the request and its document read as every Printline IPP printer
// reads them (ipp/ipp_http_post.h), up to max_upload_bytes, then handed to the queue.

#include <fmt/format.h>

#include "ipp/ipp_http_post.h"
#include "server/ipp_queues.h"

namespace printline::server {

void register_ipp_routes(httplib::Server& routes, ServerContext& context) {
  auto queues = std::make_shared<IppQueues>(context);
  routes.Post(R"(/ipp/print/([^/]+))",
              [queues, &context](const httplib::Request& request, httplib::Response& response,
                                 const httplib::ContentReader& reader) {
                ipp::IppPostLimits limits;
                limits.spool_dir = context.config.spool_dir();
                limits.max_document_bytes = context.config.max_upload_bytes;
                limits.too_large_message = fmt::format(
                    "The job is larger than this server accepts ({} bytes at most); ask an "
                    "administrator to raise max_upload_bytes.",
                    context.config.max_upload_bytes);
                limits.cannot_store_message = "The server cannot store the request (disk full?).";
                auto post = ipp::read_ipp_post(request, reader, limits, response);
                if (!post) return;
                IppExchange exchange;
                exchange.queue_name = request.matches[1];
                exchange.authority = request.get_header_value("Host");
                if (exchange.authority.empty()) {
                  exchange.authority = context.base_url.substr(context.base_url.find("://") + 3);
                }
                exchange.request = post->request.get();
                exchange.document = post->document.get();
                exchange.authenticate = [&] {
                  return authenticate_request(request, context.store, context.login_limiter);
                };
                IppAnswer answer = queues->handle(exchange);
                if (answer.authentication_required) {
                  response.set_header("WWW-Authenticate", "Basic realm=\"Printline\"");
                  ipp::answer_ipp(response, answer.response.get(), 401);
                  return;
                }
                ipp::answer_ipp(response, answer.response.get());
              });
}

}  // namespace printline::server

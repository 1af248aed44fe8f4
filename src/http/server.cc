#include "http/server.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

#include "http/connection_counter.h"
#include "http/fd_limit.h"
#include "http/query_string.h"
#include "http/request_reader.h"
#include "http/worker_pool.h"

namespace printline::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// The client may be sending a body we will not read; its bytes are read and dropped for this
// long after a refusal, so that closing does not reset the connection before the client has
// read the answer (the lingering close of RFC 9112 §9.6).
// Bounded in bytes too: a client that declared 2 GiB is not read to the end.
constexpr auto kLingerTime = std::chrono::seconds(5);
constexpr std::size_t kLingerBytes = 16 << 20;
// Each connection is a descriptor: below this many, the server warns at start.
constexpr std::uint64_t kEnoughOpenFiles = 8192;
// On stop, requests already read are still answered for this long: a handler that changed
// something (a job committed) must not lose the answer that tells its client so.
constexpr auto kDrainTime = std::chrono::seconds(5);

}  // namespace

struct Server::Impl {
  ServerOptions options;
  RouteTable routes;
  ConnectionCounter connections;
  WorkerPool pool;
  std::optional<asio::ssl::context> tls;
  // Destroyed when serving ends: that closes every connection (their sessions live in its
  // handlers), so a stopped server is not left holding idle clients.
  std::unique_ptr<asio::io_context> io_owner;
  asio::io_context& io;
  std::optional<tcp::acceptor> acceptor;
  std::atomic<bool> stopping{false};
  // Requests handed to a handler whose answer is not written yet: stop() waits for them.
  std::atomic<int> answering{0};
  std::mutex served_mutex;
  std::mutex io_mutex;  // io_owner's reset against stop()

  Impl(ServerOptions opts, RouteTable table)
      : options(std::move(opts)),
        routes(std::move(table)),
        connections(options.limits.connections_per_address),
        pool(options.worker_threads, options.worker_queue),
        io_owner(std::make_unique<asio::io_context>(options.io_threads)),
        io(*io_owner) {}

  void accept();
  void refuse_connection(tcp::socket socket);
  void drain(std::chrono::steady_clock::time_point until);
};

namespace {

void keep_from_children(int fd) { ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC); }

void add_security_headers(const ServerOptions& options, const Request* request,
                          Response& response) {
  response.set_header("X-Content-Type-Options", "nosniff");
  if (!options.tls_cert.empty()) {
    response.set_header("Strict-Transport-Security", "max-age=31536000");
  }
  if (request && request->path.rfind(options.api_prefix, 0) == 0 &&
      !response.has_header("Content-Security-Policy")) {
    response.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
}

template <class Stream>
beast::tcp_stream& lowest(Stream& stream) {
  return beast::get_lowest_layer(stream);
}

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... Args>
  Session(Server::Impl& server, std::string address, int port, Args&&... args)
      : server_(server),
        limits_(server.options.limits),
        stream_(std::forward<Args>(args)...),
        address_(std::move(address)),
        port_(port) {
    beast::error_code ignored;
    const auto local = lowest(stream_).socket().local_endpoint(ignored);
    local_address_ = local.address().to_string();
    local_port_ = local.port();
  }

  ~Session() { server_.connections.close(address_); }

  void start() {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      lowest(stream_).expires_after(limits_.header_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->close();
                                self->read_header();
                              });
    } else {
      read_header();
    }
  }

 private:
  void new_request() {
    request_ = std::make_shared<Request>();
    request_->remote_addr = address_;
    request_->remote_port = port_;
    request_->local_addr = local_address_;
    request_->local_port = local_port_;
    reader_ = std::make_unique<RequestReader>(*request_, limits_);
    route_ = nullptr;
  }

  // Between keep-alive requests: wait for the next request's first bytes for the idle time,
  // holding as little memory as a connection can.
  void wait_idle() {
    if (buffer_.size() > 0) return read_header();
    buffer_.shrink_to_fit();
    lowest(stream_).expires_after(limits_.idle_timeout);
    stream_.async_read_some(buffer_.prepare(1024), [self = this->shared_from_this()](
                                                       beast::error_code ec, std::size_t n) {
      if (ec) return self->close();
      self->buffer_.commit(n);
      self->read_header();
    });
  }

  void read_header() {
    new_request();
    lowest(stream_).expires_after(limits_.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *reader_,
                             [self = this->shared_from_this()](beast::error_code ec,
                                                               std::size_t) {
                               self->on_header(ec);
                             });
  }

  void on_header(beast::error_code ec) {
    if (ec) {
      if (reader_->refusal()) return refuse(*reader_->refusal());
      if (reader_->limit_status()) {
        return refuse(answer(reader_->limit_status(), reader_->limit_message()));
      }
      if (ec == bhttp::error::header_limit) {
        return refuse(answer(
            431, fmt::format("The request header is larger than {} bytes. Send fewer or "
                             "shorter headers.",
                             limits_.header_bytes)));
      }
      // A timeout has closed the socket already (Beast's tcp_stream): no answer can follow.
      if (ec == beast::error::timeout && reader_->got_some()) {
        spdlog::debug("[{}] {}: the request header did not arrive within {} ms; closed",
                      server_.options.log_name, address_, limits_.header_timeout.count());
      }
      if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
          ec == beast::error::timeout || !reader_->got_some()) {
        return close();
      }
      return refuse(answer(400, "The request is not valid HTTP/1.1."));
    }
    Request& request = *request_;
    if (!split_target(request.target, &request.path, &request.params)) {
      return refuse(answer(400, "The request target must be a path starting with /."));
    }
    keep_alive_ = reader_->keep_alive();
    const auto match = server_.routes.find(request);
    if (!match.route) {
      Response missing =
          match.path_known
              ? answer(405, fmt::format("{} is not allowed on {}.", request.method, request.path))
              : answer(404, fmt::format("There is nothing at {}.", request.path));
      return reader_->has_body() ? refuse(std::move(missing)) : write(std::move(missing));
    }
    route_ = match.route;
    reader_->set_body_limit(route_->body.max_body_bytes);
    if (auto declared = reader_->declared_length();
        declared && *declared > route_->body.max_body_bytes) {
      return refuse(answer(
          413, fmt::format("The request body has {} bytes; {} takes at most {}.", *declared,
                           request.path, route_->body.max_body_bytes)));
    }
    if (!route_->authorizer) return after_authorization(std::nullopt);
    const bool queued = server_.pool.submit([self = this->shared_from_this()] {
      std::optional<Response> refused;
      try {
        refused = self->route_->authorizer(*self->request_);
      } catch (const std::exception& e) {
        spdlog::error("[{}] authorizing {} {}: {}", self->server_.options.log_name,
                      self->request_->method, self->request_->path, e.what());
        refused = self->answer(500, "The server failed to check the credentials; try again.");
      }
      asio::post(self->stream_.get_executor(), [self, refused = std::move(refused)]() mutable {
        self->after_authorization(std::move(refused));
      });
    });
    if (!queued) refuse(busy());
  }

  void after_authorization(std::optional<Response> refused) {
    if (refused) return reader_->has_body() ? refuse(std::move(*refused)) : write(std::move(*refused));
    if (route_->body.streamed && route_->sink) {
      request_->sink = route_->sink(*request_);
      reader_->set_sink(request_->sink);
    }
    if (reader_->is_done()) return dispatch();
    if (beast::iequals(request_->get_header_value("Expect"), "100-continue")) {
      // The client waits for this before sending the body (curl, libcups for large documents).
      continue_ = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
      lowest(stream_).expires_after(limits_.write_timeout);
      return bhttp::async_write(stream_, *continue_,
                                [self = this->shared_from_this()](beast::error_code ec,
                                                                  std::size_t) {
                                  if (ec) return self->close();
                                  self->read_body();
                                });
    }
    read_body();
  }

  void read_body() {
    lowest(stream_).expires_after(limits_.body_timeout);
    bhttp::async_read_some(stream_, buffer_, *reader_,
                           [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                             self->on_body(ec);
                           });
  }

  void on_body(beast::error_code ec) {
    if (ec) {
      if (reader_->refusal()) return refuse(*reader_->refusal());
      if (reader_->limit_status()) {
        return refuse(answer(reader_->limit_status(), reader_->limit_message()));
      }
      if (ec == beast::error::timeout) {
        spdlog::debug("[{}] {}: the request body paused over {} ms; closed",
                      server_.options.log_name, address_, limits_.body_timeout.count());
        return close();
      }
      if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
          ec == bhttp::error::partial_message) {
        return close();
      }
      return refuse(answer(400, "The request body is not valid HTTP/1.1."));
    }
    if (reader_->is_done()) return dispatch();
    read_body();
  }

  Response busy() {
    Response response =
        answer(503, "The server is busy with other requests; try again in a few seconds.");
    response.set_header("Retry-After", "2");
    return response;
  }

  // The server's own refusal, worded as the options say.
  Response answer(int status, const std::string& message) {
    if (server_.options.refusal) return server_.options.refusal(*request_, status, message);
    return text_response(status, message);
  }

  void dispatch() {
    if (server_.stopping) {
      Response stopping = answer(503, "The server is stopping; try again in a moment.");
      stopping.set_header("Retry-After", "5");
      stopping.close = true;
      return write(std::move(stopping));
    }
    ++server_.answering;
    answering_ = true;
    const bool queued = server_.pool.submit([self = this->shared_from_this()] {
      Response response;
      try {
        self->route_->handler(*self->request_, response);
      } catch (const std::exception& e) {
        spdlog::error("[{}] {} {}: {}", self->server_.options.log_name, self->request_->method,
                      self->request_->path, e.what());
        response = self->answer(500, "The server failed on this request; try again.");
      }
      asio::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
        self->write(std::move(response));
      });
    });
    if (!queued) write(busy());
  }

  // An answer given before the request was read whole: the connection cannot carry another.
  void refuse(Response response) {
    response.close = true;
    write(std::move(response));
  }

  void write(Response response) {
    add_security_headers(server_.options, request_.get(), response);
    auto message = std::make_shared<bhttp::response<bhttp::string_body>>();
    message->version(11);
    message->result(static_cast<unsigned>(response.status));
    for (const auto& [name, value] : response.headers) message->insert(name, value);
    const bool head = request_ && request_->method == "HEAD";
    const std::size_t length = response.body.size();
    if (!head) message->body() = std::move(response.body);
    const bool keep = keep_alive_ && !response.close && !server_.stopping;
    message->keep_alive(keep);
    message->content_length(length);
    response_ = message;
    const bool drain = response.close && reader_ && !reader_->is_done();
    lowest(stream_).expires_after(limits_.write_timeout);
    bhttp::async_write(stream_, *message,
                       [self = this->shared_from_this(), keep, drain](beast::error_code ec,
                                                                      std::size_t) {
                         self->response_.reset();
                         self->request_.reset();
                         if (self->answering_) {
                           self->answering_ = false;
                           --self->server_.answering;
                         }
                         if (ec) return self->close();
                         if (drain) return self->linger();
                         if (!keep) return self->close();
                         self->wait_idle();
                       });
  }

  // After a refusal with the body unread: stop sending, drop what the client still sends for
  // a moment, then close.
  void linger() {
    beast::error_code ignored;
    lowest(stream_).socket().shutdown(tcp::socket::shutdown_send, ignored);
    linger_until_ = std::chrono::steady_clock::now() + kLingerTime;
    drop_some();
  }

  void drop_some() {
    const auto left = linger_until_ - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero() || dropped_ > kLingerBytes) {
      return close();
    }
    lowest(stream_).expires_after(std::chrono::duration_cast<std::chrono::milliseconds>(left));
    scratch_.resize(16 << 10);
    lowest(stream_).async_read_some(
        asio::buffer(scratch_),
        [self = this->shared_from_this()](beast::error_code ec, std::size_t n) {
          self->dropped_ += n;
          if (ec) return self->close();
          self->drop_some();
        });
  }

  void close() {
    beast::error_code ignored;
    lowest(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest(stream_).close();
  }

  Server::Impl& server_;
  const HttpLimits& limits_;
  Stream stream_;
  std::string address_;
  int port_;
  std::string local_address_;
  int local_port_ = 0;
  beast::flat_buffer buffer_{1 << 20};  // max; grows only as needed
  std::shared_ptr<Request> request_;
  std::unique_ptr<RequestReader> reader_;
  const Route* route_ = nullptr;
  bool keep_alive_ = false;
  bool answering_ = false;  // counted in server_.answering
  std::shared_ptr<bhttp::response<bhttp::string_body>> response_;
  std::shared_ptr<bhttp::response<bhttp::empty_body>> continue_;
  std::chrono::steady_clock::time_point linger_until_;
  std::size_t dropped_ = 0;
  std::string scratch_;
};

}  // namespace

void Server::Impl::refuse_connection(tcp::socket socket) {
  auto held = std::make_shared<tcp::socket>(std::move(socket));
  if (tls) return;  // no words for a client we do not shake hands with: closed
  static const std::string text =
      "Too many connections from your address; close some and try again.\n";
  static const std::string answer = fmt::format(
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
      "Retry-After: 5\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{}",
      text.size(), text);
  asio::async_write(*held, asio::buffer(answer),
                    [held](beast::error_code, std::size_t) {
                      beast::error_code ignored;
                      held->shutdown(tcp::socket::shutdown_both, ignored);
                      held->close(ignored);
                    });
}

void Server::Impl::accept() {
  acceptor->async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (ec) {
      // Out of file descriptors, typically: say so, pause, and go on accepting.
      spdlog::warn("[{}] cannot accept a connection: {}. Raise the open-file limit if this "
                   "repeats.",
                   options.log_name, ec.message());
      auto timer = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(100));
      timer->async_wait([this, timer](beast::error_code) { accept(); });
      return;
    }
    beast::error_code endpoint_error;
    const auto remote = socket.remote_endpoint(endpoint_error);
    if (endpoint_error) {
      accept();
      return;
    }
    std::string address = remote.address().to_string();
    keep_from_children(socket.native_handle());
    socket.set_option(tcp::no_delay(true), endpoint_error);
    if (!connections.open(address)) {
      spdlog::debug("[{}] {} already has {} connections open; refused another", options.log_name,
                    address, options.limits.connections_per_address);
      refuse_connection(std::move(socket));
    } else if (tls) {
      std::make_shared<Session<TlsStream>>(*this, address, remote.port(), std::move(socket), *tls)
          ->start();
    } else {
      std::make_shared<Session<PlainStream>>(*this, address, remote.port(), std::move(socket))
          ->start();
    }
    accept();
  });
}

Result<std::unique_ptr<Server>> Server::create(ServerOptions options, RouteTable routes) {
  auto impl = std::make_unique<Impl>(std::move(options), std::move(routes));
  const ServerOptions& opts = impl->options;
  if (!opts.tls_cert.empty() || !opts.tls_key.empty()) {
    impl->tls.emplace(asio::ssl::context::tls_server);
    impl->tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                           asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                           asio::ssl::context::no_tlsv1_1);
    beast::error_code ec;
    impl->tls->use_certificate_chain_file(opts.tls_cert.string(), ec);
    if (!ec) impl->tls->use_private_key_file(opts.tls_key.string(), asio::ssl::context::pem, ec);
    if (!ec && SSL_CTX_check_private_key(impl->tls->native_handle()) != 1) {
      ec = asio::error::invalid_argument;
    }
    if (ec) {
      return Error{fmt::format(
          "Cannot use the TLS certificate {} with key {}: check that both files exist, are PEM, "
          "and belong together.",
          opts.tls_cert.string(), opts.tls_key.string())};
    }
  }
  const FdLimit fds = raise_fd_limit(kEnoughOpenFiles);
  if (!fds.enough) spdlog::warn("[{}] {}", opts.log_name, fds.message);
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  stop();
  impl_->pool.stop();
  impl_->acceptor.reset();
  impl_->io_owner.reset();
}

RouteTable& Server::routes() { return impl_->routes; }

Result<int> Server::bind() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) {
    return Error{fmt::format("Cannot listen on {}: not an IP address. Give one like 127.0.0.1 "
                             "or ::1.",
                             impl_->options.host)};
  }
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(impl_->options.port));
  tcp::acceptor acceptor(impl_->io);
  acceptor.open(endpoint.protocol(), ec);
  // Not inherited by the programs the server starts (Ghostscript, a test's cupsd): a child
  // holding the listening socket would keep the port "open" after the server stopped.
  if (!ec) keep_from_children(acceptor.native_handle());
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  // The system's backlog: when every desktop client reconnects at once after an outage, none
  // is left waiting unaccepted.
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error{fmt::format("Cannot listen on {}:{}: {}. Choose another address or port, or "
                             "stop the other program using it.",
                             impl_->options.host, impl_->options.port, ec.message())};
  }
  const int port = acceptor.local_endpoint().port();
  impl_->acceptor.emplace(std::move(acceptor));
  return port;
}

void Server::serve() {
  std::lock_guard served(impl_->served_mutex);
  if (impl_->stopping || !impl_->acceptor) return;
  impl_->accept();
  std::vector<std::thread> more;
  for (int i = 1; i < impl_->options.io_threads; ++i) {
    more.emplace_back([this] { impl_->io.run(); });
  }
  impl_->io.run();
  for (auto& thread : more) thread.join();
  // Handlers still running finish before the caller tears down what they use.
  impl_->pool.stop();
  // No more connections: the listening socket and every open connection are closed now, not
  // when this object goes (a stopped server must look stopped to its clients).
  std::lock_guard lock(impl_->io_mutex);
  impl_->acceptor.reset();
  impl_->io_owner.reset();
}

void Server::stop() {
  if (impl_->stopping.exchange(true)) return;
  std::lock_guard lock(impl_->io_mutex);
  if (!impl_->io_owner) return;
  // No new connections; the requests already read are answered, then everything closes.
  asio::post(impl_->io, [impl = impl_.get()] {
    beast::error_code ignored;
    if (impl->acceptor) impl->acceptor->close(ignored);
    impl->drain(std::chrono::steady_clock::now() + kDrainTime);
  });
}

void Server::Impl::drain(std::chrono::steady_clock::time_point until) {
  if (answering == 0 || std::chrono::steady_clock::now() >= until) return io.stop();
  auto timer = std::make_shared<asio::steady_timer>(io, std::chrono::milliseconds(10));
  timer->async_wait([this, timer, until](beast::error_code) { drain(until); });
}

std::size_t Server::open_connections() const { return impl_->connections.total(); }

}  // namespace printline::http

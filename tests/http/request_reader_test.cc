// The request reader's limits, fed bytes directly: each limit refuses with its status before
// more is buffered, and a body is counted as it arrives, chunked or not.

#include "http/request_reader.h"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <string>

namespace printline::http {
namespace {

struct Fed {
  bool ok = false;
  int refused = 0;  // status, when refused
  bool header_limit = false;
};

// Feeds `bytes` in pieces of `piece` bytes, as a network would.
Fed feed(RequestReader& reader, const std::string& bytes, std::size_t piece = 7) {
  Fed fed;
  std::string pending;
  for (std::size_t at = 0; at < bytes.size() || !pending.empty(); at += piece) {
    if (at < bytes.size()) pending += bytes.substr(at, piece);
    for (;;) {
      boost::beast::error_code ec;
      const std::size_t used = reader.put(boost::asio::buffer(pending), ec);
      if (ec == boost::beast::http::error::need_more) ec = {};
      if (ec) {
        if (reader.refusal()) fed.refused = reader.refusal()->status;
        if (reader.limit_status()) fed.refused = reader.limit_status();
        fed.header_limit = ec == boost::beast::http::error::header_limit;
        return fed;
      }
      pending.erase(0, used);
      if (used == 0 || pending.empty() || reader.is_done()) break;
    }
    if (reader.is_done() || (at >= bytes.size() && !pending.empty())) break;
  }
  fed.ok = true;
  return fed;
}

TEST(RequestReader, ReadsHeadersAndBody) {
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  reader.set_body_limit(100);
  ASSERT_TRUE(feed(reader, "POST /x?a=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello").ok);
  EXPECT_TRUE(reader.is_done());
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/x?a=1");
  EXPECT_EQ(request.get_header_value("host"), "h");
  EXPECT_EQ(request.body, "hello");
}

TEST(RequestReader, TooManyHeadersIs431) {
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  std::string bytes = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 101; ++i) bytes += "X-" + std::to_string(i) + ": v\r\n";
  bytes += "\r\n";
  EXPECT_EQ(feed(reader, bytes, 4096).refused, 431);
  EXPECT_LE(request.headers.size(), 100u);
}

TEST(RequestReader, HeaderLineTooLongIs431) {
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  const std::string bytes = "GET / HTTP/1.1\r\nX-Long: " + std::string(9000, 'a') + "\r\n\r\n";
  EXPECT_EQ(feed(reader, bytes, 4096).refused, 431);
}

TEST(RequestReader, RequestLineTooLongIs414) {
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  const std::string bytes = "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\n\r\n";
  EXPECT_EQ(feed(reader, bytes, 4096).refused, 414);
}

TEST(RequestReader, WholeHeaderOverItsLimitStops) {
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  std::string bytes = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 20; ++i) bytes += "X-" + std::to_string(i) + ": " + std::string(4000, 'v') + "\r\n";
  const Fed fed = feed(reader, bytes, 4096);
  EXPECT_TRUE(fed.header_limit);
}

TEST(RequestReader, DeclaredLengthOverTheLimitIs413BeforeTheBody) {
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  reader.set_body_limit(10);
  EXPECT_EQ(feed(reader, "POST / HTTP/1.1\r\nContent-Length: 2147483648\r\n\r\nabc").refused, 413);
  EXPECT_TRUE(request.body.empty());
}

TEST(RequestReader, ChunkedBodyIsCountedAsItArrives) {
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  reader.set_body_limit(20);
  std::string bytes = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 10; ++i) bytes += "8\r\n12345678\r\n";
  EXPECT_EQ(feed(reader, bytes).refused, 413);
  EXPECT_LE(request.body.size(), 20u);
}

TEST(RequestReader, OneHugeChunkIsRefusedByItsSize) {
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  reader.set_body_limit(1000);
  EXPECT_EQ(feed(reader, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\nab").refused,
            413);
  EXPECT_TRUE(request.body.empty());
}

class RefusingSink : public BodySink {
 public:
  std::optional<Response> write(const char*, std::size_t size) override {
    seen += size;
    if (seen > 3) return text_response(401, "no");
    return std::nullopt;
  }
  std::size_t seen = 0;
};

TEST(RequestReader, ASinkTakesTheBodyAndMayRefuse) {
  Request request;
  HttpLimits limits;
  RequestReader reader(request, limits);
  reader.set_body_limit(1000);
  auto sink = std::make_shared<RefusingSink>();
  reader.set_sink(sink);
  EXPECT_EQ(feed(reader, "POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789", 2).refused, 401);
  EXPECT_TRUE(request.body.empty());
}

}  // namespace
}  // namespace printline::http

// HTTPS by default (issue 15 item 3): the real printline-server program with no certificate
// configured makes its own private key (0600) and self-signed certificate with OpenSSL at the
// first start, serves HTTPS with it, logs its SHA-256 fingerprint — the one `openssl s_client`
// sees — and reuses both at the next start. `printline login` shows that fingerprint, pins it
// when the user accepts it, and refuses the server once its certificate is a different one.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "server/server_process.h"
#include "support/temp_dir.h"

namespace printline::testing {
namespace {

constexpr const char* kAdminPassword = "admin-password-for-tests";

class HttpsDefault : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_ / "admin-password") << kAdminPassword << "\n";
    std::ofstream(dir_ / "password") << kAdminPassword << "\n";
  }

  std::unique_ptr<ServerProcess> start(const std::string& name,
                                       std::vector<std::string> extra = {}, int port = 0) {
    std::vector<std::string> args{"--admin-password-file", (dir_ / "admin-password").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<ServerProcess>(PRINTLINE_SERVER_BINARY, dir_ / "data",
                                           dir_ / (name + ".log"), args, port);
  }

  // The certificate the server at `port` presents, as `openssl s_client` receives it, and its
  // fingerprint as `openssl x509` computes it.
  std::string served_fingerprint(int port, const std::string& name) {
    const auto cert = dir_ / (name + ".pem");
    const std::string fetch = "openssl s_client -connect 127.0.0.1:" + std::to_string(port) +
                              " -servername localhost </dev/null 2>" +
                              (dir_ / (name + ".s_client.log")).string() +
                              " | openssl x509 -out " + cert.string();
    EXPECT_EQ(std::system(fetch.c_str()), 0) << fetch;
    const auto out = dir_ / (name + ".fingerprint");
    const std::string digest = "openssl x509 -noout -fingerprint -sha256 -in " + cert.string() +
                               " > " + out.string();
    EXPECT_EQ(std::system(digest.c_str()), 0) << digest;
    std::string text = read_text_file(out);
    text = text.substr(text.find('=') + 1);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
  }

  std::string certificate_text(const std::string& name) {
    const auto out = dir_ / (name + ".txt");
    const std::string show = "openssl x509 -noout -text -in " + (dir_ / (name + ".pem")).string() +
                             " > " + out.string();
    EXPECT_EQ(std::system(show.c_str()), 0);
    return read_text_file(out);
  }

  int login(int port, const std::string& accept, const std::string& log) {
    std::vector<std::string> argv{"env", "XDG_CONFIG_HOME=" + (dir_ / "home").string(),
                                  PRINTLINE_CLI, "login", "--server",
                                  "https://127.0.0.1:" + std::to_string(port), "--user", "admin",
                                  "--password-file", (dir_ / "password").string(),
                                  "--control-socket", (dir_ / "no-client.sock").string()};
    if (!accept.empty()) argv.insert(argv.end(), {"--accept-fingerprint", accept});
    return run_program(argv, dir_ / log);
  }

  TempDir dir_{"printline-https-default"};
};

TEST_F(HttpsDefault, FirstStartMakesAPrivateKeyAndCertificateThatLaterStartsReuse) {
  auto server = start("first", {"--tls", "self-signed"});
  const std::string logged = server->fingerprint();
  ASSERT_FALSE(logged.empty()) << server->log();
  EXPECT_NE(server->log().find("listening on https://"), std::string::npos) << server->log();
  EXPECT_EQ(served_fingerprint(server->port(), "first"), logged);

  const std::string text = certificate_text("first");
  EXPECT_NE(text.find("DNS:localhost"), std::string::npos) << text;
  EXPECT_NE(text.find("IP Address:127.0.0.1"), std::string::npos) << text;
  EXPECT_NE(text.find("IP Address:0:0:0:0:0:0:0:1"), std::string::npos) << text;

  const auto key = dir_ / "data" / "tls" / "server.key";
  struct stat info {};
  ASSERT_EQ(::stat(key.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 07777, 0600u);
  EXPECT_EQ(info.st_uid, ::geteuid());
  const std::string key_pem = read_text_file(key);
  EXPECT_NE(key_pem.find("PRIVATE KEY"), std::string::npos);
  ASSERT_TRUE(server->stop()) << server->log();

  auto again = start("second", {"--tls", "self-signed"});
  EXPECT_EQ(again->fingerprint(), logged) << again->log();
  EXPECT_EQ(again->log().find("Created a self-signed"), std::string::npos) << again->log();
  EXPECT_EQ(served_fingerprint(again->port(), "second"), logged);
  EXPECT_EQ(read_text_file(key), key_pem);
  ASSERT_TRUE(again->stop()) << again->log();
}

TEST_F(HttpsDefault, LoginShowsAndPinsTheFingerprintAndRefusesADifferentCertificate) {
  auto server = start("first", {"--tls", "self-signed"});
  const std::string fingerprint = server->fingerprint();
  ASSERT_FALSE(fingerprint.empty()) << server->log();

  // Without the user's word nothing is sent, and the fingerprint is shown to compare.
  EXPECT_NE(login(server->port(), "", "login-unconfirmed.log"), 0);
  EXPECT_NE(read_text_file(dir_ / "login-unconfirmed.log").find(fingerprint), std::string::npos)
      << read_text_file(dir_ / "login-unconfirmed.log");
  ASSERT_EQ(login(server->port(), fingerprint, "login.log"), 0)
      << read_text_file(dir_ / "login.log");
  EXPECT_NE(read_text_file(dir_ / "home" / "printline" / "credentials.json").find(fingerprint),
            std::string::npos);
  const int port = server->port();
  ASSERT_TRUE(server->stop());

  // The same address with another certificate (the key and certificate replaced): the pinned
  // client refuses it.
  std::filesystem::remove_all(dir_ / "data" / "tls");
  auto replaced = start("replaced", {"--tls", "self-signed"}, port);
  ASSERT_NE(replaced->fingerprint(), fingerprint);
  EXPECT_NE(login(port, "", "login-changed.log"), 0);
  const std::string refused = read_text_file(dir_ / "login-changed.log");
  EXPECT_NE(refused.find("has CHANGED"), std::string::npos) << refused;
}

TEST_F(HttpsDefault, LoopbackServesPlainHttpUnlessToldOtherwiseAndOffIsExplicit) {
  auto loopback = start("auto");
  EXPECT_NE(loopback->log().find("listening on http://127.0.0.1"), std::string::npos)
      << loopback->log();
  EXPECT_TRUE(loopback->fingerprint().empty());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "data" / "tls"));
  ASSERT_TRUE(loopback->stop());

  // A certificate configured together with "off" is a contradiction, refused at start.
  const int status = run_program({PRINTLINE_SERVER_BINARY, "--data", (dir_ / "data").string(),
                                  "--tls", "off", "--tls-cert", "/nonexistent.crt", "--tls-key",
                                  "/nonexistent.key"},
                                 dir_ / "contradiction.log");
  EXPECT_NE(status, 0);
  EXPECT_NE(read_text_file(dir_ / "contradiction.log").find("TLS is off"), std::string::npos);
}

}  // namespace
}  // namespace printline::testing

#include "support/test_certificates.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace printline::testing {
namespace {

void openssl(const std::string& arguments, const std::filesystem::path& log) {
  const std::string command = "openssl " + arguments + " >>" + log.string() + " 2>&1";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("openssl failed: " + command + "; see " + log.string());
  }
}

}  // namespace

TestCertificates::TestCertificates(const std::filesystem::path& where) : dir(where) {
  const auto log = dir / "openssl.log";
  const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  openssl("req -x509 " + ec + " -keyout " + (dir / "ca.key").string() + " -out " + ca.string() +
              " -days 2 -subj /CN=Printline-Test-CA",
          log);
  openssl("req " + ec + " -keyout " + server_key.string() + " -out " +
              (dir / "server.csr").string() + " -subj /CN=127.0.0.1",
          log);
  std::ofstream(dir / "san.ext") << "subjectAltName=IP:127.0.0.1\n";
  openssl("x509 -req -in " + (dir / "server.csr").string() + " -CA " + ca.string() + " -CAkey " +
              (dir / "ca.key").string() + " -CAcreateserial -days 2 -extfile " +
              (dir / "san.ext").string() + " -out " + server_cert.string(),
          log);
  openssl("req -x509 " + ec + " -keyout " + mitm_key.string() + " -out " + mitm_cert.string() +
              " -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1",
          log);
}

std::string TestCertificates::fingerprint(const std::filesystem::path& cert) const {
  const auto out = dir / "fingerprint.txt";
  openssl("x509 -noout -fingerprint -sha256 -in " + cert.string() + " -out " + out.string(),
          dir / "openssl.log");
  std::ifstream in(out);
  std::stringstream read;
  read << in.rdbuf();
  std::string text = read.str();
  text = text.substr(text.find('=') + 1);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace printline::testing

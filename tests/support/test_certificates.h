#pragma once
// Certificates made for one test with the openssl command: a CA, a server certificate it
// signed for 127.0.0.1, and an impostor's self-signed certificate for the same address (what a
// man in the middle would present). EC P-256 keys, valid two days. Throws std::runtime_error
// when openssl fails (its output is in <dir>/openssl.log).

#include <filesystem>
#include <string>

namespace printline::testing {

struct TestCertificates {
  explicit TestCertificates(const std::filesystem::path& where);

  // As `openssl x509 -fingerprint -sha256` prints it, after "=".
  std::string fingerprint(const std::filesystem::path& cert) const;

  std::filesystem::path dir;
  std::filesystem::path ca = dir / "ca.pem";
  std::filesystem::path server_cert = dir / "server.pem", server_key = dir / "server.key";
  std::filesystem::path mitm_cert = dir / "mitm.pem", mitm_key = dir / "mitm.key";
};

}  // namespace printline::testing

#include "server/tls_bootstrap.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <memory>
#include <system_error>

#include "core/tls_trust.h"
#include "server/private_files.h"

namespace printline::server {
namespace {

// Ten years: a pinned certificate is trusted by its fingerprint, not its dates, and replacing
// it means every client confirms the new one (docs/server.md).
constexpr long kValiditySeconds = 10L * 365 * 24 * 3600;

struct Free {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Free>;

std::string host_name() {
  std::array<char, 256> host{};
  if (gethostname(host.data(), host.size() - 1) != 0 || host[0] == '\0') return "localhost";
  return host.data();
}

bool is_ip_address(const std::string& text) {
  std::array<unsigned char, 16> buffer{};
  return inet_pton(AF_INET, text.c_str(), buffer.data()) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1;
}

bool is_wildcard(const std::string& host) {
  return host.empty() || host == "0.0.0.0" || host == "::" || host == "*";
}

// DNS:<host name>, DNS:localhost, IP:127.0.0.1, IP:::1, and the listen address when it names
// one (not a wildcard), so clients that use any of them see a matching certificate.
std::string subject_alt_names(const std::string& host, const std::string& listen_host) {
  std::string names = "DNS:localhost,IP:127.0.0.1,IP:::1";
  if (host != "localhost") names = "DNS:" + host + "," + names;
  if (!is_wildcard(listen_host) && !is_loopback_host(listen_host)) {
    names += (is_ip_address(listen_host) ? ",IP:" : ",DNS:") + listen_host;
  }
  return names;
}

std::string pem_of_key(EVP_PKEY* key) {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return {data, static_cast<std::size_t>(size)};
}

std::string pem_of_certificate(X509* cert) {
  Owned<BIO> bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return {data, static_cast<std::size_t>(size)};
}

std::string der_of(X509* cert) {
  unsigned char* der = nullptr;
  const int size = i2d_X509(cert, &der);
  if (size <= 0) return {};
  std::string bytes(reinterpret_cast<const char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return bytes;
}

bool add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  Owned<X509_EXTENSION> extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
  return extension && X509_add_ext(cert, extension.get(), -1) == 1;
}

struct Generated {
  std::string key_pem, cert_pem, fingerprint;
};

Result<Generated> generate(const std::string& listen_host) {
  // P-256: every TLS client Printline talks to (libcups, cpp-httplib, browsers) accepts it.
  Owned<EVP_PKEY> key(EVP_EC_gen("P-256"));
  Owned<X509> cert(X509_new());
  if (!key || !cert) return Error{"OpenSSL could not make a key for the HTTPS certificate."};
  const std::string host = host_name();
  std::array<unsigned char, 16> serial{};
  RAND_bytes(serial.data(), static_cast<int>(serial.size()));
  serial[0] &= 0x7f;  // a positive serial number
  BIGNUM* serial_number = BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr);
  BN_to_ASN1_INTEGER(serial_number, X509_get_serialNumber(cert.get()));
  BN_free(serial_number);
  X509_set_version(cert.get(), 2);  // v3, for the extensions
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);  // clocks a little behind
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValiditySeconds);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("Printline"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(host.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  const bool extended =
      add_extension(cert.get(), NID_subject_alt_name, subject_alt_names(host, listen_host)) &&
      add_extension(cert.get(), NID_basic_constraints, "critical,CA:FALSE") &&
      add_extension(cert.get(), NID_key_usage, "critical,digitalSignature") &&
      add_extension(cert.get(), NID_ext_key_usage, "serverAuth") &&
      add_extension(cert.get(), NID_subject_key_identifier, "hash");
  if (!extended || X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0) {
    return Error{"OpenSSL could not sign the self-signed HTTPS certificate."};
  }
  return Generated{pem_of_key(key.get()), pem_of_certificate(cert.get()),
                   sha256_fingerprint(der_of(cert.get()))};
}

// The key first, then the certificate under a temporary name renamed into place: a complete
// certificate file means its key is on disk too.
Result<bool> write_pair(const ServerConfig& config, const Generated& made) {
  std::error_code error;
  std::filesystem::create_directories(self_signed_key_path(config).parent_path(), error);
  if (error) {
    return Error{fmt::format("Cannot create {}: {}.",
                             self_signed_key_path(config).parent_path().string(), error.message())};
  }
  if (auto written = write_private_file(self_signed_key_path(config), made.key_pem);
      !written.ok()) {
    return written;
  }
  auto part = self_signed_cert_path(config);
  part += ".part";
  if (auto written = write_private_file(part, made.cert_pem); !written.ok()) return written;
  std::filesystem::rename(part, self_signed_cert_path(config), error);
  if (error) {
    return Error{fmt::format("Cannot create {}: {}.", self_signed_cert_path(config).string(),
                             error.message())};
  }
  return true;
}

}  // namespace

std::filesystem::path self_signed_key_path(const ServerConfig& config) {
  return config.data_dir / "tls" / "server.key";
}

std::filesystem::path self_signed_cert_path(const ServerConfig& config) {
  return config.data_dir / "tls" / "server.crt";
}

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  std::array<unsigned char, 4> v4{};
  return inet_pton(AF_INET, host.c_str(), v4.data()) == 1 && v4[0] == 127;
}

Result<std::string> pem_certificate_fingerprint(const std::filesystem::path& cert_path) {
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(cert_path.c_str(), "r"), &std::fclose);
  if (!file) {
    return Error{fmt::format("Cannot read the TLS certificate {}.", cert_path.string())};
  }
  Owned<X509> cert(PEM_read_X509(file.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    return Error{fmt::format("{} holds no PEM certificate; replace it or remove it.",
                             cert_path.string())};
  }
  return sha256_fingerprint(der_of(cert.get()));
}

Result<TlsSetup> prepare_tls(ServerConfig& config) {
  TlsSetup setup;
  if (config.tls() && config.tls_mode != "off") {
    auto fingerprint = pem_certificate_fingerprint(config.tls_cert);
    if (!fingerprint.ok()) return fingerprint.error();
    setup.https = true;
    setup.sha256_fingerprint = *fingerprint;
    return setup;
  }
  const bool self_signed = config.tls_mode == "self-signed" ||
                           (config.tls_mode == "auto" && !is_loopback_host(config.listen_host));
  if (!self_signed) return setup;  // plain HTTP, as configured or on loopback only

  const auto key = self_signed_key_path(config);
  const auto cert = self_signed_cert_path(config);
  const bool have_key = std::filesystem::exists(key);
  const bool have_cert = std::filesystem::exists(cert);
  if (have_cert && !have_key) {
    return Error{fmt::format(
        "{} exists but its key {} is missing. Restore the key from a backup, or remove the "
        "certificate to make a new pair (clients must then accept the new fingerprint).",
        cert.string(), key.string())};
  }
  if (!have_cert) {
    // A key without its certificate was never served: a crash between the two writes.
    auto made = generate(config.listen_host);
    if (!made.ok()) return made.error();
    if (auto written = write_pair(config, *made); !written.ok()) return written.error();
    setup.generated = true;
  }
  auto fingerprint = pem_certificate_fingerprint(cert);
  if (!fingerprint.ok()) return fingerprint.error();
  config.tls_cert = cert;
  config.tls_key = key;
  setup.https = true;
  setup.sha256_fingerprint = *fingerprint;
  return setup;
}

}  // namespace printline::server

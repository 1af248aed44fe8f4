#include "core/tls_trust.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <memory>

namespace printline {

namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct StoreFree {
  void operator()(X509_STORE* s) const { X509_STORE_free(s); }
};
struct StoreCtxFree {
  void operator()(X509_STORE_CTX* c) const { X509_STORE_CTX_free(c); }
};
struct StackFree {
  void operator()(STACK_OF(X509)* s) const { sk_X509_pop_free(s, X509_free); }
};

std::unique_ptr<X509, X509Free> parse_der(const std::string& der) {
  const auto* data = reinterpret_cast<const unsigned char*>(der.data());
  return std::unique_ptr<X509, X509Free>(d2i_X509(nullptr, &data, static_cast<long>(der.size())));
}

bool is_ip_address(const std::string& host) {
  in6_addr v6{};
  in_addr v4{};
  return ::inet_pton(AF_INET, host.c_str(), &v4) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

// Why the chain does not verify against the CAs for `host`, or nothing.
std::optional<std::string> verify_with_cas(const std::vector<std::string>& der_chain,
                                           const std::string& host, const TlsTrust& trust) {
  auto leaf = parse_der(der_chain.front());
  if (!leaf) return "its certificate cannot be read";
  std::unique_ptr<STACK_OF(X509), StackFree> untrusted(sk_X509_new_null());
  for (std::size_t i = 1; i < der_chain.size(); ++i) {
    if (auto extra = parse_der(der_chain[i])) sk_X509_push(untrusted.get(), extra.release());
  }
  std::unique_ptr<X509_STORE, StoreFree> store(X509_STORE_new());
  const bool loaded = trust.ca_file.empty()
                          ? X509_STORE_set_default_paths(store.get()) == 1
                          : X509_STORE_load_file(store.get(), trust.ca_file.c_str()) == 1;
  if (!loaded) return fmt::format("the CA file {} cannot be read", trust.ca_file);
  std::unique_ptr<X509_STORE_CTX, StoreCtxFree> context(X509_STORE_CTX_new());
  if (X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), untrusted.get()) != 1) {
    return "the certificate check could not start";
  }
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context.get());
  const bool host_set = is_ip_address(host)
                            ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1
                            : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size()) == 1;
  if (!host_set) return fmt::format("the address {} cannot be checked", host);
  if (X509_verify_cert(context.get()) == 1) return std::nullopt;
  return std::string(X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get())));
}

}  // namespace

std::string TlsTrust::key(const std::string& host, int port) {
  std::string bare = host;
  if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') {
    bare = bare.substr(1, bare.size() - 2);
  }
  return fmt::format("{}:{}", bare, port);
}

const std::string* TlsTrust::pin_for(const std::string& host, int port) const {
  const auto it = pinned.find(key(host, port));
  return it == pinned.end() || it->second.empty() ? nullptr : &it->second;
}

std::string sha256_fingerprint(std::string_view der) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(der.data(), der.size(), digest, &length, EVP_sha256(), nullptr);
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    if (i > 0) text += ':';
    text += fmt::format("{:02X}", digest[i]);
  }
  return text;
}

std::optional<std::string> normalize_fingerprint(std::string_view text) {
  if (text.size() >= 7) {
    std::string prefix(text.substr(0, 7));
    for (char& c : prefix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (prefix == "SHA256:") text.remove_prefix(7);
  }
  std::string hex;
  for (char c : text) {
    if (c == ':' || c == ' ') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    hex += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  if (hex.size() != 64) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    if (i > 0) out += ':';
    out += hex.substr(i, 2);
  }
  return out;
}

std::optional<Error> check_peer_certificate(const std::vector<std::string>& der_chain,
                                            const std::string& host, int port,
                                            const TlsTrust& trust) {
  const std::string where = TlsTrust::key(host, port);
  if (der_chain.empty()) {
    return Error{fmt::format("{} showed no TLS certificate; nothing was sent to it.", where)};
  }
  const std::string shown = sha256_fingerprint(der_chain.front());
  if (const std::string* pin = trust.pin_for(host, port)) {
    if (shown == *pin) return std::nullopt;
    return Error{fmt::format(
        "The TLS certificate of {} has CHANGED since it was pinned at `printline login`: it is "
        "now SHA256 {}, the pinned one is SHA256 {}. Someone may be intercepting the "
        "connection, so nothing was sent. If your administrator replaced the certificate, "
        "check the new fingerprint with them, then run `printline login --server https://{} "
        "--accept-fingerprint {}`.",
        where, shown, *pin, where, shown)};
  }
  if (auto why = verify_with_cas(der_chain, host, trust)) {
    return Error{fmt::format(
        "The TLS certificate of {} is not trusted ({}), so nothing was sent to it. Trust its CA "
        "(ca_cert_file in the client's configuration, --ca-cert for the CLI) or pin it once its "
        "fingerprint SHA256 {} is confirmed by your administrator (`printline login` for the "
        "Printline server, pinned_certificates in the client's configuration for a printer).",
        where, *why, shown)};
  }
  return std::nullopt;
}

}  // namespace printline

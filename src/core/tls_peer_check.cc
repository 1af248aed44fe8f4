#include "core/tls_peer_check.h"

#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <memory>
#include <vector>

namespace printline {

namespace {

struct PeerCheck {
  TlsTrust trust;
  std::string host;
  int port = 0;
};

thread_local std::string last_refusal;

std::string der_of(X509* certificate) {
  unsigned char* out = nullptr;
  const int length = i2d_X509(certificate, &out);
  if (length <= 0) return {};
  std::string der(reinterpret_cast<char*>(out), static_cast<std::size_t>(length));
  OPENSSL_free(out);
  return der;
}

void free_check(void*, void* pointer, CRYPTO_EX_DATA*, int, long, void*) {
  delete static_cast<PeerCheck*>(pointer);
}

int check_index() {
  static const int index =
      CRYPTO_get_ex_new_index(CRYPTO_EX_INDEX_SSL_CTX, 0, nullptr, nullptr, nullptr, free_check);
  return index;
}

// Replaces OpenSSL's chain check: the peer is checked by our rules only.
int verify_peer(X509_STORE_CTX* store_context, void* argument) {
  const auto* check = static_cast<const PeerCheck*>(argument);
  std::vector<std::string> chain;
  X509* leaf = X509_STORE_CTX_get0_cert(store_context);
  if (leaf != nullptr) chain.push_back(der_of(leaf));
  if (STACK_OF(X509)* sent = X509_STORE_CTX_get0_untrusted(store_context)) {
    for (int i = 0; i < sk_X509_num(sent); ++i) {
      X509* certificate = sk_X509_value(sent, i);
      if (certificate != leaf) chain.push_back(der_of(certificate));
    }
  }
  if (auto refused = check_peer_certificate(chain, check->host, check->port, check->trust)) {
    last_refusal = refused->message;
    X509_STORE_CTX_set_error(store_context, X509_V_ERR_APPLICATION_VERIFICATION);
    return 0;
  }
  X509_STORE_CTX_set_error(store_context, X509_V_OK);
  return 1;
}

}  // namespace

void require_trusted_peer(SSL_CTX* context, const TlsTrust& trust, const std::string& host,
                          int port) {
  auto* check = new PeerCheck{trust, host, port};
  SSL_CTX_set_ex_data(context, check_index(), check);  // freed with the context
  SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_cert_verify_callback(context, verify_peer, check);
}

std::string take_last_tls_refusal() {
  std::string refusal = std::move(last_refusal);
  last_refusal.clear();
  return refusal;
}

}  // namespace printline

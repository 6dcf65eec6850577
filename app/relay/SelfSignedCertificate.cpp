// SPDX-License-Identifier: GPL-3.0-or-later
#include "SelfSignedCertificate.h"

#include <lapis/crypto/Random.h>

#include <arpa/inet.h>
#include <filesystem>
#include <fstream>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sstream>
#include <sys/stat.h>

namespace lapis::relay {

namespace {

template<typename T, void (*Free)(T *)>
struct Deleter {
    void operator()(T *p) const { Free(p); }
};
using EvpKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

Error tlsError(const std::string &what)
{
    return fail(ErrorCode::Io, "Cannot make the TLS certificate: " + what);
}

bool isIpAddress(const std::string &host)
{
    unsigned char buffer[16];
    return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

Result<void> writePem(const std::string &path, const std::string &pem, mode_t mode)
{
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out)
            return tlsError("cannot write " + temp);
        out << pem;
        out.flush();
        if (!out)
            return tlsError("cannot write " + temp);
    }
    ::chmod(temp.c_str(), mode);
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec)
        return tlsError("cannot rename " + temp + ": " + ec.message());
    return {};
}

std::string bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace

Result<std::string> readTextFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(ErrorCode::Io, "Cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Result<void> SelfSignedCertificate::ensure(const std::string &certPath, const std::string &keyPath,
                                           const std::string &host)
{
    if (std::filesystem::exists(certPath) && std::filesystem::exists(keyPath))
        return {};

    EvpKey key(EVP_EC_gen("P-256"));
    if (!key)
        return tlsError("no P-256 key");
    Cert cert(X509_new());
    if (!cert)
        return tlsError("out of memory");
    X509_set_version(cert.get(), 2);
    // A random serial: clients that cached an earlier certificate must not confuse the two.
    Bytes serial = crypto::randomBytes(16);
    serial[0] &= 0x7F;
    BIGNUM *bn = BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>(host.c_str()), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("lapis-relay"), -1, -1,
                               0);
    X509_set_issuer_name(cert.get(), name);

    std::string san = isIpAddress(host) ? "IP:" + host : "DNS:" + host;
    if (host != "localhost")
        san += ",DNS:localhost";
    if (host != "127.0.0.1")
        san += ",IP:127.0.0.1";
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    for (const auto &[nid, value] :
         {std::pair{NID_subject_alt_name, san}, std::pair{NID_basic_constraints, std::string("critical,CA:TRUE")},
          std::pair{NID_key_usage, std::string("critical,digitalSignature,keyCertSign")}}) {
        X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
        if (!ext)
            return tlsError("bad extension " + value);
        X509_add_ext(cert.get(), ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0)
        return tlsError("signing failed");

    Bio certBio(BIO_new(BIO_s_mem()));
    Bio keyBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_X509(certBio.get(), cert.get())
        || !PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr))
        return tlsError("PEM encoding failed");

    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(certPath).parent_path(), ec);
    // The key first: a certificate without its key would be "reused" and fail every handshake.
    LAPIS_TRY(writePem(keyPath, bioText(keyBio.get()), 0600));
    return writePem(certPath, bioText(certBio.get()), 0644);
}

} // namespace lapis::relay

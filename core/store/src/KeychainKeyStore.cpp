// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/common/Log.h>
#include <lapis/store/KeychainKeyStore.h>

#include <QByteArray>
#include <qt6keychain/keychain.h>

namespace lapis::store {

namespace {

// QtKeychain 0.13 has no isAvailable(): every error but "no such entry" means no usable keychain.
Error toError(const QKeychain::Job &job, std::string_view action)
{
    if (job.error() == QKeychain::EntryNotFound)
        return fail(ErrorCode::NotFound, "The keychain holds no key for this profile");
    // errorString() describes the keychain's failure (D-Bus, locked, ...), never the secret.
    return fail(ErrorCode::Unavailable, ErrorReason::KeychainUnavailable,
                std::string(action) + ": " + job.errorString().toStdString());
}

} // namespace

void KeychainKeyStore::load(const QString &profile, KeyCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(Service));
    job->setAutoDelete(true);
    job->setKey(profile);
    QObject::connect(job, &QKeychain::Job::finished, job, [done = std::move(done)](QKeychain::Job *finished) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (read->error() != QKeychain::NoError) {
            qCInfo(lcStore) << "Keychain read failed with code" << read->error();
            done(toError(*read, "The keychain did not answer"));
            return;
        }
        QByteArray data = read->binaryData();
        if (data.size() != 32) {
            secureWipe(data.data(), static_cast<std::size_t>(data.size()));
            done(fail(ErrorCode::Corrupt, "The keychain entry is not a database key"));
            return;
        }
        SecureBytes key = SecureBytes::copyOf(
            ByteView(reinterpret_cast<const std::uint8_t *>(data.constData()), static_cast<std::size_t>(data.size())));
        // Best effort: the job's own copy dies with the job right after this.
        secureWipe(data.data(), static_cast<std::size_t>(data.size()));
        done(std::move(key));
    });
    job->start();
}

void KeychainKeyStore::save(const QString &profile, ByteView key, DoneCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(Service));
    job->setAutoDelete(true);
    job->setKey(profile);
    QByteArray data(reinterpret_cast<const char *>(key.data()), static_cast<qsizetype>(key.size()));
    job->setBinaryData(data);
    secureWipe(data.data(), static_cast<std::size_t>(data.size()));
    QObject::connect(job, &QKeychain::Job::finished, job, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError) {
            done(toError(*finished, "Saving the key in the keychain failed"));
            return;
        }
        done({});
    });
    job->start();
}

void KeychainKeyStore::remove(const QString &profile, DoneCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(QString::fromLatin1(Service));
    job->setAutoDelete(true);
    job->setKey(profile);
    QObject::connect(job, &QKeychain::Job::finished, job, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound) {
            done(toError(*finished, "Removing the key from the keychain failed"));
            return;
        }
        done({});
    });
    job->start();
}

} // namespace lapis::store

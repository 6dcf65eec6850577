// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountSecurity.h"
#include "RelayContext.h"
#include "relay.grpc.pb.h"

namespace lapis::relay {

/// Registration, device log-in (password, TOTP), linked devices, TOTP settings, device lists.
class AccountsService final : public lapis::relay::v1::Accounts::Service {
public:
    explicit AccountsService(RelayContext &relay);

    grpc::Status Register(grpc::ServerContext *context, const v1::RegisterRequest *request,
                          v1::DeviceCredential *response) override;
    grpc::Status LoginDevice(grpc::ServerContext *context, const v1::LoginDeviceRequest *request,
                             v1::DeviceCredential *response) override;
    grpc::Status RegisterLinkedDevice(grpc::ServerContext *context, const v1::RegisterLinkedDeviceRequest *request,
                                      v1::DeviceCredential *response) override;
    grpc::Status TotpEnroll(grpc::ServerContext *context, const v1::TotpEnrollRequest *request,
                            v1::TotpEnrollResponse *response) override;
    grpc::Status TotpConfirm(grpc::ServerContext *context, const v1::TotpCodeRequest *request,
                             v1::Empty *response) override;
    grpc::Status TotpDisable(grpc::ServerContext *context, const v1::TotpCodeRequest *request,
                             v1::Empty *response) override;
    grpc::Status ListDevices(grpc::ServerContext *context, const v1::ListDevicesRequest *request,
                             v1::DeviceList *response) override;
    grpc::Status RemoveDevice(grpc::ServerContext *context, const v1::RemoveDeviceRequest *request,
                              v1::Empty *response) override;
    grpc::Status ListSignInRequests(grpc::ServerContext *context, const v1::ListSignInRequestsRequest *request,
                                    v1::SignInRequests *response) override;
    grpc::Status DenySignIn(grpc::ServerContext *context, const v1::DenySignInRequest *request,
                            v1::Empty *response) override;
    /// A new password: a device with proof of the account key, the old password, and TOTP if on.
    grpc::Status ChangePassword(grpc::ServerContext *context, const v1::ChangePasswordRequest *request,
                                v1::Empty *response) override;
    grpc::Status AllowSignIns(grpc::ServerContext *context, const v1::AllowSignInsRequest *request,
                              v1::Empty *response) override;

private:
    /// Refuses while the account is locked out after failed attempts.
    grpc::Status checkLockout(grpc::ServerContext &context, const AccountRecord &account);
    /// Counts a failed attempt and answers `message`, or the lock-out it caused.
    grpc::Status failedAttempt(grpc::ServerContext &context, const std::string &username, const char *message,
                               const char *reason);
    /// Checks a TOTP code against the `stored` (sealed) secret; the matching step, or a status.
    grpc::Status matchTotp(grpc::ServerContext &context, const AccountRecord &account, ByteView stored,
                           const std::string &code, std::int64_t &step);
    /// Makes a pending sign-in for a password log-in to an account that has devices, pushes its
    /// code to them and answers PERMISSION_DENIED with the request in the status details.
    grpc::Status requestSignIn(grpc::ServerContext &context, const AccountRecord &account,
                               const v1::LoginDeviceRequest &request);
    /// Checks the code against its own pending sign-in and, when it matches, adds the device.
    grpc::Status completeSignIn(grpc::ServerContext &context, const AccountRecord &account,
                                const v1::LoginDeviceRequest &request, v1::DeviceCredential *response);
    grpc::Status issueCredential(grpc::ServerContext &context, const std::string &username,
                                 const Result<DeviceAdded> &added, const Bytes &credential,
                                 v1::DeviceCredential *response);

    RelayContext &m_relay;
    AccountSecurity m_security;
    /// A hash of nothing, checked against for unknown accounts.
    std::string m_dummyHash;
};

} // namespace lapis::relay

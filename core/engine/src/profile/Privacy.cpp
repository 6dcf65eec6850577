// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/engine/profile/Privacy.h>

namespace lapis::engine {

namespace {
constexpr std::string_view TypingKey = "privacy.typing_indicators";
constexpr std::string_view ReadReceiptsKey = "privacy.read_receipts";
} // namespace

Result<void> Privacy::load()
{
    LAPIS_TRY_ASSIGN(auto stored, m_ctx.store
                                      ->transact([](store::Transaction &tx) -> Result<PrivacySettings> {
                                          PrivacySettings s;
                                          LAPIS_TRY_ASSIGN(auto typing, tx.meta().get(TypingKey));
                                          LAPIS_TRY_ASSIGN(auto receipts, tx.meta().get(ReadReceiptsKey));
                                          s.typingIndicators = !typing || *typing != "0";
                                          s.readReceipts = !receipts || *receipts != "0";
                                          return s;
                                      })
                                      .get());
    m_ctx.typingIndicators = stored.typingIndicators;
    m_ctx.readReceipts = stored.readReceipts;
    return {};
}

PrivacySettings Privacy::settings() const
{
    return PrivacySettings{m_ctx.typingIndicators.load(), m_ctx.readReceipts.load()};
}

Result<void> Privacy::change(const PrivacySettings &settings)
{
    LAPIS_TRY(m_ctx.store
                  ->transact([&](store::Transaction &tx) -> Result<void> {
                      LAPIS_TRY(tx.meta().set(TypingKey, settings.typingIndicators ? "1" : "0"));
                      return tx.meta().set(ReadReceiptsKey, settings.readReceipts ? "1" : "0");
                  })
                  .get());
    m_ctx.typingIndicators = settings.typingIndicators;
    m_ctx.readReceipts = settings.readReceipts;
    return {};
}

} // namespace lapis::engine

// SPDX-License-Identifier: GPL-3.0-or-later
// Envelope and Content encodings, padding and the plaintext fallback.

#include <lapis/protocol/Content.h>
#include <lapis/protocol/Envelope.h>
#include <lapis/protocol/Limits.h>
#include <lapis/protocol/Padding.h>
#include <lapis/protocol/SessionCipher.h>

#include <QTest>

using namespace lapis;
using namespace lapis::protocol;

namespace {

MessageId idOf(std::uint8_t b)
{
    std::array<std::uint8_t, 16> a{};
    a.fill(b);
    return MessageId(a);
}

DataMessage sampleData()
{
    DataMessage d;
    d.text = "Grüße 👋";
    AttachmentPointer p;
    p.blobId = {1, 2, 3};
    p.key = SecretArray<32>::fromView(Bytes(32, 7));
    p.digest = Bytes(32, 9);
    p.size = 123456;
    p.mimeType = "image/png";
    p.fileName = "cat.png";
    p.thumbnail = {0x89, 'P', 'N', 'G'};
    d.attachments.push_back(p);
    d.reaction = Reaction{idOf(1), "❤", false};
    d.edit = Edit{idOf(2), "fixed typo"};
    d.deletion = Delete{idOf(3)};
    d.timestamp = 1700000000123;
    d.quote = Quote{idOf(4), AccountId("bob"), "Pfannkuchen zum Frühstück? 🥞"};
    return d;
}

void compareData(const DataMessage &x, const DataMessage &y)
{
    QCOMPARE(x.text, y.text);
    QCOMPARE(x.attachments.size(), y.attachments.size());
    for (std::size_t i = 0; i < x.attachments.size(); ++i) {
        const auto &p = x.attachments[i];
        const auto &q = y.attachments[i];
        QCOMPARE(p.blobId, q.blobId);
        QVERIFY(std::equal(p.key.view().begin(), p.key.view().end(), q.key.view().begin()));
        QCOMPARE(p.digest, q.digest);
        QCOMPARE(p.size, q.size);
        QCOMPARE(p.mimeType, q.mimeType);
        QCOMPARE(p.fileName, q.fileName);
        QCOMPARE(p.thumbnail, q.thumbnail);
    }
    QCOMPARE(x.reaction.has_value(), y.reaction.has_value());
    if (x.reaction) {
        QVERIFY(x.reaction->target == y.reaction->target);
        QCOMPARE(x.reaction->emoji, y.reaction->emoji);
    }
    QCOMPARE(x.edit.has_value(), y.edit.has_value());
    if (x.edit)
        QCOMPARE(x.edit->newText, y.edit->newText);
    QCOMPARE(x.deletion.has_value(), y.deletion.has_value());
    QCOMPARE(x.timestamp, y.timestamp);
    QCOMPARE(x.quote.has_value(), y.quote.has_value());
    if (x.quote) {
        QVERIFY(x.quote->target == y.quote->target);
        QCOMPARE(x.quote->author.value(), y.quote->author.value());
        QCOMPARE(x.quote->excerpt, y.quote->excerpt);
    }
}

Bytes idBytes(std::uint8_t b)
{
    const auto id = idOf(b);
    return Bytes(id.bytes().begin(), id.bytes().end());
}

// Hand-written protobuf, so that the tests can send what Content::serialize refuses to write.
void appendVarint(Bytes &out, std::size_t v)
{
    while (v >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}
void appendField(Bytes &out, std::uint8_t tag, const Bytes &value)
{
    out.push_back(tag);
    appendVarint(out, value.size());
    out.insert(out.end(), value.begin(), value.end());
}
Bytes raw(std::string_view s)
{
    return Bytes(s.begin(), s.end());
}
/// Content{version 1, id, data{text "re", quote{target, author, excerpt}}}.
Bytes contentWithQuote(const Bytes &target, std::string_view author, std::string_view excerpt)
{
    Bytes quote;
    appendField(quote, 0x0A, target);
    appendField(quote, 0x12, raw(author));
    appendField(quote, 0x1A, raw(excerpt));
    Bytes data;
    appendField(data, 0x0A, raw("re"));
    appendField(data, 0x3A, quote); // field 7, length-delimited
    Bytes content{0x08, 0x01};
    appendField(content, 0x12, idBytes(4));
    appendField(content, 0x1A, data);
    return content;
}

} // namespace

class TestContent : public QObject {
    Q_OBJECT

private slots:
    void padding_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("padded");
        QTest::newRow("empty") << 0 << 160;
        QTest::newRow("one") << 1 << 160;
        QTest::newRow("159") << 159 << 160;
        QTest::newRow("160") << 160 << 320;
        QTest::newRow("161") << 161 << 320;
        QTest::newRow("1000") << 1000 << 1120;
    }

    void padding()
    {
        QFETCH(int, size);
        QFETCH(int, padded);
        Bytes data(static_cast<std::size_t>(size), 0);
        for (std::size_t i = 0; i < data.size(); ++i)
            data[i] = static_cast<std::uint8_t>(i % 3 == 0 ? 0 : 0x80); // zeros and 0x80s inside
        auto p = pad(data);
        QCOMPARE(int(p.size()), padded);
        QCOMPARE(p.size() % PaddingBlock, std::size_t{0});
        auto back = unpad(p.view());
        QVERIFY(back.ok());
        QCOMPARE(Bytes(back->view().begin(), back->view().end()), data);
        QVERIFY(unpadInPlace(p).ok());
        QCOMPARE(Bytes(p.view().begin(), p.view().end()), data);
    }

    void malformedPaddingRejected()
    {
        QCOMPARE(unpad(Bytes{}).error().code, ErrorCode::Corrupt);
        QCOMPARE(unpad(Bytes(160, 0)).error().code, ErrorCode::Corrupt); // no marker
        Bytes wrongMarker(160, 0);
        wrongMarker[10] = 0x81;
        QCOMPARE(unpad(wrongMarker).error().code, ErrorCode::Corrupt);
        Bytes notMultiple(161, 0);
        notMultiple[0] = 0x80;
        QCOMPARE(unpad(notMultiple).error().code, ErrorCode::Corrupt);
        Bytes tooMuchPadding(320, 0);
        tooMuchPadding[5] = 0x80; // more than a block of padding: pad() never makes this
        QCOMPARE(unpad(tooMuchPadding).error().code, ErrorCode::Corrupt);
        WipedBytes inPlace{Bytes(tooMuchPadding)};
        QCOMPARE(unpadInPlace(inPlace).error().code, ErrorCode::Corrupt);
        QCOMPARE(inPlace.size(), tooMuchPadding.size()); // unchanged on error
    }

    void envelopeRoundTrip()
    {
        Envelope e;
        e.messageId = idOf(0xAB);
        e.sender = Address{AccountId("alice"), DeviceId(1)};
        e.recipient = Address{AccountId("bob"), DeviceId(7)};
        e.type = Envelope::Type::PreKey;
        e.ciphertext = {1, 2, 3, 4, 5};
        e.relayTimestamp = 1700000000000;
        auto parsed = Envelope::deserialize(e.serialize());
        QVERIFY(parsed.ok());
        QVERIFY(*parsed == e);
    }

    void malformedEnvelopesRejected()
    {
        Envelope e;
        e.messageId = idOf(1);
        e.sender = Address{AccountId("alice"), DeviceId(1)};
        e.recipient = Address{AccountId("bob"), DeviceId(1)};
        e.ciphertext = {9};
        auto good = e.serialize();
        QCOMPARE(Envelope::deserialize(Bytes{0xFF, 0xFF, 0xFF}).error().code, ErrorCode::Corrupt);
        auto badVersion = e;
        badVersion.version = 2;
        QCOMPARE(Envelope::deserialize(badVersion.serialize()).error().code, ErrorCode::Unsupported);
        auto noDevice = e;
        noDevice.recipient.device = DeviceId(0);
        QCOMPARE(Envelope::deserialize(noDevice.serialize()).error().code, ErrorCode::Corrupt);
        for (std::size_t cut = 0; cut + 1 < good.size(); ++cut) {
            auto r = Envelope::deserialize(ByteView(good).first(cut));
            QVERIFY(!r.ok() || !(*r == e));
        }
    }

    void contentMessageIdsAreTimeOrdered()
    {
        crypto::DeterministicRandom rng(3);
        const std::int64_t now = 1'764'000'000'123; // 2025-11-24, ms
        const auto id = newContentMessageId(now, rng);
        // 48-bit big-endian milliseconds, then random bytes.
        const Bytes expectedPrefix{0x01, 0x9a, 0xb6, 0x97, 0xe8, 0x7b};
        QCOMPARE(Bytes(id.bytes().begin(), id.bytes().begin() + 6), expectedPrefix);
        QVERIFY(id != newContentMessageId(now, rng)); // the same millisecond, another id
        // Later ids sort after earlier ones, whatever their random part.
        MessageId previous = newContentMessageId(now, rng);
        for (std::int64_t ms = now + 1; ms < now + 200; ++ms) {
            const auto next = newContentMessageId(ms, rng);
            QVERIFY(previous < next);
            previous = next;
        }
    }

    void contentRoundTrip()
    {
        Content c;
        c.messageId = idOf(5);
        c.data = sampleData();
        auto bytes = c.serialize();
        QVERIFY(bytes.ok());
        auto parsed = Content::deserialize(bytes->view());
        QVERIFY(parsed.ok());
        QVERIFY(parsed->messageId == c.messageId);
        QVERIFY(parsed->data.has_value());
        compareData(*parsed->data, *c.data);

        Content receipt;
        receipt.messageId = idOf(6);
        receipt.receipt = Receipt{Receipt::Type::Read, {idOf(1), idOf(2)}, 42};
        auto r = Content::deserialize(receipt.serialize()->view());
        QVERIFY(r.ok() && r->receipt.has_value());
        QCOMPARE(r->receipt->type, Receipt::Type::Read);
        QCOMPARE(r->receipt->messageIds.size(), std::size_t{2});
        QVERIFY(r->receipt->messageIds[1] == idOf(2));

        Content typing;
        typing.messageId = idOf(7);
        typing.typing = Typing{true, 99};
        auto t = Content::deserialize(typing.serialize()->view());
        QVERIFY(t.ok() && t->typing && t->typing->started && t->typing->timestamp == 99);

        Content sync;
        sync.messageId = idOf(8);
        sync.sync = SyncTranscript{AccountId("bob"), idOf(9), 77, sampleData()};
        auto s = Content::deserialize(sync.serialize()->view());
        QVERIFY(s.ok() && s->sync.has_value());
        QCOMPARE(s->sync->destination.value(), std::string("bob"));
        QVERIFY(s->sync->messageId == idOf(9));
        compareData(s->sync->message, sync.sync->message);
    }

    void contentNeedsExactlyOneBody()
    {
        Content none;
        QCOMPARE(none.serialize().error().code, ErrorCode::InvalidArgument);
        Content two;
        two.typing = Typing{};
        two.data = DataMessage{};
        QCOMPARE(two.serialize().error().code, ErrorCode::InvalidArgument);
        QVERIFY(!Content::deserialize(Bytes{0x08, 0x01}).ok()); // version only, no body
        QVERIFY(!Content::deserialize(Bytes{0xFF}).ok());
    }

    void quoteDecodesFromHandWrittenBytes()
    {
        auto parsed = Content::deserialize(contentWithQuote(idBytes(9), "bob", "héllo"));
        QVERIFY(parsed.ok());
        QVERIFY(parsed->data && parsed->data->quote);
        QCOMPARE(parsed->data->text, std::string("re"));
        QVERIFY(parsed->data->quote->target == idOf(9));
        QCOMPARE(parsed->data->quote->author.value(), std::string("bob"));
        QCOMPARE(parsed->data->quote->excerpt, std::string("héllo"));
    }

    void contentWithoutQuoteStillDecodes()
    {
        // What a build before replies wrote: a DataMessage with fields 1..6 only.
        Bytes data;
        appendField(data, 0x0A, raw("old message"));
        data.push_back(0x30); // field 6, timestamp
        appendVarint(data, 1234);
        Bytes content{0x08, 0x01};
        appendField(content, 0x12, idBytes(3));
        appendField(content, 0x1A, data);
        auto parsed = Content::deserialize(content);
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->data->text, std::string("old message"));
        QCOMPARE(parsed->data->timestamp, std::uint64_t(1234));
        QVERIFY(!parsed->data->quote);
    }

    void quoteBoundsEnforced()
    {
        const Bytes id = idBytes(9);
        // Exactly at the bound: 200 four-byte code points decode.
        std::string longest;
        for (std::size_t i = 0; i < MaxQuoteExcerptChars; ++i)
            longest += "🥞";
        QVERIFY(Content::deserialize(contentWithQuote(id, "bob", longest)).ok());
        // One more code point, an empty or over-long author, a short target id, bad UTF-8: Corrupt.
        QCOMPARE(Content::deserialize(contentWithQuote(id, "bob", longest + "x")).error().code, ErrorCode::Corrupt);
        QCOMPARE(Content::deserialize(contentWithQuote(id, "bob", std::string(100000, 'a'))).error().code,
                 ErrorCode::Corrupt);
        QCOMPARE(Content::deserialize(contentWithQuote(id, "", "x")).error().code, ErrorCode::Corrupt);
        QCOMPARE(Content::deserialize(contentWithQuote(id, std::string(MaxAccountIdSize + 1, 'b'), "x")).error().code,
                 ErrorCode::Corrupt);
        QCOMPARE(Content::deserialize(contentWithQuote(Bytes(15, 1), "bob", "x")).error().code, ErrorCode::Corrupt);
        for (const char *bad : {"\xC3", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                "a\xFF"
                                "b"}) {
            auto r = Content::deserialize(contentWithQuote(id, "bob", bad));
            QVERIFY2(!r.ok(), bad);
        }

        // The sender side refuses to write what a receiver would refuse.
        Content c;
        c.messageId = idOf(1);
        c.data = DataMessage{};
        c.data->text = "re";
        c.data->quote = Quote{idOf(2), AccountId("bob"), longest + "x"};
        QCOMPARE(c.serialize().error().code, ErrorCode::InvalidArgument);
        c.data->quote->excerpt = quoteExcerpt(longest + "x");
        QCOMPARE(c.data->quote->excerpt, longest);
        QVERIFY(c.serialize().ok());
        c.data->quote->author = AccountId("");
        QCOMPARE(c.serialize().error().code, ErrorCode::InvalidArgument);
    }

    void quoteExcerptCutsAtCodePoints()
    {
        QCOMPARE(quoteExcerpt("short"), std::string("short"));
        std::string text;
        for (std::size_t i = 0; i < MaxQuoteExcerptChars - 1; ++i)
            text += 'a';
        text += "ü🥞"; // the 200th code point is ü; the pancake is cut
        const auto cut = quoteExcerpt(text);
        QCOMPARE(cut.size(), MaxQuoteExcerptChars - 1 + 2);
        QVERIFY(cut.ends_with("ü"));
        QCOMPARE(quoteExcerpt("ok\xFFrest"), std::string("ok")); // invalid UTF-8 ends the excerpt
    }

    void reactionEmojiBounded()
    {
        Content c;
        c.messageId = idOf(1);
        c.data = DataMessage{};
        c.data->reaction = Reaction{idOf(2), std::string(MaxReactionEmojiSize + 1, 'x'), false};
        QCOMPARE(c.serialize().error().code, ErrorCode::InvalidArgument);
        c.data->reaction->emoji = "👍";
        auto ok = Content::deserialize(c.serialize()->view());
        QVERIFY(ok.ok() && ok->data->reaction && ok->data->reaction->emoji == "👍");

        // Hand-written: a 65-byte emoji is refused on decode.
        Bytes reaction;
        appendField(reaction, 0x0A, idBytes(2));
        appendField(reaction, 0x12, Bytes(MaxReactionEmojiSize + 1, 'x'));
        Bytes data;
        appendField(data, 0x1A, reaction);
        Bytes content{0x08, 0x01};
        appendField(content, 0x12, idBytes(3));
        appendField(content, 0x1A, data);
        QCOMPARE(Content::deserialize(content).error().code, ErrorCode::Corrupt);
    }

    void plaintextEnvelope()
    {
        crypto::DeterministicRandom rng(3);
        const Address from{AccountId("alice"), DeviceId(1)};
        const Address to{AccountId("greg"), DeviceId(1)};
        auto e = makePlaintextEnvelope(from, to, asBytes("hello green"), rng);
        QCOMPARE(e.type, Envelope::Type::Plaintext);
        QCOMPARE(e.ciphertext.size(), PaddingBlock);
        QVERIFY(!e.messageId.isNull());
        auto parsed = Envelope::deserialize(e.serialize());
        QVERIFY(parsed.ok());
        auto content = openPlaintextEnvelope(*parsed);
        QVERIFY(content.ok());
        QCOMPARE(toString(content->view()), std::string("hello green"));
        auto other = e;
        other.type = Envelope::Type::Ratchet;
        QCOMPARE(openPlaintextEnvelope(other).error().code, ErrorCode::Unsupported);
    }

    void onlyPlaintextGoesToTheAccountMailbox()
    {
        // Device 0 is the mailbox of an account with no device: plaintext only.
        crypto::DeterministicRandom rng(4);
        const Address from{AccountId("alice"), DeviceId(1)};
        const Address mailbox{AccountId("greg"), DeviceId(0)};
        auto e = makePlaintextEnvelope(from, mailbox, asBytes("for greg's next device"), rng);
        auto parsed = Envelope::deserialize(e.serialize());
        QVERIFY(parsed.ok());
        QVERIFY(parsed->recipient == mailbox);
        for (const auto type : {Envelope::Type::PreKey, Envelope::Type::Ratchet}) {
            auto encrypted = e;
            encrypted.type = type;
            QCOMPARE(Envelope::deserialize(encrypted.serialize()).error().code, ErrorCode::Corrupt);
        }
        auto noSenderDevice = e;
        noSenderDevice.sender.device = DeviceId(0);
        QCOMPARE(Envelope::deserialize(noSenderDevice.serialize()).error().code, ErrorCode::Corrupt);
        auto noAccount = e;
        noAccount.recipient.account = AccountId("");
        QCOMPARE(Envelope::deserialize(noAccount.serialize()).error().code, ErrorCode::Corrupt);
    }
};

QTEST_APPLESS_MAIN(TestContent)
#include "tst_protocol_content.moc"

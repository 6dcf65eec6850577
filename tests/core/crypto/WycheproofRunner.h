// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/testsupport/TestData.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <QTest>

#include <functional>

namespace lapis::test {

/// What a single vector's check decided.
enum class Outcome { Accepted, Rejected, Mismatch };

/// Runs `check` over every case of a Wycheproof file and fails the test when a valid case is not
/// Accepted, an invalid one is not Rejected, or an acceptable one does not satisfy
/// `acceptableOk(flags, outcome)`. Also checks that the file's whole count of cases was run.
inline void runWycheproof(const QString &file,
                          const std::function<Outcome(const QJsonObject &group, const QJsonObject &tc)> &check,
                          const std::function<bool(const QStringList &flags, Outcome)> &acceptableOk = {})
{
    const QJsonObject root = loadJson(QStringLiteral("wycheproof/") + file);
    QStringList failures;
    int run = 0;
    for (const auto groupValue : root.value(QLatin1String("testGroups")).toArray()) {
        const QJsonObject group = groupValue.toObject();
        for (const auto tcValue : group.value(QLatin1String("tests")).toArray()) {
            const QJsonObject tc = tcValue.toObject();
            ++run;
            const auto outcome = check(group, tc);
            const QString result = tc.value(QLatin1String("result")).toString();
            QStringList flags;
            for (const auto f : tc.value(QLatin1String("flags")).toArray())
                flags << f.toString();
            bool ok = false;
            if (result == QLatin1String("valid"))
                ok = outcome == Outcome::Accepted;
            else if (result == QLatin1String("invalid"))
                ok = outcome == Outcome::Rejected;
            else if (result == QLatin1String("acceptable"))
                ok = acceptableOk ? acceptableOk(flags, outcome) : outcome != Outcome::Mismatch;
            if (!ok)
                failures << QStringLiteral("tcId %1 (%2, %3): outcome %4")
                                .arg(tc.value(QLatin1String("tcId")).toInt())
                                .arg(result, flags.join(QLatin1Char(',')))
                                .arg(static_cast<int>(outcome));
        }
    }
    QCOMPARE(run, root.value(QLatin1String("numberOfTests")).toInt());
    QVERIFY2(run > 0, "no vectors ran");
    QCOMPARE(failures, QStringList());
}

} // namespace lapis::test

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <lapis/common/Bytes.h>
#include <lapis/testsupport/TestData.h>

#include <QFile>
#include <QStringList>
#include <QTest>

#include <utility>
#include <vector>

/// The C2SP/CCTV ML-KEM vector files of ../shared/testvectors/ml-kem ("name = value" lines; a
/// value is hex, or a {list} of coefficients followed by its hex encoding). Names may repeat (the
/// intermediate file has two `r`s and two `dkPKE`s), so lookups count occurrences.
class MlKemVectors {
public:
    static QString path(const QString &file)
    {
        return lapis::test::testVectorsDir() + QStringLiteral("/ml-kem/") + file;
    }

    explicit MlKemVectors(const QString &file)
    {
        QFile in(path(file));
        if (!in.open(QIODevice::ReadOnly))
            qFatal("cannot open %s", qPrintable(in.fileName()));
        for (const QByteArray &line : in.readAll().split('\n')) {
            const QStringList parts = QString::fromUtf8(line).split(QStringLiteral(" = "));
            if (parts.size() >= 2)
                m_entries.emplace_back(parts.front(), parts.mid(1));
        }
    }

    /// The hex value of the `occurrence`-th line called `name`.
    lapis::Bytes hex(const QString &name, int occurrence = 0) const
    {
        const QString value = find(name, occurrence).back();
        auto bytes = lapis::fromHex(value.toStdString());
        if (!bytes.ok())
            qFatal("%s is not hex", qPrintable(name));
        return *bytes;
    }

    /// The {a, b, ...} coefficient list of the line called `name`.
    std::vector<int> list(const QString &name) const
    {
        for (QString value : find(name, 0)) {
            if (!value.startsWith(QLatin1Char('{')))
                continue;
            value = value.mid(1, value.size() - 2);
            std::vector<int> out;
            for (const QString &n : value.split(QStringLiteral(", ")))
                out.push_back(n.toInt());
            return out;
        }
        qFatal("%s has no list", qPrintable(name));
    }

private:
    const QStringList &find(const QString &name, int occurrence) const
    {
        for (const auto &[key, values] : m_entries)
            if (key == name && occurrence-- == 0)
                return values;
        qFatal("no vector %s", qPrintable(name));
    }

    std::vector<std::pair<QString, QStringList>> m_entries;
};

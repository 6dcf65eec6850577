// SPDX-License-Identifier: GPL-3.0-or-later
#include <lapis/testsupport/TestData.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonValue>
#include <QTest>

namespace lapis::test {

QString testVectorsDir()
{
    return QStringLiteral(LAPIS_TESTVECTORS_DIR);
}
QString sourceDir()
{
    return QStringLiteral(LAPIS_SOURCE_DIR);
}
QString binaryDir()
{
    return QStringLiteral(LAPIS_BINARY_DIR);
}

QJsonObject loadJson(const QString &relativePath)
{
    const QString path = testVectorsDir() + QLatin1Char('/') + relativePath;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("Test vector file missing: %s", qPrintable(path));
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("Test vector file unreadable: %s: %s", qPrintable(path), qPrintable(error.errorString()));
    return doc.object();
}

Bytes hexField(const QJsonObject &object, const char *name)
{
    const auto text = object.value(QLatin1String(name)).toString().toStdString();
    auto bytes = fromHex(text);
    if (!bytes.ok())
        qFatal("Bad hex in test vector field %s", name);
    return std::move(bytes).value();
}

} // namespace lapis::test

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_US">
<context>
    <name>AppearanceTab</name>
    <message>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>Show the message text in notifications</source>
        <translation>Nachrichtentext in Benachrichtigungen zeigen</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Download received files up to</source>
        <translation>Empfangene Dateien bis zu</translation>
    </message>
    <message>
        <source>Largest file downloaded without asking, in MiB</source>
        <translation>Größte Datei, die ohne Nachfrage heruntergeladen wird, in MiB</translation>
    </message>
    <message>
        <source>MiB without asking; larger ones wait for a click</source>
        <translation>MiB ohne Nachfrage herunterladen; größere warten auf einen Klick</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>A backup holds your account key, contacts, conversations and attachments, encrypted with a recovery code. Keep the file anywhere; keep the code somewhere else.</source>
        <translation>Eine Sicherung enthält deinen Kontoschlüssel, Kontakte, Unterhaltungen und Anhänge, verschlüsselt mit einem Wiederherstellungscode. Bewahre die Datei irgendwo auf, den Code woanders.</translation>
    </message>
    <message>
        <source>Export a backup…</source>
        <translation>Sicherung exportieren…</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Fortschritt der Sicherung</translation>
    </message>
    <message>
        <source>Recovery code (shown only now; without it the backup cannot be opened):</source>
        <translation>Wiederherstellungscode (nur jetzt sichtbar; ohne ihn lässt sich die Sicherung nicht öffnen):</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Wiederherstellungscode</translation>
    </message>
    <message>
        <source>I wrote it down</source>
        <translation>Ich habe ihn notiert</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>Sicherung speichern</translation>
    </message>
    <message>
        <source>Lapis backups (*.lapisbackup)</source>
        <translation>Lapis-Sicherungen (*.lapisbackup)</translation>
    </message>
</context>
<context>
    <name>CertificateBox</name>
    <message>
        <source>Fetch the relay&apos;s certificate</source>
        <translation>Zertifikat des Relays abrufen</translation>
    </message>
    <message>
        <source>Choose a certificate file…</source>
        <translation>Zertifikatsdatei wählen…</translation>
    </message>
    <message>
        <source>Certificate (%1), SHA-256 fingerprint:</source>
        <translation>Zertifikat (%1), SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Fingerabdruck des Zertifikats</translation>
    </message>
    <message>
        <source>I compared this fingerprint and trust this relay</source>
        <translation>Ich habe diesen Fingerabdruck verglichen und vertraue diesem Relay</translation>
    </message>
    <message>
        <source>The relay&apos;s certificate</source>
        <translation>Das Zertifikat des Relays</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Zertifikate (*.pem *.crt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Sending %1</source>
        <translation>%1 wird gesendet</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancel sending %1</source>
        <translation>Senden von %1 abbrechen</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Message (end-to-end encrypted)</source>
        <translation>Nachricht (Ende-zu-Ende-verschlüsselt)</translation>
    </message>
    <message>
        <source>Message (not encrypted)</source>
        <translation>Nachricht (nicht verschlüsselt)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>Dateien senden</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>Antwort an %1: %2</translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation>Antwort an %1</translation>
    </message>
    <message>
        <source>yourself</source>
        <translation>dich selbst</translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation>Antwort abbrechen</translation>
    </message>
    <message>
        <source>Editing your message: %1</source>
        <translation>Nachricht wird bearbeitet: %1</translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>Bearbeitung abbrechen</translation>
    </message>
    <message>
        <source>New text of the message</source>
        <translation>Neuer Text der Nachricht</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save the edited message</source>
        <translation>Bearbeitete Nachricht speichern</translation>
    </message>
</context>
<context>
    <name>ContactInfoDialog</name>
    <message>
        <source>Safety number with %1</source>
        <translation>Sicherheitsnummer mit %1</translation>
    </message>
    <message>
        <source>If these numbers are the same on %1&apos;s screen, nobody is in the middle of your conversation.</source>
        <translation>Wenn %1 dieselben Zahlen sieht, sitzt niemand zwischen euch.</translation>
    </message>
    <message>
        <source>QR code of the safety number</source>
        <translation>QR-Code der Sicherheitsnummer</translation>
    </message>
    <message>
        <source>✓ You verified %1.</source>
        <translation>✓ Du hast %1 verifiziert.</translation>
    </message>
    <message>
        <source>%1 is not verified yet.</source>
        <translation>%1 ist noch nicht verifiziert.</translation>
    </message>
    <message>
        <source>The numbers match</source>
        <translation>Die Zahlen stimmen überein</translation>
    </message>
    <message>
        <source>Mark as verified: the numbers match</source>
        <translation>Als verifiziert markieren: die Zahlen stimmen überein</translation>
    </message>
    <message>
        <source>Read their code from an image…</source>
        <translation>Code des Gegenübers aus einem Bild lesen…</translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation>Mit der Kamera scannen</translation>
    </message>
    <message>
        <source>…or drop a screenshot of their code here</source>
        <translation>…oder ein Bildschirmfoto des Codes hier ablegen</translation>
    </message>
    <message>
        <source>An image of their safety number code</source>
        <translation>Ein Bild des Sicherheitsnummer-Codes</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>Kamera anhalten</translation>
    </message>
    <message>
        <source>Camera preview: hold the code in front of the camera</source>
        <translation>Kameravorschau: halte den Code vor die Kamera</translation>
    </message>
    <message>
        <source>Your sessions with %1 are post-quantum: their keys mix ML-KEM-768 into X25519, so traffic recorded today stays secret from a future quantum computer.</source>
        <translation>Deine Sitzungen mit %1 sind post-quantensicher: Ihre Schlüssel verbinden ML-KEM-768 mit X25519, sodass heute aufgezeichneter Verkehr auch vor einem künftigen Quantencomputer geheim bleibt.</translation>
    </message>
    <message>
        <source>Your sessions with %1 are not post-quantum yet (X25519 only).</source>
        <translation>Deine Sitzungen mit %1 sind noch nicht post-quantensicher (nur X25519).</translation>
    </message>
</context>
<context>
    <name>ConversationListPane</name>
    <message>
        <source>Connected to the relay</source>
        <translation>Mit dem Relay verbunden</translation>
    </message>
    <message>
        <source>Not connected to the relay</source>
        <translation>Nicht mit dem Relay verbunden</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Einstellungen (Strg+,)</translation>
    </message>
    <message>
        <source>Search all messages</source>
        <translation>Alle Nachrichten durchsuchen</translation>
    </message>
    <message>
        <source>New conversation: user name, then Enter</source>
        <translation>Neue Unterhaltung: Benutzername, dann Eingabe</translation>
    </message>
    <message>
        <source>Start a conversation with a user name</source>
        <translation>Unterhaltung mit einem Benutzernamen beginnen</translation>
    </message>
    <message>
        <source>No messages found</source>
        <translation>Keine Nachrichten gefunden</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <source>%1, %2 unread, %3</source>
        <translation>%1, %2 ungelesen, %3</translation>
    </message>
    <message>
        <source>end-to-end encrypted</source>
        <translation>Ende-zu-Ende-verschlüsselt</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>nicht verschlüsselt</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verifiziert</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>Sicherheitsnummer geändert</translation>
    </message>
    <message>
        <source>No conversations yet. Type a user name above to start one.</source>
        <translation>Noch keine Unterhaltungen. Gib oben einen Benutzernamen ein, um eine zu beginnen.</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>Gefundene Nachrichten</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>Neue Gruppe …</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <source>New group (Ctrl+Shift+N)</source>
        <translation>Neue Gruppe (Strg+Umschalt+N)</translation>
    </message>
    <message>
        <source>%1, group of %2, %3 unread, %4</source>
        <translation>%1, Gruppe mit %2 Mitgliedern, %3 ungelesen, %4</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Choose a conversation, or start one with a user name.</source>
        <translation>Wähle eine Unterhaltung oder beginne eine mit einem Benutzernamen.</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Verifiziert</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Nicht verifiziert</translation>
    </message>
    <message>
        <source>End-to-end encrypted</source>
        <translation>Ende-zu-Ende-verschlüsselt</translation>
    </message>
    <message>
        <source>Not encrypted: the relay can read these messages</source>
        <translation>Nicht verschlüsselt: das Relay kann diese Nachrichten lesen</translation>
    </message>
    <message>
        <source>Contact info and safety number</source>
        <translation>Kontaktinfo und Sicherheitsnummer</translation>
    </message>
    <message>
        <source>Contact info (Ctrl+I)</source>
        <translation>Kontaktinfo (Strg+I)</translation>
    </message>
    <message>
        <source>%1 has no end-to-end encrypted device any more (a new installation, or the account was reset). Messages you send now are not encrypted: the relay can read them. You will be asked before each one.</source>
        <translation>%1 hat kein Ende-zu-Ende-verschlüsseltes Gerät mehr (eine Neuinstallation, oder das Konto wurde zurückgesetzt). Was du jetzt sendest, ist nicht verschlüsselt: das Relay kann es lesen. Du wirst vor jeder Nachricht gefragt.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Drop to send to %1</source>
        <translation>Ablegen, um es an %1 zu senden</translation>
    </message>
    <message>
        <source>The safety number with %1 changed: their account key is not the one you had. This happens when they reinstall, but it could also be someone else. Nothing is sent until you compare the new safety number and accept it.</source>
        <translation>Die Sicherheitsnummer mit %1 hat sich geändert: der Kontoschlüssel ist nicht mehr derselbe. Das passiert nach einer Neuinstallation, es könnte aber auch jemand anderes sein. Nichts wird gesendet, bis du die neue Sicherheitsnummer verglichen und akzeptiert hast.</translation>
    </message>
    <message>
        <source>Show the safety number</source>
        <translation>Sicherheitsnummer zeigen</translation>
    </message>
    <message>
        <source>Accept the new key</source>
        <translation>Neuen Schlüssel akzeptieren</translation>
    </message>
    <message>
        <source>Send without encryption?</source>
        <translation>Ohne Verschlüsselung senden?</translation>
    </message>
    <message>
        <source>%1 has no end-to-end encrypted device. If you send this, the relay can read it.</source>
        <translation>%1 hat kein Ende-zu-Ende-verschlüsseltes Gerät. Wenn du das sendest, kann das Relay es lesen.</translation>
    </message>
    <message>
        <source>Send unencrypted</source>
        <translation>Unverschlüsselt senden</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Nicht senden</translation>
    </message>
    <message>
        <source>Jump to the newest messages</source>
        <translation>Zu den neuesten Nachrichten springen</translation>
    </message>
    <message>
        <source>The relay tried to deliver an unencrypted message in %1&apos;s name. %1 uses end-to-end encryption, so it did not come from them: it was refused and not shown.</source>
        <translation>Das Relay hat versucht, eine unverschlüsselte Nachricht im Namen von %1 zuzustellen. %1 verwendet Ende-zu-Ende-Verschlüsselung, die Nachricht kam also nicht von %1: sie wurde abgewiesen und nicht angezeigt.</translation>
    </message>
    <message>
        <source>A message from %1 could not be read (damaged or forged on the way) and was dropped.</source>
        <translation>Eine Nachricht von %1 konnte nicht gelesen werden (unterwegs beschädigt oder gefälscht) und wurde verworfen.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Dismiss the relay notice</source>
        <translation>Hinweis zum Relay ausblenden</translation>
    </message>
    <message>
        <source>Save attachment as</source>
        <translation>Anhang speichern unter</translation>
    </message>
    <message>
        <source>End-to-end encrypted, post-quantum</source>
        <translation>Ende-zu-Ende-verschlüsselt, post-quantensicher</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 schreibt…</translation>
    </message>
    <message>
        <source>Messages disappear after %1. Change</source>
        <translation>Nachrichten verschwinden nach %1. Ändern</translation>
    </message>
    <message>
        <source>Disappearing messages: off. Change</source>
        <translation>Verschwindende Nachrichten: aus. Ändern</translation>
    </message>
    <message>
        <source>Disappearing messages</source>
        <translation>Verschwindende Nachrichten</translation>
    </message>
    <message>
        <source>Turn disappearing messages off</source>
        <translation>Verschwindende Nachrichten ausschalten</translation>
    </message>
    <message>
        <source>Disappear after %1</source>
        <translation>Nach %1 verschwinden</translation>
    </message>
    <message>
        <source>Delete for everyone?</source>
        <translation>Für alle löschen?</translation>
    </message>
    <message>
        <source>The message is erased on your devices and on %1&apos;s. &quot;This message was deleted&quot; stays in its place.</source>
        <translation>Die Nachricht wird auf deinen Geräten und denen von %1 gelöscht. An ihrer Stelle steht „Diese Nachricht wurde gelöscht“.</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Für alle löschen</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>You are no longer a member of this group</source>
        <translation>Du bist kein Mitglied dieser Gruppe mehr</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) · End-to-end encrypted</source>
        <translation>
            <numerusform>%n Mitglied · Ende-zu-Ende-verschlüsselt</numerusform>
            <numerusform>%n Mitglieder · Ende-zu-Ende-verschlüsselt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) · Not encrypted: the relay can read this group</source>
        <translation>
            <numerusform>%n Mitglied · Nicht verschlüsselt: das Relay kann diese Gruppe lesen</numerusform>
            <numerusform>%n Mitglieder · Nicht verschlüsselt: das Relay kann diese Gruppe lesen</numerusform>
        </translation>
    </message>
    <message>
        <source>Group info and members</source>
        <translation>Gruppeninfo und Mitglieder</translation>
    </message>
    <message>
        <source>Group info (Ctrl+I)</source>
        <translation>Gruppeninfo (Strg+I)</translation>
    </message>
    <message>
        <source>You can no longer send messages to this group.</source>
        <translation>Du kannst dieser Gruppe keine Nachrichten mehr senden.</translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <source>Your devices</source>
        <translation>Deine Geräte</translation>
    </message>
    <message>
        <source>(this device)</source>
        <translation>(dieses Gerät)</translation>
    </message>
    <message>
        <source>linked %1</source>
        <translation>verknüpft am %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>Link a new device</source>
        <translation>Neues Gerät verknüpfen</translation>
    </message>
    <message>
        <source>On the new device choose &quot;Link to an existing account&quot;. Then read its code here: paste the link, choose or drop a screenshot of the code, or paste the image.</source>
        <translation>Wähle auf dem neuen Gerät „Mit einem bestehenden Konto verknüpfen“. Lies dann hier seinen Code: füge den Link ein, wähle ein Bildschirmfoto des Codes oder lege es hier ab, oder füge das Bild ein.</translation>
    </message>
    <message>
        <source>lapis-link:…</source>
        <translation>lapis-link:…</translation>
    </message>
    <message>
        <source>Link of the new device</source>
        <translation>Link des neuen Geräts</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>Read the link</source>
        <translation>Link lesen</translation>
    </message>
    <message>
        <source>Choose an image of the code…</source>
        <translation>Bild des Codes wählen…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Paste the link or an image of the code</source>
        <translation>Link oder Bild des Codes einfügen</translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation>Mit der Kamera scannen</translation>
    </message>
    <message>
        <source>Drop a screenshot of the new device&apos;s code here</source>
        <translation>Bildschirmfoto des Codes des neuen Geräts hier ablegen</translation>
    </message>
    <message>
        <source>The new device must show this code:</source>
        <translation>Das neue Gerät muss diesen Code zeigen:</translation>
    </message>
    <message>
        <source>The codes match: link it</source>
        <translation>Die Codes stimmen überein: verknüpfen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel linking</source>
        <translation>Verknüpfen abbrechen</translation>
    </message>
    <message>
        <source>An image of the new device&apos;s code</source>
        <translation>Ein Bild des Codes des neuen Geräts</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>Kamera anhalten</translation>
    </message>
    <message>
        <source>Recent sign-ins</source>
        <translation>Letzte Anmeldungen</translation>
    </message>
    <message>
        <source>No sign-ins to your account since this device joined it.</source>
        <translation>Keine Anmeldungen bei deinem Konto, seit dieses Gerät hinzugekommen ist.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; signed in</source>
        <translation>%1: „%2“ hat sich angemeldet</translation>
    </message>
    <message>
        <source>%1: the sign-in of &quot;%2&quot; was denied</source>
        <translation>%1: die Anmeldung von „%2“ wurde abgelehnt</translation>
    </message>
    <message>
        <source>Camera preview: hold the code in front of the camera</source>
        <translation>Kameravorschau: halte den Code vor die Kamera</translation>
    </message>
    <message>
        <source>Device changes</source>
        <translation>Geräteänderungen</translation>
    </message>
    <message>
        <source>No device has joined or left your account since this device joined it.</source>
        <translation>Kein Gerät ist zu deinem Konto hinzugekommen oder hat es verlassen, seit dieses Gerät hinzugekommen ist.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; (device %3) was added</source>
        <translation>%1: „%2“ (Gerät %3) wurde hinzugefügt</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; (device %3) was removed</source>
        <translation>%1: „%2“ (Gerät %3) wurde entfernt</translation>
    </message>
</context>
<context>
    <name>EditHistoryDialog</name>
    <message>
        <source>Edit history</source>
        <translation>Bearbeitungsverlauf</translation>
    </message>
    <message>
        <source>No earlier versions are kept on this device.</source>
        <translation>Auf diesem Gerät sind keine früheren Fassungen gespeichert.</translation>
    </message>
    <message>
        <source>%1, written %2</source>
        <translation>%1, geschrieben %2</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The password is wrong.</source>
        <translation>Das Passwort ist falsch.</translation>
    </message>
    <message>
        <source>Too many failed attempts for this account. Wait a while, then try again.</source>
        <translation>Zu viele Fehlversuche für dieses Konto. Warte eine Weile und versuche es dann noch einmal.</translation>
    </message>
    <message>
        <source>Too many requests in a short time. Wait a minute, then try again.</source>
        <translation>Zu viele Anfragen in kurzer Zeit. Warte eine Minute und versuche es dann noch einmal.</translation>
    </message>
    <message>
        <source>The relay is busy. Try again in a moment.</source>
        <translation>Das Relay ist ausgelastet. Versuche es gleich noch einmal.</translation>
    </message>
    <message>
        <source>This account asks for a code from your authenticator app.</source>
        <translation>Dieses Konto verlangt einen Code aus deiner Authentifizierungs-App.</translation>
    </message>
    <message>
        <source>The authenticator code is wrong. Check the time on this computer and try again.</source>
        <translation>Der Code der Authentifizierungs-App ist falsch. Prüfe die Uhrzeit auf diesem Computer und versuche es noch einmal.</translation>
    </message>
    <message>
        <source>That authenticator code was used already. Wait for the next one.</source>
        <translation>Dieser Code der Authentifizierungs-App wurde bereits verwendet. Warte auf den nächsten.</translation>
    </message>
    <message>
        <source>Your other devices now show a six-digit code. Type it here.</source>
        <translation>Deine anderen Geräte zeigen jetzt einen sechsstelligen Code. Gib ihn hier ein.</translation>
    </message>
    <message>
        <source>The code is wrong. Read it again from your other device.</source>
        <translation>Der Code ist falsch. Lies ihn noch einmal auf deinem anderen Gerät ab.</translation>
    </message>
    <message>
        <source>Your other device denied this sign-in.</source>
        <translation>Dein anderes Gerät hat diese Anmeldung abgelehnt.</translation>
    </message>
    <message>
        <source>Too many wrong codes: this sign-in is closed. Sign in again for a new code.</source>
        <translation>Zu viele falsche Codes: diese Anmeldung ist geschlossen. Melde dich erneut an, um einen neuen Code zu erhalten.</translation>
    </message>
    <message>
        <source>The sign-in code expired. Sign in again for a new code.</source>
        <translation>Der Anmeldecode ist abgelaufen. Melde dich erneut an, um einen neuen Code zu erhalten.</translation>
    </message>
    <message>
        <source>That sign-in code was used already. Sign in again for a new code.</source>
        <translation>Dieser Anmeldecode wurde bereits verwendet. Melde dich erneut an, um einen neuen Code zu erhalten.</translation>
    </message>
    <message>
        <source>The relay knows no such sign-in. Sign in again for a new code.</source>
        <translation>Das Relay kennt diese Anmeldung nicht. Melde dich erneut an, um einen neuen Code zu erhalten.</translation>
    </message>
    <message>
        <source>Too many wrong codes for this account in the last 24 hours. Sign-ins by code are locked until a device of the account allows them again.</source>
        <translation>Zu viele falsche Codes für dieses Konto in den letzten 24 Stunden. Anmeldungen per Code sind gesperrt, bis ein Gerät des Kontos sie wieder erlaubt.</translation>
    </message>
    <message>
        <source>This device is signed in but not linked yet. Link it from another device of your account first.</source>
        <translation>Dieses Gerät ist angemeldet, aber noch nicht verknüpft. Verknüpfe es zuerst von einem anderen Gerät deines Kontos aus.</translation>
    </message>
    <message>
        <source>Your account has no room left on the relay for attachments. Try again once older ones have expired.</source>
        <translation>Dein Konto hat auf dem Relay keinen Platz mehr für Anhänge. Versuche es noch einmal, wenn ältere abgelaufen sind.</translation>
    </message>
    <message>
        <source>The contact&apos;s devices changed while sending. Try again.</source>
        <translation>Die Geräte des Kontakts haben sich während des Sendens geändert. Versuche es noch einmal.</translation>
    </message>
    <message>
        <source>The upload could not resume where it stopped. Try again.</source>
        <translation>Das Hochladen konnte nicht dort fortgesetzt werden, wo es unterbrochen wurde. Versuche es noch einmal.</translation>
    </message>
    <message>
        <source>This contact&apos;s safety number changed. Nothing was sent: compare the new safety number before you accept it.</source>
        <translation>Die Sicherheitsnummer dieses Kontakts hat sich geändert. Nichts wurde gesendet: vergleiche die neue Sicherheitsnummer, bevor du sie akzeptierst.</translation>
    </message>
    <message>
        <source>This contact was reached with end-to-end encryption before. Nothing was sent without encryption.</source>
        <translation>Dieser Kontakt wurde bisher Ende-zu-Ende-verschlüsselt erreicht. Nichts wurde ohne Verschlüsselung gesendet.</translation>
    </message>
    <message>
        <source>Cannot reach the relay. Check the connection and try again.</source>
        <translation>Das Relay ist nicht erreichbar. Prüfe die Verbindung und versuche es noch einmal.</translation>
    </message>
    <message>
        <source>The relay did not answer in time. Try again.</source>
        <translation>Das Relay hat nicht rechtzeitig geantwortet. Versuche es noch einmal.</translation>
    </message>
    <message>
        <source>The relay did not show the certificate this device trusts. Nothing was sent to it.</source>
        <translation>Das Relay hat nicht das Zertifikat vorgelegt, dem dieses Gerät vertraut. Nichts wurde an das Relay gesendet.</translation>
    </message>
    <message>
        <source>No system keychain answered. Protect this computer&apos;s store with a passphrase instead.</source>
        <translation>Kein Schlüsselbund des Systems hat geantwortet. Schütze den Speicher dieses Computers stattdessen mit einer Passphrase.</translation>
    </message>
    <message>
        <source>No profile is open.</source>
        <translation>Es ist kein Profil geöffnet.</translation>
    </message>
    <message>
        <source>That was not accepted.</source>
        <translation>Das wurde nicht akzeptiert.</translation>
    </message>
    <message>
        <source>A check of authenticity failed.</source>
        <translation>Eine Echtheitsprüfung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>That was done already.</source>
        <translation>Das wurde bereits erledigt.</translation>
    </message>
    <message>
        <source>That was not found.</source>
        <translation>Das wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>That exists already.</source>
        <translation>Das existiert bereits.</translation>
    </message>
    <message>
        <source>The data is damaged or incomplete.</source>
        <translation>Die Daten sind beschädigt oder unvollständig.</translation>
    </message>
    <message>
        <source>A limit was reached.</source>
        <translation>Ein Limit wurde erreicht.</translation>
    </message>
    <message>
        <source>The passphrase or code is wrong.</source>
        <translation>Die Passphrase oder der Code ist falsch.</translation>
    </message>
    <message>
        <source>This version of Lapis cannot do that.</source>
        <translation>Diese Version von Lapis kann das nicht.</translation>
    </message>
    <message>
        <source>That is not allowed.</source>
        <translation>Das ist nicht erlaubt.</translation>
    </message>
    <message>
        <source>A service did not answer. Try again.</source>
        <translation>Ein Dienst hat nicht geantwortet. Versuche es noch einmal.</translation>
    </message>
    <message>
        <source>The disk refused a read or write.</source>
        <translation>Der Datenträger hat einen Lese- oder Schreibvorgang verweigert.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Something went wrong inside Lapis.</source>
        <translation>In Lapis ist etwas schiefgelaufen.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Etwas ist schiefgelaufen.</translation>
    </message>
    <message>
        <source>Only the group&apos;s admins can do that.</source>
        <translation>Das können nur die Admins der Gruppe.</translation>
    </message>
    <message>
        <source>You are not a member of this group any more.</source>
        <translation>Du bist kein Mitglied dieser Gruppe mehr.</translation>
    </message>
    <message>
        <source>Everyone in a group must be reachable with end-to-end encryption, and someone you chose is not.</source>
        <translation>Alle in einer Gruppe müssen mit Ende-zu-Ende-Verschlüsselung erreichbar sein, und jemand, den du gewählt hast, ist es nicht.</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Lapis</source>
        <translation>Willkommen bei Lapis</translation>
    </message>
    <message>
        <source>Messages between Lapis users are end-to-end encrypted: only the people in a conversation can read them, not the relay that carries them.</source>
        <translation>Nachrichten zwischen Lapis-Nutzern sind Ende-zu-Ende-verschlüsselt: nur die Menschen in einer Unterhaltung können sie lesen, nicht das Relay, das sie überträgt.</translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Link to an existing account</source>
        <translation>Mit einem bestehenden Konto verknüpfen</translation>
    </message>
    <message>
        <source>Relay (host:port; several relays: separated by commas)</source>
        <translation>Relay (Host:Port; mehrere Relays durch Kommas getrennt)</translation>
    </message>
    <message>
        <source>relay.example.org:7443</source>
        <translation>relay.example.org:7443</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Adresse des Relays</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Show the link code</source>
        <translation>Verknüpfungscode zeigen</translation>
    </message>
    <message>
        <source>Sign in with password</source>
        <translation>Mit Passwort anmelden</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Gerätename</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>Open Lapis on one of your other devices: it shows a six-digit sign-in code for this device.</source>
        <translation>Öffne Lapis auf einem deiner anderen Geräte: Es zeigt einen sechsstelligen Anmeldecode für dieses Gerät.</translation>
    </message>
    <message>
        <source>123456</source>
        <translation>123456</translation>
    </message>
    <message>
        <source>Six-digit sign-in code</source>
        <translation>Sechsstelliger Anmeldecode</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Have a backup of your messages?</source>
        <translation>Hast du eine Sicherung deiner Nachrichten?</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Aus einer Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Bring back your account and conversations from an encrypted backup file</source>
        <translation>Hol dein Konto und deine Unterhaltungen aus einer verschlüsselten Sicherungsdatei zurück</translation>
    </message>
</context>
<context>
    <name>GroupAvatar</name>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
</context>
<context>
    <name>GroupInfoDialog</name>
    <message>
        <source>Group info</source>
        <translation>Gruppeninfo</translation>
    </message>
    <message>
        <source>Group name (Enter renames it)</source>
        <translation>Gruppenname (Eingabe benennt sie um)</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>End-to-end encrypted: the relay sees neither this group nor who is in it</source>
        <translation>Ende-zu-Ende-verschlüsselt: das Relay sieht weder diese Gruppe noch, wer darin ist</translation>
    </message>
    <message>
        <source>Not encrypted: the relay can read this group&apos;s messages</source>
        <translation>Nicht verschlüsselt: das Relay kann die Nachrichten dieser Gruppe lesen</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verifiziert</translation>
    </message>
    <message>
        <source>safety number changed</source>
        <translation>Sicherheitsnummer geändert</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>Sicherheitsnummer geändert</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Verifiziert</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation>Aktionen für %1</translation>
    </message>
    <message>
        <source>Make admin</source>
        <translation>Zum Admin machen</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>Aus der Gruppe entfernen</translation>
    </message>
    <message>
        <source>Add members…</source>
        <translation>Mitglieder hinzufügen …</translation>
    </message>
    <message>
        <source>New members read what is sent from now on, never what was sent before.</source>
        <translation>Neue Mitglieder lesen, was ab jetzt gesendet wird, nie, was vorher gesendet wurde.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Gruppe verlassen</translation>
    </message>
    <message>
        <source>You are no longer a member of this group.</source>
        <translation>Du bist kein Mitglied dieser Gruppe mehr.</translation>
    </message>
    <message>
        <source>Leave “%1”?</source>
        <translation>„%1“ verlassen?</translation>
    </message>
    <message>
        <source>You will no longer get this group&apos;s messages. The conversation stays on this device.</source>
        <translation>Du bekommst die Nachrichten dieser Gruppe nicht mehr. Die Unterhaltung bleibt auf diesem Gerät.</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Verlassen</translation>
    </message>
</context>
<context>
    <name>GroupNotice</name>
    <message>
        <source>you</source>
        <translation>dich</translation>
    </message>
    <message>
        <source>You created the group “%1”</source>
        <translation>Du hast die Gruppe „%1“ erstellt</translation>
    </message>
    <message>
        <source>%1 created the group “%2”</source>
        <translation>%1 hat die Gruppe „%2“ erstellt</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>Du hast %1 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 hat %2 hinzugefügt</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>Du hast %1 entfernt</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 hat %2 entfernt</translation>
    </message>
    <message>
        <source>You left the group</source>
        <translation>Du hast die Gruppe verlassen</translation>
    </message>
    <message>
        <source>%1 left the group</source>
        <translation>%1 hat die Gruppe verlassen</translation>
    </message>
    <message>
        <source>You made %1 an admin</source>
        <translation>Du hast %1 zum Admin gemacht</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>%1 hat %2 zum Admin gemacht</translation>
    </message>
    <message>
        <source>You renamed the group to “%1”</source>
        <translation>Du hast die Gruppe in „%1“ umbenannt</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 hat die Gruppe in „%2“ umbenannt</translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation>%1 hat die Gruppe geändert</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Close the image</source>
        <translation>Bild schließen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open with the system&apos;s viewer</source>
        <translation>Mit dem Betrachter des Systems öffnen</translation>
    </message>
    <message>
        <source>This image could not be shown safely</source>
        <translation>Dieses Bild konnte nicht sicher angezeigt werden</translation>
    </message>
</context>
<context>
    <name>LinkWaitingPage</name>
    <message>
        <source>Link this computer</source>
        <translation>Diesen Computer verknüpfen</translation>
    </message>
    <message>
        <source>On your other device, open Settings → Devices → Link a new device and scan this code (or paste the link).</source>
        <translation>Öffne auf deinem anderen Gerät Einstellungen → Geräte → Neues Gerät verknüpfen und scanne diesen Code (oder füge den Link ein).</translation>
    </message>
    <message>
        <source>QR code of the link</source>
        <translation>QR-Code des Links</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <source>Both screens must show this code:</source>
        <translation>Beide Bildschirme müssen diesen Code zeigen:</translation>
    </message>
    <message>
        <source>Comparison code %1</source>
        <translation>Vergleichscode %1</translation>
    </message>
    <message>
        <source>Waiting for approval on your other device…</source>
        <translation>Warte auf die Bestätigung auf deinem anderen Gerät…</translation>
    </message>
</context>
<context>
    <name>LockIcon</name>
    <message>
        <source>Closed lock</source>
        <translation>Geschlossenes Schloss</translation>
    </message>
    <message>
        <source>Open lock</source>
        <translation>Offenes Schloss</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Lapis — %1</source>
        <translation>Lapis — %1</translation>
    </message>
    <message>
        <source>Lapis</source>
        <translation>Lapis</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>Wird geöffnet</translation>
    </message>
    <message>
        <source>A new device wants to sign in</source>
        <translation>Ein neues Gerät möchte sich anmelden</translation>
    </message>
    <message>
        <source>Sign-in code %1</source>
        <translation>Anmeldecode %1</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Deny the sign-in</source>
        <translation>Anmeldung ablehnen</translation>
    </message>
    <message>
        <source>Protect your account with two-factor sign-in</source>
        <translation>Schütze dein Konto mit der Anmeldung mit zweitem Faktor</translation>
    </message>
    <message>
        <source>You signed in with your password alone. Turn on two-factor sign-in in Settings → Security, so that a password on its own is not enough to sign in to your account.</source>
        <translation>Du hast dich nur mit deinem Passwort angemeldet. Schalte die Anmeldung mit zweitem Faktor unter Einstellungen → Sicherheit ein, damit ein Passwort allein nicht reicht, um sich bei deinem Konto anzumelden.</translation>
    </message>
    <message>
        <source>Sign-in request from &quot;%1&quot;, %2. It is signing in to your account with your password. If that is you, type this code on it. If it is not you, deny it and change your password.</source>
        <translation>Anmeldeanfrage von „%1“, %2. Das Gerät meldet sich mit deinem Passwort bei deinem Konto an. Wenn du das bist, gib dort diesen Code ein. Wenn nicht, lehne die Anmeldung ab und ändere dein Passwort.</translation>
    </message>
    <message>
        <source>New sign-in to your account</source>
        <translation>Neue Anmeldung bei deinem Konto</translation>
    </message>
    <message>
        <source>Sign-in denied</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; signed in to your account, %2. If that was not you, remove it in Settings → Devices and change your password.</source>
        <translation>„%1“ hat sich bei deinem Konto angemeldet, %2. Wenn du das nicht warst, entferne das Gerät unter Einstellungen → Geräte und ändere dein Passwort.</translation>
    </message>
    <message>
        <source>The sign-in of &quot;%1&quot; was denied, %2. It was not added to your account.</source>
        <translation>Die Anmeldung von „%1“ wurde abgelehnt, %2. Das Gerät wurde nicht zu deinem Konto hinzugefügt.</translation>
    </message>
    <message>
        <source>A device was added to your account</source>
        <translation>Ein Gerät wurde zu deinem Konto hinzugefügt</translation>
    </message>
    <message>
        <source>A device was removed from your account</source>
        <translation>Ein Gerät wurde aus deinem Konto entfernt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (device %2) joined your account, %3. If that was not you, remove it in Settings → Devices and change your password.</source>
        <translation>„%1“ (Gerät %2) ist zu deinem Konto hinzugekommen, %3. Wenn du das nicht warst, entferne das Gerät unter Einstellungen → Geräte und ändere dein Passwort.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (device %2) was removed from your account, %3. It no longer receives your messages.</source>
        <translation>„%1“ (Gerät %2) wurde aus deinem Konto entfernt, %3. Es empfängt deine Nachrichten nicht mehr.</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>People to choose</source>
        <translation>Personen zur Auswahl</translation>
    </message>
    <message>
        <source>No contacts reached end to end yet. Type a user name below.</source>
        <translation>Noch keine Kontakte mit Ende-zu-Ende-Verschlüsselung. Gib unten einen Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Add someone by user name, then Enter</source>
        <translation>Jemanden per Benutzername hinzufügen, dann Eingabe</translation>
    </message>
    <message>
        <source>Add someone by user name</source>
        <translation>Jemanden per Benutzername hinzufügen</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>nicht verschlüsselt</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Wartet auf das Senden</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <source>in reply to %1</source>
        <translation>als Antwort auf %1</translation>
    </message>
    <message>
        <source>Quote of %1: %2</source>
        <translation>Zitat von %1: %2</translation>
    </message>
    <message>
        <source>a message</source>
        <translation>einer Nachricht</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Reply to this message</source>
        <translation>Auf diese Nachricht antworten</translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation>Meine Reaktion entfernen</translation>
    </message>
    <message>
        <source>%1 (yours)</source>
        <translation>%1 (deine)</translation>
    </message>
    <message>
        <source>Remove your reaction %1</source>
        <translation>Deine Reaktion %1 entfernen</translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation>Mit %1 reagieren</translation>
    </message>
    <message>
        <source>This image could not be shown safely</source>
        <translation>Dieses Bild konnte nicht sicher angezeigt werden</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Erneut herunterladen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Save %1 as</source>
        <translation>%1 speichern unter</translation>
    </message>
    <message>
        <source>Edited: show the edit history</source>
        <translation>Bearbeitet: Bearbeitungsverlauf anzeigen</translation>
    </message>
    <message>
        <source>Disappearing message</source>
        <translation>Verschwindende Nachricht</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Edit this message</source>
        <translation>Diese Nachricht bearbeiten</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>Bearbeitungsverlauf</translation>
    </message>
    <message>
        <source>Show the earlier versions of this message</source>
        <translation>Frühere Fassungen dieser Nachricht anzeigen</translation>
    </message>
    <message>
        <source>Delete for me</source>
        <translation>Für mich löschen</translation>
    </message>
    <message>
        <source>Delete this message from this device</source>
        <translation>Diese Nachricht von diesem Gerät löschen</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Für alle löschen</translation>
    </message>
    <message>
        <source>Delete this message on every device of both sides</source>
        <translation>Diese Nachricht auf allen Geräten beider Seiten löschen</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <source>New group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>End-to-end encrypted: the relay sees neither the group&apos;s name nor who is in it.</source>
        <translation>Ende-zu-Ende-verschlüsselt: das Relay sieht weder den Namen der Gruppe noch, wer darin ist.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt …</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>Gruppe erstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>PrivacyTab</name>
    <message>
        <source>Typing indicators</source>
        <translation>Tippanzeige</translation>
    </message>
    <message>
        <source>When off, nobody sees when you are typing, and you do not see when others are.</source>
        <translation>Ausgeschaltet sieht niemand, wenn du schreibst, und du siehst nicht, wenn andere schreiben.</translation>
    </message>
    <message>
        <source>Read receipts</source>
        <translation>Lesebestätigungen</translation>
    </message>
    <message>
        <source>When off, nobody learns that you read their messages, and you do not see when others read yours.</source>
        <translation>Ausgeschaltet erfährt niemand, dass du seine Nachrichten gelesen hast, und du siehst nicht, wann andere deine lesen.</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Lapis</source>
        <translation>Lapis</translation>
    </message>
    <message>
        <source>Show Lapis</source>
        <translation>Lapis zeigen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message numerus="yes">
        <source>Lapis: %n unread message(s)</source>
        <translation>
            <numerusform>Lapis: %n ungelesene Nachricht</numerusform>
            <numerusform>Lapis: %n ungelesene Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Neue Nachricht</translation>
    </message>
    <message>
        <source>Lapis: an end-to-end encrypted messenger.</source>
        <translation>Lapis: ein Ende-zu-Ende-verschlüsselter Messenger.</translation>
    </message>
    <message>
        <source>The profile folder (default: the user&apos;s data folder).</source>
        <translation>Der Profilordner (Standard: der Datenordner des Benutzers).</translation>
    </message>
    <message>
        <source>Unlock a passphrase-protected profile with the passphrase in FILE (for scripts).</source>
        <translation>Ein mit Passphrase geschütztes Profil mit der Passphrase in FILE entsperren (für Skripte).</translation>
    </message>
    <message>
        <source>The relay the first-run screen offers (HOST:PORT).</source>
        <translation>Das Relay, das der erste Start anbietet (HOST:PORT).</translation>
    </message>
    <message>
        <source>The relay&apos;s certificate file for the first-run screen.</source>
        <translation>Die Zertifikatsdatei des Relays für den ersten Start.</translation>
    </message>
    <message>
        <source>Sign-in request</source>
        <translation>Anmeldeanfrage</translation>
    </message>
    <message>
        <source>&quot;%1&quot; wants to sign in to your account. Open Lapis for the code.</source>
        <translation>„%1“ möchte sich bei deinem Konto anmelden. Öffne Lapis, um den Code zu sehen.</translation>
    </message>
    <message>
        <source>New sign-in</source>
        <translation>Neue Anmeldung</translation>
    </message>
    <message>
        <source>Sign-in denied</source>
        <translation>Anmeldung abgelehnt</translation>
    </message>
    <message>
        <source>&quot;%1&quot; signed in to your account.</source>
        <translation>„%1“ hat sich bei deinem Konto angemeldet.</translation>
    </message>
    <message>
        <source>The sign-in of &quot;%1&quot; was denied.</source>
        <translation>Die Anmeldung von „%1“ wurde abgelehnt.</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Aus einer Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Choose the backup file (or drop it here) and type the recovery code that was shown when the backup was made. This computer becomes a new device of your account, with your contacts, conversations and attachments.</source>
        <translation>Wähle die Sicherungsdatei (oder lege sie hier ab) und gib den Wiederherstellungscode ein, der beim Erstellen der Sicherung angezeigt wurde. Dieser Computer wird ein neues Gerät deines Kontos, mit deinen Kontakten, Unterhaltungen und Anhängen.</translation>
    </message>
    <message>
        <source>No backup file chosen: drop one here or choose it.</source>
        <translation>Keine Sicherungsdatei gewählt: lege eine hier ab oder wähle sie aus.</translation>
    </message>
    <message>
        <source>Backup file %1</source>
        <translation>Sicherungsdatei %1</translation>
    </message>
    <message>
        <source>No backup file chosen</source>
        <translation>Keine Sicherungsdatei gewählt</translation>
    </message>
    <message>
        <source>Choose the backup file…</source>
        <translation>Sicherungsdatei wählen…</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Wiederherstellungscode</translation>
    </message>
    <message>
        <source>ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345</source>
        <translation>ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345</translation>
    </message>
    <message>
        <source>Six groups of five letters and digits; spaces and dashes do not matter</source>
        <translation>Sechs Gruppen aus je fünf Buchstaben und Ziffern; Leerzeichen und Bindestriche spielen keine Rolle</translation>
    </message>
    <message>
        <source>Restore progress</source>
        <translation>Fortschritt der Wiederherstellung</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Back to the other ways to start</source>
        <translation>Zurück zu den anderen Möglichkeiten zum Start</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation>Wiederherzustellende Sicherung wählen</translation>
    </message>
    <message>
        <source>Lapis backups (*.lapisbackup)</source>
        <translation>Lapis-Sicherungen (*.lapisbackup)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>SecurityTab</name>
    <message>
        <source>Two-factor sign-in</source>
        <translation>Anmeldung mit zweitem Faktor</translation>
    </message>
    <message>
        <source>On: signing in on a new device needs a code from your authenticator app.</source>
        <translation>An: die Anmeldung auf einem neuen Gerät braucht einen Code aus deiner Authentifizierungs-App.</translation>
    </message>
    <message>
        <source>Off: a password alone signs in a new device. Turn it on to also need a code from an authenticator app.</source>
        <translation>Aus: ein Passwort allein meldet ein neues Gerät an. Schalte es ein, um zusätzlich einen Code aus einer Authentifizierungs-App zu verlangen.</translation>
    </message>
    <message>
        <source>Turn on two-factor sign-in</source>
        <translation>Anmeldung mit zweitem Faktor einschalten</translation>
    </message>
    <message>
        <source>Scan this code with your authenticator app, then type the code it shows.</source>
        <translation>Scanne diesen Code mit deiner Authentifizierungs-App und gib dann den angezeigten Code ein.</translation>
    </message>
    <message>
        <source>QR code for the authenticator app</source>
        <translation>QR-Code für die Authentifizierungs-App</translation>
    </message>
    <message>
        <source>Authenticator link</source>
        <translation>Link für die Authentifizierungs-App</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>6-stelliger Code</translation>
    </message>
    <message>
        <source>Code from the authenticator app</source>
        <translation>Code aus der Authentifizierungs-App</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Confirm the code</source>
        <translation>Code bestätigen</translation>
    </message>
    <message>
        <source>Current code</source>
        <translation>Aktueller Code</translation>
    </message>
    <message>
        <source>Current code to turn two-factor sign-in off</source>
        <translation>Aktueller Code, um die Anmeldung mit zweitem Faktor auszuschalten</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Ausschalten</translation>
    </message>
    <message>
        <source>Turn two-factor sign-in off</source>
        <translation>Anmeldung mit zweitem Faktor ausschalten</translation>
    </message>
    <message>
        <source>Message store on this computer</source>
        <translation>Nachrichtenspeicher auf diesem Computer</translation>
    </message>
    <message>
        <source>Protected by your passphrase: Lapis asks for it when it starts.</source>
        <translation>Durch deine Passphrase geschützt: Lapis fragt beim Start danach.</translation>
    </message>
    <message>
        <source>Protected by a key in the system keychain: it opens when you log in to this computer.</source>
        <translation>Durch einen Schlüssel im Schlüsselbund des Systems geschützt: er öffnet sich, wenn du dich an diesem Computer anmeldest.</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Aktuelle Passphrase</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Passphrase ändern</translation>
    </message>
    <message>
        <source>Use the system keychain instead</source>
        <translation>Stattdessen den Schlüsselbund des Systems verwenden</translation>
    </message>
    <message>
        <source>Use a passphrase instead</source>
        <translation>Stattdessen eine Passphrase verwenden</translation>
    </message>
    <message>
        <source>The key moves into the system keychain and the passphrase is no longer asked for. Confirm with your current passphrase.</source>
        <translation>Der Schlüssel wandert in den Schlüsselbund des Systems, und die Passphrase wird nicht mehr abgefragt. Bestätige mit deiner aktuellen Passphrase.</translation>
    </message>
    <message>
        <source>The key is taken out of the system keychain and locked with a passphrase that Lapis asks for when it starts. Without it your messages cannot be opened.</source>
        <translation>Der Schlüssel wird aus dem Schlüsselbund des Systems genommen und mit einer Passphrase gesperrt, nach der Lapis beim Start fragt. Ohne sie lassen sich deine Nachrichten nicht öffnen.</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Neue Passphrase wiederholen</translation>
    </message>
    <message>
        <source>Protect with this passphrase</source>
        <translation>Mit dieser Passphrase schützen</translation>
    </message>
    <message>
        <source>Current passphrase, to move the key into the keychain</source>
        <translation>Aktuelle Passphrase, um den Schlüssel in den Schlüsselbund zu verschieben</translation>
    </message>
    <message>
        <source>Use the system keychain</source>
        <translation>Schlüsselbund des Systems verwenden</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Wird ausgeführt…</translation>
    </message>
    <message>
        <source>Account password</source>
        <translation>Kontopasswort</translation>
    </message>
    <message>
        <source>The password that signs in new devices. Changing it needs the current one, and the authenticator code when two-factor sign-in is on.</source>
        <translation>Das Passwort, mit dem sich neue Geräte anmelden. Um es zu ändern, brauchst du das aktuelle und, wenn die Anmeldung mit zweitem Faktor eingeschaltet ist, den Code aus der Authentifizierungs-App.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Aktuelles Passwort</translation>
    </message>
    <message>
        <source>Current account password</source>
        <translation>Aktuelles Kontopasswort</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>New account password</source>
        <translation>Neues Kontopasswort</translation>
    </message>
    <message>
        <source>Authenticator code</source>
        <translation>Code der Authentifizierungs-App</translation>
    </message>
    <message>
        <source>Code from the authenticator app, to change the account password</source>
        <translation>Code aus der Authentifizierungs-App, um das Kontopasswort zu ändern</translation>
    </message>
    <message>
        <source>Change account password</source>
        <translation>Kontopasswort ändern</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privatsphäre</translation>
    </message>
</context>
<context>
    <name>StoreProtectionField</name>
    <message>
        <source>Passphrase for this computer&apos;s message store (leave empty to keep the key in the system keychain)</source>
        <translation>Passphrase für den Nachrichtenspeicher dieses Computers (leer lassen, um den Schlüssel im Schlüsselbund des Systems zu behalten)</translation>
    </message>
    <message>
        <source>Store passphrase</source>
        <translation>Passphrase des Nachrichtenspeichers</translation>
    </message>
    <message>
        <source>Leave empty to keep the key in the system keychain</source>
        <translation>Leer lassen, um den Schlüssel im Schlüsselbund des Systems zu behalten</translation>
    </message>
</context>
<context>
    <name>TimerIcon</name>
    <message>
        <source>Disappearing messages</source>
        <translation>Verschwindende Nachrichten</translation>
    </message>
</context>
<context>
    <name>TimerText</name>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 Woche</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 Wochen</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 Stunden</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 Minuten</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 Sekunden</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Unlock Lapis</source>
        <translation>Lapis entsperren</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
</context>
<context>
    <name>lapis::ui::CameraScanner</name>
    <message>
        <source>No camera was found. Choose or drop an image of the code instead.</source>
        <translation>Es wurde keine Kamera gefunden. Wähle stattdessen ein Bild des Codes oder lege es hier ab.</translation>
    </message>
    <message>
        <source>The camera could not be used: %1</source>
        <translation>Die Kamera konnte nicht verwendet werden: %1</translation>
    </message>
</context>
<context>
    <name>lapis::ui::ConversationController</name>
    <message>
        <source>The safety number changed. Compare it and accept the new key before sending.</source>
        <translation>Die Sicherheitsnummer hat sich geändert. Vergleiche sie und akzeptiere den neuen Schlüssel, bevor du sendest.</translation>
    </message>
    <message>
        <source>The dropped image could not be read.</source>
        <translation>Das abgelegte Bild konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The safety numbers do not match. Do not mark this contact verified.</source>
        <translation>Die Sicherheitsnummern stimmen nicht überein. Markiere diesen Kontakt nicht als verifiziert.</translation>
    </message>
    <message>
        <source>The safety numbers match: %1 is verified.</source>
        <translation>Die Sicherheitsnummern stimmen überein: %1 ist verifiziert.</translation>
    </message>
    <message>
        <source>No QR code was found in that image.</source>
        <translation>In diesem Bild wurde kein QR-Code gefunden.</translation>
    </message>
    <message>
        <source>The attachment could not be opened: %1</source>
        <translation>Der Anhang konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>No application opens this kind of file.</source>
        <translation>Keine Anwendung öffnet diese Art von Datei.</translation>
    </message>
    <message>
        <source>The attachment could not be saved: %1</source>
        <translation>Der Anhang konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The attachment could not be downloaded: %1</source>
        <translation>Der Anhang konnte nicht heruntergeladen werden: %1</translation>
    </message>
    <message>
        <source>The pasted image could not be prepared for sending.</source>
        <translation>Das eingefügte Bild konnte nicht zum Senden vorbereitet werden.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::ConversationListModel</name>
    <message>
        <source>This message was deleted</source>
        <translation>Diese Nachricht wurde gelöscht</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Du: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>lapis::ui::DeviceListModel</name>
    <message>
        <source>Device %1</source>
        <translation>Gerät %1</translation>
    </message>
</context>
<context>
    <name>lapis::ui::GroupController</name>
    <message>
        <source>Give the group a name.</source>
        <translation>Gib der Gruppe einen Namen.</translation>
    </message>
    <message>
        <source>Choose at least one person for the group.</source>
        <translation>Wähle mindestens eine Person für die Gruppe.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::MessageListModel</name>
    <message>
        <source>an earlier message</source>
        <translation>eine frühere Nachricht</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Diese Nachricht wurde gelöscht</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>You turned off disappearing messages</source>
        <translation>Du hast verschwindende Nachrichten ausgeschaltet</translation>
    </message>
    <message>
        <source>%1 turned off disappearing messages</source>
        <translation>%1 hat verschwindende Nachrichten ausgeschaltet</translation>
    </message>
    <message>
        <source>You set messages to disappear after %1</source>
        <translation>Du hast festgelegt, dass Nachrichten nach %1 verschwinden</translation>
    </message>
    <message>
        <source>%1 set messages to disappear after %2</source>
        <translation>%1 hat festgelegt, dass Nachrichten nach %2 verschwinden</translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation>%1 hat die Gruppe geändert</translation>
    </message>
</context>
<context>
    <name>lapis::ui::SessionController</name>
    <message>
        <source>Opening your messages…</source>
        <translation>Deine Nachrichten werden geöffnet…</translation>
    </message>
    <message>
        <source>That file does not hold a PEM certificate.</source>
        <translation>Diese Datei enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <source>Cannot read the certificate file %1.</source>
        <translation>Die Zertifikatsdatei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Write the relay as HOST:PORT, for example relay.example.org:7443.</source>
        <translation>Gib das Relay als HOST:PORT an, zum Beispiel relay.example.org:7443.</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>Cannot reach the relay at %1: %2</source>
        <translation>Das Relay unter %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>Fill in the relay, a user name and a password.</source>
        <translation>Gib das Relay, einen Benutzernamen und ein Passwort ein.</translation>
    </message>
    <message>
        <source>Accept the relay&apos;s certificate first (fetch it or choose its file).</source>
        <translation>Akzeptiere zuerst das Zertifikat des Relays (abrufen oder Datei wählen).</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>Dein Konto wird erstellt…</translation>
    </message>
    <message>
        <source>Choose the relay and accept its certificate first.</source>
        <translation>Wähle zuerst das Relay und akzeptiere sein Zertifikat.</translation>
    </message>
    <message>
        <source>Asking the relay for a link address…</source>
        <translation>Das Relay wird nach einer Verknüpfungsadresse gefragt…</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Gib deine Passphrase ein.</translation>
    </message>
    <message>
        <source>Unlocking… (deriving the key from your passphrase)</source>
        <translation>Wird entsperrt… (der Schlüssel wird aus deiner Passphrase abgeleitet)</translation>
    </message>
    <message>
        <source>That passphrase does not open this profile.</source>
        <translation>Diese Passphrase öffnet dieses Profil nicht.</translation>
    </message>
    <message>
        <source>Fill in the relay, your user name and your password.</source>
        <translation>Gib das Relay, deinen Benutzernamen und dein Passwort ein.</translation>
    </message>
    <message>
        <source>Type the six-digit code your other device shows.</source>
        <translation>Gib den sechsstelligen Code ein, den dein anderes Gerät zeigt.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation>Wähle zuerst die Sicherungsdatei.</translation>
    </message>
    <message>
        <source>Type the recovery code that was shown when the backup was made.</source>
        <translation>Gib den Wiederherstellungscode ein, der beim Erstellen der Sicherung angezeigt wurde.</translation>
    </message>
    <message>
        <source>Restoring… (deriving the key from the recovery code)</source>
        <translation>Wird wiederhergestellt… (der Schlüssel wird aus dem Wiederherstellungscode abgeleitet)</translation>
    </message>
    <message>
        <source>Restoring your messages…</source>
        <translation>Deine Nachrichten werden wiederhergestellt…</translation>
    </message>
    <message>
        <source>That recovery code does not open this backup. Check it and try again.</source>
        <translation>Dieser Wiederherstellungscode öffnet diese Sicherung nicht. Prüfe ihn und versuche es noch einmal.</translation>
    </message>
    <message>
        <source>The backup file is damaged or incomplete, so nothing was restored (%1).</source>
        <translation>Die Sicherungsdatei ist beschädigt oder unvollständig, daher wurde nichts wiederhergestellt (%1).</translation>
    </message>
    <message>
        <source>No system keychain answered: type a passphrase for this computer&apos;s store and try again.</source>
        <translation>Kein Schlüsselbund des Systems hat geantwortet: gib eine Passphrase für den Speicher dieses Computers ein und versuche es noch einmal.</translation>
    </message>
    <message>
        <source>Cannot reach the relay of this backup, so nothing was restored. Check the connection and try again.</source>
        <translation>Das Relay dieser Sicherung ist nicht erreichbar, daher wurde nichts wiederhergestellt. Prüfe die Verbindung und versuche es noch einmal.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::SettingsController</name>
    <message>
        <source>The device was removed.</source>
        <translation>Das Gerät wurde entfernt.</translation>
    </message>
    <message>
        <source>That is not a Lapis link: %1</source>
        <translation>Das ist kein Lapis-Link: %1</translation>
    </message>
    <message>
        <source>No QR code was found in that image.</source>
        <translation>In diesem Bild wurde kein QR-Code gefunden.</translation>
    </message>
    <message>
        <source>No image was pasted.</source>
        <translation>Es wurde kein Bild eingefügt.</translation>
    </message>
    <message>
        <source>The clipboard holds neither a link nor an image.</source>
        <translation>Die Zwischenablage enthält weder einen Link noch ein Bild.</translation>
    </message>
    <message>
        <source>The new device is linked.</source>
        <translation>Das neue Gerät ist verknüpft.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is on.</source>
        <translation>Die Anmeldung mit zweitem Faktor ist eingeschaltet.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is off.</source>
        <translation>Die Anmeldung mit zweitem Faktor ist ausgeschaltet.</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least 8 characters.</source>
        <translation>Wähle eine Passphrase mit mindestens 8 Zeichen.</translation>
    </message>
    <message>
        <source>The current passphrase is not right.</source>
        <translation>Die aktuelle Passphrase stimmt nicht.</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>Die Passphrase wurde geändert.</translation>
    </message>
    <message>
        <source>The backup is written. Write the recovery code down: it is shown only now.</source>
        <translation>Die Sicherung ist geschrieben. Notiere den Wiederherstellungscode: er wird nur jetzt angezeigt.</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>Die beiden Passphrasen unterscheiden sich: gib zweimal dieselbe ein.</translation>
    </message>
    <message>
        <source>Your passphrase protects the message store now. Lapis asks for it when it starts.</source>
        <translation>Deine Passphrase schützt jetzt den Nachrichtenspeicher. Lapis fragt beim Start danach.</translation>
    </message>
    <message>
        <source>Type your current passphrase.</source>
        <translation>Gib deine aktuelle Passphrase ein.</translation>
    </message>
    <message>
        <source>The system keychain holds the key to the message store now.</source>
        <translation>Der Schlüsselbund des Systems verwahrt jetzt den Schlüssel zum Nachrichtenspeicher.</translation>
    </message>
    <message>
        <source>Choose an account password of at least 8 characters.</source>
        <translation>Wähle ein Kontopasswort mit mindestens 8 Zeichen.</translation>
    </message>
    <message>
        <source>The current password or the authenticator code is not right.</source>
        <translation>Das aktuelle Passwort oder der Code der Authentifizierungs-App stimmt nicht.</translation>
    </message>
    <message>
        <source>Link this device from another device of your account first.</source>
        <translation>Verknüpfe dieses Gerät zuerst von einem anderen Gerät deines Kontos aus.</translation>
    </message>
    <message>
        <source>The account password was changed.</source>
        <translation>Das Kontopasswort wurde geändert.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::UiShell</name>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
</context>
</TS>

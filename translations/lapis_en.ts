<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>AppearanceTab</name>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Show the message text in notifications</source>
        <translation>Show the message text in notifications</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download received files up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest file downloaded without asking, in MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB without asking; larger ones wait for a click</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>A backup holds your account key, contacts, conversations and attachments, encrypted with a recovery code. Keep the file anywhere; keep the code somewhere else.</source>
        <translation>A backup holds your account key, contacts, conversations and attachments, encrypted with a recovery code. Keep the file anywhere; keep the code somewhere else.</translation>
    </message>
    <message>
        <source>Export a backup…</source>
        <translation>Export a backup…</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Backup progress</translation>
    </message>
    <message>
        <source>Recovery code (shown only now; without it the backup cannot be opened):</source>
        <translation>Recovery code (shown only now; without it the backup cannot be opened):</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Recovery code</translation>
    </message>
    <message>
        <source>I wrote it down</source>
        <translation>I wrote it down</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>Save the backup</translation>
    </message>
    <message>
        <source>Lapis backups (*.lapisbackup)</source>
        <translation>Lapis backups (*.lapisbackup)</translation>
    </message>
</context>
<context>
    <name>CertificateBox</name>
    <message>
        <source>Fetch the relay&apos;s certificate</source>
        <translation>Fetch the relay&apos;s certificate</translation>
    </message>
    <message>
        <source>Choose a certificate file…</source>
        <translation>Choose a certificate file…</translation>
    </message>
    <message>
        <source>Certificate (%1), SHA-256 fingerprint:</source>
        <translation>Certificate (%1), SHA-256 fingerprint:</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Certificate fingerprint</translation>
    </message>
    <message>
        <source>I compared this fingerprint and trust this relay</source>
        <translation>I compared this fingerprint and trust this relay</translation>
    </message>
    <message>
        <source>The relay&apos;s certificate</source>
        <translation>The relay&apos;s certificate</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificates (*.pem *.crt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Sending %1</source>
        <translation>Sending %1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Cancel sending %1</source>
        <translation>Cancel sending %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Remove %1</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <source>Message (end-to-end encrypted)</source>
        <translation>Message (end-to-end encrypted)</translation>
    </message>
    <message>
        <source>Message (not encrypted)</source>
        <translation>Message (not encrypted)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Send message</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>Send files</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing your message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New text of the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the edited message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactInfoDialog</name>
    <message>
        <source>Safety number with %1</source>
        <translation>Safety number with %1</translation>
    </message>
    <message>
        <source>If these numbers are the same on %1&apos;s screen, nobody is in the middle of your conversation.</source>
        <translation>If these numbers are the same on %1&apos;s screen, nobody is in the middle of your conversation.</translation>
    </message>
    <message>
        <source>QR code of the safety number</source>
        <translation>QR code of the safety number</translation>
    </message>
    <message>
        <source>✓ You verified %1.</source>
        <translation>✓ You verified %1.</translation>
    </message>
    <message>
        <source>%1 is not verified yet.</source>
        <translation>%1 is not verified yet.</translation>
    </message>
    <message>
        <source>The numbers match</source>
        <translation>The numbers match</translation>
    </message>
    <message>
        <source>Mark as verified: the numbers match</source>
        <translation>Mark as verified: the numbers match</translation>
    </message>
    <message>
        <source>Read their code from an image…</source>
        <translation>Read their code from an image…</translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation>Scan with the camera</translation>
    </message>
    <message>
        <source>…or drop a screenshot of their code here</source>
        <translation>…or drop a screenshot of their code here</translation>
    </message>
    <message>
        <source>An image of their safety number code</source>
        <translation>An image of their safety number code</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>Stop the camera</translation>
    </message>
    <message>
        <source>Camera preview: hold the code in front of the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sessions with %1 are post-quantum: their keys mix ML-KEM-768 into X25519, so traffic recorded today stays secret from a future quantum computer.</source>
        <translation>Your sessions with %1 are post-quantum: their keys mix ML-KEM-768 into X25519, so traffic recorded today stays secret from a future quantum computer.</translation>
    </message>
    <message>
        <source>Your sessions with %1 are not post-quantum yet (X25519 only).</source>
        <translation>Your sessions with %1 are not post-quantum yet (X25519 only).</translation>
    </message>
</context>
<context>
    <name>ConversationListPane</name>
    <message>
        <source>Connected to the relay</source>
        <translation>Connected to the relay</translation>
    </message>
    <message>
        <source>Not connected to the relay</source>
        <translation>Not connected to the relay</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Settings (Ctrl+,)</translation>
    </message>
    <message>
        <source>Search all messages</source>
        <translation>Search all messages</translation>
    </message>
    <message>
        <source>New conversation: user name, then Enter</source>
        <translation>New conversation: user name, then Enter</translation>
    </message>
    <message>
        <source>Start a conversation with a user name</source>
        <translation>Start a conversation with a user name</translation>
    </message>
    <message>
        <source>No messages found</source>
        <translation>No messages found</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>%1, %2 unread, %3</source>
        <translation>%1, %2 unread, %3</translation>
    </message>
    <message>
        <source>end-to-end encrypted</source>
        <translation>end-to-end encrypted</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>not encrypted</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>Safety number changed</translation>
    </message>
    <message>
        <source>No conversations yet. Type a user name above to start one.</source>
        <translation>No conversations yet. Type a user name above to start one.</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group (Ctrl+Shift+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, group of %2, %3 unread, %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Choose a conversation, or start one with a user name.</source>
        <translation>Choose a conversation, or start one with a user name.</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Verified</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Not verified</translation>
    </message>
    <message>
        <source>End-to-end encrypted</source>
        <translation>End-to-end encrypted</translation>
    </message>
    <message>
        <source>Not encrypted: the relay can read these messages</source>
        <translation>Not encrypted: the relay can read these messages</translation>
    </message>
    <message>
        <source>Contact info and safety number</source>
        <translation>Contact info and safety number</translation>
    </message>
    <message>
        <source>Contact info (Ctrl+I)</source>
        <translation>Contact info (Ctrl+I)</translation>
    </message>
    <message>
        <source>%1 has no end-to-end encrypted device any more (a new installation, or the account was reset). Messages you send now are not encrypted: the relay can read them. You will be asked before each one.</source>
        <translation>%1 has no end-to-end encrypted device any more (a new installation, or the account was reset). Messages you send now are not encrypted: the relay can read them. You will be asked before each one.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Drop to send to %1</source>
        <translation>Drop to send to %1</translation>
    </message>
    <message>
        <source>The safety number with %1 changed: their account key is not the one you had. This happens when they reinstall, but it could also be someone else. Nothing is sent until you compare the new safety number and accept it.</source>
        <translation>The safety number with %1 changed: their account key is not the one you had. This happens when they reinstall, but it could also be someone else. Nothing is sent until you compare the new safety number and accept it.</translation>
    </message>
    <message>
        <source>Show the safety number</source>
        <translation>Show the safety number</translation>
    </message>
    <message>
        <source>Accept the new key</source>
        <translation>Accept the new key</translation>
    </message>
    <message>
        <source>Send without encryption?</source>
        <translation>Send without encryption?</translation>
    </message>
    <message>
        <source>%1 has no end-to-end encrypted device. If you send this, the relay can read it.</source>
        <translation>%1 has no end-to-end encrypted device. If you send this, the relay can read it.</translation>
    </message>
    <message>
        <source>Send unencrypted</source>
        <translation>Send unencrypted</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>Don&apos;t send</translation>
    </message>
    <message>
        <source>Jump to the newest messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay tried to deliver an unencrypted message in %1&apos;s name. %1 uses end-to-end encryption, so it did not come from them: it was refused and not shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message from %1 could not be read (damaged or forged on the way) and was dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the relay notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save attachment as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End-to-end encrypted, post-quantum</source>
        <translation>End-to-end encrypted, post-quantum</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages disappear after %1. Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disappearing messages: off. Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disappearing messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn disappearing messages off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disappear after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete for everyone?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is erased on your devices and on %1&apos;s. &quot;This message was deleted&quot; stays in its place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are no longer a member of this group</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) · End-to-end encrypted</source>
        <translation>
            <numerusform>%n member · End-to-end encrypted</numerusform>
            <numerusform>%n members · End-to-end encrypted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) · Not encrypted: the relay can read this group</source>
        <translation>
            <numerusform>%n member · Not encrypted: the relay can read this group</numerusform>
            <numerusform>%n members · Not encrypted: the relay can read this group</numerusform>
        </translation>
    </message>
    <message>
        <source>Group info and members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group info (Ctrl+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can no longer send messages to this group.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <source>Your devices</source>
        <translation>Your devices</translation>
    </message>
    <message>
        <source>(this device)</source>
        <translation>(this device)</translation>
    </message>
    <message>
        <source>linked %1</source>
        <translation>linked %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Remove %1</translation>
    </message>
    <message>
        <source>Link a new device</source>
        <translation>Link a new device</translation>
    </message>
    <message>
        <source>On the new device choose &quot;Link to an existing account&quot;. Then read its code here: paste the link, choose or drop a screenshot of the code, or paste the image.</source>
        <translation>On the new device choose &quot;Link to an existing account&quot;. Then read its code here: paste the link, choose or drop a screenshot of the code, or paste the image.</translation>
    </message>
    <message>
        <source>lapis-link:…</source>
        <translation>lapis-link:…</translation>
    </message>
    <message>
        <source>Link of the new device</source>
        <translation>Link of the new device</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Read the link</source>
        <translation>Read the link</translation>
    </message>
    <message>
        <source>Choose an image of the code…</source>
        <translation>Choose an image of the code…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Paste</translation>
    </message>
    <message>
        <source>Paste the link or an image of the code</source>
        <translation>Paste the link or an image of the code</translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation>Scan with the camera</translation>
    </message>
    <message>
        <source>Drop a screenshot of the new device&apos;s code here</source>
        <translation>Drop a screenshot of the new device&apos;s code here</translation>
    </message>
    <message>
        <source>The new device must show this code:</source>
        <translation>The new device must show this code:</translation>
    </message>
    <message>
        <source>The codes match: link it</source>
        <translation>The codes match: link it</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel linking</source>
        <translation>Cancel linking</translation>
    </message>
    <message>
        <source>An image of the new device&apos;s code</source>
        <translation>An image of the new device&apos;s code</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>Stop the camera</translation>
    </message>
    <message>
        <source>Recent sign-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sign-ins to your account since this device joined it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the sign-in of &quot;%2&quot; was denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera preview: hold the code in front of the camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No device has joined or left your account since this device joined it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; (device %3) was added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; (device %3) was removed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditHistoryDialog</name>
    <message>
        <source>Edit history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No earlier versions are kept on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, written %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts for this account. Wait a while, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests in a short time. Wait a minute, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay is busy. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account asks for a code from your authenticator app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authenticator code is wrong. Check the time on this computer and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That authenticator code was used already. Wait for the next one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your other devices now show a six-digit code. Type it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code is wrong. Read it again from your other device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your other device denied this sign-in.</source>
        <translation type="unfinished">Your other device denied this sign-in.</translation>
    </message>
    <message>
        <source>Too many wrong codes: this sign-in is closed. Sign in again for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in code expired. Sign in again for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That sign-in code was used already. Sign in again for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay knows no such sign-in. Sign in again for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong codes for this account in the last 24 hours. Sign-ins by code are locked until a device of the account allows them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device is signed in but not linked yet. Link it from another device of your account first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account has no room left on the relay for attachments. Try again once older ones have expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact&apos;s devices changed while sending. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload could not resume where it stopped. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact&apos;s safety number changed. Nothing was sent: compare the new safety number before you accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact was reached with end-to-end encryption before. Nothing was sent without encryption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the relay. Check the connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay did not answer in time. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The relay did not show the certificate this device trusts. Nothing was sent to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain answered. Protect this computer&apos;s store with a passphrase instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profile is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That was not accepted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A check of authenticity failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That was done already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is damaged or incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A limit was reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase or code is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This version of Lapis cannot do that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A service did not answer. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk refused a read or write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside Lapis.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the group&apos;s admins can do that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not a member of this group any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone in a group must be reachable with end-to-end encryption, and someone you chose is not.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Lapis</source>
        <translation>Welcome to Lapis</translation>
    </message>
    <message>
        <source>Messages between Lapis users are end-to-end encrypted: only the people in a conversation can read them, not the relay that carries them.</source>
        <translation>Messages between Lapis users are end-to-end encrypted: only the people in a conversation can read them, not the relay that carries them.</translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>Create an account</translation>
    </message>
    <message>
        <source>Link to an existing account</source>
        <translation>Link to an existing account</translation>
    </message>
    <message>
        <source>Relay (host:port; several relays: separated by commas)</source>
        <translation>Relay (host:port; several relays: separated by commas)</translation>
    </message>
    <message>
        <source>relay.example.org:7443</source>
        <translation>relay.example.org:7443</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Relay address</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Create account</translation>
    </message>
    <message>
        <source>Show the link code</source>
        <translation>Show the link code</translation>
    </message>
    <message>
        <source>Sign in with password</source>
        <translation>Sign in with password</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Device name</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>Open Lapis on one of your other devices: it shows a six-digit sign-in code for this device.</source>
        <translation>Open Lapis on one of your other devices: it shows a six-digit sign-in code for this device.</translation>
    </message>
    <message>
        <source>123456</source>
        <translation>123456</translation>
    </message>
    <message>
        <source>Six-digit sign-in code</source>
        <translation>Six-digit sign-in code</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Have a backup of your messages?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring back your account and conversations from an encrypted backup file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupAvatar</name>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupInfoDialog</name>
    <message>
        <source>Group info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name (Enter renames it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End-to-end encrypted: the relay sees neither this group nor who is in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted: the relay can read this group&apos;s messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished">You</translation>
    </message>
    <message>
        <source>admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>safety number changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation type="unfinished">Safety number changed</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation type="unfinished">✓ Verified</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add members…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members read what is sent from now on, never what was sent before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are no longer a member of this group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will no longer get this group&apos;s messages. The conversation stays on this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupNotice</name>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You created the group “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 created the group “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You made %1 an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You renamed the group to “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Close the image</source>
        <translation>Close the image</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open with the system&apos;s viewer</source>
        <translation>Open with the system&apos;s viewer</translation>
    </message>
    <message>
        <source>This image could not be shown safely</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkWaitingPage</name>
    <message>
        <source>Link this computer</source>
        <translation>Link this computer</translation>
    </message>
    <message>
        <source>On your other device, open Settings → Devices → Link a new device and scan this code (or paste the link).</source>
        <translation>On your other device, open Settings → Devices → Link a new device and scan this code (or paste the link).</translation>
    </message>
    <message>
        <source>QR code of the link</source>
        <translation>QR code of the link</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the link</source>
        <translation>Copy the link</translation>
    </message>
    <message>
        <source>Both screens must show this code:</source>
        <translation>Both screens must show this code:</translation>
    </message>
    <message>
        <source>Comparison code %1</source>
        <translation>Comparison code %1</translation>
    </message>
    <message>
        <source>Waiting for approval on your other device…</source>
        <translation>Waiting for approval on your other device…</translation>
    </message>
</context>
<context>
    <name>LockIcon</name>
    <message>
        <source>Closed lock</source>
        <translation>Closed lock</translation>
    </message>
    <message>
        <source>Open lock</source>
        <translation>Open lock</translation>
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
        <translation>Opening</translation>
    </message>
    <message>
        <source>A new device wants to sign in</source>
        <translation>A new device wants to sign in</translation>
    </message>
    <message>
        <source>Sign-in code %1</source>
        <translation>Sign-in code %1</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Deny</translation>
    </message>
    <message>
        <source>Deny the sign-in</source>
        <translation>Deny the sign-in</translation>
    </message>
    <message>
        <source>Protect your account with two-factor sign-in</source>
        <translation>Protect your account with two-factor sign-in</translation>
    </message>
    <message>
        <source>You signed in with your password alone. Turn on two-factor sign-in in Settings → Security, so that a password on its own is not enough to sign in to your account.</source>
        <translation>You signed in with your password alone. Turn on two-factor sign-in in Settings → Security, so that a password on its own is not enough to sign in to your account.</translation>
    </message>
    <message>
        <source>Sign-in request from &quot;%1&quot;, %2. It is signing in to your account with your password. If that is you, type this code on it. If it is not you, deny it and change your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sign-in to your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; signed in to your account, %2. If that was not you, remove it in Settings → Devices and change your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in of &quot;%1&quot; was denied, %2. It was not added to your account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device was added to your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device was removed from your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; (device %2) joined your account, %3. If that was not you, remove it in Settings → Devices and change your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; (device %2) was removed from your account, %3. It no longer receives your messages.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>People to choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts reached end to end yet. Type a user name below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add someone by user name, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add someone by user name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>not encrypted</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>edited</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Waiting to send</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
    <message>
        <source>in reply to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quote of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply to this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (yours)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove your reaction %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This image could not be shown safely</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save %1 as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited: show the edit history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disappearing message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the earlier versions of this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete for me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message from this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this message on every device of both sides</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <source>New group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End-to-end encrypted: the relay sees neither the group&apos;s name nor who is in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>PrivacyTab</name>
    <message>
        <source>Typing indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When off, nobody sees when you are typing, and you do not see when others are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When off, nobody learns that you read their messages, and you do not see when others read yours.</source>
        <translation type="unfinished"></translation>
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
        <translation>Show Lapis</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message numerus="yes">
        <source>Lapis: %n unread message(s)</source>
        <translation>
            <numerusform>Lapis: %n unread message</numerusform>
            <numerusform>Lapis: %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>New message</source>
        <translation>New message</translation>
    </message>
    <message>
        <source>Lapis: an end-to-end encrypted messenger.</source>
        <translation>Lapis: an end-to-end encrypted messenger.</translation>
    </message>
    <message>
        <source>The profile folder (default: the user&apos;s data folder).</source>
        <translation>The profile folder (default: the user&apos;s data folder).</translation>
    </message>
    <message>
        <source>Unlock a passphrase-protected profile with the passphrase in FILE (for scripts).</source>
        <translation>Unlock a passphrase-protected profile with the passphrase in FILE (for scripts).</translation>
    </message>
    <message>
        <source>The relay the first-run screen offers (HOST:PORT).</source>
        <translation>The relay the first-run screen offers (HOST:PORT).</translation>
    </message>
    <message>
        <source>The relay&apos;s certificate file for the first-run screen.</source>
        <translation>The relay&apos;s certificate file for the first-run screen.</translation>
    </message>
    <message>
        <source>Sign-in request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; wants to sign in to your account. Open Lapis for the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; signed in to your account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sign-in of &quot;%1&quot; was denied.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the backup file (or drop it here) and type the recovery code that was shown when the backup was made. This computer becomes a new device of your account, with your contacts, conversations and attachments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup file chosen: drop one here or choose it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No backup file chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the backup file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation type="unfinished">Recovery code</translation>
    </message>
    <message>
        <source>ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Six groups of five letters and digits; spaces and dashes do not matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the other ways to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lapis backups (*.lapisbackup)</source>
        <translation type="unfinished">Lapis backups (*.lapisbackup)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished">All files (*)</translation>
    </message>
</context>
<context>
    <name>SecurityTab</name>
    <message>
        <source>Two-factor sign-in</source>
        <translation>Two-factor sign-in</translation>
    </message>
    <message>
        <source>On: signing in on a new device needs a code from your authenticator app.</source>
        <translation>On: signing in on a new device needs a code from your authenticator app.</translation>
    </message>
    <message>
        <source>Off: a password alone signs in a new device. Turn it on to also need a code from an authenticator app.</source>
        <translation>Off: a password alone signs in a new device. Turn it on to also need a code from an authenticator app.</translation>
    </message>
    <message>
        <source>Turn on two-factor sign-in</source>
        <translation>Turn on two-factor sign-in</translation>
    </message>
    <message>
        <source>Scan this code with your authenticator app, then type the code it shows.</source>
        <translation>Scan this code with your authenticator app, then type the code it shows.</translation>
    </message>
    <message>
        <source>QR code for the authenticator app</source>
        <translation>QR code for the authenticator app</translation>
    </message>
    <message>
        <source>Authenticator link</source>
        <translation>Authenticator link</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>6-digit code</translation>
    </message>
    <message>
        <source>Code from the authenticator app</source>
        <translation>Code from the authenticator app</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Confirm the code</source>
        <translation>Confirm the code</translation>
    </message>
    <message>
        <source>Current code</source>
        <translation>Current code</translation>
    </message>
    <message>
        <source>Current code to turn two-factor sign-in off</source>
        <translation>Current code to turn two-factor sign-in off</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Turn off</translation>
    </message>
    <message>
        <source>Turn two-factor sign-in off</source>
        <translation>Turn two-factor sign-in off</translation>
    </message>
    <message>
        <source>Message store on this computer</source>
        <translation>Message store on this computer</translation>
    </message>
    <message>
        <source>Protected by your passphrase: Lapis asks for it when it starts.</source>
        <translation>Protected by your passphrase: Lapis asks for it when it starts.</translation>
    </message>
    <message>
        <source>Protected by a key in the system keychain: it opens when you log in to this computer.</source>
        <translation>Protected by a key in the system keychain: it opens when you log in to this computer.</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Current passphrase</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <source>Use the system keychain instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use a passphrase instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key moves into the system keychain and the passphrase is no longer asked for. Confirm with your current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key is taken out of the system keychain and locked with a passphrase that Lapis asks for when it starts. Without it your messages cannot be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect with this passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current passphrase, to move the key into the keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password that signs in new devices. Changing it needs the current one, and the authenticator code when two-factor sign-in is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current account password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New account password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authenticator code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code from the authenticator app, to change the account password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change account password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Security</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreProtectionField</name>
    <message>
        <source>Passphrase for this computer&apos;s message store (leave empty to keep the key in the system keychain)</source>
        <translation type="unfinished">Passphrase for this computer&apos;s message store (leave empty to keep the key in the system keychain)</translation>
    </message>
    <message>
        <source>Store passphrase</source>
        <translation type="unfinished">Store passphrase</translation>
    </message>
    <message>
        <source>Leave empty to keep the key in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimerIcon</name>
    <message>
        <source>Disappearing messages</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimerText</name>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Unlock Lapis</source>
        <translation>Unlock Lapis</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
</context>
<context>
    <name>lapis::ui::CameraScanner</name>
    <message>
        <source>No camera was found. Choose or drop an image of the code instead.</source>
        <translation>No camera was found. Choose or drop an image of the code instead.</translation>
    </message>
    <message>
        <source>The camera could not be used: %1</source>
        <translation>The camera could not be used: %1</translation>
    </message>
</context>
<context>
    <name>lapis::ui::ConversationController</name>
    <message>
        <source>The safety number changed. Compare it and accept the new key before sending.</source>
        <translation>The safety number changed. Compare it and accept the new key before sending.</translation>
    </message>
    <message>
        <source>The dropped image could not be read.</source>
        <translation>The dropped image could not be read.</translation>
    </message>
    <message>
        <source>The safety numbers do not match. Do not mark this contact verified.</source>
        <translation>The safety numbers do not match. Do not mark this contact verified.</translation>
    </message>
    <message>
        <source>The safety numbers match: %1 is verified.</source>
        <translation>The safety numbers match: %1 is verified.</translation>
    </message>
    <message>
        <source>No QR code was found in that image.</source>
        <translation>No QR code was found in that image.</translation>
    </message>
    <message>
        <source>The attachment could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No application opens this kind of file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attachment could not be downloaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pasted image could not be prepared for sending.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lapis::ui::ConversationListModel</name>
    <message>
        <source>This message was deleted</source>
        <translation>This message was deleted</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lapis::ui::DeviceListModel</name>
    <message>
        <source>Device %1</source>
        <translation>Device %1</translation>
    </message>
</context>
<context>
    <name>lapis::ui::GroupController</name>
    <message>
        <source>Give the group a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one person for the group.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lapis::ui::MessageListModel</name>
    <message>
        <source>an earlier message</source>
        <translation>an earlier message</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>This message was deleted</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>You turned off disappearing messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 turned off disappearing messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You set messages to disappear after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 set messages to disappear after %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lapis::ui::SessionController</name>
    <message>
        <source>Opening your messages…</source>
        <translation>Opening your messages…</translation>
    </message>
    <message>
        <source>That file does not hold a PEM certificate.</source>
        <translation>That file does not hold a PEM certificate.</translation>
    </message>
    <message>
        <source>Cannot read the certificate file %1.</source>
        <translation>Cannot read the certificate file %1.</translation>
    </message>
    <message>
        <source>Write the relay as HOST:PORT, for example relay.example.org:7443.</source>
        <translation>Write the relay as HOST:PORT, for example relay.example.org:7443.</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <source>Cannot reach the relay at %1: %2</source>
        <translation>Cannot reach the relay at %1: %2</translation>
    </message>
    <message>
        <source>Fill in the relay, a user name and a password.</source>
        <translation>Fill in the relay, a user name and a password.</translation>
    </message>
    <message>
        <source>Accept the relay&apos;s certificate first (fetch it or choose its file).</source>
        <translation>Accept the relay&apos;s certificate first (fetch it or choose its file).</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>Creating your account…</translation>
    </message>
    <message>
        <source>Choose the relay and accept its certificate first.</source>
        <translation>Choose the relay and accept its certificate first.</translation>
    </message>
    <message>
        <source>Asking the relay for a link address…</source>
        <translation>Asking the relay for a link address…</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Type your passphrase.</translation>
    </message>
    <message>
        <source>Unlocking… (deriving the key from your passphrase)</source>
        <translation>Unlocking… (deriving the key from your passphrase)</translation>
    </message>
    <message>
        <source>That passphrase does not open this profile.</source>
        <translation>That passphrase does not open this profile.</translation>
    </message>
    <message>
        <source>Fill in the relay, your user name and your password.</source>
        <translation>Fill in the relay, your user name and your password.</translation>
    </message>
    <message>
        <source>Type the six-digit code your other device shows.</source>
        <translation>Type the six-digit code your other device shows.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the recovery code that was shown when the backup was made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring… (deriving the key from the recovery code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring your messages…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That recovery code does not open this backup. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup file is damaged or incomplete, so nothing was restored (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain answered: type a passphrase for this computer&apos;s store and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the relay of this backup, so nothing was restored. Check the connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lapis::ui::SettingsController</name>
    <message>
        <source>The device was removed.</source>
        <translation>The device was removed.</translation>
    </message>
    <message>
        <source>That is not a Lapis link: %1</source>
        <translation>That is not a Lapis link: %1</translation>
    </message>
    <message>
        <source>No QR code was found in that image.</source>
        <translation>No QR code was found in that image.</translation>
    </message>
    <message>
        <source>No image was pasted.</source>
        <translation>No image was pasted.</translation>
    </message>
    <message>
        <source>The clipboard holds neither a link nor an image.</source>
        <translation>The clipboard holds neither a link nor an image.</translation>
    </message>
    <message>
        <source>The new device is linked.</source>
        <translation>The new device is linked.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is on.</source>
        <translation>Two-factor sign-in is on.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is off.</source>
        <translation>Two-factor sign-in is off.</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least 8 characters.</source>
        <translation>Choose a passphrase of at least 8 characters.</translation>
    </message>
    <message>
        <source>The current passphrase is not right.</source>
        <translation>The current passphrase is not right.</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>The passphrase was changed.</translation>
    </message>
    <message>
        <source>The backup is written. Write the recovery code down: it is shown only now.</source>
        <translation>The backup is written. Write the recovery code down: it is shown only now.</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your passphrase protects the message store now. Lapis asks for it when it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type your current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain holds the key to the message store now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an account password of at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current password or the authenticator code is not right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link this device from another device of your account first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account password was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lapis::ui::UiShell</name>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
</context>
</TS>

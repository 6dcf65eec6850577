<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en_US">
<context>
    <name>AppearanceTab</name>
    <message>
        <source>Theme</source>
        <translation>المظهر</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>حسب النظام</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>فاتح</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>داكن</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>الإشعارات</translation>
    </message>
    <message>
        <source>Show the message text in notifications</source>
        <translation>إظهار نص الرسالة في الإشعارات</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>المرفقات</translation>
    </message>
    <message>
        <source>Download received files up to</source>
        <translation>تنزيل الملفات المستلمة حتى</translation>
    </message>
    <message>
        <source>Largest file downloaded without asking, in MiB</source>
        <translation>أكبر حجم ملف يُنزَّل دون سؤال، بوحدة MiB</translation>
    </message>
    <message>
        <source>MiB without asking; larger ones wait for a click</source>
        <translation>MiB دون سؤال؛ والأكبر منها تنتظر نقرة منك</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Backups</source>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>A backup holds your account key, contacts, conversations and attachments, encrypted with a recovery code. Keep the file anywhere; keep the code somewhere else.</source>
        <translation>تحتوي النسخة الاحتياطية على مفتاح حسابك وجهات الاتصال والمحادثات والمرفقات، مشفّرة برمز استرداد. احفظ الملف في أي مكان، واحفظ الرمز في مكان آخر.</translation>
    </message>
    <message>
        <source>Export a backup…</source>
        <translation>تصدير نسخة احتياطية…</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>تقدّم النسخ الاحتياطي</translation>
    </message>
    <message>
        <source>Recovery code (shown only now; without it the backup cannot be opened):</source>
        <translation>رمز الاسترداد (يظهر الآن فقط؛ لا يمكن فتح النسخة الاحتياطية بدونه):</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>رمز الاسترداد</translation>
    </message>
    <message>
        <source>I wrote it down</source>
        <translation>دوّنته</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>حفظ النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>Lapis backups (*.lapisbackup)</source>
        <translation>نسخ Lapis الاحتياطية (*.lapisbackup)</translation>
    </message>
</context>
<context>
    <name>CertificateBox</name>
    <message>
        <source>Fetch the relay&apos;s certificate</source>
        <translation>جلب شهادة المُرحِّل</translation>
    </message>
    <message>
        <source>Choose a certificate file…</source>
        <translation>اختيار ملف شهادة…</translation>
    </message>
    <message>
        <source>Certificate (%1), SHA-256 fingerprint:</source>
        <translation>الشهادة (%1)، بصمة SHA-256:</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>بصمة الشهادة</translation>
    </message>
    <message>
        <source>I compared this fingerprint and trust this relay</source>
        <translation>قارنتُ هذه البصمة وأثق بهذا المُرحِّل</translation>
    </message>
    <message>
        <source>The relay&apos;s certificate</source>
        <translation>شهادة المُرحِّل</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>الشهادات (*.pem *.crt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Sending %1</source>
        <translation>جارٍ إرسال %1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>في الانتظار</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>جارٍ الإرسال</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>أُرسلت</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>فشل: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>أُلغي</translation>
    </message>
    <message>
        <source>Cancel sending %1</source>
        <translation>إلغاء إرسال %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>إزالة %1</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>إرفاق ملفات</translation>
    </message>
    <message>
        <source>Message (end-to-end encrypted)</source>
        <translation>رسالة (مشفّرة من طرف إلى طرف)</translation>
    </message>
    <message>
        <source>Message (not encrypted)</source>
        <translation>رسالة (غير مشفّرة)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>إرسال</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>إرسال الرسالة</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>إرسال ملفات</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>ردًّا على %1: %2</translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation>ردًّا على %1</translation>
    </message>
    <message>
        <source>yourself</source>
        <translation>نفسك</translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation>إلغاء الرد</translation>
    </message>
    <message>
        <source>Editing your message: %1</source>
        <translation>تعديل رسالتك: %1</translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation>تعديل رسالتك</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>إلغاء التعديل</translation>
    </message>
    <message>
        <source>New text of the message</source>
        <translation>النص الجديد للرسالة</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Save the edited message</source>
        <translation>حفظ الرسالة المعدّلة</translation>
    </message>
</context>
<context>
    <name>ContactInfoDialog</name>
    <message>
        <source>Safety number with %1</source>
        <translation>رقم الأمان مع %1</translation>
    </message>
    <message>
        <source>If these numbers are the same on %1&apos;s screen, nobody is in the middle of your conversation.</source>
        <translation>إذا ظهرت هذه الأرقام نفسها على شاشة %1، فلا أحد يتوسط محادثتكما.</translation>
    </message>
    <message>
        <source>QR code of the safety number</source>
        <translation>رمز QR لرقم الأمان</translation>
    </message>
    <message>
        <source>✓ You verified %1.</source>
        <translation>✓ لقد تحققت من %1.</translation>
    </message>
    <message>
        <source>%1 is not verified yet.</source>
        <translation>لم يُتحقق من %1 بعد.</translation>
    </message>
    <message>
        <source>The numbers match</source>
        <translation>الأرقام متطابقة</translation>
    </message>
    <message>
        <source>Mark as verified: the numbers match</source>
        <translation>وضع علامة «موثّق»: الأرقام متطابقة</translation>
    </message>
    <message>
        <source>Read their code from an image…</source>
        <translation>قراءة رمزه من صورة…</translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation>المسح بالكاميرا</translation>
    </message>
    <message>
        <source>…or drop a screenshot of their code here</source>
        <translation>…أو أفلت لقطة شاشة لرمزه هنا</translation>
    </message>
    <message>
        <source>An image of their safety number code</source>
        <translation>صورة لرمز رقم الأمان الخاص به</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>الصور (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>إيقاف الكاميرا</translation>
    </message>
    <message>
        <source>Camera preview: hold the code in front of the camera</source>
        <translation>معاينة الكاميرا: أمسك الرمز أمام الكاميرا</translation>
    </message>
    <message>
        <source>Your sessions with %1 are post-quantum: their keys mix ML-KEM-768 into X25519, so traffic recorded today stays secret from a future quantum computer.</source>
        <translation>جلساتك مع %1 مقاومة للحوسبة الكمّية: تمزج مفاتيحها ML-KEM-768 مع X25519، فتبقى حركة المرور المسجّلة اليوم سرّية أمام حاسوب كمّي في المستقبل.</translation>
    </message>
    <message>
        <source>Your sessions with %1 are not post-quantum yet (X25519 only).</source>
        <translation>جلساتك مع %1 ليست مقاومة للحوسبة الكمّية بعد (X25519 فقط).</translation>
    </message>
</context>
<context>
    <name>ConversationListPane</name>
    <message>
        <source>Connected to the relay</source>
        <translation>متصل بالمُرحِّل</translation>
    </message>
    <message>
        <source>Not connected to the relay</source>
        <translation>غير متصل بالمُرحِّل</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>الإعدادات (Ctrl+,)</translation>
    </message>
    <message>
        <source>Search all messages</source>
        <translation>البحث في كل الرسائل</translation>
    </message>
    <message>
        <source>New conversation: user name, then Enter</source>
        <translation>محادثة جديدة: اسم المستخدم ثم Enter</translation>
    </message>
    <message>
        <source>Start a conversation with a user name</source>
        <translation>بدء محادثة باسم مستخدم</translation>
    </message>
    <message>
        <source>No messages found</source>
        <translation>لم يُعثر على رسائل</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>المحادثات</translation>
    </message>
    <message>
        <source>%1, %2 unread, %3</source>
        <translation>%1، %2 غير مقروءة، %3</translation>
    </message>
    <message>
        <source>end-to-end encrypted</source>
        <translation>مشفّرة من طرف إلى طرف</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>غير مشفّرة</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>موثّق</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>تغيّر رقم الأمان</translation>
    </message>
    <message>
        <source>No conversations yet. Type a user name above to start one.</source>
        <translation>لا توجد محادثات بعد. اكتب اسم مستخدم في الأعلى لبدء محادثة.</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>الرسائل التي عُثر عليها</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>مجموعة جديدة…</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>مجموعة جديدة</translation>
    </message>
    <message>
        <source>New group (Ctrl+Shift+N)</source>
        <translation>مجموعة جديدة (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <source>%1, group of %2, %3 unread, %4</source>
        <translation>%1، مجموعة من %2، %3 غير مقروءة، %4</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Choose a conversation, or start one with a user name.</source>
        <translation>اختر محادثة، أو ابدأ واحدة باسم مستخدم.</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ موثّق</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>غير موثّق</translation>
    </message>
    <message>
        <source>End-to-end encrypted</source>
        <translation>مشفّرة من طرف إلى طرف</translation>
    </message>
    <message>
        <source>Not encrypted: the relay can read these messages</source>
        <translation>غير مشفّرة: يستطيع المُرحِّل قراءة هذه الرسائل</translation>
    </message>
    <message>
        <source>Contact info and safety number</source>
        <translation>معلومات جهة الاتصال ورقم الأمان</translation>
    </message>
    <message>
        <source>Contact info (Ctrl+I)</source>
        <translation>معلومات جهة الاتصال (Ctrl+I)</translation>
    </message>
    <message>
        <source>%1 has no end-to-end encrypted device any more (a new installation, or the account was reset). Messages you send now are not encrypted: the relay can read them. You will be asked before each one.</source>
        <translation>لم يعد لدى %1 أي جهاز بتشفير من طرف إلى طرف (تثبيت جديد، أو أُعيد ضبط الحساب). الرسائل التي ترسلها الآن غير مشفّرة: يستطيع المُرحِّل قراءتها. سيُطلب تأكيدك قبل كل رسالة.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>الرسائل</translation>
    </message>
    <message>
        <source>Drop to send to %1</source>
        <translation>أفلت للإرسال إلى %1</translation>
    </message>
    <message>
        <source>The safety number with %1 changed: their account key is not the one you had. This happens when they reinstall, but it could also be someone else. Nothing is sent until you compare the new safety number and accept it.</source>
        <translation>تغيّر رقم الأمان مع %1: مفتاح حسابه ليس المفتاح الذي كان لديك. يحدث هذا عند إعادة التثبيت، لكنه قد يكون شخصًا آخر. لن يُرسل شيء حتى تقارن رقم الأمان الجديد وتقبله.</translation>
    </message>
    <message>
        <source>Show the safety number</source>
        <translation>عرض رقم الأمان</translation>
    </message>
    <message>
        <source>Accept the new key</source>
        <translation>قبول المفتاح الجديد</translation>
    </message>
    <message>
        <source>Send without encryption?</source>
        <translation>الإرسال دون تشفير؟</translation>
    </message>
    <message>
        <source>%1 has no end-to-end encrypted device. If you send this, the relay can read it.</source>
        <translation>ليس لدى %1 جهاز بتشفير من طرف إلى طرف. إذا أرسلت هذا، يستطيع المُرحِّل قراءته.</translation>
    </message>
    <message>
        <source>Send unencrypted</source>
        <translation>إرسال دون تشفير</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>عدم الإرسال</translation>
    </message>
    <message>
        <source>Jump to the newest messages</source>
        <translation>الانتقال إلى أحدث الرسائل</translation>
    </message>
    <message>
        <source>The relay tried to deliver an unencrypted message in %1&apos;s name. %1 uses end-to-end encryption, so it did not come from them: it was refused and not shown.</source>
        <translation>حاول المُرحِّل تسليم رسالة غير مشفّرة باسم %1. يستخدم %1 التشفير من طرف إلى طرف، لذا لم تأتِ الرسالة منه: رُفضت ولم تُعرض.</translation>
    </message>
    <message>
        <source>A message from %1 could not be read (damaged or forged on the way) and was dropped.</source>
        <translation>تعذّرت قراءة رسالة من %1 (تلفت أو زُوِّرت في الطريق) فتم تجاهلها.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>تجاهل</translation>
    </message>
    <message>
        <source>Dismiss the relay notice</source>
        <translation>تجاهل التنبيه بشأن المُرحِّل</translation>
    </message>
    <message>
        <source>Save attachment as</source>
        <translation>حفظ المرفق باسم</translation>
    </message>
    <message>
        <source>End-to-end encrypted, post-quantum</source>
        <translation>مشفّر من طرف إلى طرف، مقاوم للحوسبة الكمّية</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 يكتب…</translation>
    </message>
    <message>
        <source>Messages disappear after %1. Change</source>
        <translation>تختفي الرسائل بعد %1. تغيير</translation>
    </message>
    <message>
        <source>Disappearing messages: off. Change</source>
        <translation>الرسائل المختفية: متوقفة. تغيير</translation>
    </message>
    <message>
        <source>Disappearing messages</source>
        <translation>الرسائل المختفية</translation>
    </message>
    <message>
        <source>Turn disappearing messages off</source>
        <translation>إيقاف الرسائل المختفية</translation>
    </message>
    <message>
        <source>Disappear after %1</source>
        <translation>تختفي بعد %1</translation>
    </message>
    <message>
        <source>Delete for everyone?</source>
        <translation>حذف لدى الجميع؟</translation>
    </message>
    <message>
        <source>The message is erased on your devices and on %1&apos;s. &quot;This message was deleted&quot; stays in its place.</source>
        <translation>تُمحى الرسالة من أجهزتك ومن أجهزة %1. ويبقى مكانها «حُذفت هذه الرسالة».</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>حذف لدى الجميع</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>الاحتفاظ بها</translation>
    </message>
    <message>
        <source>You are no longer a member of this group</source>
        <translation>لم تعد عضوًا في هذه المجموعة</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) · End-to-end encrypted</source>
        <translation>
            <numerusform>%n عضو · مشفّرة من طرف إلى طرف</numerusform>
            <numerusform>عضو واحد · مشفّرة من طرف إلى طرف</numerusform>
            <numerusform>عضوان · مشفّرة من طرف إلى طرف</numerusform>
            <numerusform>%n أعضاء · مشفّرة من طرف إلى طرف</numerusform>
            <numerusform>%n عضوًا · مشفّرة من طرف إلى طرف</numerusform>
            <numerusform>%n عضو · مشفّرة من طرف إلى طرف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) · Not encrypted: the relay can read this group</source>
        <translation>
            <numerusform>%n عضو · غير مشفّرة: يستطيع المُرحِّل قراءة هذه المجموعة</numerusform>
            <numerusform>عضو واحد · غير مشفّرة: يستطيع المُرحِّل قراءة هذه المجموعة</numerusform>
            <numerusform>عضوان · غير مشفّرة: يستطيع المُرحِّل قراءة هذه المجموعة</numerusform>
            <numerusform>%n أعضاء · غير مشفّرة: يستطيع المُرحِّل قراءة هذه المجموعة</numerusform>
            <numerusform>%n عضوًا · غير مشفّرة: يستطيع المُرحِّل قراءة هذه المجموعة</numerusform>
            <numerusform>%n عضو · غير مشفّرة: يستطيع المُرحِّل قراءة هذه المجموعة</numerusform>
        </translation>
    </message>
    <message>
        <source>Group info and members</source>
        <translation>معلومات المجموعة وأعضاؤها</translation>
    </message>
    <message>
        <source>Group info (Ctrl+I)</source>
        <translation>معلومات المجموعة (Ctrl+I)</translation>
    </message>
    <message>
        <source>You can no longer send messages to this group.</source>
        <translation>لم يعد بإمكانك إرسال رسائل إلى هذه المجموعة.</translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <source>Your devices</source>
        <translation>أجهزتك</translation>
    </message>
    <message>
        <source>(this device)</source>
        <translation>(هذا الجهاز)</translation>
    </message>
    <message>
        <source>linked %1</source>
        <translation>رُبط في %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>إزالة %1</translation>
    </message>
    <message>
        <source>Link a new device</source>
        <translation>ربط جهاز جديد</translation>
    </message>
    <message>
        <source>On the new device choose &quot;Link to an existing account&quot;. Then read its code here: paste the link, choose or drop a screenshot of the code, or paste the image.</source>
        <translation>على الجهاز الجديد اختر «الربط بحساب موجود». ثم اقرأ رمزه هنا: الصق الرابط، أو اختر لقطة شاشة للرمز أو أفلتها، أو الصق الصورة.</translation>
    </message>
    <message>
        <source>lapis-link:…</source>
        <translation>lapis-link:…</translation>
    </message>
    <message>
        <source>Link of the new device</source>
        <translation>رابط الجهاز الجديد</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>قراءة</translation>
    </message>
    <message>
        <source>Read the link</source>
        <translation>قراءة الرابط</translation>
    </message>
    <message>
        <source>Choose an image of the code…</source>
        <translation>اختيار صورة للرمز…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>لصق</translation>
    </message>
    <message>
        <source>Paste the link or an image of the code</source>
        <translation>لصق الرابط أو صورة الرمز</translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation>المسح بالكاميرا</translation>
    </message>
    <message>
        <source>Drop a screenshot of the new device&apos;s code here</source>
        <translation>أفلت هنا لقطة شاشة لرمز الجهاز الجديد</translation>
    </message>
    <message>
        <source>The new device must show this code:</source>
        <translation>يجب أن يعرض الجهاز الجديد هذا الرمز:</translation>
    </message>
    <message>
        <source>The codes match: link it</source>
        <translation>الرمزان متطابقان: اربطه</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancel linking</source>
        <translation>إلغاء الربط</translation>
    </message>
    <message>
        <source>An image of the new device&apos;s code</source>
        <translation>صورة لرمز الجهاز الجديد</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>الصور (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>إيقاف الكاميرا</translation>
    </message>
    <message>
        <source>Recent sign-ins</source>
        <translation>عمليات تسجيل الدخول الأخيرة</translation>
    </message>
    <message>
        <source>No sign-ins to your account since this device joined it.</source>
        <translation>لا توجد عمليات تسجيل دخول إلى حسابك منذ انضمام هذا الجهاز إليه.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; signed in</source>
        <translation>%1: سجّل «%2» الدخول</translation>
    </message>
    <message>
        <source>%1: the sign-in of &quot;%2&quot; was denied</source>
        <translation>%1: رُفض تسجيل دخول «%2»</translation>
    </message>
    <message>
        <source>Camera preview: hold the code in front of the camera</source>
        <translation>معاينة الكاميرا: أمسك الرمز أمام الكاميرا</translation>
    </message>
    <message>
        <source>Device changes</source>
        <translation>تغييرات الأجهزة</translation>
    </message>
    <message>
        <source>No device has joined or left your account since this device joined it.</source>
        <translation>لم ينضم أي جهاز إلى حسابك ولم يغادره منذ انضمام هذا الجهاز إليه.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; (device %3) was added</source>
        <translation>%1: أُضيف «%2» (الجهاز %3)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; (device %3) was removed</source>
        <translation>%1: أُزيل «%2» (الجهاز %3)</translation>
    </message>
</context>
<context>
    <name>EditHistoryDialog</name>
    <message>
        <source>Edit history</source>
        <translation>سجل التعديلات</translation>
    </message>
    <message>
        <source>No earlier versions are kept on this device.</source>
        <translation>لا توجد نسخ سابقة محفوظة على هذا الجهاز.</translation>
    </message>
    <message>
        <source>%1, written %2</source>
        <translation>%1، كُتبت %2</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The password is wrong.</source>
        <translation>كلمة المرور خاطئة.</translation>
    </message>
    <message>
        <source>Too many failed attempts for this account. Wait a while, then try again.</source>
        <translation>محاولات فاشلة كثيرة جدًا لهذا الحساب. انتظر بعض الوقت، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Too many requests in a short time. Wait a minute, then try again.</source>
        <translation>طلبات كثيرة جدًا في وقت قصير. انتظر دقيقة، ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The relay is busy. Try again in a moment.</source>
        <translation>المُرحِّل مشغول. حاول مرة أخرى بعد لحظات.</translation>
    </message>
    <message>
        <source>This account asks for a code from your authenticator app.</source>
        <translation>يطلب هذا الحساب رمزًا من تطبيق المصادقة.</translation>
    </message>
    <message>
        <source>The authenticator code is wrong. Check the time on this computer and try again.</source>
        <translation>رمز تطبيق المصادقة خاطئ. تحقّق من الوقت على هذا الحاسوب وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>That authenticator code was used already. Wait for the next one.</source>
        <translation>استُخدم رمز تطبيق المصادقة هذا من قبل. انتظر الرمز التالي.</translation>
    </message>
    <message>
        <source>Your other devices now show a six-digit code. Type it here.</source>
        <translation>تعرض أجهزتك الأخرى الآن رمزًا من ستة أرقام. اكتبه هنا.</translation>
    </message>
    <message>
        <source>The code is wrong. Read it again from your other device.</source>
        <translation>الرمز خاطئ. اقرأه مرة أخرى من جهازك الآخر.</translation>
    </message>
    <message>
        <source>Your other device denied this sign-in.</source>
        <translation>رفض جهازك الآخر تسجيل الدخول هذا.</translation>
    </message>
    <message>
        <source>Too many wrong codes: this sign-in is closed. Sign in again for a new code.</source>
        <translation>رموز خاطئة كثيرة جدًا: أُغلق تسجيل الدخول هذا. سجّل الدخول مرة أخرى للحصول على رمز جديد.</translation>
    </message>
    <message>
        <source>The sign-in code expired. Sign in again for a new code.</source>
        <translation>انتهت صلاحية رمز تسجيل الدخول. سجّل الدخول مرة أخرى للحصول على رمز جديد.</translation>
    </message>
    <message>
        <source>That sign-in code was used already. Sign in again for a new code.</source>
        <translation>استُخدم رمز تسجيل الدخول هذا من قبل. سجّل الدخول مرة أخرى للحصول على رمز جديد.</translation>
    </message>
    <message>
        <source>The relay knows no such sign-in. Sign in again for a new code.</source>
        <translation>لا يعرف المُرحِّل تسجيل الدخول هذا. سجّل الدخول مرة أخرى للحصول على رمز جديد.</translation>
    </message>
    <message>
        <source>Too many wrong codes for this account in the last 24 hours. Sign-ins by code are locked until a device of the account allows them again.</source>
        <translation>رموز خاطئة كثيرة جدًا لهذا الحساب خلال الـ24 ساعة الماضية. تسجيل الدخول بالرمز مقفل حتى يسمح به أحد أجهزة الحساب من جديد.</translation>
    </message>
    <message>
        <source>This device is signed in but not linked yet. Link it from another device of your account first.</source>
        <translation>سجّل هذا الجهاز الدخول لكنه لم يُربط بعد. اربطه أولًا من جهاز آخر في حسابك.</translation>
    </message>
    <message>
        <source>Your account has no room left on the relay for attachments. Try again once older ones have expired.</source>
        <translation>لم تعد لحسابك مساحة على المُرحِّل للمرفقات. حاول مرة أخرى بعد انتهاء صلاحية المرفقات الأقدم.</translation>
    </message>
    <message>
        <source>The contact&apos;s devices changed while sending. Try again.</source>
        <translation>تغيّرت أجهزة جهة الاتصال أثناء الإرسال. حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The upload could not resume where it stopped. Try again.</source>
        <translation>تعذّر استئناف الرفع من حيث توقف. حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>This contact&apos;s safety number changed. Nothing was sent: compare the new safety number before you accept it.</source>
        <translation>تغيّر رقم الأمان لجهة الاتصال هذه. لم يُرسل شيء: قارن رقم الأمان الجديد قبل أن تقبله.</translation>
    </message>
    <message>
        <source>This contact was reached with end-to-end encryption before. Nothing was sent without encryption.</source>
        <translation>سبق الوصول إلى جهة الاتصال هذه بتشفير من طرف إلى طرف. لم يُرسل شيء دون تشفير.</translation>
    </message>
    <message>
        <source>Cannot reach the relay. Check the connection and try again.</source>
        <translation>يتعذّر الوصول إلى المُرحِّل. تحقّق من الاتصال وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The relay did not answer in time. Try again.</source>
        <translation>لم يستجب المُرحِّل في الوقت المحدد. حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The relay did not show the certificate this device trusts. Nothing was sent to it.</source>
        <translation>لم يُظهر المُرحِّل الشهادة التي يثق بها هذا الجهاز. لم يُرسل إليه شيء.</translation>
    </message>
    <message>
        <source>No system keychain answered. Protect this computer&apos;s store with a passphrase instead.</source>
        <translation>لم تستجب أي سلسلة مفاتيح للنظام. احمِ مخزن هذا الحاسوب بعبارة مرور بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>No profile is open.</source>
        <translation>لا يوجد ملف شخصي مفتوح.</translation>
    </message>
    <message>
        <source>That was not accepted.</source>
        <translation>لم يُقبل ذلك.</translation>
    </message>
    <message>
        <source>A check of authenticity failed.</source>
        <translation>فشل أحد فحوص الأصالة.</translation>
    </message>
    <message>
        <source>That was done already.</source>
        <translation>تم ذلك من قبل.</translation>
    </message>
    <message>
        <source>That was not found.</source>
        <translation>لم يُعثر على ذلك.</translation>
    </message>
    <message>
        <source>That exists already.</source>
        <translation>هذا موجود بالفعل.</translation>
    </message>
    <message>
        <source>The data is damaged or incomplete.</source>
        <translation>البيانات تالفة أو غير مكتملة.</translation>
    </message>
    <message>
        <source>A limit was reached.</source>
        <translation>تم بلوغ أحد الحدود.</translation>
    </message>
    <message>
        <source>The passphrase or code is wrong.</source>
        <translation>عبارة المرور أو الرمز خاطئ.</translation>
    </message>
    <message>
        <source>This version of Lapis cannot do that.</source>
        <translation>لا يستطيع هذا الإصدار من Lapis فعل ذلك.</translation>
    </message>
    <message>
        <source>That is not allowed.</source>
        <translation>هذا غير مسموح به.</translation>
    </message>
    <message>
        <source>A service did not answer. Try again.</source>
        <translation>لم تستجب إحدى الخدمات. حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The disk refused a read or write.</source>
        <translation>رفض القرص عملية قراءة أو كتابة.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>أُلغي.</translation>
    </message>
    <message>
        <source>Something went wrong inside Lapis.</source>
        <translation>حدث خطأ ما داخل Lapis.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>حدث خطأ ما.</translation>
    </message>
    <message>
        <source>Only the group&apos;s admins can do that.</source>
        <translation>وحدهم مشرفو المجموعة يستطيعون فعل ذلك.</translation>
    </message>
    <message>
        <source>You are not a member of this group any more.</source>
        <translation>لم تعد عضوًا في هذه المجموعة.</translation>
    </message>
    <message>
        <source>Everyone in a group must be reachable with end-to-end encryption, and someone you chose is not.</source>
        <translation>يجب أن يكون كل أعضاء المجموعة قابلين للوصول بتشفير من طرف إلى طرف، وأحد من اخترتهم ليس كذلك.</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Lapis</source>
        <translation>مرحبًا بك في Lapis</translation>
    </message>
    <message>
        <source>Messages between Lapis users are end-to-end encrypted: only the people in a conversation can read them, not the relay that carries them.</source>
        <translation>الرسائل بين مستخدمي Lapis مشفّرة من طرف إلى طرف: لا يقرؤها إلا أطراف المحادثة، وليس المُرحِّل الذي ينقلها.</translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>إنشاء حساب</translation>
    </message>
    <message>
        <source>Link to an existing account</source>
        <translation>الربط بحساب موجود</translation>
    </message>
    <message>
        <source>Relay (host:port; several relays: separated by commas)</source>
        <translation>المُرحِّل (المضيف:المنفذ؛ عدة مُرحِّلات تُفصل بفواصل)</translation>
    </message>
    <message>
        <source>relay.example.org:7443</source>
        <translation>relay.example.org:7443</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>عنوان المُرحِّل</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>إنشاء الحساب</translation>
    </message>
    <message>
        <source>Show the link code</source>
        <translation>عرض رمز الربط</translation>
    </message>
    <message>
        <source>Sign in with password</source>
        <translation>تسجيل الدخول بكلمة المرور</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>اسم الجهاز</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>هذا الحاسوب</translation>
    </message>
    <message>
        <source>Open Lapis on one of your other devices: it shows a six-digit sign-in code for this device.</source>
        <translation>افتح Lapis على أحد أجهزتك الأخرى: سيعرض رمز تسجيل دخول من ستة أرقام لهذا الجهاز.</translation>
    </message>
    <message>
        <source>123456</source>
        <translation>123456</translation>
    </message>
    <message>
        <source>Six-digit sign-in code</source>
        <translation>رمز تسجيل الدخول المكوّن من ستة أرقام</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Have a backup of your messages?</source>
        <translation>هل لديك نسخة احتياطية من رسائلك؟</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>الاستعادة من نسخة احتياطية</translation>
    </message>
    <message>
        <source>Bring back your account and conversations from an encrypted backup file</source>
        <translation>استرجع حسابك ومحادثاتك من ملف نسخة احتياطية مشفّر</translation>
    </message>
</context>
<context>
    <name>GroupAvatar</name>
    <message>
        <source>Group</source>
        <translation>مجموعة</translation>
    </message>
</context>
<context>
    <name>GroupInfoDialog</name>
    <message>
        <source>Group info</source>
        <translation>معلومات المجموعة</translation>
    </message>
    <message>
        <source>Group name (Enter renames it)</source>
        <translation>اسم المجموعة (Enter لإعادة التسمية)</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>اسم المجموعة</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>إعادة التسمية</translation>
    </message>
    <message>
        <source>End-to-end encrypted: the relay sees neither this group nor who is in it</source>
        <translation>مشفّرة من طرف إلى طرف: لا يرى المُرحِّل هذه المجموعة ولا من فيها</translation>
    </message>
    <message>
        <source>Not encrypted: the relay can read this group&apos;s messages</source>
        <translation>غير مشفّرة: يستطيع المُرحِّل قراءة رسائل هذه المجموعة</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n عضو</numerusform>
            <numerusform>عضو واحد</numerusform>
            <numerusform>عضوان</numerusform>
            <numerusform>%n أعضاء</numerusform>
            <numerusform>%n عضوًا</numerusform>
            <numerusform>%n عضو</numerusform>
        </translation>
    </message>
    <message>
        <source>Members</source>
        <translation>الأعضاء</translation>
    </message>
    <message>
        <source>You</source>
        <translation>أنت</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>موثّق</translation>
    </message>
    <message>
        <source>safety number changed</source>
        <translation>تغيّر رقم الأمان</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>تغيّر رقم الأمان</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ موثّق</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation>إجراءات لـ %1</translation>
    </message>
    <message>
        <source>Make admin</source>
        <translation>تعيين مشرفًا</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>إزالة من المجموعة</translation>
    </message>
    <message>
        <source>Add members…</source>
        <translation>إضافة أعضاء…</translation>
    </message>
    <message>
        <source>New members read what is sent from now on, never what was sent before.</source>
        <translation>يقرأ الأعضاء الجدد ما يُرسل من الآن فصاعدًا، ولا يقرؤون أبدًا ما أُرسل قبل ذلك.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>مغادرة المجموعة</translation>
    </message>
    <message>
        <source>You are no longer a member of this group.</source>
        <translation>لم تعد عضوًا في هذه المجموعة.</translation>
    </message>
    <message>
        <source>Leave “%1”?</source>
        <translation>مغادرة «%1»؟</translation>
    </message>
    <message>
        <source>You will no longer get this group&apos;s messages. The conversation stays on this device.</source>
        <translation>لن تصلك رسائل هذه المجموعة بعد الآن. تبقى المحادثة على هذا الجهاز.</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>مغادرة</translation>
    </message>
</context>
<context>
    <name>GroupNotice</name>
    <message>
        <source>you</source>
        <translation>أنت</translation>
    </message>
    <message>
        <source>You created the group “%1”</source>
        <translation>أنشأتَ المجموعة «%1»</translation>
    </message>
    <message>
        <source>%1 created the group “%2”</source>
        <translation>أنشأ %1 المجموعة «%2»</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>أضفتَ %1</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>أضاف %1 ‏%2</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>أزلتَ %1</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>أزال %1 ‏%2</translation>
    </message>
    <message>
        <source>You left the group</source>
        <translation>غادرتَ المجموعة</translation>
    </message>
    <message>
        <source>%1 left the group</source>
        <translation>غادر %1 المجموعة</translation>
    </message>
    <message>
        <source>You made %1 an admin</source>
        <translation>عيّنتَ %1 مشرفًا</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>عيّن %1 ‏%2 مشرفًا</translation>
    </message>
    <message>
        <source>You renamed the group to “%1”</source>
        <translation>غيّرتَ اسم المجموعة إلى «%1»</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>غيّر %1 اسم المجموعة إلى «%2»</translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation>غيّر %1 المجموعة</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Close the image</source>
        <translation>إغلاق الصورة</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>Open with the system&apos;s viewer</source>
        <translation>الفتح بعارض النظام</translation>
    </message>
    <message>
        <source>This image could not be shown safely</source>
        <translation>تعذّر عرض هذه الصورة بأمان</translation>
    </message>
</context>
<context>
    <name>LinkWaitingPage</name>
    <message>
        <source>Link this computer</source>
        <translation>ربط هذا الحاسوب</translation>
    </message>
    <message>
        <source>On your other device, open Settings → Devices → Link a new device and scan this code (or paste the link).</source>
        <translation>على جهازك الآخر، افتح الإعدادات ← الأجهزة ← ربط جهاز جديد وامسح هذا الرمز (أو الصق الرابط).</translation>
    </message>
    <message>
        <source>QR code of the link</source>
        <translation>رمز QR للرابط</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>الرابط</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>Copy the link</source>
        <translation>نسخ الرابط</translation>
    </message>
    <message>
        <source>Both screens must show this code:</source>
        <translation>يجب أن تعرض الشاشتان هذا الرمز:</translation>
    </message>
    <message>
        <source>Comparison code %1</source>
        <translation>رمز المقارنة %1</translation>
    </message>
    <message>
        <source>Waiting for approval on your other device…</source>
        <translation>في انتظار الموافقة على جهازك الآخر…</translation>
    </message>
</context>
<context>
    <name>LockIcon</name>
    <message>
        <source>Closed lock</source>
        <translation>قفل مغلق</translation>
    </message>
    <message>
        <source>Open lock</source>
        <translation>قفل مفتوح</translation>
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
        <translation>جارٍ الفتح</translation>
    </message>
    <message>
        <source>A new device wants to sign in</source>
        <translation>جهاز جديد يريد تسجيل الدخول</translation>
    </message>
    <message>
        <source>Sign-in code %1</source>
        <translation>رمز تسجيل الدخول %1</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>رفض</translation>
    </message>
    <message>
        <source>Deny the sign-in</source>
        <translation>رفض تسجيل الدخول</translation>
    </message>
    <message>
        <source>Protect your account with two-factor sign-in</source>
        <translation>احمِ حسابك بتسجيل الدخول بخطوتين</translation>
    </message>
    <message>
        <source>You signed in with your password alone. Turn on two-factor sign-in in Settings → Security, so that a password on its own is not enough to sign in to your account.</source>
        <translation>لقد سجّلت الدخول بكلمة المرور وحدها. فعّل تسجيل الدخول بخطوتين من الإعدادات ← الأمان، حتى لا تكفي كلمة المرور وحدها لتسجيل الدخول إلى حسابك.</translation>
    </message>
    <message>
        <source>Sign-in request from &quot;%1&quot;, %2. It is signing in to your account with your password. If that is you, type this code on it. If it is not you, deny it and change your password.</source>
        <translation>طلب تسجيل دخول من «%1»، %2. هذا الجهاز يسجّل الدخول إلى حسابك بكلمة مرورك. إن كان هذا أنت، فاكتب هذا الرمز عليه. وإن لم يكن أنت، فارفضه وغيّر كلمة مرورك.</translation>
    </message>
    <message>
        <source>New sign-in to your account</source>
        <translation>تسجيل دخول جديد إلى حسابك</translation>
    </message>
    <message>
        <source>Sign-in denied</source>
        <translation>رُفض تسجيل الدخول</translation>
    </message>
    <message>
        <source>&quot;%1&quot; signed in to your account, %2. If that was not you, remove it in Settings → Devices and change your password.</source>
        <translation>سجّل «%1» الدخول إلى حسابك، %2. إن لم يكن هذا أنت، فأزله من الإعدادات ← الأجهزة وغيّر كلمة مرورك.</translation>
    </message>
    <message>
        <source>The sign-in of &quot;%1&quot; was denied, %2. It was not added to your account.</source>
        <translation>رُفض تسجيل دخول «%1»، %2. لم يُضَف إلى حسابك.</translation>
    </message>
    <message>
        <source>A device was added to your account</source>
        <translation>أُضيف جهاز إلى حسابك</translation>
    </message>
    <message>
        <source>A device was removed from your account</source>
        <translation>أُزيل جهاز من حسابك</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (device %2) joined your account, %3. If that was not you, remove it in Settings → Devices and change your password.</source>
        <translation>انضم «%1» (الجهاز %2) إلى حسابك، %3. إن لم يكن هذا أنت، فأزله من الإعدادات ← الأجهزة وغيّر كلمة مرورك.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (device %2) was removed from your account, %3. It no longer receives your messages.</source>
        <translation>أُزيل «%1» (الجهاز %2) من حسابك، %3. لم يعد يستقبل رسائلك.</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>People to choose</source>
        <translation>أشخاص للاختيار</translation>
    </message>
    <message>
        <source>No contacts reached end to end yet. Type a user name below.</source>
        <translation>لا جهات اتصال مشفّرة من طرف إلى طرف بعد. اكتب اسم مستخدم أدناه.</translation>
    </message>
    <message>
        <source>Add someone by user name, then Enter</source>
        <translation>أضف شخصًا باسم المستخدم ثم اضغط Enter</translation>
    </message>
    <message>
        <source>Add someone by user name</source>
        <translation>إضافة شخص باسم المستخدم</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>You</source>
        <translation>أنت</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>غير مشفّرة</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>فتح %1</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>معدّلة</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>في انتظار الإرسال</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>أُرسلت</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>سُلّمت</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>قُرئت</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>لم تُرسل</translation>
    </message>
    <message>
        <source>in reply to %1</source>
        <translation>ردًّا على %1</translation>
    </message>
    <message>
        <source>Quote of %1: %2</source>
        <translation>اقتباس من %1: %2</translation>
    </message>
    <message>
        <source>a message</source>
        <translation>رسالة</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 من %2</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>رد</translation>
    </message>
    <message>
        <source>Reply to this message</source>
        <translation>الرد على هذه الرسالة</translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation>إزالة تفاعلي</translation>
    </message>
    <message>
        <source>%1 (yours)</source>
        <translation>%1 (تفاعلك)</translation>
    </message>
    <message>
        <source>Remove your reaction %1</source>
        <translation>إزالة تفاعلك %1</translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation>التفاعل بـ %1</translation>
    </message>
    <message>
        <source>This image could not be shown safely</source>
        <translation>تعذّر عرض هذه الصورة بأمان</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>إعادة محاولة التنزيل</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>تنزيل</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>تنزيل %1</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>حفظ باسم…</translation>
    </message>
    <message>
        <source>Save %1 as</source>
        <translation>حفظ %1 باسم</translation>
    </message>
    <message>
        <source>Edited: show the edit history</source>
        <translation>معدّلة: عرض سجل التعديلات</translation>
    </message>
    <message>
        <source>Disappearing message</source>
        <translation>رسالة مختفية</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <source>Edit this message</source>
        <translation>تعديل هذه الرسالة</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>سجل التعديلات</translation>
    </message>
    <message>
        <source>Show the earlier versions of this message</source>
        <translation>عرض النسخ السابقة من هذه الرسالة</translation>
    </message>
    <message>
        <source>Delete for me</source>
        <translation>حذف لديّ</translation>
    </message>
    <message>
        <source>Delete this message from this device</source>
        <translation>حذف هذه الرسالة من هذا الجهاز</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>حذف لدى الجميع</translation>
    </message>
    <message>
        <source>Delete this message on every device of both sides</source>
        <translation>حذف هذه الرسالة من كل أجهزة الطرفين</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <source>New group</source>
        <translation>مجموعة جديدة</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>اسم المجموعة</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>الأعضاء</translation>
    </message>
    <message>
        <source>End-to-end encrypted: the relay sees neither the group&apos;s name nor who is in it.</source>
        <translation>مشفّرة من طرف إلى طرف: لا يرى المُرحِّل اسم المجموعة ولا من فيها.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>جارٍ الإنشاء…</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>إنشاء المجموعة</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>PrivacyTab</name>
    <message>
        <source>Typing indicators</source>
        <translation>مؤشر الكتابة</translation>
    </message>
    <message>
        <source>When off, nobody sees when you are typing, and you do not see when others are.</source>
        <translation>عند إيقافه لا يرى أحد أنك تكتب، ولا ترى أنت متى يكتب الآخرون.</translation>
    </message>
    <message>
        <source>Read receipts</source>
        <translation>إيصالات القراءة</translation>
    </message>
    <message>
        <source>When off, nobody learns that you read their messages, and you do not see when others read yours.</source>
        <translation>عند إيقافها لا يعلم أحد أنك قرأت رسائله، ولا ترى أنت متى يقرأ الآخرون رسائلك.</translation>
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
        <translation>إظهار Lapis</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>إنهاء</translation>
    </message>
    <message numerus="yes">
        <source>Lapis: %n unread message(s)</source>
        <translation>
            <numerusform>Lapis: لا رسائل غير مقروءة</numerusform>
            <numerusform>Lapis: رسالة واحدة غير مقروءة</numerusform>
            <numerusform>Lapis: رسالتان غير مقروءتين</numerusform>
            <numerusform>Lapis: %n رسائل غير مقروءة</numerusform>
            <numerusform>Lapis: %n رسالة غير مقروءة</numerusform>
            <numerusform>Lapis: %n رسالة غير مقروءة</numerusform>
        </translation>
    </message>
    <message>
        <source>New message</source>
        <translation>رسالة جديدة</translation>
    </message>
    <message>
        <source>Lapis: an end-to-end encrypted messenger.</source>
        <translation>Lapis: تطبيق مراسلة مشفّر من طرف إلى طرف.</translation>
    </message>
    <message>
        <source>The profile folder (default: the user&apos;s data folder).</source>
        <translation>مجلد الملف الشخصي (الافتراضي: مجلد بيانات المستخدم).</translation>
    </message>
    <message>
        <source>Unlock a passphrase-protected profile with the passphrase in FILE (for scripts).</source>
        <translation>فتح ملف شخصي محمي بعبارة مرور باستخدام العبارة الموجودة في FILE (للبرامج النصية).</translation>
    </message>
    <message>
        <source>The relay the first-run screen offers (HOST:PORT).</source>
        <translation>المُرحِّل الذي تعرضه شاشة التشغيل الأول (HOST:PORT).</translation>
    </message>
    <message>
        <source>The relay&apos;s certificate file for the first-run screen.</source>
        <translation>ملف شهادة المُرحِّل لشاشة التشغيل الأول.</translation>
    </message>
    <message>
        <source>Sign-in request</source>
        <translation>طلب تسجيل دخول</translation>
    </message>
    <message>
        <source>&quot;%1&quot; wants to sign in to your account. Open Lapis for the code.</source>
        <translation>«%1» يريد تسجيل الدخول إلى حسابك. افتح Lapis لرؤية الرمز.</translation>
    </message>
    <message>
        <source>New sign-in</source>
        <translation>تسجيل دخول جديد</translation>
    </message>
    <message>
        <source>Sign-in denied</source>
        <translation>رُفض تسجيل الدخول</translation>
    </message>
    <message>
        <source>&quot;%1&quot; signed in to your account.</source>
        <translation>سجّل «%1» الدخول إلى حسابك.</translation>
    </message>
    <message>
        <source>The sign-in of &quot;%1&quot; was denied.</source>
        <translation>رُفض تسجيل دخول «%1».</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <source>Restore from a backup</source>
        <translation>الاستعادة من نسخة احتياطية</translation>
    </message>
    <message>
        <source>Choose the backup file (or drop it here) and type the recovery code that was shown when the backup was made. This computer becomes a new device of your account, with your contacts, conversations and attachments.</source>
        <translation>اختر ملف النسخة الاحتياطية (أو أفلته هنا) واكتب رمز الاسترداد الذي ظهر عند إنشاء النسخة الاحتياطية. سيصبح هذا الحاسوب جهازًا جديدًا في حسابك، مع جهات الاتصال والمحادثات والمرفقات.</translation>
    </message>
    <message>
        <source>No backup file chosen: drop one here or choose it.</source>
        <translation>لم يُختر ملف نسخة احتياطية: أفلت ملفًا هنا أو اختره.</translation>
    </message>
    <message>
        <source>Backup file %1</source>
        <translation>ملف النسخة الاحتياطية %1</translation>
    </message>
    <message>
        <source>No backup file chosen</source>
        <translation>لم يُختر ملف نسخة احتياطية</translation>
    </message>
    <message>
        <source>Choose the backup file…</source>
        <translation>اختيار ملف النسخة الاحتياطية…</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>رمز الاسترداد</translation>
    </message>
    <message>
        <source>ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345</source>
        <translation>ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345</translation>
    </message>
    <message>
        <source>Six groups of five letters and digits; spaces and dashes do not matter</source>
        <translation>ست مجموعات من خمسة أحرف وأرقام؛ لا تهم المسافات والشرطات</translation>
    </message>
    <message>
        <source>Restore progress</source>
        <translation>تقدّم الاستعادة</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>Back to the other ways to start</source>
        <translation>العودة إلى طرق البدء الأخرى</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>استعادة</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>استعادة النسخة الاحتياطية</translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation>اختيار النسخة الاحتياطية المراد استعادتها</translation>
    </message>
    <message>
        <source>Lapis backups (*.lapisbackup)</source>
        <translation>نسخ Lapis الاحتياطية (*.lapisbackup)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>SecurityTab</name>
    <message>
        <source>Two-factor sign-in</source>
        <translation>تسجيل الدخول بخطوتين</translation>
    </message>
    <message>
        <source>On: signing in on a new device needs a code from your authenticator app.</source>
        <translation>مفعّل: يتطلب تسجيل الدخول على جهاز جديد رمزًا من تطبيق المصادقة.</translation>
    </message>
    <message>
        <source>Off: a password alone signs in a new device. Turn it on to also need a code from an authenticator app.</source>
        <translation>معطّل: تكفي كلمة المرور لتسجيل دخول جهاز جديد. فعّله لطلب رمز من تطبيق مصادقة أيضًا.</translation>
    </message>
    <message>
        <source>Turn on two-factor sign-in</source>
        <translation>تفعيل تسجيل الدخول بخطوتين</translation>
    </message>
    <message>
        <source>Scan this code with your authenticator app, then type the code it shows.</source>
        <translation>امسح هذا الرمز بتطبيق المصادقة، ثم اكتب الرمز الذي يعرضه.</translation>
    </message>
    <message>
        <source>QR code for the authenticator app</source>
        <translation>رمز QR لتطبيق المصادقة</translation>
    </message>
    <message>
        <source>Authenticator link</source>
        <translation>رابط تطبيق المصادقة</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>رمز من 6 أرقام</translation>
    </message>
    <message>
        <source>Code from the authenticator app</source>
        <translation>الرمز من تطبيق المصادقة</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>تأكيد</translation>
    </message>
    <message>
        <source>Confirm the code</source>
        <translation>تأكيد الرمز</translation>
    </message>
    <message>
        <source>Current code</source>
        <translation>الرمز الحالي</translation>
    </message>
    <message>
        <source>Current code to turn two-factor sign-in off</source>
        <translation>الرمز الحالي لتعطيل تسجيل الدخول بخطوتين</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>تعطيل</translation>
    </message>
    <message>
        <source>Turn two-factor sign-in off</source>
        <translation>تعطيل تسجيل الدخول بخطوتين</translation>
    </message>
    <message>
        <source>Message store on this computer</source>
        <translation>مخزن الرسائل على هذا الحاسوب</translation>
    </message>
    <message>
        <source>Protected by your passphrase: Lapis asks for it when it starts.</source>
        <translation>محمي بعبارة المرور: يطلبها Lapis عند بدء التشغيل.</translation>
    </message>
    <message>
        <source>Protected by a key in the system keychain: it opens when you log in to this computer.</source>
        <translation>محمي بمفتاح في سلسلة مفاتيح النظام: يُفتح عند تسجيل دخولك إلى هذا الحاسوب.</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>عبارة المرور الحالية</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>عبارة المرور الجديدة</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>تغيير عبارة المرور</translation>
    </message>
    <message>
        <source>Use the system keychain instead</source>
        <translation>استخدام سلسلة مفاتيح النظام بدلًا من ذلك</translation>
    </message>
    <message>
        <source>Use a passphrase instead</source>
        <translation>استخدام عبارة مرور بدلًا من ذلك</translation>
    </message>
    <message>
        <source>The key moves into the system keychain and the passphrase is no longer asked for. Confirm with your current passphrase.</source>
        <translation>ينتقل المفتاح إلى سلسلة مفاتيح النظام ولن تُطلب عبارة المرور بعد الآن. أكّد بعبارة المرور الحالية.</translation>
    </message>
    <message>
        <source>The key is taken out of the system keychain and locked with a passphrase that Lapis asks for when it starts. Without it your messages cannot be opened.</source>
        <translation>يُخرَج المفتاح من سلسلة مفاتيح النظام ويُقفَل بعبارة مرور يطلبها Lapis عند بدء التشغيل. لا يمكن فتح رسائلك بدونها.</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>أعد كتابتها</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>أعد كتابة عبارة المرور الجديدة</translation>
    </message>
    <message>
        <source>Protect with this passphrase</source>
        <translation>الحماية بعبارة المرور هذه</translation>
    </message>
    <message>
        <source>Current passphrase, to move the key into the keychain</source>
        <translation>عبارة المرور الحالية، لنقل المفتاح إلى سلسلة المفاتيح</translation>
    </message>
    <message>
        <source>Use the system keychain</source>
        <translation>استخدام سلسلة مفاتيح النظام</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>جارٍ العمل…</translation>
    </message>
    <message>
        <source>Account password</source>
        <translation>كلمة مرور الحساب</translation>
    </message>
    <message>
        <source>The password that signs in new devices. Changing it needs the current one, and the authenticator code when two-factor sign-in is on.</source>
        <translation>كلمة المرور التي تُسجَّل بها الأجهزة الجديدة الدخول. يتطلب تغييرها كلمة المرور الحالية، ورمز تطبيق المصادقة إذا كان تسجيل الدخول بخطوتين مفعّلًا.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>كلمة المرور الحالية</translation>
    </message>
    <message>
        <source>Current account password</source>
        <translation>كلمة مرور الحساب الحالية</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>كلمة المرور الجديدة</translation>
    </message>
    <message>
        <source>New account password</source>
        <translation>كلمة مرور الحساب الجديدة</translation>
    </message>
    <message>
        <source>Authenticator code</source>
        <translation>رمز تطبيق المصادقة</translation>
    </message>
    <message>
        <source>Code from the authenticator app, to change the account password</source>
        <translation>الرمز من تطبيق المصادقة، لتغيير كلمة مرور الحساب</translation>
    </message>
    <message>
        <source>Change account password</source>
        <translation>تغيير كلمة مرور الحساب</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>الأجهزة</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>الأمان</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>المظهر العام</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>الخصوصية</translation>
    </message>
</context>
<context>
    <name>StoreProtectionField</name>
    <message>
        <source>Passphrase for this computer&apos;s message store (leave empty to keep the key in the system keychain)</source>
        <translation>عبارة مرور مخزن الرسائل على هذا الحاسوب (اتركها فارغة لإبقاء المفتاح في سلسلة مفاتيح النظام)</translation>
    </message>
    <message>
        <source>Store passphrase</source>
        <translation>عبارة مرور المخزن</translation>
    </message>
    <message>
        <source>Leave empty to keep the key in the system keychain</source>
        <translation>اتركها فارغة لإبقاء المفتاح في سلسلة مفاتيح النظام</translation>
    </message>
</context>
<context>
    <name>TimerIcon</name>
    <message>
        <source>Disappearing messages</source>
        <translation>الرسائل المختفية</translation>
    </message>
</context>
<context>
    <name>TimerText</name>
    <message>
        <source>Off</source>
        <translation>متوقف</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>أسبوع واحد</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 أسابيع</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>يوم واحد</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 أيام</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>ساعة واحدة</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 ساعات</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>دقيقة واحدة</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 دقائق</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>ثانية واحدة</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 ثانية</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Unlock Lapis</source>
        <translation>فتح قفل Lapis</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>عبارة المرور</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>فتح القفل</translation>
    </message>
</context>
<context>
    <name>lapis::ui::CameraScanner</name>
    <message>
        <source>No camera was found. Choose or drop an image of the code instead.</source>
        <translation>لم يُعثر على كاميرا. اختر صورة للرمز أو أفلتها بدلًا من ذلك.</translation>
    </message>
    <message>
        <source>The camera could not be used: %1</source>
        <translation>تعذّر استخدام الكاميرا: %1</translation>
    </message>
</context>
<context>
    <name>lapis::ui::ConversationController</name>
    <message>
        <source>The safety number changed. Compare it and accept the new key before sending.</source>
        <translation>تغيّر رقم الأمان. قارنه واقبل المفتاح الجديد قبل الإرسال.</translation>
    </message>
    <message>
        <source>The dropped image could not be read.</source>
        <translation>تعذّرت قراءة الصورة المُفلتة.</translation>
    </message>
    <message>
        <source>The safety numbers do not match. Do not mark this contact verified.</source>
        <translation>رقما الأمان غير متطابقين. لا تضع علامة «موثّق» على جهة الاتصال هذه.</translation>
    </message>
    <message>
        <source>The safety numbers match: %1 is verified.</source>
        <translation>رقما الأمان متطابقان: تم التحقق من %1.</translation>
    </message>
    <message>
        <source>No QR code was found in that image.</source>
        <translation>لم يُعثر على رمز QR في تلك الصورة.</translation>
    </message>
    <message>
        <source>The attachment could not be opened: %1</source>
        <translation>تعذّر فتح المرفق: %1</translation>
    </message>
    <message>
        <source>No application opens this kind of file.</source>
        <translation>لا يوجد تطبيق يفتح هذا النوع من الملفات.</translation>
    </message>
    <message>
        <source>The attachment could not be saved: %1</source>
        <translation>تعذّر حفظ المرفق: %1</translation>
    </message>
    <message>
        <source>The attachment could not be downloaded: %1</source>
        <translation>تعذّر تنزيل المرفق: %1</translation>
    </message>
    <message>
        <source>The pasted image could not be prepared for sending.</source>
        <translation>تعذّر تجهيز الصورة الملصقة لإرسالها.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::ConversationListModel</name>
    <message>
        <source>This message was deleted</source>
        <translation>حُذفت هذه الرسالة</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>مرفق</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>أنت: %1</translation>
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
        <translation>الجهاز %1</translation>
    </message>
</context>
<context>
    <name>lapis::ui::GroupController</name>
    <message>
        <source>Give the group a name.</source>
        <translation>أعطِ المجموعة اسمًا.</translation>
    </message>
    <message>
        <source>Choose at least one person for the group.</source>
        <translation>اختر شخصًا واحدًا على الأقل للمجموعة.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::MessageListModel</name>
    <message>
        <source>an earlier message</source>
        <translation>رسالة سابقة</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>حُذفت هذه الرسالة</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>أمس</translation>
    </message>
    <message>
        <source>You turned off disappearing messages</source>
        <translation>أوقفتَ الرسائل المختفية</translation>
    </message>
    <message>
        <source>%1 turned off disappearing messages</source>
        <translation>أوقف %1 الرسائل المختفية</translation>
    </message>
    <message>
        <source>You set messages to disappear after %1</source>
        <translation>ضبطتَ الرسائل لتختفي بعد %1</translation>
    </message>
    <message>
        <source>%1 set messages to disappear after %2</source>
        <translation>ضبط %1 الرسائل لتختفي بعد %2</translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation>غيّر %1 المجموعة</translation>
    </message>
</context>
<context>
    <name>lapis::ui::SessionController</name>
    <message>
        <source>Opening your messages…</source>
        <translation>جارٍ فتح رسائلك…</translation>
    </message>
    <message>
        <source>That file does not hold a PEM certificate.</source>
        <translation>لا يحتوي ذلك الملف على شهادة PEM.</translation>
    </message>
    <message>
        <source>Cannot read the certificate file %1.</source>
        <translation>تتعذّر قراءة ملف الشهادة %1.</translation>
    </message>
    <message>
        <source>Write the relay as HOST:PORT, for example relay.example.org:7443.</source>
        <translation>اكتب المُرحِّل بالصيغة HOST:PORT، مثل relay.example.org:7443.</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>من %1</translation>
    </message>
    <message>
        <source>Cannot reach the relay at %1: %2</source>
        <translation>يتعذّر الوصول إلى المُرحِّل في %1: %2</translation>
    </message>
    <message>
        <source>Fill in the relay, a user name and a password.</source>
        <translation>أدخل المُرحِّل واسم مستخدم وكلمة مرور.</translation>
    </message>
    <message>
        <source>Accept the relay&apos;s certificate first (fetch it or choose its file).</source>
        <translation>اقبل شهادة المُرحِّل أولًا (اجلبها أو اختر ملفها).</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>جارٍ إنشاء حسابك…</translation>
    </message>
    <message>
        <source>Choose the relay and accept its certificate first.</source>
        <translation>اختر المُرحِّل واقبل شهادته أولًا.</translation>
    </message>
    <message>
        <source>Asking the relay for a link address…</source>
        <translation>جارٍ طلب عنوان ربط من المُرحِّل…</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>اكتب عبارة المرور.</translation>
    </message>
    <message>
        <source>Unlocking… (deriving the key from your passphrase)</source>
        <translation>جارٍ فتح القفل… (اشتقاق المفتاح من عبارة المرور)</translation>
    </message>
    <message>
        <source>That passphrase does not open this profile.</source>
        <translation>عبارة المرور هذه لا تفتح هذا الملف الشخصي.</translation>
    </message>
    <message>
        <source>Fill in the relay, your user name and your password.</source>
        <translation>املأ المُرحِّل واسم المستخدم وكلمة المرور.</translation>
    </message>
    <message>
        <source>Type the six-digit code your other device shows.</source>
        <translation>اكتب الرمز المكوّن من ستة أرقام الذي يعرضه جهازك الآخر.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>جارٍ تسجيل الدخول…</translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation>اختر ملف النسخة الاحتياطية أولًا.</translation>
    </message>
    <message>
        <source>Type the recovery code that was shown when the backup was made.</source>
        <translation>اكتب رمز الاسترداد الذي ظهر عند إنشاء النسخة الاحتياطية.</translation>
    </message>
    <message>
        <source>Restoring… (deriving the key from the recovery code)</source>
        <translation>جارٍ الاستعادة… (اشتقاق المفتاح من رمز الاسترداد)</translation>
    </message>
    <message>
        <source>Restoring your messages…</source>
        <translation>جارٍ استعادة رسائلك…</translation>
    </message>
    <message>
        <source>That recovery code does not open this backup. Check it and try again.</source>
        <translation>رمز الاسترداد هذا لا يفتح هذه النسخة الاحتياطية. تحقّق منه وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>The backup file is damaged or incomplete, so nothing was restored (%1).</source>
        <translation>ملف النسخة الاحتياطية تالف أو غير مكتمل، لذا لم يُستعَد شيء (%1).</translation>
    </message>
    <message>
        <source>No system keychain answered: type a passphrase for this computer&apos;s store and try again.</source>
        <translation>لم تستجب أي سلسلة مفاتيح للنظام: اكتب عبارة مرور لمخزن هذا الحاسوب وحاول مرة أخرى.</translation>
    </message>
    <message>
        <source>Cannot reach the relay of this backup, so nothing was restored. Check the connection and try again.</source>
        <translation>يتعذّر الوصول إلى مُرحِّل هذه النسخة الاحتياطية، لذا لم يُستعَد شيء. تحقّق من الاتصال وحاول مرة أخرى.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::SettingsController</name>
    <message>
        <source>The device was removed.</source>
        <translation>أُزيل الجهاز.</translation>
    </message>
    <message>
        <source>That is not a Lapis link: %1</source>
        <translation>هذا ليس رابط Lapis: %1</translation>
    </message>
    <message>
        <source>No QR code was found in that image.</source>
        <translation>لم يُعثر على رمز QR في تلك الصورة.</translation>
    </message>
    <message>
        <source>No image was pasted.</source>
        <translation>لم تُلصق أي صورة.</translation>
    </message>
    <message>
        <source>The clipboard holds neither a link nor an image.</source>
        <translation>لا تحتوي الحافظة على رابط ولا صورة.</translation>
    </message>
    <message>
        <source>The new device is linked.</source>
        <translation>رُبط الجهاز الجديد.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is on.</source>
        <translation>تسجيل الدخول بخطوتين مفعّل.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is off.</source>
        <translation>تسجيل الدخول بخطوتين معطّل.</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least 8 characters.</source>
        <translation>اختر عبارة مرور من 8 أحرف على الأقل.</translation>
    </message>
    <message>
        <source>The current passphrase is not right.</source>
        <translation>عبارة المرور الحالية غير صحيحة.</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>تم تغيير عبارة المرور.</translation>
    </message>
    <message>
        <source>The backup is written. Write the recovery code down: it is shown only now.</source>
        <translation>كُتبت النسخة الاحتياطية. دوّن رمز الاسترداد: لن يظهر إلا الآن.</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>عبارتا المرور مختلفتان: اكتب العبارة نفسها مرتين.</translation>
    </message>
    <message>
        <source>Your passphrase protects the message store now. Lapis asks for it when it starts.</source>
        <translation>عبارة المرور تحمي مخزن الرسائل الآن. يطلبها Lapis عند بدء التشغيل.</translation>
    </message>
    <message>
        <source>Type your current passphrase.</source>
        <translation>اكتب عبارة المرور الحالية.</translation>
    </message>
    <message>
        <source>The system keychain holds the key to the message store now.</source>
        <translation>سلسلة مفاتيح النظام تحفظ مفتاح مخزن الرسائل الآن.</translation>
    </message>
    <message>
        <source>Choose an account password of at least 8 characters.</source>
        <translation>اختر كلمة مرور للحساب من 8 أحرف على الأقل.</translation>
    </message>
    <message>
        <source>The current password or the authenticator code is not right.</source>
        <translation>كلمة المرور الحالية أو رمز تطبيق المصادقة غير صحيح.</translation>
    </message>
    <message>
        <source>Link this device from another device of your account first.</source>
        <translation>اربط هذا الجهاز أولًا من جهاز آخر في حسابك.</translation>
    </message>
    <message>
        <source>The account password was changed.</source>
        <translation>تم تغيير كلمة مرور الحساب.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::UiShell</name>
    <message>
        <source>Follow the system</source>
        <translation>حسب النظام</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>AppearanceTab</name>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>Show the message text in notifications</source>
        <translation>Mostrar el texto del mensaje en las notificaciones</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Adjuntos</translation>
    </message>
    <message>
        <source>Download received files up to</source>
        <translation>Descargar los archivos recibidos de hasta</translation>
    </message>
    <message>
        <source>Largest file downloaded without asking, in MiB</source>
        <translation>Tamaño máximo de archivo que se descarga sin preguntar, en MiB</translation>
    </message>
    <message>
        <source>MiB without asking; larger ones wait for a click</source>
        <translation>MiB sin preguntar; los más grandes esperan a que hagas clic</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>A backup holds your account key, contacts, conversations and attachments, encrypted with a recovery code. Keep the file anywhere; keep the code somewhere else.</source>
        <translation>Una copia de seguridad guarda tu clave de cuenta, contactos, conversaciones y adjuntos, cifrados con un código de recuperación. Guarda el archivo donde quieras y el código en otro sitio.</translation>
    </message>
    <message>
        <source>Export a backup…</source>
        <translation>Exportar una copia de seguridad…</translation>
    </message>
    <message>
        <source>Backup progress</source>
        <translation>Progreso de la copia de seguridad</translation>
    </message>
    <message>
        <source>Recovery code (shown only now; without it the backup cannot be opened):</source>
        <translation>Código de recuperación (solo se muestra ahora; sin él no se puede abrir la copia):</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Código de recuperación</translation>
    </message>
    <message>
        <source>I wrote it down</source>
        <translation>Lo he anotado</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>Guardar la copia de seguridad</translation>
    </message>
    <message>
        <source>Lapis backups (*.lapisbackup)</source>
        <translation>Copias de seguridad de Lapis (*.lapisbackup)</translation>
    </message>
</context>
<context>
    <name>CertificateBox</name>
    <message>
        <source>Fetch the relay&apos;s certificate</source>
        <translation>Obtener el certificado del relé</translation>
    </message>
    <message>
        <source>Choose a certificate file…</source>
        <translation>Elegir un archivo de certificado…</translation>
    </message>
    <message>
        <source>Certificate (%1), SHA-256 fingerprint:</source>
        <translation>Certificado (%1), huella SHA-256:</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Huella del certificado</translation>
    </message>
    <message>
        <source>I compared this fingerprint and trust this relay</source>
        <translation>He comparado esta huella y confío en este relé</translation>
    </message>
    <message>
        <source>The relay&apos;s certificate</source>
        <translation>El certificado del relé</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificados (*.pem *.crt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Sending %1</source>
        <translation>Enviando %1</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Cancel sending %1</source>
        <translation>Cancelar el envío de %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Quitar %1</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Adjuntar archivos</translation>
    </message>
    <message>
        <source>Message (end-to-end encrypted)</source>
        <translation>Mensaje (cifrado de extremo a extremo)</translation>
    </message>
    <message>
        <source>Message (not encrypted)</source>
        <translation>Mensaje (sin cifrar)</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Enviar mensaje</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>Enviar archivos</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>Respondiendo a %1: %2</translation>
    </message>
    <message>
        <source>Replying to %1</source>
        <translation>Respondiendo a %1</translation>
    </message>
    <message>
        <source>yourself</source>
        <translation>ti mismo</translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation>Cancelar la respuesta</translation>
    </message>
    <message>
        <source>Editing your message: %1</source>
        <translation>Editando tu mensaje: %1</translation>
    </message>
    <message>
        <source>Editing your message</source>
        <translation>Editando tu mensaje</translation>
    </message>
    <message>
        <source>Cancel the edit</source>
        <translation>Cancelar la edición</translation>
    </message>
    <message>
        <source>New text of the message</source>
        <translation>Nuevo texto del mensaje</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Save the edited message</source>
        <translation>Guardar el mensaje editado</translation>
    </message>
</context>
<context>
    <name>ContactInfoDialog</name>
    <message>
        <source>Safety number with %1</source>
        <translation>Número de seguridad con %1</translation>
    </message>
    <message>
        <source>If these numbers are the same on %1&apos;s screen, nobody is in the middle of your conversation.</source>
        <translation>Si %1 ve los mismos números en su pantalla, nadie se ha interpuesto en vuestra conversación.</translation>
    </message>
    <message>
        <source>QR code of the safety number</source>
        <translation>Código QR del número de seguridad</translation>
    </message>
    <message>
        <source>✓ You verified %1.</source>
        <translation>✓ Has verificado a %1.</translation>
    </message>
    <message>
        <source>%1 is not verified yet.</source>
        <translation>%1 aún no está verificado.</translation>
    </message>
    <message>
        <source>The numbers match</source>
        <translation>Los números coinciden</translation>
    </message>
    <message>
        <source>Mark as verified: the numbers match</source>
        <translation>Marcar como verificado: los números coinciden</translation>
    </message>
    <message>
        <source>Read their code from an image…</source>
        <translation>Leer su código de una imagen…</translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation>Escanear con la cámara</translation>
    </message>
    <message>
        <source>…or drop a screenshot of their code here</source>
        <translation>…o suelta aquí una captura de su código</translation>
    </message>
    <message>
        <source>An image of their safety number code</source>
        <translation>Una imagen de su código de número de seguridad</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>Detener la cámara</translation>
    </message>
    <message>
        <source>Camera preview: hold the code in front of the camera</source>
        <translation>Vista previa de la cámara: sostén el código delante de la cámara</translation>
    </message>
    <message>
        <source>Your sessions with %1 are post-quantum: their keys mix ML-KEM-768 into X25519, so traffic recorded today stays secret from a future quantum computer.</source>
        <translation>Tus sesiones con %1 son poscuánticas: sus claves combinan ML-KEM-768 con X25519, así que el tráfico grabado hoy seguirá siendo secreto ante un futuro ordenador cuántico.</translation>
    </message>
    <message>
        <source>Your sessions with %1 are not post-quantum yet (X25519 only).</source>
        <translation>Tus sesiones con %1 aún no son poscuánticas (solo X25519).</translation>
    </message>
</context>
<context>
    <name>ConversationListPane</name>
    <message>
        <source>Connected to the relay</source>
        <translation>Conectado al relé</translation>
    </message>
    <message>
        <source>Not connected to the relay</source>
        <translation>Sin conexión con el relé</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Ajustes (Ctrl+,)</translation>
    </message>
    <message>
        <source>Search all messages</source>
        <translation>Buscar en todos los mensajes</translation>
    </message>
    <message>
        <source>New conversation: user name, then Enter</source>
        <translation>Nueva conversación: nombre de usuario y Enter</translation>
    </message>
    <message>
        <source>Start a conversation with a user name</source>
        <translation>Empezar una conversación con un nombre de usuario</translation>
    </message>
    <message>
        <source>No messages found</source>
        <translation>No se encontraron mensajes</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>%1, %2 unread, %3</source>
        <translation>%1, %2 sin leer, %3</translation>
    </message>
    <message>
        <source>end-to-end encrypted</source>
        <translation>cifrado de extremo a extremo</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>sin cifrar</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verificado</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>El número de seguridad cambió</translation>
    </message>
    <message>
        <source>No conversations yet. Type a user name above to start one.</source>
        <translation>Aún no hay conversaciones. Escribe un nombre de usuario arriba para empezar una.</translation>
    </message>
    <message>
        <source>Messages found</source>
        <translation>Mensajes encontrados</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>Nuevo grupo…</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Nuevo grupo</translation>
    </message>
    <message>
        <source>New group (Ctrl+Shift+N)</source>
        <translation>Nuevo grupo (Ctrl+Mayús+N)</translation>
    </message>
    <message>
        <source>%1, group of %2, %3 unread, %4</source>
        <translation>%1, grupo de %2, %3 sin leer, %4</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Choose a conversation, or start one with a user name.</source>
        <translation>Elige una conversación o empieza una con un nombre de usuario.</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Verificado</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>No verificado</translation>
    </message>
    <message>
        <source>End-to-end encrypted</source>
        <translation>Cifrado de extremo a extremo</translation>
    </message>
    <message>
        <source>Not encrypted: the relay can read these messages</source>
        <translation>Sin cifrar: el relé puede leer estos mensajes</translation>
    </message>
    <message>
        <source>Contact info and safety number</source>
        <translation>Información del contacto y número de seguridad</translation>
    </message>
    <message>
        <source>Contact info (Ctrl+I)</source>
        <translation>Información del contacto (Ctrl+I)</translation>
    </message>
    <message>
        <source>%1 has no end-to-end encrypted device any more (a new installation, or the account was reset). Messages you send now are not encrypted: the relay can read them. You will be asked before each one.</source>
        <translation>%1 ya no tiene ningún dispositivo con cifrado de extremo a extremo (una instalación nueva, o se restableció la cuenta). Lo que envíes ahora no irá cifrado: el relé podrá leerlo. Se te preguntará antes de cada mensaje.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Drop to send to %1</source>
        <translation>Suelta para enviar a %1</translation>
    </message>
    <message>
        <source>The safety number with %1 changed: their account key is not the one you had. This happens when they reinstall, but it could also be someone else. Nothing is sent until you compare the new safety number and accept it.</source>
        <translation>El número de seguridad con %1 cambió: su clave de cuenta ya no es la que tenías. Pasa cuando reinstala, pero también podría ser otra persona. No se envía nada hasta que compares el nuevo número de seguridad y lo aceptes.</translation>
    </message>
    <message>
        <source>Show the safety number</source>
        <translation>Mostrar el número de seguridad</translation>
    </message>
    <message>
        <source>Accept the new key</source>
        <translation>Aceptar la clave nueva</translation>
    </message>
    <message>
        <source>Send without encryption?</source>
        <translation>¿Enviar sin cifrar?</translation>
    </message>
    <message>
        <source>%1 has no end-to-end encrypted device. If you send this, the relay can read it.</source>
        <translation>%1 no tiene ningún dispositivo con cifrado de extremo a extremo. Si envías esto, el relé podrá leerlo.</translation>
    </message>
    <message>
        <source>Send unencrypted</source>
        <translation>Enviar sin cifrar</translation>
    </message>
    <message>
        <source>Don&apos;t send</source>
        <translation>No enviar</translation>
    </message>
    <message>
        <source>Jump to the newest messages</source>
        <translation>Ir a los mensajes más recientes</translation>
    </message>
    <message>
        <source>The relay tried to deliver an unencrypted message in %1&apos;s name. %1 uses end-to-end encryption, so it did not come from them: it was refused and not shown.</source>
        <translation>El relé intentó entregar un mensaje sin cifrar en nombre de %1. %1 usa cifrado de extremo a extremo, así que el mensaje no vino de %1: se rechazó y no se mostró.</translation>
    </message>
    <message>
        <source>A message from %1 could not be read (damaged or forged on the way) and was dropped.</source>
        <translation>No se pudo leer un mensaje de %1 (dañado o falsificado por el camino) y se descartó.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Dismiss the relay notice</source>
        <translation>Descartar el aviso sobre el relé</translation>
    </message>
    <message>
        <source>Save attachment as</source>
        <translation>Guardar el adjunto como</translation>
    </message>
    <message>
        <source>End-to-end encrypted, post-quantum</source>
        <translation>Cifrado de extremo a extremo, poscuántico</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 está escribiendo…</translation>
    </message>
    <message>
        <source>Messages disappear after %1. Change</source>
        <translation>Los mensajes desaparecen tras %1. Cambiar</translation>
    </message>
    <message>
        <source>Disappearing messages: off. Change</source>
        <translation>Mensajes temporales: desactivados. Cambiar</translation>
    </message>
    <message>
        <source>Disappearing messages</source>
        <translation>Mensajes temporales</translation>
    </message>
    <message>
        <source>Turn disappearing messages off</source>
        <translation>Desactivar los mensajes temporales</translation>
    </message>
    <message>
        <source>Disappear after %1</source>
        <translation>Desaparecer tras %1</translation>
    </message>
    <message>
        <source>Delete for everyone?</source>
        <translation>¿Eliminar para todos?</translation>
    </message>
    <message>
        <source>The message is erased on your devices and on %1&apos;s. &quot;This message was deleted&quot; stays in its place.</source>
        <translation>El mensaje se borra en tus dispositivos y en los de %1. En su lugar queda «Este mensaje fue eliminado».</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Eliminar para todos</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>Conservarlo</translation>
    </message>
    <message>
        <source>You are no longer a member of this group</source>
        <translation>Ya no eres miembro de este grupo</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) · End-to-end encrypted</source>
        <translation>
            <numerusform>%n miembro · Cifrado de extremo a extremo</numerusform>
            <numerusform>%n miembros · Cifrado de extremo a extremo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) · Not encrypted: the relay can read this group</source>
        <translation>
            <numerusform>%n miembro · Sin cifrar: el relé puede leer este grupo</numerusform>
            <numerusform>%n miembros · Sin cifrar: el relé puede leer este grupo</numerusform>
        </translation>
    </message>
    <message>
        <source>Group info and members</source>
        <translation>Información y miembros del grupo</translation>
    </message>
    <message>
        <source>Group info (Ctrl+I)</source>
        <translation>Información del grupo (Ctrl+I)</translation>
    </message>
    <message>
        <source>You can no longer send messages to this group.</source>
        <translation>Ya no puedes enviar mensajes a este grupo.</translation>
    </message>
</context>
<context>
    <name>DevicesTab</name>
    <message>
        <source>Your devices</source>
        <translation>Tus dispositivos</translation>
    </message>
    <message>
        <source>(this device)</source>
        <translation>(este dispositivo)</translation>
    </message>
    <message>
        <source>linked %1</source>
        <translation>vinculado el %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Quitar %1</translation>
    </message>
    <message>
        <source>Link a new device</source>
        <translation>Vincular un dispositivo nuevo</translation>
    </message>
    <message>
        <source>On the new device choose &quot;Link to an existing account&quot;. Then read its code here: paste the link, choose or drop a screenshot of the code, or paste the image.</source>
        <translation>En el dispositivo nuevo elige «Vincular a una cuenta existente». Luego lee aquí su código: pega el enlace, elige o suelta una captura del código, o pega la imagen.</translation>
    </message>
    <message>
        <source>lapis-link:…</source>
        <translation>lapis-link:…</translation>
    </message>
    <message>
        <source>Link of the new device</source>
        <translation>Enlace del dispositivo nuevo</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leer</translation>
    </message>
    <message>
        <source>Read the link</source>
        <translation>Leer el enlace</translation>
    </message>
    <message>
        <source>Choose an image of the code…</source>
        <translation>Elegir una imagen del código…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Pegar</translation>
    </message>
    <message>
        <source>Paste the link or an image of the code</source>
        <translation>Pegar el enlace o una imagen del código</translation>
    </message>
    <message>
        <source>Scan with the camera</source>
        <translation>Escanear con la cámara</translation>
    </message>
    <message>
        <source>Drop a screenshot of the new device&apos;s code here</source>
        <translation>Suelta aquí una captura del código del dispositivo nuevo</translation>
    </message>
    <message>
        <source>The new device must show this code:</source>
        <translation>El dispositivo nuevo debe mostrar este código:</translation>
    </message>
    <message>
        <source>The codes match: link it</source>
        <translation>Los códigos coinciden: vincular</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Cancel linking</source>
        <translation>Cancelar la vinculación</translation>
    </message>
    <message>
        <source>An image of the new device&apos;s code</source>
        <translation>Una imagen del código del dispositivo nuevo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Stop the camera</source>
        <translation>Detener la cámara</translation>
    </message>
    <message>
        <source>Recent sign-ins</source>
        <translation>Inicios de sesión recientes</translation>
    </message>
    <message>
        <source>No sign-ins to your account since this device joined it.</source>
        <translation>No ha habido inicios de sesión en tu cuenta desde que este dispositivo se unió a ella.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; signed in</source>
        <translation>%1: «%2» inició sesión</translation>
    </message>
    <message>
        <source>%1: the sign-in of &quot;%2&quot; was denied</source>
        <translation>%1: se rechazó el inicio de sesión de «%2»</translation>
    </message>
    <message>
        <source>Camera preview: hold the code in front of the camera</source>
        <translation>Vista previa de la cámara: sostén el código delante de la cámara</translation>
    </message>
    <message>
        <source>Device changes</source>
        <translation>Cambios de dispositivos</translation>
    </message>
    <message>
        <source>No device has joined or left your account since this device joined it.</source>
        <translation>Ningún dispositivo se ha unido a tu cuenta ni la ha dejado desde que este dispositivo se unió a ella.</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; (device %3) was added</source>
        <translation>%1: se añadió «%2» (dispositivo %3)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; (device %3) was removed</source>
        <translation>%1: se quitó «%2» (dispositivo %3)</translation>
    </message>
</context>
<context>
    <name>EditHistoryDialog</name>
    <message>
        <source>Edit history</source>
        <translation>Historial de ediciones</translation>
    </message>
    <message>
        <source>No earlier versions are kept on this device.</source>
        <translation>Este dispositivo no guarda versiones anteriores.</translation>
    </message>
    <message>
        <source>%1, written %2</source>
        <translation>%1, escrito %2</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>The password is wrong.</source>
        <translation>La contraseña es incorrecta.</translation>
    </message>
    <message>
        <source>Too many failed attempts for this account. Wait a while, then try again.</source>
        <translation>Demasiados intentos fallidos para esta cuenta. Espera un rato e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>Too many requests in a short time. Wait a minute, then try again.</source>
        <translation>Demasiadas solicitudes en poco tiempo. Espera un minuto e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>The relay is busy. Try again in a moment.</source>
        <translation>El relé está ocupado. Inténtalo de nuevo en un momento.</translation>
    </message>
    <message>
        <source>This account asks for a code from your authenticator app.</source>
        <translation>Esta cuenta pide un código de tu app de autenticación.</translation>
    </message>
    <message>
        <source>The authenticator code is wrong. Check the time on this computer and try again.</source>
        <translation>El código de la app de autenticación es incorrecto. Comprueba la hora de este ordenador e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>That authenticator code was used already. Wait for the next one.</source>
        <translation>Ese código de la app de autenticación ya se usó. Espera al siguiente.</translation>
    </message>
    <message>
        <source>Your other devices now show a six-digit code. Type it here.</source>
        <translation>Tus otros dispositivos muestran ahora un código de seis dígitos. Escríbelo aquí.</translation>
    </message>
    <message>
        <source>The code is wrong. Read it again from your other device.</source>
        <translation>El código es incorrecto. Vuelve a leerlo en tu otro dispositivo.</translation>
    </message>
    <message>
        <source>Your other device denied this sign-in.</source>
        <translation>Tu otro dispositivo ha rechazado este inicio de sesión.</translation>
    </message>
    <message>
        <source>Too many wrong codes: this sign-in is closed. Sign in again for a new code.</source>
        <translation>Demasiados códigos incorrectos: este inicio de sesión se ha cerrado. Vuelve a iniciar sesión para obtener un código nuevo.</translation>
    </message>
    <message>
        <source>The sign-in code expired. Sign in again for a new code.</source>
        <translation>El código de inicio de sesión caducó. Vuelve a iniciar sesión para obtener un código nuevo.</translation>
    </message>
    <message>
        <source>That sign-in code was used already. Sign in again for a new code.</source>
        <translation>Ese código de inicio de sesión ya se usó. Vuelve a iniciar sesión para obtener un código nuevo.</translation>
    </message>
    <message>
        <source>The relay knows no such sign-in. Sign in again for a new code.</source>
        <translation>El relé no conoce este inicio de sesión. Vuelve a iniciar sesión para obtener un código nuevo.</translation>
    </message>
    <message>
        <source>Too many wrong codes for this account in the last 24 hours. Sign-ins by code are locked until a device of the account allows them again.</source>
        <translation>Demasiados códigos incorrectos para esta cuenta en las últimas 24 horas. El inicio de sesión con código está bloqueado hasta que un dispositivo de la cuenta lo vuelva a permitir.</translation>
    </message>
    <message>
        <source>This device is signed in but not linked yet. Link it from another device of your account first.</source>
        <translation>Este dispositivo ha iniciado sesión, pero aún no está vinculado. Vincúlalo primero desde otro dispositivo de tu cuenta.</translation>
    </message>
    <message>
        <source>Your account has no room left on the relay for attachments. Try again once older ones have expired.</source>
        <translation>Tu cuenta no tiene más espacio en el relé para adjuntos. Inténtalo de nuevo cuando hayan caducado los más antiguos.</translation>
    </message>
    <message>
        <source>The contact&apos;s devices changed while sending. Try again.</source>
        <translation>Los dispositivos del contacto cambiaron durante el envío. Inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>The upload could not resume where it stopped. Try again.</source>
        <translation>La subida no pudo reanudarse donde se detuvo. Inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>This contact&apos;s safety number changed. Nothing was sent: compare the new safety number before you accept it.</source>
        <translation>El número de seguridad de este contacto cambió. No se envió nada: compara el nuevo número de seguridad antes de aceptarlo.</translation>
    </message>
    <message>
        <source>This contact was reached with end-to-end encryption before. Nothing was sent without encryption.</source>
        <translation>Con este contacto ya se usó antes el cifrado de extremo a extremo. No se envió nada sin cifrar.</translation>
    </message>
    <message>
        <source>Cannot reach the relay. Check the connection and try again.</source>
        <translation>No se puede contactar con el relé. Comprueba la conexión e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>The relay did not answer in time. Try again.</source>
        <translation>El relé no respondió a tiempo. Inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>The relay did not show the certificate this device trusts. Nothing was sent to it.</source>
        <translation>El relé no presentó el certificado en el que confía este dispositivo. No se le envió nada.</translation>
    </message>
    <message>
        <source>No system keychain answered. Protect this computer&apos;s store with a passphrase instead.</source>
        <translation>Ningún llavero del sistema respondió. Protege el almacén de este ordenador con una frase de contraseña en su lugar.</translation>
    </message>
    <message>
        <source>No profile is open.</source>
        <translation>No hay ningún perfil abierto.</translation>
    </message>
    <message>
        <source>That was not accepted.</source>
        <translation>Eso no se aceptó.</translation>
    </message>
    <message>
        <source>A check of authenticity failed.</source>
        <translation>Falló una comprobación de autenticidad.</translation>
    </message>
    <message>
        <source>That was done already.</source>
        <translation>Eso ya se hizo.</translation>
    </message>
    <message>
        <source>That was not found.</source>
        <translation>No se encontró.</translation>
    </message>
    <message>
        <source>That exists already.</source>
        <translation>Eso ya existe.</translation>
    </message>
    <message>
        <source>The data is damaged or incomplete.</source>
        <translation>Los datos están dañados o incompletos.</translation>
    </message>
    <message>
        <source>A limit was reached.</source>
        <translation>Se alcanzó un límite.</translation>
    </message>
    <message>
        <source>The passphrase or code is wrong.</source>
        <translation>La frase de contraseña o el código es incorrecto.</translation>
    </message>
    <message>
        <source>This version of Lapis cannot do that.</source>
        <translation>Esta versión de Lapis no puede hacer eso.</translation>
    </message>
    <message>
        <source>That is not allowed.</source>
        <translation>Eso no está permitido.</translation>
    </message>
    <message>
        <source>A service did not answer. Try again.</source>
        <translation>Un servicio no respondió. Inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>The disk refused a read or write.</source>
        <translation>El disco rechazó una lectura o escritura.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Something went wrong inside Lapis.</source>
        <translation>Algo salió mal dentro de Lapis.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Algo salió mal.</translation>
    </message>
    <message>
        <source>Only the group&apos;s admins can do that.</source>
        <translation>Solo los administradores del grupo pueden hacerlo.</translation>
    </message>
    <message>
        <source>You are not a member of this group any more.</source>
        <translation>Ya no eres miembro de este grupo.</translation>
    </message>
    <message>
        <source>Everyone in a group must be reachable with end-to-end encryption, and someone you chose is not.</source>
        <translation>Todos en un grupo deben poder recibir cifrado de extremo a extremo, y alguien que elegiste no puede.</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Lapis</source>
        <translation>Te damos la bienvenida a Lapis</translation>
    </message>
    <message>
        <source>Messages between Lapis users are end-to-end encrypted: only the people in a conversation can read them, not the relay that carries them.</source>
        <translation>Los mensajes entre usuarios de Lapis están cifrados de extremo a extremo: solo las personas de una conversación pueden leerlos, no el relé que los transporta.</translation>
    </message>
    <message>
        <source>Create an account</source>
        <translation>Crear una cuenta</translation>
    </message>
    <message>
        <source>Link to an existing account</source>
        <translation>Vincular a una cuenta existente</translation>
    </message>
    <message>
        <source>Relay (host:port; several relays: separated by commas)</source>
        <translation>Relé (host:puerto; varios relés separados por comas)</translation>
    </message>
    <message>
        <source>relay.example.org:7443</source>
        <translation>relay.example.org:7443</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Dirección del relé</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Crear cuenta</translation>
    </message>
    <message>
        <source>Show the link code</source>
        <translation>Mostrar el código de vinculación</translation>
    </message>
    <message>
        <source>Sign in with password</source>
        <translation>Iniciar sesión con contraseña</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Nombre del dispositivo</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Este ordenador</translation>
    </message>
    <message>
        <source>Open Lapis on one of your other devices: it shows a six-digit sign-in code for this device.</source>
        <translation>Abre Lapis en uno de tus otros dispositivos: muestra un código de inicio de sesión de seis dígitos para este dispositivo.</translation>
    </message>
    <message>
        <source>123456</source>
        <translation>123456</translation>
    </message>
    <message>
        <source>Six-digit sign-in code</source>
        <translation>Código de inicio de sesión de seis dígitos</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Have a backup of your messages?</source>
        <translation>¿Tienes una copia de seguridad de tus mensajes?</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
        <source>Bring back your account and conversations from an encrypted backup file</source>
        <translation>Recupera tu cuenta y tus conversaciones desde un archivo de copia de seguridad cifrado</translation>
    </message>
</context>
<context>
    <name>GroupAvatar</name>
    <message>
        <source>Group</source>
        <translation>Grupo</translation>
    </message>
</context>
<context>
    <name>GroupInfoDialog</name>
    <message>
        <source>Group info</source>
        <translation>Información del grupo</translation>
    </message>
    <message>
        <source>Group name (Enter renames it)</source>
        <translation>Nombre del grupo (Intro lo cambia)</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Nombre del grupo</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Cambiar nombre</translation>
    </message>
    <message>
        <source>End-to-end encrypted: the relay sees neither this group nor who is in it</source>
        <translation>Cifrado de extremo a extremo: el relé no ve este grupo ni quién está en él</translation>
    </message>
    <message>
        <source>Not encrypted: the relay can read this group&apos;s messages</source>
        <translation>Sin cifrar: el relé puede leer los mensajes de este grupo</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n miembro</numerusform>
            <numerusform>%n miembros</numerusform>
        </translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>verificado</translation>
    </message>
    <message>
        <source>safety number changed</source>
        <translation>el número de seguridad cambió</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>El número de seguridad cambió</translation>
    </message>
    <message>
        <source>✓ Verified</source>
        <translation>✓ Verificado</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation>Acciones para %1</translation>
    </message>
    <message>
        <source>Make admin</source>
        <translation>Hacer administrador</translation>
    </message>
    <message>
        <source>Remove from group</source>
        <translation>Quitar del grupo</translation>
    </message>
    <message>
        <source>Add members…</source>
        <translation>Añadir miembros…</translation>
    </message>
    <message>
        <source>New members read what is sent from now on, never what was sent before.</source>
        <translation>Los miembros nuevos leen lo que se envíe a partir de ahora, nunca lo enviado antes.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Salir del grupo</translation>
    </message>
    <message>
        <source>You are no longer a member of this group.</source>
        <translation>Ya no eres miembro de este grupo.</translation>
    </message>
    <message>
        <source>Leave “%1”?</source>
        <translation>¿Salir de «%1»?</translation>
    </message>
    <message>
        <source>You will no longer get this group&apos;s messages. The conversation stays on this device.</source>
        <translation>Dejarás de recibir los mensajes de este grupo. La conversación se queda en este dispositivo.</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Salir</translation>
    </message>
</context>
<context>
    <name>GroupNotice</name>
    <message>
        <source>you</source>
        <translation>a ti</translation>
    </message>
    <message>
        <source>You created the group “%1”</source>
        <translation>Creaste el grupo «%1»</translation>
    </message>
    <message>
        <source>%1 created the group “%2”</source>
        <translation>%1 creó el grupo «%2»</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>Añadiste a %1</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 añadió a %2</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>Quitaste a %1</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 quitó a %2</translation>
    </message>
    <message>
        <source>You left the group</source>
        <translation>Saliste del grupo</translation>
    </message>
    <message>
        <source>%1 left the group</source>
        <translation>%1 salió del grupo</translation>
    </message>
    <message>
        <source>You made %1 an admin</source>
        <translation>Hiciste administrador a %1</translation>
    </message>
    <message>
        <source>%1 made %2 an admin</source>
        <translation>%1 hizo administrador a %2</translation>
    </message>
    <message>
        <source>You renamed the group to “%1”</source>
        <translation>Cambiaste el nombre del grupo a «%1»</translation>
    </message>
    <message>
        <source>%1 renamed the group to “%2”</source>
        <translation>%1 cambió el nombre del grupo a «%2»</translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation>%1 cambió el grupo</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Close the image</source>
        <translation>Cerrar la imagen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Open with the system&apos;s viewer</source>
        <translation>Abrir con el visor del sistema</translation>
    </message>
    <message>
        <source>This image could not be shown safely</source>
        <translation>Esta imagen no se pudo mostrar de forma segura</translation>
    </message>
</context>
<context>
    <name>LinkWaitingPage</name>
    <message>
        <source>Link this computer</source>
        <translation>Vincular este ordenador</translation>
    </message>
    <message>
        <source>On your other device, open Settings → Devices → Link a new device and scan this code (or paste the link).</source>
        <translation>En tu otro dispositivo, abre Ajustes → Dispositivos → Vincular un dispositivo nuevo y escanea este código (o pega el enlace).</translation>
    </message>
    <message>
        <source>QR code of the link</source>
        <translation>Código QR del enlace</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Enlace</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the link</source>
        <translation>Copiar el enlace</translation>
    </message>
    <message>
        <source>Both screens must show this code:</source>
        <translation>Ambas pantallas deben mostrar este código:</translation>
    </message>
    <message>
        <source>Comparison code %1</source>
        <translation>Código de comparación %1</translation>
    </message>
    <message>
        <source>Waiting for approval on your other device…</source>
        <translation>Esperando la aprobación en tu otro dispositivo…</translation>
    </message>
</context>
<context>
    <name>LockIcon</name>
    <message>
        <source>Closed lock</source>
        <translation>Candado cerrado</translation>
    </message>
    <message>
        <source>Open lock</source>
        <translation>Candado abierto</translation>
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
        <translation>Abriendo</translation>
    </message>
    <message>
        <source>A new device wants to sign in</source>
        <translation>Un dispositivo nuevo quiere iniciar sesión</translation>
    </message>
    <message>
        <source>Sign-in code %1</source>
        <translation>Código de inicio de sesión %1</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <source>Deny the sign-in</source>
        <translation>Rechazar el inicio de sesión</translation>
    </message>
    <message>
        <source>Protect your account with two-factor sign-in</source>
        <translation>Protege tu cuenta con el inicio de sesión en dos pasos</translation>
    </message>
    <message>
        <source>You signed in with your password alone. Turn on two-factor sign-in in Settings → Security, so that a password on its own is not enough to sign in to your account.</source>
        <translation>Has iniciado sesión solo con tu contraseña. Activa el inicio de sesión en dos pasos en Ajustes → Seguridad, para que una contraseña por sí sola no baste para entrar en tu cuenta.</translation>
    </message>
    <message>
        <source>Sign-in request from &quot;%1&quot;, %2. It is signing in to your account with your password. If that is you, type this code on it. If it is not you, deny it and change your password.</source>
        <translation>Solicitud de inicio de sesión de «%1», %2. Está iniciando sesión en tu cuenta con tu contraseña. Si eres tú, escribe este código en ese dispositivo. Si no eres tú, recházalo y cambia tu contraseña.</translation>
    </message>
    <message>
        <source>New sign-in to your account</source>
        <translation>Nuevo inicio de sesión en tu cuenta</translation>
    </message>
    <message>
        <source>Sign-in denied</source>
        <translation>Inicio de sesión rechazado</translation>
    </message>
    <message>
        <source>&quot;%1&quot; signed in to your account, %2. If that was not you, remove it in Settings → Devices and change your password.</source>
        <translation>«%1» inició sesión en tu cuenta, %2. Si no fuiste tú, quítalo en Ajustes → Dispositivos y cambia tu contraseña.</translation>
    </message>
    <message>
        <source>The sign-in of &quot;%1&quot; was denied, %2. It was not added to your account.</source>
        <translation>Se rechazó el inicio de sesión de «%1», %2. No se añadió a tu cuenta.</translation>
    </message>
    <message>
        <source>A device was added to your account</source>
        <translation>Se añadió un dispositivo a tu cuenta</translation>
    </message>
    <message>
        <source>A device was removed from your account</source>
        <translation>Se quitó un dispositivo de tu cuenta</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (device %2) joined your account, %3. If that was not you, remove it in Settings → Devices and change your password.</source>
        <translation>«%1» (dispositivo %2) se unió a tu cuenta, %3. Si no fuiste tú, quítalo en Ajustes → Dispositivos y cambia tu contraseña.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (device %2) was removed from your account, %3. It no longer receives your messages.</source>
        <translation>«%1» (dispositivo %2) se quitó de tu cuenta, %3. Ya no recibe tus mensajes.</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>People to choose</source>
        <translation>Personas para elegir</translation>
    </message>
    <message>
        <source>No contacts reached end to end yet. Type a user name below.</source>
        <translation>Aún no hay contactos con cifrado de extremo a extremo. Escribe un nombre de usuario abajo.</translation>
    </message>
    <message>
        <source>Add someone by user name, then Enter</source>
        <translation>Añade a alguien por nombre de usuario y pulsa Intro</translation>
    </message>
    <message>
        <source>Add someone by user name</source>
        <translation>Añadir a alguien por nombre de usuario</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>You</source>
        <translation>Tú</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>sin cifrar</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Abrir %1</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>editado</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Leído</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>No enviado</translation>
    </message>
    <message>
        <source>in reply to %1</source>
        <translation>en respuesta a %1</translation>
    </message>
    <message>
        <source>Quote of %1: %2</source>
        <translation>Cita de %1: %2</translation>
    </message>
    <message>
        <source>a message</source>
        <translation>un mensaje</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Responder</translation>
    </message>
    <message>
        <source>Reply to this message</source>
        <translation>Responder a este mensaje</translation>
    </message>
    <message>
        <source>Remove my reaction</source>
        <translation>Quitar mi reacción</translation>
    </message>
    <message>
        <source>%1 (yours)</source>
        <translation>%1 (tuya)</translation>
    </message>
    <message>
        <source>Remove your reaction %1</source>
        <translation>Quitar tu reacción %1</translation>
    </message>
    <message>
        <source>React with %1</source>
        <translation>Reaccionar con %1</translation>
    </message>
    <message>
        <source>This image could not be shown safely</source>
        <translation>Esta imagen no se pudo mostrar de forma segura</translation>
    </message>
    <message>
        <source>Retry download</source>
        <translation>Reintentar la descarga</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Descargar</translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation>Descargar %1</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Guardar como…</translation>
    </message>
    <message>
        <source>Save %1 as</source>
        <translation>Guardar %1 como</translation>
    </message>
    <message>
        <source>Edited: show the edit history</source>
        <translation>Editado: mostrar el historial de ediciones</translation>
    </message>
    <message>
        <source>Disappearing message</source>
        <translation>Mensaje temporal</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Editar</translation>
    </message>
    <message>
        <source>Edit this message</source>
        <translation>Editar este mensaje</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>Historial de ediciones</translation>
    </message>
    <message>
        <source>Show the earlier versions of this message</source>
        <translation>Mostrar las versiones anteriores de este mensaje</translation>
    </message>
    <message>
        <source>Delete for me</source>
        <translation>Eliminar para mí</translation>
    </message>
    <message>
        <source>Delete this message from this device</source>
        <translation>Eliminar este mensaje de este dispositivo</translation>
    </message>
    <message>
        <source>Delete for everyone</source>
        <translation>Eliminar para todos</translation>
    </message>
    <message>
        <source>Delete this message on every device of both sides</source>
        <translation>Eliminar este mensaje en todos los dispositivos de ambas partes</translation>
    </message>
</context>
<context>
    <name>NewGroupDialog</name>
    <message>
        <source>New group</source>
        <translation>Nuevo grupo</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Nombre del grupo</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>End-to-end encrypted: the relay sees neither the group&apos;s name nor who is in it.</source>
        <translation>Cifrado de extremo a extremo: el relé no ve ni el nombre del grupo ni quién está en él.</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Creando…</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>Crear grupo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>PrivacyTab</name>
    <message>
        <source>Typing indicators</source>
        <translation>Indicador de escritura</translation>
    </message>
    <message>
        <source>When off, nobody sees when you are typing, and you do not see when others are.</source>
        <translation>Desactivado, nadie ve cuándo escribes y tú no ves cuándo escriben los demás.</translation>
    </message>
    <message>
        <source>Read receipts</source>
        <translation>Confirmaciones de lectura</translation>
    </message>
    <message>
        <source>When off, nobody learns that you read their messages, and you do not see when others read yours.</source>
        <translation>Desactivado, nadie sabe que leíste sus mensajes y tú no ves cuándo leen los tuyos.</translation>
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
        <translation>Mostrar Lapis</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message numerus="yes">
        <source>Lapis: %n unread message(s)</source>
        <translation>
            <numerusform>Lapis: %n mensaje sin leer</numerusform>
            <numerusform>Lapis: %n mensajes sin leer</numerusform>
        </translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Mensaje nuevo</translation>
    </message>
    <message>
        <source>Lapis: an end-to-end encrypted messenger.</source>
        <translation>Lapis: una mensajería cifrada de extremo a extremo.</translation>
    </message>
    <message>
        <source>The profile folder (default: the user&apos;s data folder).</source>
        <translation>La carpeta del perfil (por defecto: la carpeta de datos del usuario).</translation>
    </message>
    <message>
        <source>Unlock a passphrase-protected profile with the passphrase in FILE (for scripts).</source>
        <translation>Desbloquear un perfil protegido con la frase de contraseña de FILE (para scripts).</translation>
    </message>
    <message>
        <source>The relay the first-run screen offers (HOST:PORT).</source>
        <translation>El relé que ofrece la pantalla de primer inicio (HOST:PUERTO).</translation>
    </message>
    <message>
        <source>The relay&apos;s certificate file for the first-run screen.</source>
        <translation>El archivo de certificado del relé para la pantalla de primer inicio.</translation>
    </message>
    <message>
        <source>Sign-in request</source>
        <translation>Solicitud de inicio de sesión</translation>
    </message>
    <message>
        <source>&quot;%1&quot; wants to sign in to your account. Open Lapis for the code.</source>
        <translation>«%1» quiere iniciar sesión en tu cuenta. Abre Lapis para ver el código.</translation>
    </message>
    <message>
        <source>New sign-in</source>
        <translation>Nuevo inicio de sesión</translation>
    </message>
    <message>
        <source>Sign-in denied</source>
        <translation>Inicio de sesión rechazado</translation>
    </message>
    <message>
        <source>&quot;%1&quot; signed in to your account.</source>
        <translation>«%1» inició sesión en tu cuenta.</translation>
    </message>
    <message>
        <source>The sign-in of &quot;%1&quot; was denied.</source>
        <translation>Se rechazó el inicio de sesión de «%1».</translation>
    </message>
</context>
<context>
    <name>RestorePage</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Restaurar desde una copia de seguridad</translation>
    </message>
    <message>
        <source>Choose the backup file (or drop it here) and type the recovery code that was shown when the backup was made. This computer becomes a new device of your account, with your contacts, conversations and attachments.</source>
        <translation>Elige el archivo de copia de seguridad (o suéltalo aquí) y escribe el código de recuperación que se mostró al hacer la copia. Este ordenador pasará a ser un dispositivo nuevo de tu cuenta, con tus contactos, conversaciones y adjuntos.</translation>
    </message>
    <message>
        <source>No backup file chosen: drop one here or choose it.</source>
        <translation>No se ha elegido ningún archivo de copia de seguridad: suelta uno aquí o elígelo.</translation>
    </message>
    <message>
        <source>Backup file %1</source>
        <translation>Archivo de copia de seguridad %1</translation>
    </message>
    <message>
        <source>No backup file chosen</source>
        <translation>No se ha elegido ningún archivo de copia de seguridad</translation>
    </message>
    <message>
        <source>Choose the backup file…</source>
        <translation>Elegir el archivo de copia de seguridad…</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Código de recuperación</translation>
    </message>
    <message>
        <source>ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345</source>
        <translation>ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345</translation>
    </message>
    <message>
        <source>Six groups of five letters and digits; spaces and dashes do not matter</source>
        <translation>Seis grupos de cinco letras y dígitos; los espacios y los guiones dan igual</translation>
    </message>
    <message>
        <source>Restore progress</source>
        <translation>Progreso de la restauración</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Back to the other ways to start</source>
        <translation>Volver a las otras formas de empezar</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurar</translation>
    </message>
    <message>
        <source>Restore the backup</source>
        <translation>Restaurar la copia de seguridad</translation>
    </message>
    <message>
        <source>Choose the backup to restore</source>
        <translation>Elegir la copia de seguridad que restaurar</translation>
    </message>
    <message>
        <source>Lapis backups (*.lapisbackup)</source>
        <translation>Copias de seguridad de Lapis (*.lapisbackup)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>SecurityTab</name>
    <message>
        <source>Two-factor sign-in</source>
        <translation>Inicio de sesión en dos pasos</translation>
    </message>
    <message>
        <source>On: signing in on a new device needs a code from your authenticator app.</source>
        <translation>Activado: iniciar sesión en un dispositivo nuevo requiere un código de tu app de autenticación.</translation>
    </message>
    <message>
        <source>Off: a password alone signs in a new device. Turn it on to also need a code from an authenticator app.</source>
        <translation>Desactivado: basta la contraseña para iniciar sesión en un dispositivo nuevo. Actívalo para exigir también un código de una app de autenticación.</translation>
    </message>
    <message>
        <source>Turn on two-factor sign-in</source>
        <translation>Activar el inicio de sesión en dos pasos</translation>
    </message>
    <message>
        <source>Scan this code with your authenticator app, then type the code it shows.</source>
        <translation>Escanea este código con tu app de autenticación y escribe el código que muestre.</translation>
    </message>
    <message>
        <source>QR code for the authenticator app</source>
        <translation>Código QR para la app de autenticación</translation>
    </message>
    <message>
        <source>Authenticator link</source>
        <translation>Enlace para la app de autenticación</translation>
    </message>
    <message>
        <source>6-digit code</source>
        <translation>Código de 6 dígitos</translation>
    </message>
    <message>
        <source>Code from the authenticator app</source>
        <translation>Código de la app de autenticación</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
    <message>
        <source>Confirm the code</source>
        <translation>Confirmar el código</translation>
    </message>
    <message>
        <source>Current code</source>
        <translation>Código actual</translation>
    </message>
    <message>
        <source>Current code to turn two-factor sign-in off</source>
        <translation>Código actual para desactivar el inicio de sesión en dos pasos</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Desactivar</translation>
    </message>
    <message>
        <source>Turn two-factor sign-in off</source>
        <translation>Desactivar el inicio de sesión en dos pasos</translation>
    </message>
    <message>
        <source>Message store on this computer</source>
        <translation>Almacén de mensajes en este ordenador</translation>
    </message>
    <message>
        <source>Protected by your passphrase: Lapis asks for it when it starts.</source>
        <translation>Protegido por tu frase de contraseña: Lapis la pide al iniciarse.</translation>
    </message>
    <message>
        <source>Protected by a key in the system keychain: it opens when you log in to this computer.</source>
        <translation>Protegido por una clave del llavero del sistema: se abre cuando inicias sesión en este ordenador.</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Frase de contraseña actual</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Frase de contraseña nueva</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Cambiar la frase de contraseña</translation>
    </message>
    <message>
        <source>Use the system keychain instead</source>
        <translation>Usar el llavero del sistema en su lugar</translation>
    </message>
    <message>
        <source>Use a passphrase instead</source>
        <translation>Usar una frase de contraseña en su lugar</translation>
    </message>
    <message>
        <source>The key moves into the system keychain and the passphrase is no longer asked for. Confirm with your current passphrase.</source>
        <translation>La clave pasa al llavero del sistema y ya no se pide la frase de contraseña. Confirma con tu frase de contraseña actual.</translation>
    </message>
    <message>
        <source>The key is taken out of the system keychain and locked with a passphrase that Lapis asks for when it starts. Without it your messages cannot be opened.</source>
        <translation>La clave sale del llavero del sistema y se bloquea con una frase de contraseña que Lapis pide al iniciarse. Sin ella no se pueden abrir tus mensajes.</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Repítela</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Repite la frase de contraseña nueva</translation>
    </message>
    <message>
        <source>Protect with this passphrase</source>
        <translation>Proteger con esta frase de contraseña</translation>
    </message>
    <message>
        <source>Current passphrase, to move the key into the keychain</source>
        <translation>Frase de contraseña actual, para mover la clave al llavero</translation>
    </message>
    <message>
        <source>Use the system keychain</source>
        <translation>Usar el llavero del sistema</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Procesando…</translation>
    </message>
    <message>
        <source>Account password</source>
        <translation>Contraseña de la cuenta</translation>
    </message>
    <message>
        <source>The password that signs in new devices. Changing it needs the current one, and the authenticator code when two-factor sign-in is on.</source>
        <translation>La contraseña con la que inician sesión los dispositivos nuevos. Para cambiarla hace falta la actual y, si el inicio de sesión en dos pasos está activado, el código de la app de autenticación.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Contraseña actual</translation>
    </message>
    <message>
        <source>Current account password</source>
        <translation>Contraseña actual de la cuenta</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Contraseña nueva</translation>
    </message>
    <message>
        <source>New account password</source>
        <translation>Contraseña nueva de la cuenta</translation>
    </message>
    <message>
        <source>Authenticator code</source>
        <translation>Código de la app de autenticación</translation>
    </message>
    <message>
        <source>Code from the authenticator app, to change the account password</source>
        <translation>Código de la app de autenticación, para cambiar la contraseña de la cuenta</translation>
    </message>
    <message>
        <source>Change account password</source>
        <translation>Cambiar la contraseña de la cuenta</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Copias de seguridad</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacidad</translation>
    </message>
</context>
<context>
    <name>StoreProtectionField</name>
    <message>
        <source>Passphrase for this computer&apos;s message store (leave empty to keep the key in the system keychain)</source>
        <translation>Frase de contraseña del almacén de mensajes de este ordenador (déjala vacía para mantener la clave en el llavero del sistema)</translation>
    </message>
    <message>
        <source>Store passphrase</source>
        <translation>Frase de contraseña del almacén</translation>
    </message>
    <message>
        <source>Leave empty to keep the key in the system keychain</source>
        <translation>Déjala vacía para mantener la clave en el llavero del sistema</translation>
    </message>
</context>
<context>
    <name>TimerIcon</name>
    <message>
        <source>Disappearing messages</source>
        <translation>Mensajes temporales</translation>
    </message>
</context>
<context>
    <name>TimerText</name>
    <message>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 semana</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 semanas</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 día</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 días</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 hora</translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 horas</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 minuto</translation>
    </message>
    <message>
        <source>%1 minutes</source>
        <translation>%1 minutos</translation>
    </message>
    <message>
        <source>1 second</source>
        <translation>1 segundo</translation>
    </message>
    <message>
        <source>%1 seconds</source>
        <translation>%1 segundos</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Unlock Lapis</source>
        <translation>Desbloquear Lapis</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
</context>
<context>
    <name>lapis::ui::CameraScanner</name>
    <message>
        <source>No camera was found. Choose or drop an image of the code instead.</source>
        <translation>No se encontró ninguna cámara. Elige o suelta una imagen del código.</translation>
    </message>
    <message>
        <source>The camera could not be used: %1</source>
        <translation>No se pudo usar la cámara: %1</translation>
    </message>
</context>
<context>
    <name>lapis::ui::ConversationController</name>
    <message>
        <source>The safety number changed. Compare it and accept the new key before sending.</source>
        <translation>El número de seguridad cambió. Compáralo y acepta la clave nueva antes de enviar.</translation>
    </message>
    <message>
        <source>The dropped image could not be read.</source>
        <translation>No se pudo leer la imagen soltada.</translation>
    </message>
    <message>
        <source>The safety numbers do not match. Do not mark this contact verified.</source>
        <translation>Los números de seguridad no coinciden. No marques este contacto como verificado.</translation>
    </message>
    <message>
        <source>The safety numbers match: %1 is verified.</source>
        <translation>Los números de seguridad coinciden: %1 está verificado.</translation>
    </message>
    <message>
        <source>No QR code was found in that image.</source>
        <translation>No se encontró ningún código QR en esa imagen.</translation>
    </message>
    <message>
        <source>The attachment could not be opened: %1</source>
        <translation>No se pudo abrir el adjunto: %1</translation>
    </message>
    <message>
        <source>No application opens this kind of file.</source>
        <translation>Ninguna aplicación abre este tipo de archivo.</translation>
    </message>
    <message>
        <source>The attachment could not be saved: %1</source>
        <translation>No se pudo guardar el adjunto: %1</translation>
    </message>
    <message>
        <source>The attachment could not be downloaded: %1</source>
        <translation>No se pudo descargar el adjunto: %1</translation>
    </message>
    <message>
        <source>The pasted image could not be prepared for sending.</source>
        <translation>No se pudo preparar la imagen pegada para enviarla.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::ConversationListModel</name>
    <message>
        <source>This message was deleted</source>
        <translation>Este mensaje se eliminó</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Adjunto</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Tú: %1</translation>
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
        <translation>Dispositivo %1</translation>
    </message>
</context>
<context>
    <name>lapis::ui::GroupController</name>
    <message>
        <source>Give the group a name.</source>
        <translation>Ponle un nombre al grupo.</translation>
    </message>
    <message>
        <source>Choose at least one person for the group.</source>
        <translation>Elige al menos una persona para el grupo.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::MessageListModel</name>
    <message>
        <source>an earlier message</source>
        <translation>un mensaje anterior</translation>
    </message>
    <message>
        <source>This message was deleted</source>
        <translation>Este mensaje se eliminó</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>You turned off disappearing messages</source>
        <translation>Desactivaste los mensajes temporales</translation>
    </message>
    <message>
        <source>%1 turned off disappearing messages</source>
        <translation>%1 desactivó los mensajes temporales</translation>
    </message>
    <message>
        <source>You set messages to disappear after %1</source>
        <translation>Configuraste que los mensajes desaparezcan tras %1</translation>
    </message>
    <message>
        <source>%1 set messages to disappear after %2</source>
        <translation>%1 configuró que los mensajes desaparezcan tras %2</translation>
    </message>
    <message>
        <source>%1 changed the group</source>
        <translation>%1 cambió el grupo</translation>
    </message>
</context>
<context>
    <name>lapis::ui::SessionController</name>
    <message>
        <source>Opening your messages…</source>
        <translation>Abriendo tus mensajes…</translation>
    </message>
    <message>
        <source>That file does not hold a PEM certificate.</source>
        <translation>Ese archivo no contiene un certificado PEM.</translation>
    </message>
    <message>
        <source>Cannot read the certificate file %1.</source>
        <translation>No se puede leer el archivo de certificado %1.</translation>
    </message>
    <message>
        <source>Write the relay as HOST:PORT, for example relay.example.org:7443.</source>
        <translation>Escribe el relé como HOST:PUERTO, por ejemplo relay.example.org:7443.</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <source>Cannot reach the relay at %1: %2</source>
        <translation>No se puede contactar con el relé en %1: %2</translation>
    </message>
    <message>
        <source>Fill in the relay, a user name and a password.</source>
        <translation>Indica el relé, un nombre de usuario y una contraseña.</translation>
    </message>
    <message>
        <source>Accept the relay&apos;s certificate first (fetch it or choose its file).</source>
        <translation>Acepta primero el certificado del relé (obténlo o elige su archivo).</translation>
    </message>
    <message>
        <source>Creating your account…</source>
        <translation>Creando tu cuenta…</translation>
    </message>
    <message>
        <source>Choose the relay and accept its certificate first.</source>
        <translation>Elige primero el relé y acepta su certificado.</translation>
    </message>
    <message>
        <source>Asking the relay for a link address…</source>
        <translation>Pidiendo al relé una dirección de vinculación…</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Escribe tu frase de contraseña.</translation>
    </message>
    <message>
        <source>Unlocking… (deriving the key from your passphrase)</source>
        <translation>Desbloqueando… (derivando la clave de tu frase de contraseña)</translation>
    </message>
    <message>
        <source>That passphrase does not open this profile.</source>
        <translation>Esa frase de contraseña no abre este perfil.</translation>
    </message>
    <message>
        <source>Fill in the relay, your user name and your password.</source>
        <translation>Rellena el relay, tu nombre de usuario y tu contraseña.</translation>
    </message>
    <message>
        <source>Type the six-digit code your other device shows.</source>
        <translation>Escribe el código de seis dígitos que muestra tu otro dispositivo.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation>Elige primero el archivo de copia de seguridad.</translation>
    </message>
    <message>
        <source>Type the recovery code that was shown when the backup was made.</source>
        <translation>Escribe el código de recuperación que se mostró al hacer la copia de seguridad.</translation>
    </message>
    <message>
        <source>Restoring… (deriving the key from the recovery code)</source>
        <translation>Restaurando… (derivando la clave del código de recuperación)</translation>
    </message>
    <message>
        <source>Restoring your messages…</source>
        <translation>Restaurando tus mensajes…</translation>
    </message>
    <message>
        <source>That recovery code does not open this backup. Check it and try again.</source>
        <translation>Ese código de recuperación no abre esta copia de seguridad. Compruébalo e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>The backup file is damaged or incomplete, so nothing was restored (%1).</source>
        <translation>El archivo de copia de seguridad está dañado o incompleto, así que no se restauró nada (%1).</translation>
    </message>
    <message>
        <source>No system keychain answered: type a passphrase for this computer&apos;s store and try again.</source>
        <translation>Ningún llavero del sistema respondió: escribe una frase de contraseña para el almacén de este ordenador e inténtalo de nuevo.</translation>
    </message>
    <message>
        <source>Cannot reach the relay of this backup, so nothing was restored. Check the connection and try again.</source>
        <translation>No se puede contactar con el relé de esta copia de seguridad, así que no se restauró nada. Comprueba la conexión e inténtalo de nuevo.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::SettingsController</name>
    <message>
        <source>The device was removed.</source>
        <translation>Se quitó el dispositivo.</translation>
    </message>
    <message>
        <source>That is not a Lapis link: %1</source>
        <translation>Eso no es un enlace de Lapis: %1</translation>
    </message>
    <message>
        <source>No QR code was found in that image.</source>
        <translation>No se encontró ningún código QR en esa imagen.</translation>
    </message>
    <message>
        <source>No image was pasted.</source>
        <translation>No se pegó ninguna imagen.</translation>
    </message>
    <message>
        <source>The clipboard holds neither a link nor an image.</source>
        <translation>El portapapeles no contiene ni un enlace ni una imagen.</translation>
    </message>
    <message>
        <source>The new device is linked.</source>
        <translation>El dispositivo nuevo está vinculado.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is on.</source>
        <translation>El inicio de sesión en dos pasos está activado.</translation>
    </message>
    <message>
        <source>Two-factor sign-in is off.</source>
        <translation>El inicio de sesión en dos pasos está desactivado.</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least 8 characters.</source>
        <translation>Elige una frase de contraseña de al menos 8 caracteres.</translation>
    </message>
    <message>
        <source>The current passphrase is not right.</source>
        <translation>La frase de contraseña actual no es correcta.</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>Se cambió la frase de contraseña.</translation>
    </message>
    <message>
        <source>The backup is written. Write the recovery code down: it is shown only now.</source>
        <translation>La copia de seguridad está escrita. Anota el código de recuperación: solo se muestra ahora.</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>Las dos frases de contraseña no coinciden: escribe la misma dos veces.</translation>
    </message>
    <message>
        <source>Your passphrase protects the message store now. Lapis asks for it when it starts.</source>
        <translation>Tu frase de contraseña protege ahora el almacén de mensajes. Lapis la pide al iniciarse.</translation>
    </message>
    <message>
        <source>Type your current passphrase.</source>
        <translation>Escribe tu frase de contraseña actual.</translation>
    </message>
    <message>
        <source>The system keychain holds the key to the message store now.</source>
        <translation>El llavero del sistema guarda ahora la clave del almacén de mensajes.</translation>
    </message>
    <message>
        <source>Choose an account password of at least 8 characters.</source>
        <translation>Elige una contraseña de cuenta de al menos 8 caracteres.</translation>
    </message>
    <message>
        <source>The current password or the authenticator code is not right.</source>
        <translation>La contraseña actual o el código de la app de autenticación no es correcto.</translation>
    </message>
    <message>
        <source>Link this device from another device of your account first.</source>
        <translation>Vincula primero este dispositivo desde otro dispositivo de tu cuenta.</translation>
    </message>
    <message>
        <source>The account password was changed.</source>
        <translation>Se cambió la contraseña de la cuenta.</translation>
    </message>
</context>
<context>
    <name>lapis::ui::UiShell</name>
    <message>
        <source>Follow the system</source>
        <translation>Igual que el sistema</translation>
    </message>
</context>
</TS>

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
      <source>Fetch the relay's certificate</source>
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
      <source>The relay's certificate</source>
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
  </context>
  <context>
    <name>ContactInfoDialog</name>
    <message>
      <source>Safety number with %1</source>
      <translation>Número de seguridad con %1</translation>
    </message>
    <message>
      <source>If these numbers are the same on %1's screen, nobody is in the middle of your conversation.</source>
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
      <source>Don't send</source>
      <translation>No enviar</translation>
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
      <source>On the new device choose "Link to an existing account". Then read its code here: paste the link, choose or drop a screenshot of the code, or paste the image.</source>
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
      <source>Drop a screenshot of the new device's code here</source>
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
      <source>An image of the new device's code</source>
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
      <source>Relay (host:port)</source>
      <translation>Relé (host:puerto)</translation>
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
      <source>Passphrase for this computer's message store (leave empty to keep the key in the system keychain)</source>
      <translation>Frase de contraseña para el almacén de mensajes de este ordenador (déjala vacía para guardar la clave en el llavero del sistema)</translation>
    </message>
    <message>
      <source>Store passphrase</source>
      <translation>Frase de contraseña del almacén</translation>
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
      <source>Open with the system's viewer</source>
      <translation>Abrir con el visor del sistema</translation>
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
      <source>"%1" is signing in to your account with your password. If that is you, type this code on it. If it is not you, deny it and change your password.</source>
      <translation>«%1» está iniciando sesión en tu cuenta con tu contraseña. Si eres tú, escribe este código en él. Si no eres tú, recházalo y cambia tu contraseña.</translation>
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
      <source>The profile folder (default: the user's data folder).</source>
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
      <source>The relay's certificate file for the first-run screen.</source>
      <translation>El archivo de certificado del relé para la pantalla de primer inicio.</translation>
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
      <source>The pasted image could not be saved for sending.</source>
      <translation>No se pudo guardar la imagen pegada para enviarla.</translation>
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
  </context>
  <context>
    <name>lapis::ui::DeviceListModel</name>
    <message>
      <source>Device %1</source>
      <translation>Dispositivo %1</translation>
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
      <source>Accept the relay's certificate first (fetch it or choose its file).</source>
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
      <source>Your other device denied this sign-in.</source>
      <translation>Tu otro dispositivo ha rechazado este inicio de sesión.</translation>
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
  </context>
  <context>
    <name>lapis::ui::UiShell</name>
    <message>
      <source>Follow the system</source>
      <translation>Igual que el sistema</translation>
    </message>
  </context>
</TS>
/* mado-training-server.c — the training hub's SoupServer: TLS, listening, the client certificate per connection
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* RTLD_NOLOAD, for gnutls_init() below. */
#define _GNU_SOURCE 1
#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include "mado-training-hub-private.h"

/* Many simulated terminals connect at once in the benchmark: GLib's
 * default backlog of 10 makes the rest wait for SYN retransmits (~1 s),
 * which would measure the kernel, not the hub. */
#define LISTEN_BACKLOG 256

/* How long a terminal may resume a TLS session before it needs a full
 * handshake again: a working day's visits with one handshake per hour. */
#define TICKET_LIFETIME_SECONDS 3600

/* -- TLS session tickets --------------------------------------------------------
 *
 * GLib's GnuTLS backend (glib-networking 2.74, Debian 12) never enables
 * session tickets on a server, and offers no way to reach the GnuTLS
 * session it makes. Without them, every new connection of a terminal is a
 * full mutual handshake: the hub's RSA signature, the terminal's
 * certificate checked. So the hub provides gnutls_init() itself (exported
 * from the executable, see meson.build, which the dynamic linker searches
 * before the backend's libgnutls): it calls the real one, then enables
 * tickets on server sessions with one key per hub process. A resumed
 * session skips the TLS layer's check of the terminal's certificate, not
 * the hub's own: mado_training_server_identify_terminal() runs on every
 * request, on new, resumed and kept connections alike. */

typedef struct gnutls_session_int *gnutls_session_t;
typedef struct {
  unsigned char *data;
  unsigned int size;
} gnutls_datum_t;

#define GNUTLS_SONAME          "libgnutls.so.30"
#define GNUTLS_SERVER_FLAG     (1u << 0)
#define GNUTLS_NO_TICKETS_FLAG (1u << 10)

typedef int  (*GnutlsInitFunc)          (gnutls_session_t *session, unsigned int flags);
typedef int  (*GnutlsKeyGenerateFunc)   (gnutls_datum_t *key);
typedef int  (*GnutlsEnableServerFunc)  (gnutls_session_t session, const gnutls_datum_t *key);
typedef void (*GnutlsSetExpirationFunc) (gnutls_session_t session, int seconds);

typedef struct {
  GnutlsInitFunc init;
  GnutlsEnableServerFunc enable_server;
  GnutlsSetExpirationFunc set_expiration;
  gnutls_datum_t key;   /* size 0: no tickets */
} Tickets;

int gnutls_init (gnutls_session_t *session,
                 unsigned int      flags);

static const Tickets *
tickets (void)
{
  static gsize ready = 0;
  static Tickets t;

  if (g_once_init_enter (&ready))
    {
      /* The backend is a GIO module, loaded with its libgnutls in a scope
       * of its own: RTLD_NEXT would not find it, its soname does. */
      void *gnutls = dlopen (GNUTLS_SONAME, RTLD_NOW | RTLD_NOLOAD);
      GnutlsKeyGenerateFunc generate = NULL;

      if (gnutls != NULL)
        {
          t.init = (GnutlsInitFunc) dlsym (gnutls, "gnutls_init");
          t.enable_server = (GnutlsEnableServerFunc) dlsym (gnutls, "gnutls_session_ticket_enable_server");
          t.set_expiration = (GnutlsSetExpirationFunc) dlsym (gnutls, "gnutls_db_set_cache_expiration");
          generate = (GnutlsKeyGenerateFunc) dlsym (gnutls, "gnutls_session_ticket_key_generate");
        }
      if (generate == NULL || t.enable_server == NULL || t.set_expiration == NULL
          || generate (&t.key) != 0)
        {
          g_warning ("TLS session tickets are not available: every connection is a full handshake");
          t.key.size = 0;
        }
      g_once_init_leave (&ready, 1);
    }
  return &t;
}

/* Public because the GnuTLS backend calls it: see above. */
int
gnutls_init (gnutls_session_t *session,
             unsigned int      flags)
{
  const Tickets *t = tickets ();
  int ret;

  if (t->init == NULL)
    return -59;  /* GNUTLS_E_INTERNAL_ERROR */
  ret = t->init (session, flags);
  if (ret != 0 || (flags & GNUTLS_SERVER_FLAG) == 0 || (flags & GNUTLS_NO_TICKETS_FLAG) != 0
      || t->key.size == 0)
    return ret;
  if (t->enable_server (*session, &t->key) == 0)
    t->set_expiration (*session, TICKET_LIFETIME_SECONDS);
  return ret;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  MadoTrainingHub *self = user_data;

  /* Refused already, while its headers or body arrived (refuse_and_close()). */
  if (soup_server_message_get_status (msg) != 0)
    return;
  if (mado_training_faults_apply (self, msg, path, query))
    return;
  mado_training_endpoints_dispatch (self, msg, path, query);
}

/* -- Refusing an oversized body ------------------------------------------------
 *
 * The terminal may still be sending when the hub refuses. A socket closed
 * with unread data in it answers with a TCP reset, and a reset that
 * arrives before the terminal has read the 413 destroys it: the terminal
 * sees a dropped connection instead of the refusal. So after the answer
 * the hub reads and drops what still comes, for a bounded time and size,
 * then closes (a lingering close, as web servers do). */

#define LINGER_MILLISECONDS 5000
#define LINGER_MAX_BYTES    (4 * 1024 * 1024)

typedef struct {
  GIOStream *stream;
  GCancellable *cancellable;
  guint timeout_id;
  gsize drained;
  guint8 buffer[16384];
} Linger;

static void
linger_finish (Linger *linger)
{
  g_clear_handle_id (&linger->timeout_id, g_source_remove);
  g_io_stream_close (linger->stream, NULL, NULL);
  g_object_unref (linger->stream);
  g_object_unref (linger->cancellable);
  g_free (linger);
}

static gboolean
linger_timeout_cb (gpointer data)
{
  Linger *linger = data;

  linger->timeout_id = 0;
  g_cancellable_cancel (linger->cancellable);
  return G_SOURCE_REMOVE;
}

static void
linger_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Linger *linger = data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (linger->drained += (gsize) n) > LINGER_MAX_BYTES)
    {
      linger_finish (linger);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), linger->buffer, sizeof linger->buffer,
                             G_PRIORITY_LOW, linger->cancellable, linger_read_cb, linger);
}

static void
linger_and_close (GIOStream *stream)
{
  Linger *linger = g_new0 (Linger, 1);

  linger->stream = stream;
  linger->cancellable = g_cancellable_new ();
  linger->timeout_id = g_timeout_add (LINGER_MILLISECONDS, linger_timeout_cb, linger);
  g_input_stream_read_async (g_io_stream_get_input_stream (stream), linger->buffer,
                             sizeof linger->buffer, G_PRIORITY_LOW, linger->cancellable,
                             linger_read_cb, linger);
}

/* Answers payload-too-large on the raw connection: libsoup would
 * otherwise read (and keep) the rest of the body before any handler
 * could answer. */
static void
refuse_and_close (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = NULL;
  g_autofree char *head = NULL;
  GIOStream *stream;
  GOutputStream *out;
  gsize body_len = 0;
  const char *data;

  mado_training_problem_respond (msg, MADO_PROBLEM_PAYLOAD_TOO_LARGE, 0, "bodies are limited to 4 MiB");
  body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  data = g_bytes_get_data (body, &body_len);
  head = g_strdup_printf ("HTTP/1.1 413 %s\r\nContent-Type: application/problem+json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          soup_status_get_phrase (413), body_len);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  out = g_io_stream_get_output_stream (stream);
  if (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL)
      && g_output_stream_write_all (out, data, body_len, NULL, NULL, NULL)
      && g_output_stream_flush (out, NULL, NULL))
    linger_and_close (stream);
  else
    {
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
}

/* Refuses an announced oversized body before it is read. */
static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > MADO_TRAINING_HUB_MAX_BODY)
    {
      g_debug ("request body of %" G_GOFFSET_FORMAT " bytes announced: refused, connection closed",
               soup_message_headers_get_content_length (headers));
      g_signal_handlers_disconnect_by_func (msg, got_headers_cb, user_data);
      refuse_and_close (msg);
    }
}

/* A body whose size was not announced (chunked) is counted as it arrives
 * and refused the moment it passes the limit, never buffered whole. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (body->length <= MADO_TRAINING_HUB_MAX_BODY)
    return;
  g_debug ("request body passed %d bytes while arriving: refused, connection closed",
           MADO_TRAINING_HUB_MAX_BODY);
  g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, user_data);
  refuse_and_close (msg);
}

/* libsoup asks about every client certificate, valid or not: accept the
 * ones that chain to the terminal CA (the tls-database) without any error.
 * The handlers check them again with OpenSSL
 * (mado_training_server_identify_terminal()). */
static gboolean
accept_certificate_cb (SoupServerMessage    *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  if (errors != 0)
    g_debug ("client certificate refused in the TLS handshake: flags 0x%x", errors);
  return errors == 0;
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), user_data);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), user_data);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), user_data);
}

static gboolean
listen_with_backlog (SoupServer      *server,
                     GSocketAddress  *address,
                     GError         **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (address),
                                            G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (server, socket, SOUP_SERVER_LISTEN_HTTPS, error);
}

static void
peer_socket_gone_cb (gpointer  data,
                     GObject  *where_the_socket_was)
{
  MadoTrainingHub *self = data;

  g_hash_table_remove (self->peers, where_the_socket_was);
}

/* libsoup 3.2 hands a message the client's certificate only when the
 * handshake completes while that message is read: the next requests on a
 * kept-alive connection get none. So the certificate is remembered per
 * connection, for as long as its socket lives. */
static GTlsCertificate *
peer_certificate (MadoTrainingHub   *self,
                  SoupServerMessage *msg)
{
  GTlsCertificate *peer = soup_server_message_get_tls_peer_certificate (msg);
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket == NULL)
    return peer;
  if (peer == NULL)
    return g_hash_table_lookup (self->peers, socket);
  if (!g_hash_table_contains (self->peers, socket))
    g_object_weak_ref (G_OBJECT (socket), peer_socket_gone_cb, self);
  g_hash_table_replace (self->peers, socket, g_object_ref (peer));
  return peer;
}

/**
 * mado_training_server_new:
 * @self: the hub that answers the requests
 * @certificate: the hub's certificate with its key
 * @terminal_database: the terminal CA, for the TLS handshake
 *
 * Returns: (transfer full): a server that asks every client for a certificate
 */
SoupServer *
mado_training_server_new (MadoTrainingHub *self,
                          GTlsCertificate *certificate,
                          GTlsDatabase    *terminal_database)
{
  SoupServer *server = soup_server_new ("server-header", "madoguchi-training-hub ",
                                        "tls-certificate", certificate,
                                        "tls-database", terminal_database,
                                        "tls-auth-mode", G_TLS_AUTHENTICATION_REQUIRED,
                                        NULL);

  soup_server_add_handler (server, NULL, server_cb, self, NULL);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), self);
  return server;
}

/**
 * mado_training_server_listen:
 * @server: the server
 * @address: `HOST:PORT` with a numeric host, port 0 for an ephemeral one
 * @error: return location for a #GError
 *
 * Returns: the port listened on, or 0 with @error set
 */
guint
mado_training_server_listen (SoupServer  *server,
                             const char  *address,
                             GError     **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  GSList *uris;
  guint port = 0;

  connectable = g_network_address_parse (address, 0, error);
  if (connectable == NULL)
    return 0;
  socket_address = g_inet_socket_address_new_from_string (g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)),
                                                          g_network_address_get_port (G_NETWORK_ADDRESS (connectable)));
  if (socket_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--listen needs a numeric IP address and a port, e.g. 127.0.0.1:0");
      return 0;
    }
  if (!listen_with_backlog (server, socket_address, error))
    return 0;
  uris = soup_server_get_uris (server);
  if (uris != NULL)
    port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

/**
 * mado_training_server_identify_terminal:
 * @self: the hub
 * @msg: a request
 * @terminal: (out caller-allocates): the terminal behind the request
 *
 * Answers @msg with client-certificate-required when the connection has
 * no certificate or one the terminal CA did not issue.
 *
 * Returns: %TRUE with @terminal filled in
 */
gboolean
mado_training_server_identify_terminal (MadoTrainingHub      *self,
                                        SoupServerMessage    *msg,
                                        MadoTrainingTerminal *terminal)
{
  GTlsCertificate *peer = peer_certificate (self, msg);
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *reason = NULL;

  if (peer == NULL)
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_CLIENT_CERTIFICATE_REQUIRED, 0, "no client certificate");
      return FALSE;
    }
  g_object_get (peer, "certificate", &der, NULL);
  bytes = g_bytes_new (der->data, der->len);
  if (!mado_training_verifier_check_terminal (self->verifier, bytes, &terminal->fingerprint,
                                              &terminal->terminal_id, &reason))
    {
      mado_training_problem_respond (msg, MADO_PROBLEM_CLIENT_CERTIFICATE_REQUIRED, 0, reason);
      return FALSE;
    }
  return TRUE;
}

/* The sockets outlive the hub only in libsoup's hands: stop watching them. */
void
mado_training_server_forget_peers (MadoTrainingHub *self)
{
  GHashTableIter iter;
  gpointer socket;

  g_hash_table_iter_init (&iter, self->peers);
  while (g_hash_table_iter_next (&iter, &socket, NULL))
    g_object_weak_unref (socket, peer_socket_gone_cb, self);
  g_clear_pointer (&self->peers, g_hash_table_unref);
}

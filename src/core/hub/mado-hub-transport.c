/* mado-hub-transport.c — one HTTPS exchange with the hub over libcurl, and what its answer means
 *
 * libcurl with OpenSSL underneath. What it enforces, and why, is written
 * down in docs/hub-client.md: the hub's certificate is checked against the
 * one configured CA and nothing else, the terminal presents its own, TLS 1.2
 * or newer, https only, no redirects, no proxies from the environment,
 * bounded time and bounded size, connections and TLS sessions kept per
 * client and dropped after any failed exchange. Bodies are personal data:
 * they are never logged.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <curl/curl.h>
#include <openssl/ssl.h>
#include <glib/gi18n-lib.h>

#include "mado-hub-decode.h"
#include "mado-hub-tls-identity-private.h"
#include "mado-hub-transport-private.h"

#define MAX_HEADER_BYTES    (64 * 1024)
/* Kept connections: idle easy handles per client, and how long a connection
 * may idle or live before curl closes it instead of reusing it. The idle
 * limit outlives the desk's 60 s status probe, so that a desk between
 * visits keeps its connection warm instead of paying a handshake per probe. */
#define MAX_IDLE_HANDLES        4
#define MAX_IDLE_SECONDS      120L
#define MAX_LIFETIME_SECONDS  300L

struct _MadoHubTransport
{
  char      *url;
  char      *ca;
  glong      connect_timeout_ms;
  glong      total_timeout_ms;

  /* The terminal's key and certificate, and the client's TLS sessions,
   * shared by its easy handles: a new connection of any handle resumes the
   * last session. Connections are not shared (see the pool below and
   * docs/hub-client.md). */
  MadoHubTlsIdentity *identity;

  GMutex     lock;             /* guards what follows */
  guint      generation;       /* the identity's, as the idle handles' connections have it */
  GPtrArray *test_headers;
  gint64     last_tls_us;      /* TCP connect + TLS handshake of the last exchange */
  gint64     last_total_us;    /* the whole last exchange */
  GPtrArray *idle;             /* of Handle: each keeps at most one connection */
};

/* An easy handle with what its connections' TLS callback writes to: it must
 * live as long as the handle, because a kept connection (and the SSL_CTX
 * the callback is registered on) outlives the exchange that opened it. */
typedef struct {
  CURL     *curl;
  MadoHubTlsIdentity *identity;
  CURLSH   *share;                  /* the TLS sessions of its generation */
  guint     generation;             /* of the identity its connection presents */
  gboolean  certificate_requested;  /* the hub asked for our certificate */
  gboolean  certificate_received;   /* the hub sent its certificate: a full handshake */
} Handle;

static void
response_reset (MadoHubTransportResponse *r)
{
  r->status = 0;
  g_byte_array_set_size (r->body, 0);
  g_clear_pointer (&r->etag, g_free);
  g_clear_pointer (&r->content_type, g_free);
  r->retry_after_ms = -1;
  r->too_large = FALSE;
  r->max_body = MADO_HUB_MAX_BODY_BYTES;
  r->header_bytes = 0;
  r->certificate_requested = FALSE;
  r->new_connection = FALSE;
}

void
mado_hub_transport_response_clear (MadoHubTransportResponse *r)
{
  g_clear_pointer (&r->body, g_byte_array_unref);
  g_clear_pointer (&r->etag, g_free);
  g_clear_pointer (&r->content_type, g_free);
}

static void
handle_free (gpointer data)
{
  Handle *handle = data;

  curl_easy_cleanup (handle->curl);
  g_free (handle);
}

/**
 * mado_hub_transport_new:
 * @config: a site configuration that names a hub
 *
 * Returns: (transfer full): the connections to the configured hub; none is
 *   opened before the first exchange
 */
MadoHubTransport *
mado_hub_transport_new (const MadoSiteConfig *config)
{
  static gsize curl_ready = 0;
  MadoHubTransport *self;

  g_return_val_if_fail (config != NULL && config->has_hub, NULL);

  /* curl_global_init is not thread-safe: do it once, before any worker. */
  if (g_once_init_enter (&curl_ready))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&curl_ready, 1);
    }

  self = g_new0 (MadoHubTransport, 1);
  g_mutex_init (&self->lock);
  self->test_headers = g_ptr_array_new_with_free_func (g_free);
  self->idle = g_ptr_array_new_with_free_func (handle_free);
  self->url = g_strdup (config->hub_url);
  self->ca = g_strdup (config->hub_ca);
  self->identity = mado_hub_tls_identity_new (config->client_certificate, config->client_key);
  self->connect_timeout_ms = (glong) config->connect_timeout_seconds * 1000;
  self->total_timeout_ms = (glong) config->total_timeout_seconds * 1000;
  return self;
}

void
mado_hub_transport_free (MadoHubTransport *self)
{
  if (self == NULL)
    return;
  g_free (self->url);
  g_free (self->ca);
  g_clear_pointer (&self->test_headers, g_ptr_array_unref);
  /* Closes the kept connections. No exchange is running: each holds a
   * reference on the client that owns this transport. The identity, with
   * the TLS sessions, goes last, when no handle uses it any more. */
  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_clear_pointer (&self->identity, mado_hub_tls_identity_free);
  g_mutex_clear (&self->lock);
  g_free (self);
}

const char *
mado_hub_transport_get_url (MadoHubTransport *self)
{
  return self->url;
}

void
mado_hub_transport_add_test_header (MadoHubTransport *self,
                                    const char       *header)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->test_headers, g_strdup (header));
  g_mutex_unlock (&self->lock);
}

void
mado_hub_transport_clear_test_headers (MadoHubTransport *self)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->test_headers, 0);
  g_mutex_unlock (&self->lock);
}

void
mado_hub_transport_get_last_timing (MadoHubTransport *self,
                                    gint64           *out_tls_us,
                                    gint64           *out_total_us)
{
  g_mutex_lock (&self->lock);
  *out_tls_us = self->last_tls_us;
  *out_total_us = self->last_total_us;
  g_mutex_unlock (&self->lock);
}

void
mado_hub_transport_request_clear (MadoHubTransportRequest *req)
{
  g_clear_pointer (&req->path, g_free);
}

/**
 * mado_hub_transport_parse_retry_after_ms:
 * @value: a Retry-After header value: delay-seconds or an HTTP date
 * @now_unix: the current time, for dates
 *
 * Returns: the wait in milliseconds, or -1 when @value is unusable
 */
gint64
mado_hub_transport_parse_retry_after_ms (const char *value,
                                         gint64      now_unix)
{
  guint64 seconds;
  time_t when;

  if (value == NULL)
    return -1;
  while (*value == ' ' || *value == '\t')
    value++;
  if (g_ascii_isdigit (*value))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      if (!g_ascii_string_to_unsigned (trimmed, 10, 0, 86400, &seconds, NULL))
        return -1;
      return (gint64) seconds * 1000;
    }
  when = curl_getdate (value, NULL);
  /* A date more than a day ahead is as unusable as 86401 seconds (and far
   * enough ahead, its milliseconds would not fit in 64 bits). */
  if (when == (time_t) -1 || (gint64) when - now_unix > 86400)
    return -1;
  return MAX ((gint64) when - now_unix, 0) * 1000;
}

/**
 * mado_hub_transport_parse_etag:
 * @value: an ETag header value
 *
 * Returns: (transfer full) (nullable): the bundle version inside a strong
 *   entity tag, or %NULL for anything else
 */
char *
mado_hub_transport_parse_etag (const char *value)
{
  g_autofree char *trimmed = NULL;
  gsize n;

  if (value == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (value));
  n = strlen (trimmed);
  if (n < 3 || n > 66 || trimmed[0] != '"' || trimmed[n - 1] != '"')
    return NULL;
  for (gsize i = 1; i < n - 1; i++)
    if (trimmed[i] == '"' || (guchar) trimmed[i] < 0x21 || (guchar) trimmed[i] == 0x7F)
      return NULL;
  /* The tag is the bundle's version, a JSON string: UTF-8 or nothing. */
  if (!g_utf8_validate (trimmed + 1, (gssize) n - 2, NULL))
    return NULL;
  return g_strndup (trimmed + 1, n - 2);
}

/* -- one transfer ------------------------------------------------------------ */

static size_t
write_cb (char  *data,
          size_t size,
          size_t count,
          void  *user_data)
{
  MadoHubTransportResponse *r = user_data;
  size_t n = size * count;

  if (n > r->max_body || r->body->len > r->max_body - n)
    {
      r->too_large = TRUE;
      return 0;  /* aborts the transfer: CURLE_WRITE_ERROR */
    }
  g_byte_array_append (r->body, (const guint8 *) data, (guint) n);
  return n;
}

static char *
header_value (const char *line,
              size_t      n,
              const char *name)
{
  size_t name_len = strlen (name);

  if (n <= name_len || g_ascii_strncasecmp (line, name, name_len) != 0 || line[name_len] != ':')
    return NULL;
  return g_strstrip (g_strndup (line + name_len + 1, n - name_len - 1));
}

static size_t
header_cb (char  *data,
           size_t size,
           size_t count,
           void  *user_data)
{
  MadoHubTransportResponse *r = user_data;
  size_t n = size * count;
  char *value;

  r->header_bytes += n;
  if (r->header_bytes > MAX_HEADER_BYTES)
    {
      r->too_large = TRUE;
      return 0;
    }
  /* A new status line (after 1xx, or the next response) starts afresh. */
  if (n >= 5 && strncmp (data, "HTTP/", 5) == 0)
    {
      g_clear_pointer (&r->etag, g_free);
      g_clear_pointer (&r->content_type, g_free);
      r->retry_after_ms = -1;
    }
  if ((value = header_value (data, n, "ETag")) != NULL)
    {
      g_free (r->etag);
      r->etag = value;
    }
  else if ((value = header_value (data, n, "Content-Type")) != NULL)
    {
      g_free (r->content_type);
      r->content_type = value;
    }
  else if ((value = header_value (data, n, "Retry-After")) != NULL)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;

      r->retry_after_ms = mado_hub_transport_parse_retry_after_ms (value, now);
      g_free (value);
    }
  return n;
}

static int
progress_cb (void      *user_data,
             curl_off_t dltotal,
             curl_off_t dlnow,
             curl_off_t ultotal,
             curl_off_t ulnow)
{
  MadoHubTransportResponse *r = user_data;

  return g_cancellable_is_cancelled (r->cancellable) ? 1 : 0;
}

/* Notes whether the hub sent a CertificateRequest: a hub that refuses the
 * terminal's certificate may just reset the connection (GLib's TLS server
 * does), and this tells that apart from any other reset. And whether it
 * sent its certificate: it does not when it resumes a TLS session. @arg is
 * the Handle, which outlives every connection it keeps. */
static void
tls_message_cb (int         write_p,
                int         version,
                int         content_type,
                const void *buf,
                size_t      len,
                SSL        *ssl,
                void       *arg)
{
  Handle *handle = arg;

  if (write_p || content_type != SSL3_RT_HANDSHAKE || len == 0)
    return;
  if (((const guchar *) buf)[0] == SSL3_MT_CERTIFICATE_REQUEST)
    handle->certificate_requested = TRUE;
  else if (((const guchar *) buf)[0] == SSL3_MT_CERTIFICATE)
    handle->certificate_received = TRUE;
}

/* Every new connection: the terminal's certificate and key, loaded once
 * (mado-hub-tls-identity.c), instead of libcurl reading both files. */
static CURLcode
ssl_ctx_cb (CURL *curl,
            void *ssl_ctx,
            void *user_data)
{
  Handle *handle = user_data;

  SSL_CTX_set_msg_callback (ssl_ctx, tls_message_cb);
  SSL_CTX_set_msg_callback_arg (ssl_ctx, handle);
  if (!mado_hub_tls_identity_install (handle->identity, ssl_ctx))
    return CURLE_SSL_CERTPROBLEM;
  return CURLE_OK;
}

static gboolean
is_certificate_alert (const char *message)
{
  static const char *const alerts[] = {
    "alert certificate required", "alert bad certificate", "alert unknown ca",
    "alert certificate unknown", "alert access denied", "alert unsupported certificate",
    "alert certificate revoked", "alert certificate expired",
  };

  for (guint i = 0; i < G_N_ELEMENTS (alerts); i++)
    if (strstr (message, alerts[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The ways curl words "the peer tore the connection down": depending on
 * whether it was sending, receiving or still asking the socket about its
 * peer when the reset arrived. */
static gboolean
is_torn_down (const char *message)
{
  return strstr (message, "reset by peer") != NULL || strstr (message, "Broken pipe") != NULL ||
         strstr (message, "not connected") != NULL;
}

/* Sets @error to @code with the staff advice for it, and @detail (nullable)
 * after it; returns %FALSE. */
gboolean
mado_hub_transport_fail (GError     **error,
                         MadoHubError code,
                         const char  *detail)
{
  if (detail != NULL)
    g_set_error (error, MADO_HUB_ERROR, code, "%s (%s)",
                 mado_error_advice (MADO_HUB_ERROR, code), detail);
  else
    mado_error_set (error, MADO_HUB_ERROR, code);
  return FALSE;
}

/* Turns a failed transfer into a named error; the raw code goes to the log. */
static gboolean
transfer_error (CURLcode                  code,
                const char               *message,
                MadoHubTransportResponse *r,
                GError                  **error)
{
  MadoHubError hub;

  g_debug ("hub: transfer failed: curl %d (%s): %s", (int) code,
           curl_easy_strerror (code), message);

  if (code == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (r->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The exchange with the hub was cancelled."));
      return FALSE;
    }
  if (code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT)
    hub = MADO_HUB_ERROR_UNREACHABLE;
  else if (code == CURLE_OPERATION_TIMEDOUT)
    hub = MADO_HUB_ERROR_TIMEOUT;
  else if (code == CURLE_PEER_FAILED_VERIFICATION)
    hub = MADO_HUB_ERROR_SERVER_UNTRUSTED;
  else if (code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_CACERT_BADFILE ||
           code == CURLE_SSL_CIPHER || code == CURLE_SSL_ENGINE_NOTFOUND ||
           code == CURLE_SSL_ENGINE_SETFAILED || code == CURLE_SSL_ENGINE_INITFAILED)
    hub = MADO_HUB_ERROR_TLS_SETUP;
  /* The reset heuristic only holds right after a handshake of this very
   * exchange: on a kept connection none happened, and a reset there is just
   * a lost connection. Only a connection torn down before the first byte
   * of an answer counts. */
  else if ((code == CURLE_SSL_CONNECT_ERROR || code == CURLE_RECV_ERROR ||
            code == CURLE_SEND_ERROR) &&
           (is_certificate_alert (message) ||
            (r->new_connection && r->certificate_requested && r->status == 0 &&
             r->header_bytes == 0 && is_torn_down (message))))
    hub = MADO_HUB_ERROR_CLIENT_CERTIFICATE_REFUSED;
  else if (code == CURLE_SSL_CONNECT_ERROR)
    hub = MADO_HUB_ERROR_TLS_FAILED;
  else if (code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR)
    hub = MADO_HUB_ERROR_CONNECTION_LOST;
  else if (code == CURLE_GOT_NOTHING || code == CURLE_PARTIAL_FILE)
    hub = MADO_HUB_ERROR_CONNECTION_LOST;
  else if (code == CURLE_FILESIZE_EXCEEDED || r->too_large)
    hub = MADO_HUB_ERROR_RESPONSE_TOO_LARGE;
  else
    hub = MADO_HUB_ERROR_FAILED;
  return mado_hub_transport_fail (error, hub, NULL);
}

static struct curl_slist *
build_headers (MadoHubTransport              *self,
               const MadoHubTransportRequest *req)
{
  struct curl_slist *headers = NULL;

  headers = curl_slist_append (headers, "Accept: application/json, application/problem+json");
  /* No "Expect: 100-continue" round trip for small bodies. */
  headers = curl_slist_append (headers, "Expect:");
  if (req->body != NULL)
    headers = curl_slist_append (headers, "Content-Type: application/json");
  if (req->if_none_match != NULL)
    {
      g_autofree char *line = g_strdup_printf ("If-None-Match: \"%s\"", req->if_none_match);

      headers = curl_slist_append (headers, line);
    }
  if (req->idempotency_key != NULL)
    {
      g_autofree char *line = g_strdup_printf ("Idempotency-Key: %s", req->idempotency_key);

      headers = curl_slist_append (headers, line);
    }
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->test_headers->len; i++)
    headers = curl_slist_append (headers, g_ptr_array_index (self->test_headers, i));
  g_mutex_unlock (&self->lock);
  return headers;
}

static gboolean
require (CURLcode    code,
         const char *option)
{
  if (code == CURLE_OK)
    return TRUE;
  g_debug ("hub: libcurl refused CURLOPT_%s: %s", option, curl_easy_strerror (code));
  return FALSE;
}

/* Returns %FALSE when libcurl refuses an option the connection's safety
 * depends on. */
static gboolean
configure (MadoHubTransport              *self,
           Handle                        *handle,
           const MadoHubTransportRequest *req,
           MadoHubTransportResponse      *r,
           char                          *error_buffer)
{
  CURL *curl = handle->curl;
  g_autofree char *url = g_strconcat (self->url, req->path, NULL);
  gboolean ok;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_VERBOSE, 0L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "Madoguchi/" PACKAGE_VERSION);

  /* https only, never redirected, never through a proxy from the environment;
   * the hub's certificate chains to the configured CA or nothing: no system
   * store, no CA folder. A libcurl that refuses any of these sends nothing. */
  ok = require (curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "https"), "PROTOCOLS_STR") &&
       require (curl_easy_setopt (curl, CURLOPT_REDIR_PROTOCOLS_STR, "https"), "REDIR_PROTOCOLS_STR") &&
       require (curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L), "FOLLOWLOCATION") &&
       require (curl_easy_setopt (curl, CURLOPT_PROXY, ""), "PROXY") &&
       require (curl_easy_setopt (curl, CURLOPT_NOPROXY, "*"), "NOPROXY") &&
       require (curl_easy_setopt (curl, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2), "SSLVERSION") &&
       require (curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L), "SSL_VERIFYPEER") &&
       require (curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L), "SSL_VERIFYHOST") &&
       require (curl_easy_setopt (curl, CURLOPT_CAINFO, self->ca), "CAINFO") &&
       require (curl_easy_setopt (curl, CURLOPT_CAPATH, NULL), "CAPATH") &&
       require (curl_easy_setopt (curl, CURLOPT_SSL_OPTIONS, 0L), "SSL_OPTIONS") &&
       require (curl_easy_setopt (curl, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb), "SSL_CTX_FUNCTION") &&
       require (curl_easy_setopt (curl, CURLOPT_SSL_CTX_DATA, handle), "SSL_CTX_DATA");
  if (!ok)
    return FALSE;

  /* One kept connection per handle, closed rather than reused once idle or
   * old: a renewed certificate at the hub takes effect on the next
   * connection. A new connection resumes the client's last TLS session when
   * the hub still accepts its ticket: only the hub that was verified in the
   * full handshake holds the key to it (another server's certificate is
   * checked, and refused, as on any new connection), and the hub checks the
   * terminal's certificate on every request, not only in handshakes. */
  if (handle->share != NULL)
    curl_easy_setopt (curl, CURLOPT_SHARE, handle->share);
  curl_easy_setopt (curl, CURLOPT_MAXCONNECTS, 1L);
  curl_easy_setopt (curl, CURLOPT_MAXAGE_CONN, MAX_IDLE_SECONDS);
  curl_easy_setopt (curl, CURLOPT_MAXLIFETIME_CONN, MAX_LIFETIME_SECONDS);

  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT_MS, self->connect_timeout_ms);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS,
                    r->timeout_ms > 0 ? MIN (r->timeout_ms, self->total_timeout_ms)
                                      : self->total_timeout_ms);

  curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) r->max_body);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, r);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, r);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, r);

  if (strcmp (req->method, "POST") == 0)
    {
      curl_easy_setopt (curl, CURLOPT_POST, 1L);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, req->body != NULL ? req->body : "");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE,
                        (curl_off_t) (req->body != NULL ? strlen (req->body) : 0));
    }
  else
    curl_easy_setopt (curl, CURLOPT_HTTPGET, 1L);
  return TRUE;
}

/* For the benchmarks: how much of an exchange was setting up TLS (none on a
 * kept connection). */
static void
record_timing (MadoHubTransport               *self,
               CURL                           *curl,
               const MadoHubTransportResponse *r)
{
  curl_off_t tls_us = 0, total_us = 0;

  if (r->new_connection)
    curl_easy_getinfo (curl, CURLINFO_APPCONNECT_TIME_T, &tls_us);
  curl_easy_getinfo (curl, CURLINFO_TOTAL_TIME_T, &total_us);
  g_mutex_lock (&self->lock);
  self->last_tls_us = (gint64) tls_us;
  self->last_total_us = (gint64) total_us;
  g_mutex_unlock (&self->lock);
}

/* For the log: a kept connection, a new one that resumed a TLS session
 * (the hub sent no certificate), or a new one with a full handshake. */
static const char *
connection_kind (const Handle                   *handle,
                 const MadoHubTransportResponse *r)
{
  if (!r->new_connection)
    return "kept connection";
  if (r->status != 0 && !handle->certificate_received)
    return "new connection, resumed TLS session";
  return "new connection";
}

/* An idle handle of this client (with its kept connection), or a new one.
 * A handle is used by one exchange at a time: exchanges run in several
 * GTask threads, and a curl handle is not to be shared between threads.
 * A newer @generation of the terminal's key and certificate closes the
 * idle handles: their connections present the old certificate. */
static Handle *
take_handle (MadoHubTransport *self,
             guint             generation,
             CURLSH           *share)
{
  g_autoptr(GPtrArray) stale = NULL;
  Handle *handle = NULL;

  g_mutex_lock (&self->lock);
  if (generation > self->generation)
    {
      stale = g_steal_pointer (&self->idle);
      self->idle = g_ptr_array_new_with_free_func (handle_free);
      self->generation = generation;
    }
  if (self->idle->len > 0)
    handle = g_ptr_array_steal_index (self->idle, self->idle->len - 1);
  g_mutex_unlock (&self->lock);
  if (handle != NULL)
    curl_easy_reset (handle->curl);  /* forgets the last exchange's options, keeps its connection */
  else if ((handle = g_new0 (Handle, 1)) != NULL && (handle->curl = curl_easy_init ()) == NULL)
    {
      g_free (handle);
      return NULL;
    }
  handle->identity = self->identity;
  handle->generation = generation;
  handle->share = share;
  return handle;
}

/* Only a handle whose exchange completed is kept: after any failure (reset,
 * timeout, cancellation, oversize, TLS error) it is closed with whatever
 * connection it holds, so that nothing of a broken exchange carries over. */
static void
give_back_handle (MadoHubTransport *self,
                  Handle           *handle,
                  gboolean          reusable)
{
  g_mutex_lock (&self->lock);
  if (reusable && self->idle->len < MAX_IDLE_HANDLES && handle->generation == self->generation)
    {
      g_ptr_array_add (self->idle, handle);
      handle = NULL;
    }
  g_mutex_unlock (&self->lock);
  if (handle != NULL)
    handle_free (handle);
}

/**
 * mado_hub_transport_perform:
 * @req: what to send
 * @r: filled with the status, headers and body (at most
 *   %MADO_HUB_MAX_BODY_BYTES) of the answer
 *
 * One attempt at @req on a kept connection or a new one; never retried here.
 *
 * Returns: whether an answer came, whatever its status; otherwise @error
 *   names the failure (%G_IO_ERROR_CANCELLED when @r's cancellable was)
 */
gboolean
mado_hub_transport_perform (MadoHubTransport              *self,
                            const MadoHubTransportRequest *req,
                            MadoHubTransportResponse      *r,
                            GError                       **error)
{
  CURLSH *share = NULL;
  guint generation = mado_hub_tls_identity_refresh (self->identity, &share, error);
  Handle *handle;
  struct curl_slist *headers;
  char error_buffer[CURL_ERROR_SIZE] = "";
  CURLcode code;
  long connects = 0;
  gint64 started = g_get_monotonic_time ();

  /* A key or certificate that changed on disk and does not load stops
   * every exchange, on kept connections too (docs/hub-client.md). */
  if (generation == 0)
    return FALSE;
  if ((handle = take_handle (self, generation, share)) == NULL)
    return mado_hub_transport_fail (error, MADO_HUB_ERROR_FAILED, NULL);

  response_reset (r);
  handle->certificate_requested = FALSE;
  handle->certificate_received = FALSE;
  headers = build_headers (self, req);
  if (!configure (self, handle, req, r, error_buffer))
    {
      curl_slist_free_all (headers);
      give_back_handle (self, handle, FALSE);
      return mado_hub_transport_fail (error, MADO_HUB_ERROR_TLS_SETUP, NULL);
    }
  curl_easy_setopt (handle->curl, CURLOPT_HTTPHEADER, headers);

  code = curl_easy_perform (handle->curl);
  if (code == CURLE_OK)
    curl_easy_getinfo (handle->curl, CURLINFO_RESPONSE_CODE, &r->status);
  curl_easy_getinfo (handle->curl, CURLINFO_NUM_CONNECTS, &connects);
  r->new_connection = connects > 0;
  r->certificate_requested = handle->certificate_requested;
  record_timing (self, handle->curl, r);
  g_debug ("hub: %s %s -> %ld, %u bytes in %" G_GINT64_FORMAT " ms (%s)", req->method,
           req->log_path, r->status, r->body->len, (g_get_monotonic_time () - started) / 1000,
           connection_kind (handle, r));
  give_back_handle (self, handle, code == CURLE_OK);
  curl_slist_free_all (headers);

  if (code != CURLE_OK)
    return transfer_error (code, error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror (code),
                           r, error);
  return TRUE;
}

/* -- interpreting answers ------------------------------------------------------ */

static gboolean
content_type_is (const char *content_type,
                 const char *wanted)
{
  size_t n = strlen (wanted);

  return content_type != NULL && g_ascii_strncasecmp (content_type, wanted, n) == 0 &&
         (content_type[n] == '\0' || content_type[n] == ';' || content_type[n] == ' ');
}

static gboolean
problem_error (MadoHubTransportResponse *r,
               GError                  **error)
{
  g_autoptr(MadoHubProblem) problem = NULL;
  g_autoptr(GError) local_error = NULL;
  MadoHubError code;

  if (r->status >= 300 && r->status < 400)
    return mado_hub_transport_fail (error, MADO_HUB_ERROR_REDIRECTED, NULL);

  if (content_type_is (r->content_type, "application/problem+json") ||
      content_type_is (r->content_type, "application/json"))
    problem = mado_hub_decode_problem ((const char *) r->body->data, r->body->len, &local_error);
  if (problem != NULL)
    {
      g_debug ("hub: problem %s (status %ld): %s", problem->type, r->status,
               problem->title != NULL ? problem->title : "");
      code = problem->code;
      if (code == MADO_HUB_ERROR_REFUSED && r->status >= 500)
        code = MADO_HUB_ERROR_SERVER_ERROR;
    }
  else
    {
      if (local_error != NULL)
        g_debug ("hub: status %ld with an unusable problem: %s", r->status, local_error->message);
      code = r->status >= 500 ? MADO_HUB_ERROR_SERVER_ERROR
           : r->status >= 400 ? MADO_HUB_ERROR_REFUSED
           : MADO_HUB_ERROR_MALFORMED_RESPONSE;
    }
  return mado_hub_transport_fail (error, code, NULL);
}

/* Accepts the expected success statuses with a JSON body; anything else
 * becomes the named error. */
gboolean
mado_hub_transport_expect (MadoHubTransportResponse *r,
                           long                      status1,
                           long                      status2,
                           GError                  **error)
{
  if (r->status != status1 && r->status != status2)
    return problem_error (r, error);
  if (r->status == 304)
    return TRUE;
  if (!content_type_is (r->content_type, "application/json"))
    return mado_hub_transport_fail (error, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                                    "$: not application/json");
  return TRUE;
}


/* mado-hub-client.c — the terminal's client of the hub API, over mutual TLS
 *
 * libcurl with OpenSSL underneath. What it enforces, and why, is written
 * down in docs/hub-client.md: the hub's certificate is checked against the
 * one configured CA and nothing else, the terminal presents its own, TLS 1.2
 * or newer, https only, no redirects, no proxies from the environment,
 * bounded time and bounded size, retries only where a repeat cannot do harm,
 * connections kept per client and dropped after any failed exchange.
 * Bodies are personal data: they are never logged.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <curl/curl.h>
#include <openssl/ssl.h>
#include <glib/gi18n-lib.h>

#include "mado-bundle-decode.h"
#include "mado-hub-client.h"
#include "mado-hub-client-private.h"

#define DEFAULT_ATTEMPTS        3
#define DEFAULT_BASE_DELAY_MS 250
#define MAX_DELAY_MS         4000
/* A Retry-After longer than this is not waited for: the desk gets the error. */
#define MAX_RETRY_AFTER_MS  10000
#define MAX_HEADER_BYTES    (64 * 1024)
/* Kept connections: idle easy handles per client, and how long a connection
 * may idle or live before curl closes it instead of reusing it. */
#define MAX_IDLE_HANDLES        4
#define MAX_IDLE_SECONDS       20L
#define MAX_LIFETIME_SECONDS  300L

struct _MadoHubClient
{
  GObject         parent_instance;

  char           *url;
  char           *ca;
  char           *certificate;
  char           *key;
  char           *institution_code;
  char           *terminal_id;
  glong           connect_timeout_ms;
  glong           total_timeout_ms;

  GMutex          lock;             /* guards what follows */
  MadoHubMonitor *monitor;
  GMainContext   *monitor_context;
  GPtrArray      *test_headers;
  guint           max_attempts;
  guint           base_delay_ms;
  gsize           max_body;
  guint           attempts_made;
  gint64          last_tls_us;      /* TCP connect + TLS handshake of the last exchange */
  gint64          last_total_us;    /* the whole last exchange */
  GPtrArray      *idle;             /* of Handle: each keeps at most one connection */
};

/* An easy handle with what its connections' TLS callback writes to: it must
 * live as long as the handle, because a kept connection (and the SSL_CTX
 * the callback is registered on) outlives the exchange that opened it. */
typedef struct {
  CURL     *curl;
  gboolean  certificate_requested;  /* the hub asked for our certificate */
} Handle;

G_DEFINE_FINAL_TYPE (MadoHubClient, mado_hub_client, G_TYPE_OBJECT)

typedef struct {
  const char *method;
  char       *path;           /* with query */
  const char *log_path;       /* no tokens */
  const char *body;           /* nullable */
  const char *if_none_match;  /* nullable: a bundle version */
  const char *idempotency_key;
  gboolean    idempotent;
} Request;

typedef struct {
  long          status;
  GByteArray   *body;
  char         *etag;
  char         *content_type;
  gint64        retry_after_ms;
  gboolean      too_large;
  gsize         max_body;
  gsize         header_bytes;
  GCancellable *cancellable;
  gboolean      certificate_requested;  /* ...during a handshake of this exchange */
  gboolean      new_connection;         /* this exchange opened a connection */
} Response;

static void
response_reset (Response *r)
{
  r->status = 0;
  g_byte_array_set_size (r->body, 0);
  g_clear_pointer (&r->etag, g_free);
  g_clear_pointer (&r->content_type, g_free);
  r->retry_after_ms = -1;
  r->too_large = FALSE;
  r->header_bytes = 0;
  r->certificate_requested = FALSE;
  r->new_connection = FALSE;
}

static void
response_clear (Response *r)
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

static void
mado_hub_client_finalize (GObject *object)
{
  MadoHubClient *self = MADO_HUB_CLIENT (object);

  g_free (self->url);
  g_free (self->ca);
  g_free (self->certificate);
  g_free (self->key);
  g_free (self->institution_code);
  g_free (self->terminal_id);
  g_clear_object (&self->monitor);
  g_clear_pointer (&self->monitor_context, g_main_context_unref);
  g_clear_pointer (&self->test_headers, g_ptr_array_unref);
  /* Closes the kept connections. No exchange is running: each holds a
   * reference on the client (GTask's source object, or the caller's). */
  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mado_hub_client_parent_class)->finalize (object);
}

static void
mado_hub_client_class_init (MadoHubClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mado_hub_client_finalize;
}

static void
mado_hub_client_init (MadoHubClient *self)
{
  g_mutex_init (&self->lock);
  self->test_headers = g_ptr_array_new_with_free_func (g_free);
  self->idle = g_ptr_array_new_with_free_func (handle_free);
  self->max_attempts = DEFAULT_ATTEMPTS;
  self->base_delay_ms = DEFAULT_BASE_DELAY_MS;
  self->max_body = MADO_HUB_MAX_BODY_BYTES;
}

/**
 * mado_hub_client_new:
 * @config: the site configuration
 * @error: %MADO_HUB_ERROR_NOT_CONFIGURED when it names no hub
 *
 * Returns: (transfer full) (nullable): a client for the configured hub
 */
MadoHubClient *
mado_hub_client_new (const MadoSiteConfig  *config,
                     GError               **error)
{
  static gsize curl_ready = 0;
  MadoHubClient *self;

  g_return_val_if_fail (config != NULL, NULL);

  if (!config->has_hub)
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_NOT_CONFIGURED,
                           mado_hub_error_describe (MADO_HUB_ERROR_NOT_CONFIGURED));
      return NULL;
    }
  /* curl_global_init is not thread-safe: do it once, before any worker. */
  if (g_once_init_enter (&curl_ready))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&curl_ready, 1);
    }

  self = g_object_new (MADO_TYPE_HUB_CLIENT, NULL);
  self->url = g_strdup (config->hub_url);
  self->ca = g_strdup (config->hub_ca);
  self->certificate = g_strdup (config->client_certificate);
  self->key = g_strdup (config->client_key);
  self->institution_code = g_strdup (config->institution_code);
  self->terminal_id = g_strdup (config->terminal_id);
  self->connect_timeout_ms = (glong) config->connect_timeout_seconds * 1000;
  self->total_timeout_ms = (glong) config->total_timeout_seconds * 1000;
  return self;
}

/**
 * mado_hub_client_set_monitor:
 * @monitor: (nullable): told whether the hub was reachable after each exchange
 *
 * The monitor is updated on the thread-default main context of the caller,
 * whichever thread the exchange ran in.
 */
void
mado_hub_client_set_monitor (MadoHubClient  *self,
                             MadoHubMonitor *monitor)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_set_object (&self->monitor, monitor);
  g_clear_pointer (&self->monitor_context, g_main_context_unref);
  if (monitor != NULL)
    self->monitor_context = g_main_context_ref_thread_default ();
  g_mutex_unlock (&self->lock);
}

const char *
mado_hub_client_get_url (MadoHubClient *self)
{
  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);

  return self->url;
}

void
mado_hub_client_add_test_header (MadoHubClient *self,
                                 const char    *header)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->test_headers, g_strdup (header));
  g_mutex_unlock (&self->lock);
}

void
mado_hub_client_clear_test_headers (MadoHubClient *self)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->test_headers, 0);
  g_mutex_unlock (&self->lock);
}

void
mado_hub_client_set_retry_policy (MadoHubClient *self,
                                  guint          max_attempts,
                                  guint          base_delay_ms)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  g_mutex_lock (&self->lock);
  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
  g_mutex_unlock (&self->lock);
}

void
mado_hub_client_set_max_body (MadoHubClient *self,
                              gsize          max_body)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  g_mutex_lock (&self->lock);
  self->max_body = max_body;
  g_mutex_unlock (&self->lock);
}

guint
mado_hub_client_get_attempts_made (MadoHubClient *self)
{
  guint attempts;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), 0);

  g_mutex_lock (&self->lock);
  attempts = self->attempts_made;
  g_mutex_unlock (&self->lock);
  return attempts;
}

/* -- reachability ---------------------------------------------------------- */

typedef struct {
  MadoHubMonitor *monitor;
  gboolean        online;
  GDateTime      *when;
} Report;

static gboolean
report_cb (gpointer data)
{
  Report *report = data;

  if (report->online)
    mado_hub_monitor_report_online (report->monitor);
  else
    mado_hub_monitor_report_offline (report->monitor, report->when);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer data)
{
  Report *report = data;

  g_object_unref (report->monitor);
  g_date_time_unref (report->when);
  g_free (report);
}

static void
report_reachability (MadoHubClient *self,
                     gboolean       online)
{
  Report *report;
  GMainContext *context;

  g_mutex_lock (&self->lock);
  if (self->monitor == NULL)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  report = g_new0 (Report, 1);
  report->monitor = g_object_ref (self->monitor);
  report->online = online;
  report->when = g_date_time_new_now_utc ();
  context = g_main_context_ref (self->monitor_context);
  g_mutex_unlock (&self->lock);

  g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, report_cb, report, report_free);
  g_main_context_unref (context);
}

/* -- retry policy ----------------------------------------------------------- */

guint
mado_hub_retry_delay_ms (guint   attempt,
                         guint   base_ms,
                         gint64  retry_after_ms,
                         double  jitter)
{
  guint64 delay = base_ms;

  if (retry_after_ms >= 0)
    return (guint) MIN (retry_after_ms, (gint64) MAX_RETRY_AFTER_MS);
  for (guint i = 1; i < attempt && delay < MAX_DELAY_MS; i++)
    delay *= 2;
  delay = MIN (delay, (guint64) MAX_DELAY_MS);
  /* Equal jitter: half fixed, half random, so desks that failed together
   * do not all come back at the same instant. */
  return (guint) (delay / 2 + (guint64) ((double) (delay - delay / 2) * CLAMP (jitter, 0.0, 1.0)));
}

/**
 * mado_hub_parse_retry_after_ms:
 * @value: a Retry-After header value: delay-seconds or an HTTP date
 * @now_unix: the current time, for dates
 *
 * Returns: the wait in milliseconds, or -1 when @value is unusable
 */
gint64
mado_hub_parse_retry_after_ms (const char *value,
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
  if (when == (time_t) -1)
    return -1;
  return MAX ((gint64) when - now_unix, 0) * 1000;
}

/**
 * mado_hub_parse_etag:
 * @value: an ETag header value
 *
 * Returns: (transfer full) (nullable): the bundle version inside a strong
 *   entity tag, or %NULL for anything else
 */
char *
mado_hub_parse_etag (const char *value)
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
  return g_strndup (trimmed + 1, n - 2);
}

static void
sleep_cancellable (guint         ms,
                   GCancellable *cancellable)
{
  GPollFD fd;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_usleep ((gulong) ms * 1000);
      return;
    }
  g_poll (&fd, 1, (gint) ms);
  g_cancellable_release_fd (cancellable);
}

/* -- one transfer ------------------------------------------------------------ */

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  count,
          void   *user_data)
{
  Response *r = user_data;
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
header_cb (char   *data,
           size_t  size,
           size_t  count,
           void   *user_data)
{
  Response *r = user_data;
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
      r->retry_after_ms = mado_hub_parse_retry_after_ms (value, g_get_real_time () / G_USEC_PER_SEC);
      g_free (value);
    }
  return n;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Response *r = user_data;

  return g_cancellable_is_cancelled (r->cancellable) ? 1 : 0;
}

/* Notes whether the hub sent a CertificateRequest: a hub that refuses the
 * terminal's certificate may just reset the connection (GLib's TLS server
 * does), and this tells that apart from any other reset. @arg is the
 * Handle, which outlives every connection it keeps. */
static void
tls_message_cb (int          write_p,
                int          version,
                int          content_type,
                const void  *buf,
                size_t       len,
                SSL         *ssl,
                void        *arg)
{
  Handle *handle = arg;

  if (!write_p && content_type == SSL3_RT_HANDSHAKE && len > 0 &&
      ((const guchar *) buf)[0] == SSL3_MT_CERTIFICATE_REQUEST)
    handle->certificate_requested = TRUE;
}

static CURLcode
ssl_ctx_cb (CURL *curl,
            void *ssl_ctx,
            void *user_data)
{
  SSL_CTX_set_msg_callback (ssl_ctx, tls_message_cb);
  SSL_CTX_set_msg_callback_arg (ssl_ctx, user_data);
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

static gboolean
set_hub_error (GError       **error,
               MadoHubError   code,
               const char    *detail)
{
  if (detail != NULL)
    g_set_error (error, MADO_HUB_ERROR, code, "%s (%s)", mado_hub_error_describe (code), detail);
  else
    g_set_error_literal (error, MADO_HUB_ERROR, code, mado_hub_error_describe (code));
  return FALSE;
}

/* Turns a failed transfer into a named error; the raw code goes to the log. */
static gboolean
transfer_error (CURLcode       code,
                const char    *message,
                Response      *r,
                GError       **error)
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
  return set_hub_error (error, hub, NULL);
}

static struct curl_slist *
build_headers (MadoHubClient *self,
               const Request *req)
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
configure (MadoHubClient *self,
           Handle        *handle,
           const Request *req,
           Response      *r,
           char          *error_buffer)
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
       require (curl_easy_setopt (curl, CURLOPT_SSLCERT, self->certificate), "SSLCERT") &&
       require (curl_easy_setopt (curl, CURLOPT_SSLCERTTYPE, "PEM"), "SSLCERTTYPE") &&
       require (curl_easy_setopt (curl, CURLOPT_SSLKEY, self->key), "SSLKEY") &&
       require (curl_easy_setopt (curl, CURLOPT_SSLKEYTYPE, "PEM"), "SSLKEYTYPE") &&
       require (curl_easy_setopt (curl, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb), "SSL_CTX_FUNCTION") &&
       require (curl_easy_setopt (curl, CURLOPT_SSL_CTX_DATA, handle), "SSL_CTX_DATA");
  if (!ok)
    return FALSE;

  /* One kept connection per handle, closed rather than reused once idle or
   * old: a renewed certificate or a revocation at the hub takes effect on
   * the next connection. No TLS session resumption: every new connection is
   * a full mutual handshake, in which the hub checks the terminal again. */
  curl_easy_setopt (curl, CURLOPT_MAXCONNECTS, 1L);
  curl_easy_setopt (curl, CURLOPT_MAXAGE_CONN, MAX_IDLE_SECONDS);
  curl_easy_setopt (curl, CURLOPT_MAXLIFETIME_CONN, MAX_LIFETIME_SECONDS);
  curl_easy_setopt (curl, CURLOPT_SSL_SESSIONID_CACHE, 0L);

  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT_MS, self->connect_timeout_ms);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, self->total_timeout_ms);

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
record_timing (MadoHubClient  *self,
               CURL           *curl,
               const Response *r)
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

/* An idle handle of this client (with its kept connection), or a new one.
 * A handle is used by one exchange at a time: exchanges run in several
 * GTask threads, and a curl handle is not to be shared between threads. */
static Handle *
take_handle (MadoHubClient *self)
{
  Handle *handle = NULL;

  g_mutex_lock (&self->lock);
  if (self->idle->len > 0)
    handle = g_ptr_array_steal_index (self->idle, self->idle->len - 1);
  g_mutex_unlock (&self->lock);
  if (handle != NULL)
    {
      /* Forgets every option of the last exchange; keeps its connection. */
      curl_easy_reset (handle->curl);
      return handle;
    }
  handle = g_new0 (Handle, 1);
  handle->curl = curl_easy_init ();
  if (handle->curl == NULL)
    g_clear_pointer (&handle, g_free);
  return handle;
}

/* Only a handle whose exchange completed is kept: after any failure (reset,
 * timeout, cancellation, oversize, TLS error) it is closed with whatever
 * connection it holds, so that nothing of a broken exchange carries over. */
static void
give_back_handle (MadoHubClient *self,
                  Handle        *handle,
                  gboolean       reusable)
{
  g_mutex_lock (&self->lock);
  if (reusable && self->idle->len < MAX_IDLE_HANDLES)
    {
      g_ptr_array_add (self->idle, handle);
      handle = NULL;
    }
  g_mutex_unlock (&self->lock);
  if (handle != NULL)
    handle_free (handle);
}

static gboolean
perform_once (MadoHubClient  *self,
              const Request  *req,
              Response       *r,
              GError        **error)
{
  Handle *handle = take_handle (self);
  struct curl_slist *headers;
  char error_buffer[CURL_ERROR_SIZE] = "";
  CURLcode code;
  long connects = 0;
  gint64 started = g_get_monotonic_time ();

  if (handle == NULL)
    return set_hub_error (error, MADO_HUB_ERROR_FAILED, NULL);

  response_reset (r);
  handle->certificate_requested = FALSE;
  headers = build_headers (self, req);
  if (!configure (self, handle, req, r, error_buffer))
    {
      curl_slist_free_all (headers);
      give_back_handle (self, handle, FALSE);
      return set_hub_error (error, MADO_HUB_ERROR_TLS_SETUP, NULL);
    }
  curl_easy_setopt (handle->curl, CURLOPT_HTTPHEADER, headers);

  code = curl_easy_perform (handle->curl);
  if (code == CURLE_OK)
    curl_easy_getinfo (handle->curl, CURLINFO_RESPONSE_CODE, &r->status);
  curl_easy_getinfo (handle->curl, CURLINFO_NUM_CONNECTS, &connects);
  r->new_connection = connects > 0;
  r->certificate_requested = handle->certificate_requested;
  record_timing (self, handle->curl, r);
  give_back_handle (self, handle, code == CURLE_OK);
  curl_slist_free_all (headers);

  g_debug ("hub: %s %s -> %ld, %u bytes in %" G_GINT64_FORMAT " ms (%s connection)", req->method,
           req->log_path, r->status, r->body->len, (g_get_monotonic_time () - started) / 1000,
           r->new_connection ? "new" : "kept");
  if (code != CURLE_OK)
    return transfer_error (code, error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror (code),
                           r, error);
  return TRUE;
}

static gboolean
status_is_retriable (long status)
{
  return status == 429 || status == 502 || status == 503 || status == 504 || status == 500;
}

/* Performs @req, repeating idempotent requests after transient failures. */
static gboolean
exchange (MadoHubClient  *self,
          const Request  *req,
          Response       *r,
          GCancellable   *cancellable,
          GError        **error)
{
  guint max_attempts, base_delay_ms;

  g_mutex_lock (&self->lock);
  max_attempts = req->idempotent ? self->max_attempts : 1;
  base_delay_ms = self->base_delay_ms;
  r->max_body = self->max_body;
  self->attempts_made = 0;
  g_mutex_unlock (&self->lock);
  r->cancellable = cancellable;

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean ok, retriable;
      guint delay;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      g_mutex_lock (&self->lock);
      self->attempts_made = attempt;
      g_mutex_unlock (&self->lock);

      ok = perform_once (self, req, r, &local_error);
      retriable = ok ? status_is_retriable (r->status)
                     : mado_error_is_retryable (local_error);
      if (!retriable || attempt >= max_attempts ||
          r->retry_after_ms > MAX_RETRY_AFTER_MS)
        {
          if (ok)
            report_reachability (self, r->status < 500);
          else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            report_reachability (self, FALSE);
          if (!ok)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return ok;
        }
      delay = mado_hub_retry_delay_ms (attempt, base_delay_ms, r->retry_after_ms,
                                       g_random_double ());
      g_debug ("hub: %s %s: attempt %u failed (%s); retrying in %u ms", req->method,
               req->log_path, attempt,
               ok ? "status" : mado_hub_error_to_string ((MadoHubError) local_error->code),
               delay);
      sleep_cancellable (delay, cancellable);
    }
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
problem_error (Response  *r,
               GError   **error)
{
  g_autoptr(MadoHubProblem) problem = NULL;
  g_autoptr(GError) local_error = NULL;
  MadoHubError code;

  if (r->status >= 300 && r->status < 400)
    return set_hub_error (error, MADO_HUB_ERROR_REDIRECTED, NULL);

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
  return set_hub_error (error, code, NULL);
}

/* Accepts the expected success statuses with a JSON body; anything else
 * becomes the named error. */
static gboolean
expect (Response  *r,
        long       status1,
        long       status2,
        GError   **error)
{
  if (r->status != status1 && r->status != status2)
    return problem_error (r, error);
  if (r->status == 304)
    return TRUE;
  if (!content_type_is (r->content_type, "application/json"))
    return set_hub_error (error, MADO_HUB_ERROR_MALFORMED_RESPONSE, "$: not application/json");
  return TRUE;
}

/* A decoder's error gets the staff advice in front of its JSON path. */
static void
decorate (GError **error)
{
  char *message;

  if (error == NULL || *error == NULL || (*error)->domain != MADO_HUB_ERROR)
    return;
  message = g_strdup_printf ("%s (%s)", mado_hub_error_describe ((MadoHubError) (*error)->code),
                             (*error)->message);
  g_free ((*error)->message);
  (*error)->message = message;
}

static gboolean
etag_matches (Response                 *r,
              const MadoResidentBundle *bundle,
              char                    **out_etag,
              GError                  **error)
{
  g_autofree char *etag = mado_hub_parse_etag (r->etag);

  if (etag == NULL)
    return set_hub_error (error, MADO_HUB_ERROR_MALFORMED_RESPONSE, "ETag: missing or not strong");
  if (strcmp (etag, bundle->version) != 0)
    return set_hub_error (error, MADO_HUB_ERROR_MALFORMED_RESPONSE,
                          "ETag: not the bundle's version");
  *out_etag = g_steal_pointer (&etag);
  return TRUE;
}

#define RESPONSE_INIT { 0, g_byte_array_new (), NULL, NULL, -1, FALSE, 0, 0, NULL, FALSE, FALSE }

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Response, response_clear)

static void
request_clear (Request *req)
{
  g_clear_pointer (&req->path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Request, request_clear)

/* -- the calls ----------------------------------------------------------------- */

/**
 * mado_hub_client_get_status:
 *
 * `GET /v1/status`; retried after transient failures.
 *
 * Returns: (transfer full) (nullable): the hub's status
 */
MadoHubStatus *
mado_hub_client_get_status (MadoHubClient  *self,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_auto(Request) req = { "GET", g_strdup ("/v1/status"), "/v1/status", NULL, NULL, NULL, TRUE };
  g_auto(Response) r = RESPONSE_INIT;
  MadoHubStatus *status;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);

  if (!exchange (self, &req, &r, cancellable, error) || !expect (&r, 200, 200, error))
    return NULL;
  status = mado_hub_decode_status ((const char *) r.body->data, r.body->len, error);
  decorate (error);
  return status;
}

/**
 * mado_hub_client_request_challenge:
 *
 * `POST /v1/challenges`; never retried (each call consumes a challenge).
 *
 * Returns: (transfer full) (nullable): a fresh challenge
 */
MadoHubChallenge *
mado_hub_client_request_challenge (MadoHubClient  *self,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  g_auto(Request) req = { "POST", g_strdup ("/v1/challenges"), "/v1/challenges",
                          NULL, NULL, NULL, FALSE };
  g_auto(Response) r = RESPONSE_INIT;
  MadoHubChallenge *challenge;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);

  if (!exchange (self, &req, &r, cancellable, error) || !expect (&r, 201, 201, error))
    return NULL;
  challenge = mado_hub_decode_challenge ((const char *) r.body->data, r.body->len, error);
  decorate (error);
  return challenge;
}

static MadoHubVerification *
verify_encoded (MadoHubClient   *self,
                const char      *body,
                MadoHubConsent   consent,
                GCancellable    *cancellable,
                GError         **error)
{
  /* Never retried: the challenge is single-use, a repeat would be refused
   * as replayed and hide the real answer. */
  g_auto(Request) req = { "POST", g_strdup ("/v1/verifications"), "/v1/verifications",
                          body, NULL, NULL, FALSE };
  g_auto(Response) r = RESPONSE_INIT;
  g_autoptr(MadoHubVerification) verification = NULL;

  if (!exchange (self, &req, &r, cancellable, error) || !expect (&r, 200, 200, error))
    return NULL;
  verification = mado_hub_decode_verification ((const char *) r.body->data, r.body->len,
                                               consent, error);
  if (verification == NULL)
    {
      decorate (error);
      return NULL;
    }
  if (!etag_matches (&r, verification->bundle, &verification->etag, error))
    return NULL;
  return g_steal_pointer (&verification);
}

/**
 * mado_hub_client_verify:
 * @request: the card's certificate, the signature or the operator, the consent
 *
 * `POST /v1/verifications` with the site's institution code and terminal
 * ID; never retried.
 *
 * Returns: (transfer full) (nullable): the resident token, the bundle
 *   (only the consented categories) and its version
 */
MadoHubVerification *
mado_hub_client_verify (MadoHubClient                     *self,
                        const MadoHubVerificationRequest  *request,
                        GCancellable                      *cancellable,
                        GError                           **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  body = mado_hub_proof_encode_verification (request, self->institution_code, self->terminal_id, error);
  if (body == NULL)
    return NULL;
  return verify_encoded (self, body, request->consent, cancellable, error);
}

static gboolean
check_token (const char  *token,
             GError     **error)
{
  gsize n = token != NULL ? strlen (token) : 0;

  if (n == 0 || n > 256)
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           _("The hub session for this resident is not usable. Check the card again."));
      return FALSE;
    }
  return TRUE;
}

static MadoHubBundleFetch *
fetch_bundle (MadoHubClient   *self,
              const char      *resident_token,
              MadoHubConsent   consent,
              const char      *if_none_match,
              GCancellable    *cancellable,
              GError         **error)
{
  g_autofree char *escaped = g_uri_escape_string (resident_token, NULL, FALSE);
  g_autofree char *categories = mado_hub_encode_consent (consent);
  g_auto(Request) req = { "GET", NULL, "/v1/bundles/…", NULL, if_none_match, NULL, TRUE };
  g_auto(Response) r = RESPONSE_INIT;
  g_autoptr(MadoHubBundleFetch) fetch = g_new0 (MadoHubBundleFetch, 1);

  req.path = g_strdup_printf ("/v1/bundles/%s?consent=%s", escaped, categories);
  if (!exchange (self, &req, &r, cancellable, error))
    return NULL;
  if (r.status == 304 && if_none_match != NULL)
    {
      /* Unchanged: what the desk holds is confirmed as of now. */
      fetch->unchanged = TRUE;
      fetch->confirmed_at = g_date_time_new_now_utc ();
      fetch->etag = g_strdup (if_none_match);
      return g_steal_pointer (&fetch);
    }
  if (!expect (&r, 200, 200, error))
    return NULL;
  fetch->bundle = mado_bundle_decode ((const char *) r.body->data, r.body->len, consent, error);
  if (fetch->bundle == NULL)
    {
      decorate (error);
      return NULL;
    }
  if (!etag_matches (&r, fetch->bundle, &fetch->etag, error))
    return NULL;
  fetch->confirmed_at = g_date_time_new_now_utc ();
  return g_steal_pointer (&fetch);
}

/**
 * mado_hub_client_fetch_bundle:
 * @resident_token: from mado_hub_client_verify()
 * @consent: the categories to fetch, a subset of those consented at verification
 * @if_none_match: (nullable): the version the desk already holds
 *
 * `GET /v1/bundles/{residentToken}`; retried after transient failures.
 *
 * Returns: (transfer full) (nullable): the bundle, or "unchanged, confirmed
 *   now" when the hub answered 304 to @if_none_match
 */
MadoHubBundleFetch *
mado_hub_client_fetch_bundle (MadoHubClient   *self,
                              const char      *resident_token,
                              MadoHubConsent   consent,
                              const char      *if_none_match,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);

  if (!check_token (resident_token, error))
    return NULL;
  if ((consent & MADO_HUB_CONSENT_ALL) == 0)
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           mado_hub_error_describe (MADO_HUB_ERROR_CONSENT_REQUIRED));
      return NULL;
    }
  /* A version, as the bundle carries it, not an entity tag. */
  if (if_none_match != NULL &&
      (*if_none_match == '\0' || strlen (if_none_match) > 64 ||
       strpbrk (if_none_match, "\"\\\r\n") != NULL))
    {
      g_set_error_literal (error, MADO_HUB_ERROR, MADO_HUB_ERROR_INVALID_REQUEST,
                           mado_hub_error_describe (MADO_HUB_ERROR_INVALID_REQUEST));
      return NULL;
    }
  return fetch_bundle (self, resident_token, consent, if_none_match, cancellable, error);
}

static MadoHubRecordReceipt *
submit_encoded (MadoHubClient      *self,
                MadoHubRecordKind   kind,
                const char         *idempotency_key,
                const char         *body,
                GCancellable       *cancellable,
                GError            **error)
{
  /* Safe to retry: the hub answers a repeated key with the first answer. */
  const char *path = mado_hub_encode_record_path (kind);
  g_auto(Request) req = { "POST", g_strdup (path), path, body, NULL, idempotency_key, TRUE };
  g_auto(Response) r = RESPONSE_INIT;
  MadoHubRecordReceipt *receipt;

  if (!exchange (self, &req, &r, cancellable, error) || !expect (&r, 201, 200, error))
    return NULL;
  receipt = mado_hub_decode_record_receipt ((const char *) r.body->data, r.body->len, error);
  if (receipt == NULL)
    {
      decorate (error);
      return NULL;
    }
  receipt->replayed = (r.status == 200);
  return receipt;
}

static char *
encode_record (MadoHubRecordKind   kind,
               const char         *idempotency_key,
               JsonObject         *record,
               GError            **error)
{
  if (!mado_hub_encode_check_idempotency_key (idempotency_key, error))
    return NULL;
  return mado_hub_encode_record (kind, record, error);
}

/**
 * mado_hub_client_submit_record:
 * @kind: vaccination or questionnaire
 * @idempotency_key: 1–64 of [A-Za-z0-9-], the same for every retry of this
 *   record (mado_hub_encode_new_idempotency_key())
 * @record: the record, naming the resident's `residentRef`
 *
 * `POST /v1/records/…`; retried after transient failures under the same key.
 *
 * Returns: (transfer full) (nullable): the hub's receipt
 */
MadoHubRecordReceipt *
mado_hub_client_submit_record (MadoHubClient      *self,
                               MadoHubRecordKind   kind,
                               const char         *idempotency_key,
                               JsonObject         *record,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (MADO_IS_HUB_CLIENT (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  body = encode_record (kind, idempotency_key, record, error);
  if (body == NULL)
    return NULL;
  return submit_encoded (self, kind, idempotency_key, body, cancellable, error);
}

/* -- asynchronous variants ------------------------------------------------------- */

typedef enum {
  OP_STATUS,
  OP_CHALLENGE,
  OP_VERIFY,
  OP_FETCH,
  OP_SUBMIT,
} OpKind;

typedef struct {
  OpKind             kind;
  char              *body;
  MadoHubConsent     consent;
  char              *token;
  char              *if_none_match;
  char              *idempotency_key;
  MadoHubRecordKind  record_kind;
} Op;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_free (op->body);
  g_free (op->token);
  g_free (op->if_none_match);
  g_free (op->idempotency_key);
  g_free (op);
}

static void
run_op_cb (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  MadoHubClient *self = source_object;
  Op *op = task_data;
  GError *error = NULL;
  gpointer result = NULL;
  GDestroyNotify free_func = NULL;

  switch (op->kind)
    {
    case OP_STATUS:
      result = mado_hub_client_get_status (self, cancellable, &error);
      free_func = (GDestroyNotify) mado_hub_status_free;
      break;
    case OP_CHALLENGE:
      result = mado_hub_client_request_challenge (self, cancellable, &error);
      free_func = (GDestroyNotify) mado_hub_challenge_free;
      break;
    case OP_VERIFY:
      result = verify_encoded (self, op->body, op->consent, cancellable, &error);
      free_func = (GDestroyNotify) mado_hub_verification_free;
      break;
    case OP_FETCH:
      result = mado_hub_client_fetch_bundle (self, op->token, op->consent, op->if_none_match,
                                             cancellable, &error);
      free_func = (GDestroyNotify) mado_hub_bundle_fetch_free;
      break;
    case OP_SUBMIT:
      result = submit_encoded (self, op->record_kind, op->idempotency_key, op->body,
                               cancellable, &error);
      free_func = (GDestroyNotify) mado_hub_record_receipt_free;
      break;
    default:
      g_assert_not_reached ();
    }
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, free_func);
}

static void
start_op (MadoHubClient       *self,
          Op                  *op,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, op_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_op_cb);
}

static gpointer
finish_op (MadoHubClient  *self,
           GAsyncResult   *result,
           gpointer        source_tag,
           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static Op *
op_new (OpKind kind)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  return op;
}

void
mado_hub_client_get_status_async (MadoHubClient       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  start_op (self, op_new (OP_STATUS), mado_hub_client_get_status_async,
            cancellable, callback, user_data);
}

/**
 * mado_hub_client_get_status_finish:
 *
 * Returns: (transfer full) (nullable): as mado_hub_client_get_status()
 */
MadoHubStatus *
mado_hub_client_get_status_finish (MadoHubClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  return finish_op (self, result, mado_hub_client_get_status_async, error);
}

void
mado_hub_client_request_challenge_async (MadoHubClient       *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  start_op (self, op_new (OP_CHALLENGE), mado_hub_client_request_challenge_async,
            cancellable, callback, user_data);
}

/**
 * mado_hub_client_request_challenge_finish:
 *
 * Returns: (transfer full) (nullable): as mado_hub_client_request_challenge()
 */
MadoHubChallenge *
mado_hub_client_request_challenge_finish (MadoHubClient  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  return finish_op (self, result, mado_hub_client_request_challenge_async, error);
}

/**
 * mado_hub_client_verify_async:
 * @request: encoded before this returns; need not outlive the call
 */
void
mado_hub_client_verify_async (MadoHubClient                    *self,
                              const MadoHubVerificationRequest *request,
                              GCancellable                     *cancellable,
                              GAsyncReadyCallback               callback,
                              gpointer                          user_data)
{
  GError *error = NULL;
  Op *op;
  char *body;

  g_return_if_fail (MADO_IS_HUB_CLIENT (self));
  g_return_if_fail (request != NULL);

  body = mado_hub_proof_encode_verification (request, self->institution_code, self->terminal_id, &error);
  if (body == NULL)
    {
      g_task_report_error (self, callback, user_data, mado_hub_client_verify_async, error);
      return;
    }
  op = op_new (OP_VERIFY);
  op->body = body;
  op->consent = request->consent;
  start_op (self, op, mado_hub_client_verify_async, cancellable, callback, user_data);
}

/**
 * mado_hub_client_verify_finish:
 *
 * Returns: (transfer full) (nullable): as mado_hub_client_verify()
 */
MadoHubVerification *
mado_hub_client_verify_finish (MadoHubClient  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return finish_op (self, result, mado_hub_client_verify_async, error);
}

void
mado_hub_client_fetch_bundle_async (MadoHubClient       *self,
                                    const char          *resident_token,
                                    MadoHubConsent       consent,
                                    const char          *if_none_match,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Op *op;

  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  op = op_new (OP_FETCH);
  op->token = g_strdup (resident_token);
  op->consent = consent;
  op->if_none_match = g_strdup (if_none_match);
  start_op (self, op, mado_hub_client_fetch_bundle_async, cancellable, callback, user_data);
}

/**
 * mado_hub_client_fetch_bundle_finish:
 *
 * Returns: (transfer full) (nullable): as mado_hub_client_fetch_bundle()
 */
MadoHubBundleFetch *
mado_hub_client_fetch_bundle_finish (MadoHubClient  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return finish_op (self, result, mado_hub_client_fetch_bundle_async, error);
}

/**
 * mado_hub_client_submit_record_async:
 * @record: encoded before this returns; need not outlive the call
 */
void
mado_hub_client_submit_record_async (MadoHubClient       *self,
                                     MadoHubRecordKind    kind,
                                     const char          *idempotency_key,
                                     JsonObject          *record,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GError *error = NULL;
  Op *op;
  char *body;

  g_return_if_fail (MADO_IS_HUB_CLIENT (self));
  g_return_if_fail (record != NULL);

  body = encode_record (kind, idempotency_key, record, &error);
  if (body == NULL)
    {
      g_task_report_error (self, callback, user_data, mado_hub_client_submit_record_async, error);
      return;
    }
  op = op_new (OP_SUBMIT);
  op->body = body;
  op->record_kind = kind;
  op->idempotency_key = g_strdup (idempotency_key);
  start_op (self, op, mado_hub_client_submit_record_async, cancellable, callback, user_data);
}

/**
 * mado_hub_client_submit_record_finish:
 *
 * Returns: (transfer full) (nullable): as mado_hub_client_submit_record()
 */
MadoHubRecordReceipt *
mado_hub_client_submit_record_finish (MadoHubClient  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return finish_op (self, result, mado_hub_client_submit_record_async, error);
}

void
mado_hub_client_get_last_timing (MadoHubClient *self,
                                 gint64        *out_tls_us,
                                 gint64        *out_total_us)
{
  g_return_if_fail (MADO_IS_HUB_CLIENT (self));

  g_mutex_lock (&self->lock);
  *out_tls_us = self->last_tls_us;
  *out_total_us = self->last_total_us;
  g_mutex_unlock (&self->lock);
}

void
mado_hub_bundle_fetch_free (MadoHubBundleFetch *fetch)
{
  if (fetch == NULL)
    return;
  g_clear_pointer (&fetch->confirmed_at, g_date_time_unref);
  g_free (fetch->etag);
  g_clear_pointer (&fetch->bundle, mado_resident_bundle_free);
  g_free (fetch);
}

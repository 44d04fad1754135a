/* mado-orca-transport.c — one HTTP exchange with ORCA's API (libcurl)
 *
 * ORCA's API takes HTTP Basic authentication with the user and password of
 * an ORCA account. On-premises ORCA answers plain HTTP on its own port (the
 * site configuration must allow that explicitly); WebORCA and a server
 * behind a TLS proxy answer https, verified against the system's CAs or the
 * one CA the configuration pins. No redirects, no proxies from the
 * environment, answers bounded in size.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <curl/curl.h>
#include <glib/gi18n-lib.h>

#include "mado-orca-transport-private.h"
#include "mado-orca-error.h"
#include "mado-orca-response.h"

#define MAX_PASSWORD_BYTES 256
#define CONNECT_TIMEOUT_MS 5000L

struct _MadoOrcaTransport {
  char *base_url;
  char *user;
  char *password;     /* zeroised on free */
  char *ca;           /* nullable */
  long  timeout_ms;
};

typedef struct {
  GByteArray   *body;
  gboolean      too_large;
  GCancellable *cancellable;
} Response;

static gboolean
read_password (const char  *path,
               char       **out,
               GError     **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &text, &length, NULL) || length > MAX_PASSWORD_BYTES ||
      memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_NOT_CONFIGURED,
                   _("The ORCA password file %s cannot be read, or is not one short line."), path);
      if (text != NULL)
        memset (text, 0, length);
      return FALSE;
    }
  /* One line; the newline an editor adds is not part of the password. */
  text[strcspn (text, "\r\n")] = '\0';
  *out = g_strdup (text);
  memset (text, 0, length);
  return TRUE;
}

/**
 * mado_orca_transport_new:
 * @config: a site configuration with an [orca] group
 * @error: %MADO_ORCA_ERROR_NOT_CONFIGURED
 *
 * Returns: (transfer full) (nullable): the transport
 */
MadoOrcaTransport *
mado_orca_transport_new (const MadoSiteConfig  *config,
                         GError               **error)
{
  g_autoptr(MadoOrcaTransport) self = g_new0 (MadoOrcaTransport, 1);

  if (!config->has_orca || config->orca_url == NULL || config->orca_user == NULL ||
      config->orca_password_file == NULL)
    {
      g_set_error_literal (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_NOT_CONFIGURED,
                           _("The site configuration has no [orca] group."));
      return NULL;
    }
  if (!read_password (config->orca_password_file, &self->password, error))
    return NULL;
  self->base_url = g_strdup (config->orca_url);
  self->user = g_strdup (config->orca_user);
  self->ca = g_strdup (config->orca_ca);
  self->timeout_ms = (long) MAX (config->orca_timeout_seconds, 1) * 1000L;
  return g_steal_pointer (&self);
}

void
mado_orca_transport_free (MadoOrcaTransport *self)
{
  if (self == NULL)
    return;
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->base_url);
  g_free (self->user);
  g_free (self->ca);
  g_free (self);
}

static size_t
write_cb (char  *data,
          size_t size,
          size_t count,
          void  *user_data)
{
  Response *r = user_data;
  size_t n = size * count;

  if (n > MADO_ORCA_MAX_RESPONSE_BYTES || r->body->len > MADO_ORCA_MAX_RESPONSE_BYTES - n)
    {
      r->too_large = TRUE;
      return 0;
    }
  g_byte_array_append (r->body, (const guint8 *) data, (guint) n);
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

static gboolean
fail_transfer (CURLcode    code,
               Response   *r,
               GError    **error)
{
  MadoOrcaError kind;

  g_debug ("orca: transfer failed: curl %d (%s)", (int) code, curl_easy_strerror (code));
  if (code == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (r->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The exchange with the receipt computer was cancelled."));
      return FALSE;
    }
  if (r->too_large || code == CURLE_FILESIZE_EXCEEDED)
    kind = MADO_ORCA_ERROR_RESPONSE_TOO_LARGE;
  else if (code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT)
    kind = MADO_ORCA_ERROR_UNREACHABLE;
  else if (code == CURLE_OPERATION_TIMEDOUT)
    kind = MADO_ORCA_ERROR_TIMEOUT;
  else if (code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
           code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM)
    kind = MADO_ORCA_ERROR_TLS_FAILED;
  else
    kind = MADO_ORCA_ERROR_HTTP_ERROR;
  g_set_error (error, MADO_ORCA_ERROR, kind, _("The exchange with the receipt computer failed (%s)."),
               curl_easy_strerror (code));
  return FALSE;
}

static gboolean
setup (MadoOrcaTransport *self,
       CURL              *curl,
       const char        *url,
       Response          *r)
{
  gboolean ok;

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_USERAGENT, "Madoguchi/" PACKAGE_VERSION);
  ok = curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK &&
       curl_easy_setopt (curl, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
       curl_easy_setopt (curl, CURLOPT_PROXY, "") == CURLE_OK &&
       curl_easy_setopt (curl, CURLOPT_NOPROXY, "*") == CURLE_OK &&
       curl_easy_setopt (curl, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2) == CURLE_OK &&
       curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
       curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
       (self->ca == NULL || curl_easy_setopt (curl, CURLOPT_CAINFO, self->ca) == CURLE_OK) &&
       curl_easy_setopt (curl, CURLOPT_HTTPAUTH, (long) CURLAUTH_BASIC) == CURLE_OK &&
       curl_easy_setopt (curl, CURLOPT_USERNAME, self->user) == CURLE_OK &&
       curl_easy_setopt (curl, CURLOPT_PASSWORD, self->password) == CURLE_OK;
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT_MS, MIN (CONNECT_TIMEOUT_MS, self->timeout_ms));
  curl_easy_setopt (curl, CURLOPT_TIMEOUT_MS, self->timeout_ms);
  curl_easy_setopt (curl, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t) MADO_ORCA_MAX_RESPONSE_BYTES);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, r);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, r);
  return ok;
}

static gboolean
check_status (long      status,
              GError  **error)
{
  if (status == 200)
    return TRUE;
  if (status == 401 || status == 403)
    g_set_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_AUTH_FAILED,
                 _("The receipt computer refused the user or password (HTTP %ld)."), status);
  else
    g_set_error (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_HTTP_ERROR,
                 _("The receipt computer answered HTTP %ld."), status);
  return FALSE;
}

/**
 * mado_orca_transport_call:
 * @self: the transport
 * @path: the API path with its query, e.g. `/orca12/patientmodv32?format=json`
 * @body: (nullable): a JSON body to POST; %NULL for a GET
 * @cancellable: (nullable): aborts the transfer
 * @error: a #MadoOrcaError
 *
 * Returns: (transfer full) (nullable): the body of a 200 answer, at most
 *   %MADO_ORCA_MAX_RESPONSE_BYTES
 */
GBytes *
mado_orca_transport_call (MadoOrcaTransport  *self,
                          const char         *path,
                          const char         *body,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  Response r = { bytes, FALSE, cancellable };
  struct curl_slist *headers = NULL;
  CURL *curl = curl_easy_init ();
  CURLcode code;
  long status = 0;

  if (curl == NULL || !setup (self, curl, url, &r))
    {
      if (curl != NULL)
        curl_easy_cleanup (curl);
      g_set_error_literal (error, MADO_ORCA_ERROR, MADO_ORCA_ERROR_TLS_FAILED,
                           _("This system’s libcurl cannot make the connection to the receipt computer."));
      return NULL;
    }
  headers = curl_slist_append (headers, "Accept: application/json");
  headers = curl_slist_append (headers, "Expect:");
  if (body != NULL)
    {
      headers = curl_slist_append (headers, "Content-Type: application/json; charset=UTF-8");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, body);
    }
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  code = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup (curl);
  curl_slist_free_all (headers);
  if (code != CURLE_OK)
    return fail_transfer (code, &r, error), NULL;
  if (!check_status (status, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* mado-training-faults.c — the training hub's injected faults: the X-Training-Fault header (only with --enable-faults)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-training-hub-private.h"

#define MAX_OVERSIZE_BYTES (64 * 1024 * 1024)

typedef enum {
  FAULT_NONE,
  FAULT_DELAY,
  FAULT_STATUS,
  FAULT_TRUNCATE,
  FAULT_DROP,
  FAULT_OVERSIZE,
  FAULT_DRIP,
  FAULT_FOREIGN_RESIDENT,
  FAULT_OLDER_BUNDLE,
  FAULT_OFFSET_TIMES,
  FAULT_CONTROL_CHARACTERS,
  FAULT_DUPLICATE_KEY,
  FAULT_BATCH,
} FaultKind;

/* The faults that serve the request and then rewrite the bundle it answers. */
static const struct {
  const char *name;
  FaultKind   kind;
} bundle_faults[] = {
  { "foreign-resident", FAULT_FOREIGN_RESIDENT },
  { "older-bundle", FAULT_OLDER_BUNDLE },
  { "offset-times", FAULT_OFFSET_TIMES },
  { "control-characters", FAULT_CONTROL_CHARACTERS },
  { "duplicate-key", FAULT_DUPLICATE_KEY },
};

typedef struct {
  MadoTrainingHub *hub;
  SoupServerMessage *msg;
  char *path;
  GHashTable *query;
} Delayed;

static void
delayed_free (Delayed *delayed)
{
  g_object_unref (delayed->hub);
  g_object_unref (delayed->msg);
  g_free (delayed->path);
  g_clear_pointer (&delayed->query, g_hash_table_unref);
  g_free (delayed);
}

static gboolean
delayed_dispatch_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  mado_training_endpoints_dispatch (delayed->hub, delayed->msg, delayed->path, delayed->query);
  soup_server_message_unpause (delayed->msg);
  return G_SOURCE_REMOVE;
}

static void
dispatch_later (MadoTrainingHub   *self,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                guint              delay_ms)
{
  Delayed *delayed = g_new0 (Delayed, 1);

  delayed->hub = g_object_ref (self);
  delayed->msg = g_object_ref (msg);
  delayed->path = g_strdup (path);
  delayed->query = query ? g_hash_table_ref (query) : NULL;
  soup_server_message_pause (msg);
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, delayed_dispatch_cb,
                      delayed, (GDestroyNotify) delayed_free);
}

static FaultKind
parse_fault (const char *text,
             guint64    *out_arg)
{
  const char *eq = strchr (text, '=');
  char *end = NULL;

  *out_arg = 0;
  if (g_str_equal (text, "truncate"))
    return FAULT_TRUNCATE;
  if (g_str_equal (text, "drop"))
    return FAULT_DROP;
  for (guint i = 0; i < G_N_ELEMENTS (bundle_faults); i++)
    if (g_str_equal (text, bundle_faults[i].name))
      return bundle_faults[i].kind;
  if (mado_training_records_is_batch_fault (text))
    return FAULT_BATCH;
  if (eq == NULL || eq[1] == '\0')
    return FAULT_NONE;
  *out_arg = g_ascii_strtoull (eq + 1, &end, 10);
  if (*end != '\0')
    return FAULT_NONE;
  if (g_str_has_prefix (text, "delay=") && *out_arg <= 120000)
    return FAULT_DELAY;
  if (g_str_has_prefix (text, "status=") && *out_arg >= 400 && *out_arg <= 599)
    return FAULT_STATUS;
  if (g_str_has_prefix (text, "oversize=") && *out_arg >= 16 && *out_arg <= MAX_OVERSIZE_BYTES)
    return FAULT_OVERSIZE;
  if (g_str_has_prefix (text, "drip=") && *out_arg >= 1 && *out_arg <= 60000)
    return FAULT_DRIP;
  return FAULT_NONE;
}

static void
respond_status_fault (SoupServerMessage *msg,
                      guint              status)
{
  switch (status)
    {
    case 429:
      mado_training_problem_respond (msg, MADO_PROBLEM_RATE_LIMITED, 0, "injected fault");
      break;
    case SOUP_STATUS_SERVICE_UNAVAILABLE:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      mado_training_problem_respond (msg, MADO_PROBLEM_INTERNAL, status, "injected fault");
      break;
    default:
      mado_training_problem_respond (msg, MADO_PROBLEM_INTERNAL, status, "injected fault");
      break;
    }
}

/* `{"status":"ok","padding":"xxx…"}`, exactly @size bytes: well-formed, so
 * only the client's size limit can stop it. */
static void
respond_oversize (SoupServerMessage *msg,
                  gsize              size)
{
  static const char head[] = "{\"status\":\"ok\",\"padding\":\"";
  static const char tail[] = "\"}";
  gsize head_len = strlen (head), tail_len = strlen (tail);
  char *body = g_malloc (size);

  memcpy (body, head, head_len);
  memset (body + head_len, 'x', size - head_len - tail_len);
  memcpy (body + size - tail_len, tail, tail_len);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, size);
}

/* The answer the request earned, cut short: Content-Length promises the
 * whole body, half of it is sent, then the connection closes. */
static void
send_truncated (SoupServerMessage *msg)
{
  guint status = soup_server_message_get_status (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_response_headers (msg), NULL);
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  gsize body_len = 0;
  const char *data = g_bytes_get_data (body, &body_len);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: %s\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "Connection: close\r\n\r\n",
                                           status, soup_status_get_phrase (status),
                                           type ? type : "application/json",
                                           body_len + 64);
  GOutputStream *out;

  if (stream == NULL)
    return;
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  if (body_len > 0)
    g_output_stream_write_all (out, data, body_len / 2, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* -- dripping: the whole answer, one byte per interval ---------------------------- */

typedef struct {
  GIOStream *stream;
  GBytes    *answer;
  gsize      sent;
} Drip;

static void
drip_free (Drip *drip)
{
  g_io_stream_close (drip->stream, NULL, NULL);
  g_object_unref (drip->stream);
  g_bytes_unref (drip->answer);
  g_free (drip);
}

static gboolean
drip_cb (gpointer user_data)
{
  Drip *drip = user_data;
  gsize length;
  const char *data = g_bytes_get_data (drip->answer, &length);
  GOutputStream *out = g_io_stream_get_output_stream (drip->stream);

  if (drip->sent >= length ||
      !g_output_stream_write_all (out, data + drip->sent, 1, NULL, NULL, NULL) ||
      !g_output_stream_flush (out, NULL, NULL))
    return G_SOURCE_REMOVE;
  drip->sent++;
  return G_SOURCE_CONTINUE;
}

/* Sends the served answer one byte every @interval_ms: a hub (or a path to
 * it) that is alive but slower than any deadline should allow. */
static void
send_dripping (SoupServerMessage *msg,
               guint              interval_ms)
{
  guint status = soup_server_message_get_status (msg);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  const char *type = soup_message_headers_get_content_type (soup_server_message_get_response_headers (msg), NULL);
  GString *answer = g_string_new (NULL);
  Drip *drip;

  g_string_append_printf (answer, "HTTP/1.1 %u %s\r\nContent-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                          status, soup_status_get_phrase (status),
                          type ? type : "application/json", g_bytes_get_size (body));
  g_string_append_len (answer, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body));
  drip = g_new0 (Drip, 1);
  drip->answer = g_string_free_to_bytes (answer);
  drip->stream = soup_server_message_steal_connection (msg);
  if (drip->stream == NULL)
    {
      g_bytes_unref (drip->answer);
      g_free (drip);
      return;
    }
  g_timeout_add_full (G_PRIORITY_DEFAULT, interval_ms, drip_cb, drip, (GDestroyNotify) drip_free);
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/**
 * mado_training_faults_apply:
 * @self: the hub
 * @msg: a request
 * @path: its path
 * @query: (nullable): its query
 *
 * Serves the fault the request's X-Training-Fault header asks for, when
 * the hub was started with faults enabled.
 *
 * Returns: %TRUE when the fault took over the request
 */
gboolean
mado_training_faults_apply (MadoTrainingHub   *self,
                            SoupServerMessage *msg,
                            const char        *path,
                            GHashTable        *query)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "X-Training-Fault");
  guint64 arg = 0;
  FaultKind kind;

  if (header == NULL)
    header = self->standing_fault;
  if (header == NULL)
    return FALSE;
  if (!self->faults)
    {
      g_debug ("ignoring X-Training-Fault: faults are not enabled");
      return FALSE;
    }
  kind = parse_fault (header, &arg);
  g_debug ("fault %s on %s", header, path);
  switch (kind)
    {
    case FAULT_DELAY:
      dispatch_later (self, msg, path, query, (guint) arg);
      return TRUE;
    case FAULT_STATUS:
      respond_status_fault (msg, (guint) arg);
      return TRUE;
    case FAULT_OVERSIZE:
      respond_oversize (msg, (gsize) arg);
      return TRUE;
    /* The request is served first, so that its effects happen: this is the
     * answer lost on the way back, which idempotency keys are for. */
    case FAULT_TRUNCATE:
      mado_training_endpoints_dispatch (self, msg, path, query);
      send_truncated (msg);
      return TRUE;
    case FAULT_DROP:
      mado_training_endpoints_dispatch (self, msg, path, query);
      drop_connection (msg);
      return TRUE;
    case FAULT_DRIP:
      mado_training_endpoints_dispatch (self, msg, path, query);
      send_dripping (msg, (guint) arg);
      return TRUE;
    case FAULT_FOREIGN_RESIDENT:
    case FAULT_OLDER_BUNDLE:
    case FAULT_OFFSET_TIMES:
    case FAULT_CONTROL_CHARACTERS:
    case FAULT_DUPLICATE_KEY:
      mado_training_endpoints_dispatch (self, msg, path, query);
      if (g_str_equal (path, "/v1/verifications") || g_str_has_prefix (path, "/v1/bundles/"))
        mado_training_bundle_faults_apply (msg, header);
      return TRUE;
    /* The batch endpoint serves these itself (mado-training-records.c). */
    case FAULT_BATCH:
      return FALSE;
    case FAULT_NONE:
    default:
      mado_training_problem_respond (msg, MADO_PROBLEM_BAD_REQUEST, 0,
                                     "X-Training-Fault must be delay=MS, status=CODE, truncate, drop, "
                                     "oversize=BYTES, drip=MS, foreign-resident, older-bundle, "
                                     "offset-times, control-characters, duplicate-key or a "
                                     "batch-… fault");
      return TRUE;
    }
}

/* bench-hub-verify.c — training hub identity verifications per second: 1, 10 and 50 terminals, kept vs new connections
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each simulated terminal is a thread with its own libcurl handle and its
 * own TLS session cache, configured as the product's transport
 * (src/core/hub/mado-hub-transport.c) is: mutual TLS to the configured CA,
 * TLS 1.2 or newer, the terminal's key and certificate loaded once and
 * installed on each connection by the product's own
 * mado-hub-tls-identity.c, which also holds the TLS sessions. One round is POST /v1/challenges, a signature by the
 * card's key (as the card would make it), POST /v1/verifications.
 *
 * "kept": the terminal keeps its connection from one request to the next,
 * as the product's client does. "new": every request opens a new
 * connection (the terminal may still resume its TLS session, when the hub
 * offers that). Both columns come from the same run, side by side, with the
 * load average before each cell: the machine is shared, so a figure means
 * little without it. The hub's own CPU time per verification (from
 * /proc/PID/stat) is printed too: it is what the hub costs, whatever else
 * the machine is doing; the terminals' threads run on the same two cores,
 * and their CPU time per verification is printed beside it: together they
 * bound what two cores can do (2000 ms / (hub-ms + term-ms) per second).
 *
 *   bench-hub-verify HUB-BINARY [SECONDS-PER-CELL=5] [TERMINALS=1,10,50]
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "hub/mado-hub-tls-identity-private.h"
#include "hub-test-util.h"
#include "mado-test-util.h"

#define INSTITUTION "1312345678"
#define TERMINAL "desk-1"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_MD_CTX, EVP_MD_CTX_free)

typedef struct {
  HubProcess *hub;
  gboolean kept;
  gint64 deadline;
  GBytes *card_key_pem;
  char *card_certificate_b64;
  GMutex lock;
  GArray *round_ms;     /* double, of every completed round */
  guint failures;
  guint connects;       /* new connections the terminals opened */
  guint full;           /* of them, full handshakes: the hub sent its certificate */
  char *first_failure;  /* (nullable) */
} Cell;

typedef struct {
  CURL *curl;
  MadoHubTlsIdentity *identity;  /* with the terminal's own TLS session cache */
  char *ca;
  GByteArray *body;
  struct curl_slist *headers;
  EVP_PKEY *card_key;
  char *challenge_url;
  char *verification_url;
  guint connects;
  guint full;
} Terminal;

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  g_byte_array_append (user_data, (const guint8 *) data, size * nmemb);
  return size * nmemb;
}

static void
terminal_init (Terminal   *t,
               const Cell *cell)
{
  gsize len = 0;
  const char *pem = g_bytes_get_data (cell->card_key_pem, &len);
  g_autoptr(BIO) bio = BIO_new_mem_buf (pem, (int) len);

  g_autofree char *cert = hub_test_pki_path ("terminals/" TERMINAL ".pem");
  g_autofree char *key = hub_test_pki_path ("terminals/" TERMINAL ".key");

  t->identity = mado_hub_tls_identity_new (cert, key);
  t->ca = hub_test_pki_path ("hub/hub-ca.pem");
  t->curl = curl_easy_init ();
  t->body = g_byte_array_new ();
  t->headers = curl_slist_append (NULL, "Content-Type: application/json");
  t->headers = curl_slist_append (t->headers, "Expect:");
  t->card_key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  g_assert_nonnull (t->card_key);
  t->challenge_url = g_strdup_printf ("https://127.0.0.1:%u/v1/challenges", cell->hub->port);
  t->verification_url = g_strdup_printf ("https://127.0.0.1:%u/v1/verifications", cell->hub->port);
}

static void
terminal_clear (Terminal *t)
{
  curl_easy_cleanup (t->curl);
  mado_hub_tls_identity_free (t->identity);
  g_free (t->ca);
  g_byte_array_unref (t->body);
  curl_slist_free_all (t->headers);
  EVP_PKEY_free (t->card_key);
  g_free (t->challenge_url);
  g_free (t->verification_url);
}

/* Counts full handshakes: the hub sends its certificate only in those. */
static void
tls_message_cb (int         write_p,
                int         version,
                int         content_type,
                const void *buf,
                size_t      len,
                SSL        *ssl,
                void       *arg)
{
  Terminal *t = arg;

  if (!write_p && content_type == SSL3_RT_HANDSHAKE && len > 0 &&
      ((const guchar *) buf)[0] == SSL3_MT_CERTIFICATE)
    t->full++;
}

/* As the product's transport: the key and certificate loaded once. */
static CURLcode
ssl_ctx_cb (CURL *curl,
            void *ssl_ctx,
            void *user_data)
{
  Terminal *t = user_data;

  SSL_CTX_set_msg_callback (ssl_ctx, tls_message_cb);
  SSL_CTX_set_msg_callback_arg (ssl_ctx, t);
  return mado_hub_tls_identity_install (t->identity, ssl_ctx) ? CURLE_OK : CURLE_SSL_CERTPROBLEM;
}

/* Options as the product's transport sets them; "new" forbids reuse. */
static long
terminal_post (Terminal   *t,
               const Cell *cell,
               const char *url,
               const char *body)
{
  g_autoptr(GError) error = NULL;
  CURLSH *share = NULL;
  long status = 0, connects = 0;

  if (mado_hub_tls_identity_refresh (t->identity, &share, &error) == 0)
    g_error ("the terminal's certificate: %s", error->message);
  curl_easy_reset (t->curl);
  g_byte_array_set_size (t->body, 0);
  curl_easy_setopt (t->curl, CURLOPT_URL, url);
  curl_easy_setopt (t->curl, CURLOPT_SHARE, share);
  curl_easy_setopt (t->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (t->curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt (t->curl, CURLOPT_SSLVERSION, (long) CURL_SSLVERSION_TLSv1_2);
  curl_easy_setopt (t->curl, CURLOPT_CAINFO, t->ca);
  curl_easy_setopt (t->curl, CURLOPT_CAPATH, NULL);
  curl_easy_setopt (t->curl, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb);
  curl_easy_setopt (t->curl, CURLOPT_SSL_CTX_DATA, t);
  curl_easy_setopt (t->curl, CURLOPT_MAXCONNECTS, 1L);
  curl_easy_setopt (t->curl, CURLOPT_FRESH_CONNECT, cell->kept ? 0L : 1L);
  curl_easy_setopt (t->curl, CURLOPT_FORBID_REUSE, cell->kept ? 0L : 1L);
  curl_easy_setopt (t->curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (t->curl, CURLOPT_WRITEDATA, t->body);
  curl_easy_setopt (t->curl, CURLOPT_HTTPHEADER, t->headers);
  curl_easy_setopt (t->curl, CURLOPT_POST, 1L);
  curl_easy_setopt (t->curl, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt (t->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) strlen (body));
  if (curl_easy_perform (t->curl) != CURLE_OK)
    return 0;
  curl_easy_getinfo (t->curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo (t->curl, CURLINFO_NUM_CONNECTS, &connects);
  t->connects += (guint) connects;
  return status;
}

/* What the card does: RSA PKCS#1 v1.5 over the SHA-256 DigestInfo. */
static char *
card_sign (EVP_PKEY *key,
           GBytes   *data)
{
  g_autoptr(EVP_MD_CTX) md = EVP_MD_CTX_new ();
  guchar sig[512];
  size_t sig_len = sizeof sig;
  gsize len = 0;
  const guchar *bytes = g_bytes_get_data (data, &len);

  if (EVP_DigestSignInit (md, NULL, EVP_sha256 (), NULL, key) != 1
      || EVP_DigestSign (md, sig, &sig_len, bytes, len) != 1)
    return NULL;
  return g_base64_encode (sig, sig_len);
}

static char *
verification_body (const Cell *cell,
                   const char *challenge,
                   const char *signature)
{
  return g_strdup_printf ("{\"challenge\":\"%s\",\"certificate\":\"%s\",\"signature\":\"%s\","
                          "\"identity\":{\"method\":\"pin\"},"
                          "\"consent\":[\"subsidy\",\"vaccination\",\"maternalChild\"],"
                          "\"institutionCode\":\"" INSTITUTION "\",\"terminalId\":\"" TERMINAL "\"}",
                          challenge, cell->card_certificate_b64, signature);
}

static char *
parse_challenge (GByteArray *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, (const char *) body->data, body->len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "challenge", NULL));
}

/* One round; returns NULL or why it failed. */
static char *
terminal_round (Terminal   *t,
                const Cell *cell)
{
  g_autofree char *challenge = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GBytes) data = NULL;
  long status;

  status = terminal_post (t, cell, t->challenge_url, "");
  if (status != 201 || (challenge = parse_challenge (t->body)) == NULL)
    return g_strdup_printf ("POST /v1/challenges: HTTP %ld", status);
  data = hub_test_signed_bytes (challenge, INSTITUTION, TERMINAL, TRUE);
  signature = card_sign (t->card_key, data);
  if (signature == NULL)
    return g_strdup ("the card key did not sign");
  body = verification_body (cell, challenge, signature);
  status = terminal_post (t, cell, t->verification_url, body);
  if (status != 200)
    return g_strdup_printf ("POST /v1/verifications: HTTP %ld", status);
  return NULL;
}

static gpointer
terminal_thread (gpointer user_data)
{
  Cell *cell = user_data;
  g_autoptr(GArray) round_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *first_failure = NULL;
  guint failures = 0;
  Terminal t = { 0, };

  terminal_init (&t, cell);
  while (g_get_monotonic_time () < cell->deadline)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *failure = terminal_round (&t, cell);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      if (failure != NULL)
        {
          failures++;
          if (first_failure == NULL)
            first_failure = g_steal_pointer (&failure);
          continue;
        }
      g_array_append_val (round_ms, ms);
    }
  terminal_clear (&t);

  g_mutex_lock (&cell->lock);
  cell->connects += t.connects;
  cell->full += t.full;
  g_array_append_vals (cell->round_ms, round_ms->data, round_ms->len);
  cell->failures += failures;
  if (cell->first_failure == NULL)
    cell->first_failure = g_steal_pointer (&first_failure);
  g_mutex_unlock (&cell->lock);
  return NULL;
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, mado_test_compare_doubles);
  return g_array_index (values, double, (guint) (p * (values->len - 1)));
}

typedef struct {
  double per_second;
  double hub_cpu_ms;    /* hub CPU time per verification */
  double term_cpu_ms;   /* the terminals' (this process's) CPU time per verification */
  double median_ms;
  double p95_ms;
  double connects;      /* new connections per verification */
  double full;          /* of them, the share with a full handshake */
  char *load;
} Figures;

static gboolean
run_cell (Cell    *cell,
          guint    terminals,
          guint    seconds,
          Figures *figures)
{
  const char *pid = g_subprocess_get_identifier (cell->hub->process);
  g_autofree char *own_pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  double cpu_before = mado_test_process_cpu_seconds (pid);
  double term_cpu_before = mado_test_process_cpu_seconds (own_pid);
  gint64 started;
  double elapsed;

  figures->load = mado_test_load_average ();
  cell->round_ms = g_array_new (FALSE, FALSE, sizeof (double));
  cell->failures = 0;
  cell->connects = 0;
  cell->full = 0;
  started = g_get_monotonic_time ();
  cell->deadline = started + (gint64) seconds * G_USEC_PER_SEC;
  for (guint i = 0; i < terminals; i++)
    g_ptr_array_add (threads, g_thread_new ("terminal", terminal_thread, cell));
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  elapsed = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;

  figures->per_second = cell->round_ms->len / elapsed;
  figures->hub_cpu_ms = cell->round_ms->len > 0
                        ? (mado_test_process_cpu_seconds (pid) - cpu_before) * 1000.0 / cell->round_ms->len : 0;
  figures->term_cpu_ms = cell->round_ms->len > 0
                         ? (mado_test_process_cpu_seconds (own_pid) - term_cpu_before) * 1000.0 / cell->round_ms->len : 0;
  figures->connects = cell->round_ms->len > 0 ? cell->connects / (double) cell->round_ms->len : 0;
  figures->full = cell->connects > 0 ? cell->full / (double) cell->connects : 0;
  figures->median_ms = percentile (cell->round_ms, 0.5);
  figures->p95_ms = percentile (cell->round_ms, 0.95);
  g_clear_pointer (&cell->round_ms, g_array_unref);
  if (cell->failures > 0)
    {
      fprintf (stderr, "%u terminals, %s connections: %u failed rounds, the first: %s\n", terminals,
               cell->kept ? "kept" : "new", cell->failures, cell->first_failure);
      g_clear_pointer (&cell->first_failure, g_free);
      return FALSE;
    }
  return TRUE;
}

static void
print_row (guint          terminals,
           const Figures *kept,
           const Figures *fresh)
{
  printf ("%9u | %8.1f %6.2f %7.2f %5.2f %6.1f %6.1f | %8.1f %6.2f %7.2f %5.2f %4.2f %6.1f %6.1f | %s / %s\n",
          terminals,
          kept->per_second, kept->hub_cpu_ms, kept->term_cpu_ms, kept->connects, kept->median_ms, kept->p95_ms,
          fresh->per_second, fresh->hub_cpu_ms, fresh->term_cpu_ms, fresh->connects, fresh->full,
          fresh->median_ms, fresh->p95_ms, kept->load, fresh->load);
}

static void
cell_init (Cell *cell)
{
  g_autofree char *key_path = g_strdup_printf ("%s/cards/infant.key.pem", hub_test_pki ());
  g_autofree char *pem = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (key_path, &pem, &len, NULL));
  cell->card_key_pem = g_bytes_new_take (g_steal_pointer (&pem), len);
  cell->card_certificate_b64 = hub_test_certificate_b64 ("infant");
  g_mutex_init (&cell->lock);
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { NULL };
  guint seconds = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 5;
  g_auto(GStrv) counts = g_strsplit (argc > 3 ? argv[3] : "1,10,50", ",", 0);
  Cell cell = { 0, };
  gboolean ok = TRUE;

  if (argc < 2 || g_getenv ("MADOGUCHI_TEST_PKI") == NULL || seconds == 0)
    {
      fprintf (stderr, "usage: MADOGUCHI_TEST_PKI=DIR MADOGUCHI_SOURCE_ROOT=DIR %s HUB-BINARY "
                       "[SECONDS-PER-CELL] [TERMINALS,…]\n", argv[0]);
      return 2;
    }
  curl_global_init (CURL_GLOBAL_DEFAULT);
  cell_init (&cell);
  cell.hub = hub_process_start (argv[1], args);

  printf ("verifications/s on %ld cores, %u s per cell; hub-ms: the hub's CPU time per verification;\n"
          "term-ms: the terminals' CPU time per verification (card signature, libcurl, TLS), on the\n"
          "same cores; conn: connections opened per verification; full: the share of those with a full\n"
          "TLS handshake (not a resumed session); round: challenge + card signature +\n"
          "verification, median and p95 in ms; load: /proc/loadavg before the cell\n",
          sysconf (_SC_NPROCESSORS_ONLN), seconds);
  printf ("terminals |     kept hub-ms term-ms  conn median    p95 |      new hub-ms term-ms  conn full median    p95 | load (kept / new)\n");
  for (guint i = 0; counts[i] != NULL; i++)
    {
      guint terminals = (guint) g_ascii_strtoull (counts[i], NULL, 10);
      Figures kept = { 0, }, fresh = { 0, };

      cell.kept = TRUE;
      ok &= run_cell (&cell, terminals, seconds, &kept);
      cell.kept = FALSE;
      ok &= run_cell (&cell, terminals, seconds, &fresh);
      print_row (terminals, &kept, &fresh);
      fflush (stdout);
      g_free (kept.load);
      g_free (fresh.load);
    }

  hub_process_stop (cell.hub);
  g_bytes_unref (cell.card_key_pem);
  g_free (cell.card_certificate_b64);
  g_mutex_clear (&cell.lock);
  curl_global_cleanup ();
  return ok ? 0 : 1;
}

/* hub-test-util.c — start the training hub on loopback and talk to it over mutual TLS (libcurl)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "hub-test-util.h"

const char *
hub_test_pki (void)
{
  return g_getenv ("MADOGUCHI_TEST_PKI");
}

char *
hub_test_pki_path (const char *relative)
{
  return g_build_filename (hub_test_pki (), relative, NULL);
}

/**
 * hub_test_write_site_config:
 * @port: the training hub's port
 * @dir: where to write `site.conf` and keep the cache
 *
 * Writes the test PKI's desk-1 site configuration pointed at the hub on
 * @port, with a cache (`cache.db`, `cache.key`) of its own in @dir.
 *
 * Returns: (transfer full): the configuration's path
 */
char *
hub_test_write_site_config (guint       port,
                            const char *dir)
{
  g_autofree char *template_path = hub_test_pki_path ("site-desk-1.conf");
  g_autofree char *text = NULL;
  char *path = g_build_filename (dir, "site.conf", NULL);
  g_autofree char *port_text = g_strdup_printf ("%u", port);
  g_autoptr(GKeyFile) site = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) replaced = NULL;
  g_autofree char *db = g_build_filename (dir, "cache.db", NULL);
  g_autofree char *key = g_build_filename (dir, "cache.key", NULL);

  g_file_get_contents (template_path, &text, NULL, &error);
  g_assert_no_error (error);
  replaced = g_string_new (text);
  g_string_replace (replaced, "@PORT@", port_text, 0);
  g_key_file_load_from_data (site, replaced->str, replaced->len, G_KEY_FILE_KEEP_COMMENTS, &error);
  g_assert_no_error (error);
  g_key_file_set_string (site, "cache", "database", db);
  g_key_file_set_string (site, "cache", "key-file", key);
  g_key_file_save_to_file (site, path, &error);
  g_assert_no_error (error);
  return path;
}

/* A test that aborts must not leave its hub behind. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

HubProcess *
hub_process_start (const char        *hub_binary,
                   const char *const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *asan_options = NULL;
  g_autofree char *line = NULL;
  HubProcess *hub = g_new0 (HubProcess, 1);
  const char *colon;

  g_ptr_array_add (argv, g_strdup (hub_binary));
  g_ptr_array_add (argv, g_strdup ("--listen=127.0.0.1:0"));
  g_ptr_array_add (argv, g_strdup_printf ("--server-cert=%s/hub/server.pem", hub_test_pki ()));
  g_ptr_array_add (argv, g_strdup_printf ("--server-key=%s/hub/server.key", hub_test_pki ()));
  g_ptr_array_add (argv, g_strdup_printf ("--terminal-ca=%s/terminals/terminal-ca.pem", hub_test_pki ()));
  g_ptr_array_add (argv, g_strdup_printf ("--trust-anchors=%s/anchors.pem", hub_test_pki ()));
  g_ptr_array_add (argv, g_strdup_printf ("--crl=%s/crl.pem", hub_test_pki ()));
  g_ptr_array_add (argv, g_strdup_printf ("--fixtures=%s/data/training-hub/fixtures.json",
                                          g_getenv ("MADOGUCHI_SOURCE_ROOT")));
  for (guint i = 0; extra_args && extra_args[i]; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* GCC 12's LeakSanitizer crashes ("Tracer caught signal 11") walking the
   * dynamic TLS of the dlopen()ed GnuTLS GIO module on Debian 12's glibc;
   * without __tls_get_addr interception it checks the hub for leaks fine. */
  asan_options = g_strdup_printf ("%s%sintercept_tls_get_addr=0",
                                  g_getenv ("ASAN_OPTIONS") ? g_getenv ("ASAN_OPTIONS") : "",
                                  g_getenv ("ASAN_OPTIONS") ? ":" : "");
  g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", asan_options, TRUE);
  hub->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (hub->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on https://127.0.0.1:"));
  colon = strrchr (line, ':');
  hub->port = (guint) g_ascii_strtoull (colon + 1, NULL, 10);
  g_assert_cmpuint (hub->port, >, 0);
  return hub;
}

/* The hub must exit cleanly on SIGTERM: under the sanitiser build a leak
 * makes that exit status non-zero. */
void
hub_process_stop (HubProcess *hub)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (hub->process, SIGTERM);
  g_subprocess_wait (hub->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (hub->process));
  g_assert_cmpint (g_subprocess_get_exit_status (hub->process), ==, 0);
  g_object_unref (hub->process);
  g_free (hub);
}

static size_t
write_cb (char   *data,
          size_t  size,
          size_t  nmemb,
          void   *user_data)
{
  g_byte_array_append (user_data, (const guint8 *) data, size * nmemb);
  return size * nmemb;
}

static size_t
header_cb (char   *data,
           size_t  size,
           size_t  nmemb,
           void   *user_data)
{
  g_autofree char *line = g_strndup (data, size * nmemb);
  char *colon = strchr (line, ':');

  if (colon != NULL)
    {
      *colon = '\0';
      g_hash_table_replace (user_data, g_ascii_strdown (g_strstrip (line), -1),
                            g_strdup (g_strstrip (colon + 1)));
    }
  return size * nmemb;
}

HubResponse *
hub_request (HubProcess              *hub,
             const char              *method,
             const char              *path,
             const HubRequestOptions *options)
{
  static const HubRequestOptions defaults = { "desk-1", NULL, NULL, 0, 0 };
  HubResponse *response = g_new0 (HubResponse, 1);
  g_autofree char *url = g_strdup_printf ("https://127.0.0.1:%u%s", hub->port, path);
  g_autofree char *ca = hub_test_pki_path ("hub/hub-ca.pem");
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  struct curl_slist *headers = NULL;
  CURL *curl = curl_easy_init ();

  if (options == NULL)
    options = &defaults;
  response->body = g_byte_array_new ();
  response->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt (curl, CURLOPT_CAINFO, ca);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, response->body);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, header_cb);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, response->headers);
  if (options->terminal != NULL)
    {
      cert = g_strdup_printf ("%s/terminals/%s.pem", hub_test_pki (), options->terminal);
      key = g_strdup_printf ("%s/terminals/%s.key", hub_test_pki (), options->terminal);
      curl_easy_setopt (curl, CURLOPT_SSLCERT, cert);
      curl_easy_setopt (curl, CURLOPT_SSLKEY, key);
    }
  if (options->tls_max != 0)
    {
      curl_easy_setopt (curl, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_0 | options->tls_max);
      curl_easy_setopt (curl, CURLOPT_SSL_CIPHER_LIST, "DEFAULT:@SECLEVEL=0");
    }
  if (options->body != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, options->body);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE,
                        (curl_off_t) (options->body_len ? options->body_len : strlen (options->body)));
      headers = curl_slist_append (headers, "Content-Type: application/json");
    }
  else if (g_str_equal (method, "POST"))
    curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, 0L);
  headers = curl_slist_append (headers, "Expect:");
  for (guint i = 0; options->headers && options->headers[i]; i++)
    headers = curl_slist_append (headers, options->headers[i]);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  response->rc = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response->status);
  curl_easy_getinfo (curl, CURLINFO_TOTAL_TIME, &response->seconds);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  if (response->body->len > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, (const char *) response->body->data,
                                      response->body->len, NULL))
        response->json = json_node_copy (json_parser_get_root (parser));
    }
  if (g_test_initialized ())
    g_test_message ("%s %s -> curl %d, HTTP %ld, %u bytes", method, path, response->rc,
                    response->status, response->body->len);
  return response;
}

void
hub_response_free (HubResponse *response)
{
  g_byte_array_unref (response->body);
  g_hash_table_unref (response->headers);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

JsonObject *
hub_response_object (HubResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));
  return json_node_get_object (response->json);
}

/* The slug after /problems/, checked against the content type too. */
const char *
hub_response_problem (HubResponse *response)
{
  JsonObject *object;
  const char *type;

  g_assert_cmpstr (g_hash_table_lookup (response->headers, "content-type"), ==,
                   "application/problem+json");
  object = hub_response_object (response);
  type = json_object_get_string_member (object, "type");
  g_assert_true (g_str_has_prefix (type, "https://madoguchi.invalid/problems/"));
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, response->status);
  return type + strlen ("https://madoguchi.invalid/problems/");
}

char *
hub_new_challenge (HubProcess *hub,
                   const char *terminal)
{
  HubRequestOptions options = { terminal, NULL, NULL, 0, 0 };
  g_autoptr(HubResponse) response = hub_request (hub, "POST", "/v1/challenges", &options);

  g_assert_cmpint (response->rc, ==, CURLE_OK);
  g_assert_cmpint (response->status, ==, 201);
  return g_strdup (json_object_get_string_member (hub_response_object (response), "challenge"));
}

/* Written from docs/hub-api.md, independently of the hub's own code. */
GBytes *
hub_test_signed_bytes (const char *challenge_b64url,
                       const char *institution_code,
                       const char *terminal_id,
                       gboolean    with_zero_byte)
{
  g_autofree char *std = g_strdup (challenge_b64url);
  g_autoptr(GString) padded = NULL;
  g_autofree guchar *raw = NULL;
  gsize raw_len = 0;
  GByteArray *out = g_byte_array_new ();
  guint8 len = (guint8) strlen (terminal_id);

  g_strdelimit (std, "-", '+');
  g_strdelimit (std, "_", '/');
  padded = g_string_new (std);
  while (padded->len % 4)
    g_string_append_c (padded, '=');
  raw = g_base64_decode (padded->str, &raw_len);
  g_assert_cmpuint (raw_len, ==, 32);

  g_byte_array_append (out, (const guint8 *) "MADOGUCHI-HUB-V1-IDENTITY", 25);
  if (with_zero_byte)
    g_byte_array_append (out, (const guint8 *) "", 1);
  g_byte_array_append (out, raw, raw_len);
  g_byte_array_append (out, (const guint8 *) institution_code, 10);
  g_byte_array_append (out, &len, 1);
  g_byte_array_append (out, (const guint8 *) terminal_id, len);
  return g_byte_array_free_to_bytes (out);
}

/* What the card does: RSA PKCS#1 v1.5 over the SHA-256 DigestInfo. */
char *
hub_test_sign (const char *card,
               GBytes     *data)
{
  g_autofree char *path = g_strdup_printf ("%s/cards/%s.key.pem", hub_test_pki (), card);
  FILE *file = fopen (path, "r");
  EVP_PKEY *key;
  EVP_MD_CTX *md = EVP_MD_CTX_new ();
  guchar sig[512];
  size_t sig_len = sizeof sig;
  gsize len = 0;
  const guchar *bytes = g_bytes_get_data (data, &len);

  g_assert_nonnull (file);
  key = PEM_read_PrivateKey (file, NULL, NULL, NULL);
  fclose (file);
  g_assert_nonnull (key);
  g_assert_cmpint (EVP_DigestSignInit (md, NULL, EVP_sha256 (), NULL, key), ==, 1);
  g_assert_cmpint (EVP_DigestSign (md, sig, &sig_len, bytes, len), ==, 1);
  g_assert_cmpuint (sig_len, ==, 256);
  EVP_MD_CTX_free (md);
  EVP_PKEY_free (key);
  return g_base64_encode (sig, sig_len);
}

char *
hub_test_certificate_b64 (const char *card)
{
  g_autofree char *path = g_strdup_printf ("%s/cards/%s.cert.der", hub_test_pki (), card);
  g_autofree char *der = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &der, &len, &error);
  g_assert_no_error (error);
  return g_base64_encode ((const guchar *) der, len);
}

/* @method "pin" (with @signature) or "visual". */
char *
hub_test_verification_body (const char *challenge,
                            const char *card,
                            const char *signature,
                            const char *method,
                            const char *consent_csv,
                            const char *institution_code,
                            const char *terminal_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *certificate = hub_test_certificate_b64 (card);
  g_auto(GStrv) consent = g_strsplit (consent_csv, ",", -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "challenge");
  json_builder_add_string_value (builder, challenge);
  json_builder_set_member_name (builder, "certificate");
  json_builder_add_string_value (builder, certificate);
  if (signature != NULL)
    {
      json_builder_set_member_name (builder, "signature");
      json_builder_add_string_value (builder, signature);
    }
  json_builder_set_member_name (builder, "identity");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  if (g_str_equal (method, "visual"))
    {
      json_builder_set_member_name (builder, "operatorId");
      json_builder_add_string_value (builder, "staff-007");
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "consent");
  json_builder_begin_array (builder);
  for (guint i = 0; consent[i] != NULL; i++)
    if (*consent[i] != '\0')
      json_builder_add_string_value (builder, consent[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "institutionCode");
  json_builder_add_string_value (builder, institution_code);
  json_builder_set_member_name (builder, "terminalId");
  json_builder_add_string_value (builder, terminal_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

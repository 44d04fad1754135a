/* hub-test-util.h — start the training hub on loopback and talk to it over mutual TLS (libcurl)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <curl/curl.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  guint port;
} HubProcess;

typedef struct {
  CURLcode rc;
  long status;
  GByteArray *body;
  GHashTable *headers;   /* lower-case name → value */
  JsonNode *json;        /* NULL unless the body is JSON */
  double seconds;
} HubResponse;

typedef struct {
  const char *terminal;             /* "desk-1", "rogue-desk", NULL = no client certificate */
  const char *const *headers;       /* NULL-terminated "Name: value" */
  const char *body;
  gsize body_len;                   /* 0 = strlen (body) */
  long tls_max;                     /* 0, or CURL_SSLVERSION_MAX_TLSv1_1 … */
} HubRequestOptions;

const char  *hub_test_pki              (void);
char        *hub_test_pki_path         (const char *relative);
char        *hub_test_write_site_config (guint       port,
                                         const char *dir);
HubProcess  *hub_process_start         (const char *hub_binary,
                                        const char *const *extra_args);
void         hub_process_stop          (HubProcess *hub);

HubResponse *hub_request               (HubProcess              *hub,
                                        const char              *method,
                                        const char              *path,
                                        const HubRequestOptions *options);
void         hub_response_free         (HubResponse *response);
const char  *hub_response_problem      (HubResponse *response);
JsonObject  *hub_response_object       (HubResponse *response);

char        *hub_new_challenge         (HubProcess *hub,
                                        const char *terminal);
GBytes      *hub_test_signed_bytes     (const char *challenge_b64url,
                                        const char *institution_code,
                                        const char *terminal_id,
                                        gboolean    with_zero_byte);
char        *hub_test_sign             (const char *card,
                                        GBytes     *data);
char        *hub_test_certificate_b64  (const char *card);
char        *hub_test_verification_body (const char *challenge,
                                         const char *card,
                                         const char *signature,
                                         const char *method,
                                         const char *consent_csv,
                                         const char *institution_code,
                                         const char *terminal_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HubResponse, hub_response_free)

G_END_DECLS

/* bench-verify.c — card to bundle: identity proofs through pcscd and the training hub
 *
 * Runs N verifications of one virtual card against the training hub on
 * loopback, with the terminal's real code (PC/SC transport, JPKI, hub
 * client over mutual TLS), and prints the median and p95 of the whole
 * card-to-bundle time split into card work, TLS connection set-up and the
 * rest of the hub exchanges. Started by run-bench-verify.sh.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "madoguchi-core.h"
#include "card/mado-pcsc-context.h"
#include "card/mado-pcsc-transport.h"
#include "hub/mado-hub-client-private.h"
#include "mado-test-util.h"

/* The test PKI's virtual cards all have this PIN (tests/pki/make-test-pki.sh). */
#define VIRTUAL_CARD_PIN "1234"

typedef struct {
  gint64 card_us;
  gint64 tls_us;
  gint64 hub_us;
  gint64 total_us;
} Sample;

static void
fail_if (gboolean failed, const GError *error, const char *step)
{
  if (failed)
    {
      g_printerr ("bench-verify: %s: %s\n", step, error ? error->message : "failed");
      exit (1);
    }
}

/* Adds the last hub exchange's TLS set-up and the rest to the sample. */
static void
add_hub_timing (MadoHubClient *hub, Sample *sample)
{
  gint64 tls_us, total_us;

  mado_hub_client_get_last_timing (hub, &tls_us, &total_us);
  sample->tls_us += tls_us;
  sample->hub_us += total_us - tls_us;
}

static MadoCertificate *
read_card (MadoJpki *jpki, GError **error)
{
  g_autoptr(GBytes) der = NULL;
  gsize len;
  const guint8 *data;

  if (!mado_jpki_select (jpki, error))
    return NULL;
  der = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, error);
  if (der == NULL)
    return NULL;
  data = g_bytes_get_data (der, &len);
  return mado_certificate_new_from_der (data, len, error);
}

static Sample
one_verification (const MadoSiteConfig *config, MadoHubClient *hub, const char *pin_text)
{
  Sample sample = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoPcscTransport) transport = NULL;
  g_autoptr(MadoJpki) jpki = NULL;
  g_autoptr(MadoCertificate) certificate = NULL;
  g_autoptr(MadoHubChallenge) challenge = NULL;
  g_autoptr(GBytes) digest = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autoptr(MadoPin) pin = mado_test_pin_new (pin_text);
  g_autoptr(MadoHubVerification) verification = NULL;
  MadoHubVerificationRequest request = { 0 };
  gint64 start = g_get_monotonic_time (), t;
  guint tries = 0;

  t = g_get_monotonic_time ();
  transport = mado_pcsc_transport_open (config->reader, &error);
  fail_if (transport == NULL, error, "connect");
  jpki = mado_jpki_new (MADO_CARD_TRANSPORT (transport));
  certificate = read_card (jpki, &error);
  fail_if (certificate == NULL, error, "read card");
  sample.card_us += g_get_monotonic_time () - t;

  challenge = mado_hub_client_request_challenge (hub, NULL, &error);
  fail_if (challenge == NULL, error, "challenge");
  add_hub_timing (hub, &sample);

  t = g_get_monotonic_time ();
  digest = mado_hub_proof_digest (challenge->raw, config->institution_code, config->terminal_id, &error);
  fail_if (digest == NULL, error, "proof digest");
  signature = mado_jpki_prove (jpki, certificate, g_bytes_get_data (digest, NULL),
                               g_bytes_get_size (digest), pin, &tries, &error);
  fail_if (signature == NULL, error, "prove");
  sample.card_us += g_get_monotonic_time () - t;

  request.challenge = challenge->challenge;
  request.certificate = mado_certificate_get_der (certificate);
  request.signature = signature;
  request.method = MADO_HUB_IDENTITY_PIN;
  request.consent = MADO_HUB_CONSENT_SUBSIDY | MADO_HUB_CONSENT_VACCINATION |
                    MADO_HUB_CONSENT_MATERNAL_CHILD;
  verification = mado_hub_client_verify (hub, &request, NULL, &error);
  fail_if (verification == NULL || verification->bundle == NULL, error, "verify");
  add_hub_timing (hub, &sample);

  sample.total_us = g_get_monotonic_time () - start;
  return sample;
}

static int
compare_gint64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The q-quantile by the nearest-rank method. */
static double
quantile_ms (GArray *values, double q)
{
  guint rank;

  g_array_sort (values, compare_gint64);
  rank = (guint) MAX (1.0, (double) values->len * q + 0.999999);
  return g_array_index (values, gint64, MIN (rank, values->len) - 1) / 1000.0;
}

static void
print_row (const char *name, GArray *values)
{
  g_print ("  %-24s median %8.1f ms   p95 %8.1f ms\n", name,
           quantile_ms (values, 0.5), quantile_ms (values, 0.95));
}

int
main (int argc, char **argv)
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100;
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = mado_site_config_load (g_getenv ("MADOGUCHI_SITE_CONFIG"), &error);
  g_autoptr(MadoHubClient) hub = NULL;
  g_autoptr(GArray) card = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) tls = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (gint64));

  fail_if (config == NULL, error, "site configuration");
  hub = mado_hub_client_new (config, &error);
  fail_if (hub == NULL, error, "hub client");

  /* One warm-up round: first connections and the card's first power-up. */
  one_verification (config, hub, VIRTUAL_CARD_PIN);
  for (guint i = 0; i < n; i++)
    {
      Sample s = one_verification (config, hub, VIRTUAL_CARD_PIN);

      g_array_append_val (card, s.card_us);
      g_array_append_val (tls, s.tls_us);
      g_array_append_val (rest, s.hub_us);
      g_array_append_val (total, s.total_us);
    }

  g_print ("card to bundle, %u verifications through pcscd and the training hub (loopback):\n", n);
  print_row ("total", total);
  print_row ("card (read + prove)", card);
  print_row ("TLS set-up (2 exchanges)", tls);
  print_row ("hub exchanges, rest", rest);
  return 0;
}

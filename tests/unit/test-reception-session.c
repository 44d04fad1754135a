/* test-reception-session.c — the visit's state machine against a scripted card and an unreachable hub
 *
 * The card follows a script written out by hand (docs/card.md); the hub is
 * a closed port on 127.0.0.1, so every visit takes the offline path, where
 * the card signs a local challenge fixed by the test. The signed bytes are
 * built here from docs/hub-api.md, not with the code under test.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <string.h>

#include "madoguchi-core.h"
#include "mado-scripted-transport.h"
#include "mado-test-card.h"
#include "mado-test-util.h"
#include "flow/mado-reception-session-private.h"
#include "hub/mado-hub-client-private.h"
#include "test-pki-util.h"

#define SELECT_000A "00 A4 02 0C 02 00 0A"
#define SELECT_0018 "00 A4 02 0C 02 00 18"
#define TRIES_QUERY "00 20 00 80"
#define VERIFY_1234 "00 20 00 80 04 31 32 33 34"
#define VERIFY_9999 "00 20 00 80 04 39 39 39 39"
#define OK          "90 00"
#define TWO_HOURS   (G_GINT64_CONSTANT (7200) * G_USEC_PER_SEC)

static const char cached_bundle[] =
  "{\"version\":\"7\",\"asOf\":\"2026-11-20T00:15:00Z\",\"residentRef\":\"r-1\","
  "\"isNotDisclosed\":false,"
  "\"basicInfo\":{\"name\":\"山田 陽翔\",\"nameKana\":\"ヤマダ ハルト\",\"birthDate\":\"2026-01-21\",\"sex\":\"1\"},"
  "\"subsidies\":[{\"medicalSubsidyInsurerNumber\":\"88138243\",\"medicalSubsidyRecipientNumber\":\"5302146\","
  "\"certificationName\":\"子ども医療費受給者証\",\"validFrom\":\"2026-01-21\",\"validTo\":\"2030-12-20\","
  "\"isAlwaysReimbursement\":\"0\"}],"
  "\"questionnaires\":[{\"questionnaireId\":\"q-1\",\"formCode\":\"routine-infant-v1\",\"title\":\"予診票\","
  "\"items\":[{\"itemId\":\"temperature\",\"text\":\"今日の体温\",\"answerType\":\"number\",\"unit\":\"℃\","
  "\"answer\":37.6,\"needsAttention\":true,\"attentionReason\":\"37.5℃以上\"},"
  "{\"itemId\":\"birth-weight\",\"text\":\"出生体重\",\"answerType\":\"number\",\"answer\":3120}]}],"
  "\"immunizations\":[],\"immunizationsDue\":[]}";

static struct {
  EVP_PKEY        *key;
  GBytes          *der;
  char            *anchors;
  char            *pki;
  guint            closed_port;
  GBytes          *nonce;
  GBytes          *message;
  guint8           digest[32];
  GBytes          *signature;
  gint64           now;
} fx;

typedef struct {
  char                  *dir;
  MadoScriptedTransport *card;
  MadoStore             *store;
  MadoHubClient         *hub;
  MadoReceptionSession  *session;
  GArray                *states;
} Visit;

/* Every field of every message the desk's log writer let through. */
static GString *log_fields;

/* -- the hand-made card -------------------------------------------------- */

static void
expect_card_read (MadoScriptedTransport *card,
                  const char            *tries_answer)
{
  mado_test_card_expect_select (card);
  mado_test_card_expect_read_certificate (card, fx.der);
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, tries_answer);
}

/* The proof inside one transaction, the application still selected. Right
 * after the card read the session still holds the card: EF 0018 is still
 * selected and the tries it read are still the card's, so the PIN goes out
 * at once; after a power-down both are asked again. */
static void
expect_proof (MadoScriptedTransport *card,
              gboolean               held,
              const char            *verify,
              const char            *verify_answer)
{
  if (!held)
    {
      mado_scripted_transport_expect (card, SELECT_0018, OK);
      mado_scripted_transport_expect (card, TRIES_QUERY, "63 C3");
    }
  mado_scripted_transport_expect (card, verify, verify_answer);
  if (g_str_equal (verify_answer, OK))
    mado_test_card_expect_sign (card, fx.digest, fx.signature, "9000");
}

/* -- a visit ----------------------------------------------------------------- */

static gint64
fixed_clock (gpointer user_data)
{
  return fx.now;
}

static void
state_changed_cb (MadoReceptionSession *session,
                  MadoReceptionState    old_state,
                  MadoReceptionState    new_state,
                  Visit                *visit)
{
  g_assert_cmpint (old_state, !=, new_state);
  g_array_append_val (visit->states, new_state);
}

static void fingerprint (guint8 *out);

/* Offline, the card is asked for its PIN only when the cache holds
 * something for it: most visits here start with an entry. */
static void
seed_cache (Visit *visit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoCertificate) certificate =
    mado_certificate_new_from_der (g_bytes_get_data (fx.der, NULL), g_bytes_get_size (fx.der),
                                   &error);
  g_autoptr(GBytes) bundle = g_bytes_new_static (cached_bundle, strlen (cached_bundle));
  g_autofree char *key = NULL;
  guint8 print[32];

  g_assert_no_error (error);
  key = mado_store_resident_key (visit->store, mado_certificate_get_issuer (certificate),
                                 mado_certificate_get_serial_hex (certificate));
  fingerprint (print);
  g_assert_true (mado_store_cache_put (visit->store, key, print, "7", bundle, fx.now - TWO_HOURS,
                                       &error));
  g_assert_no_error (error);
}

static void
visit_init_uncached (Visit      *visit,
                     const char *modes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoSiteConfig) config = NULL;
  g_autofree char *db = NULL;
  g_autofree char *key = NULL;
  g_autofree char *data = g_strdup_printf (
    "[hub]\nurl=https://127.0.0.1:%u\nca=%s/hub/hub-ca.pem\n"
    "client-certificate=%s/terminals/desk-1.pem\nclient-key=%s/terminals/desk-1.key\n"
    "connect-timeout-seconds=2\ntotal-timeout-seconds=5\n"
    "[site]\ninstitution-code=1312345678\nterminal-id=desk-1\nidentity-modes=%s\n"
    "[card]\ntrust-anchors=%s\n",
    fx.closed_port, fx.pki, fx.pki, fx.pki, modes, fx.anchors);

  memset (visit, 0, sizeof *visit);
  config = mado_site_config_load_data (data, "test.conf", &error);
  g_assert_no_error (error);
  visit->dir = mado_test_make_dir ("mado-flow-XXXXXX");
  db = g_build_filename (visit->dir, "cache.db", NULL);
  key = g_build_filename (visit->dir, "cache.key", NULL);
  visit->store = mado_store_open (db, key, &error);
  g_assert_no_error (error);
  mado_store_set_clock (visit->store, fixed_clock, NULL);
  visit->hub = mado_hub_client_new (config, &error);
  g_assert_no_error (error);
  mado_hub_client_set_retry_policy (visit->hub, 1, 1);
  visit->card = mado_scripted_transport_new ();
  visit->session = mado_reception_session_new (config, visit->hub, visit->store);
  mado_reception_session_set_transport (visit->session, MADO_CARD_TRANSPORT (visit->card));
  mado_reception_session_set_local_nonce (visit->session, fx.nonce);
  mado_reception_session_set_operator (visit->session, "staff-001");
  visit->states = g_array_new (FALSE, FALSE, sizeof (MadoReceptionState));
  g_signal_connect (visit->session, "state-changed", G_CALLBACK (state_changed_cb), visit);
}

static void
visit_init (Visit      *visit,
            const char *modes)
{
  visit_init_uncached (visit, modes);
  seed_cache (visit);
}

static void
visit_clear (Visit *visit)
{
  /* While the visit waits for the resident the session holds the card;
   * whatever happened, the end of the visit frees it. */
  g_clear_object (&visit->session);
  mado_test_assert_script_done (visit->card);
  g_clear_object (&visit->hub);
  g_clear_object (&visit->store);
  g_clear_object (&visit->card);
  g_array_unref (visit->states);
  mado_test_remove_dir (visit->dir);
  g_free (visit->dir);
}

static char *
resident_key (Visit *visit)
{
  MadoCertificate *certificate = mado_reception_session_get_certificate (visit->session);

  return mado_store_resident_key (visit->store, mado_certificate_get_issuer (certificate),
                                  mado_certificate_get_serial_hex (certificate));
}

static void
fingerprint (guint8 *out)
{
  unsigned int len = 32;

  g_assert_true (EVP_Digest (g_bytes_get_data (fx.der, NULL), g_bytes_get_size (fx.der), out,
                             &len, EVP_sha256 (), NULL));
}

static void
assert_states (Visit                    *visit,
               const MadoReceptionState *expected,
               guint                     n)
{
  for (guint i = 0; i < MIN (n, visit->states->len); i++)
    g_assert_cmpstr (mado_reception_state_to_string (g_array_index (visit->states, MadoReceptionState, i)),
                     ==, mado_reception_state_to_string (expected[i]));
  g_assert_cmpuint (visit->states->len, ==, n);
}

static void
read_card_and_prove (Visit *visit)
{
  g_autoptr(GError) error = NULL;

  expect_card_read (visit->card, "63 C3");
  expect_proof (visit->card, TRUE, VERIFY_1234, OK);
  g_assert_true (mado_reception_session_read_card (visit->session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_reception_session_get_state (visit->session), ==,
                   MADO_RECEPTION_STATE_AWAITING_PIN);
  g_assert_cmpuint (mado_reception_session_get_tries_left (visit->session), ==, 3);
  g_assert_true (mado_reception_session_submit_pin (visit->session, mado_test_pin_new ("1234"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_reception_session_get_state (visit->session), ==,
                   MADO_RECEPTION_STATE_AWAITING_CONSENT);
  /* Held from the read to the proof: no second SELECT of EF 0018 and no
   * second tries query, so a visit's proof costs at most 14 APDUs. */
  g_assert_cmpuint (mado_card_transport_get_apdu_count (MADO_CARD_TRANSPORT (visit->card)), <=, 14);
}

/* The desk's proof of an offline confirmation, as the cache keeps it: the
 * bytes the card signed and its signature, members in this order. */
static void
assert_local_proof (GBytes *proof)
{
  g_autofree char *signed_bytes = g_base64_encode (g_bytes_get_data (fx.message, NULL),
                                                   g_bytes_get_size (fx.message));
  g_autofree char *signature = g_base64_encode (g_bytes_get_data (fx.signature, NULL),
                                                g_bytes_get_size (fx.signature));
  g_autofree char *expected = g_strdup_printf ("{\"method\":\"pin (local)\",\"signedBytes\":\"%s\","
                                               "\"signature\":\"%s\"}", signed_bytes, signature);
  g_autofree char *text = NULL;

  g_assert_nonnull (proof);
  text = g_strndup (g_bytes_get_data (proof, NULL), g_bytes_get_size (proof));
  g_assert_cmpstr (text, ==, expected);
}

/* -- tests --------------------------------------------------------------------------- */

static void
test_offline_cached (void)
{
  static const MadoReceptionState expected[] = {
    MADO_RECEPTION_STATE_READING_CARD, MADO_RECEPTION_STATE_CARD_READ,
    MADO_RECEPTION_STATE_AWAITING_PIN, MADO_RECEPTION_STATE_PROVING,
    MADO_RECEPTION_STATE_AWAITING_CONSENT, MADO_RECEPTION_STATE_CONFIRMING,
    MADO_RECEPTION_STATE_CONFIRMED_OFFLINE, MADO_RECEPTION_STATE_FINISHED,
  };
  Visit visit;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bundle = g_bytes_new_static (cached_bundle, strlen (cached_bundle));
  g_autoptr(MadoCacheEntry) entry = NULL;
  g_autofree char *key = NULL;
  guint8 print[32];
  const MadoReceptionFreshness *freshness;
  const MadoResidentBundle *b;
  MadoAuditVerdict verdict = { 0 };

  visit_init (&visit, "pin;visual");
  read_card_and_prove (&visit);
  key = resident_key (&visit);
  fingerprint (print);
  /* The hub sent it two hours ago. */
  g_assert_true (mado_store_cache_put (visit.store, key, print, "7", bundle, fx.now - TWO_HOURS,
                                       &error));
  g_assert_no_error (error);

  g_assert_true (mado_reception_session_give_consent (visit.session,
                                                      MADO_HUB_CONSENT_SUBSIDY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_CONFIRMED_OFFLINE);
  freshness = mado_reception_session_get_freshness (visit.session);
  g_assert_nonnull (freshness);
  /* Cached data is never a fresh confirmation. */
  g_assert_true (freshness->offline);
  g_assert_cmpint (freshness->age_seconds, ==, 7200);
  g_assert_cmpint (g_date_time_to_unix (freshness->confirmed_at), ==,
                   (fx.now - TWO_HOURS) / G_USEC_PER_SEC);
  g_assert_cmpint (freshness->identity, ==, MADO_IDENTITY_CHECK_PIN_LOCAL);
  g_assert_cmpstr (mado_identity_check_to_string (freshness->identity), ==, "pin (local)");
  b = mado_reception_session_get_bundle (visit.session);
  g_assert_cmpstr (b->basic_info.name, ==, "山田 陽翔");
  g_assert_nonnull (b->subsidies);
  /* Only what was consented today, though more is cached. */
  g_assert_null (b->questionnaires);

  entry = mado_store_cache_lookup (visit.store, key, print, &error);
  g_assert_no_error (error);
  g_assert_cmpint (entry->confirmation, ==, MADO_CACHE_CONFIRMED_LOCAL_PROOF);
  g_assert_cmpint (entry->fetched_at, ==, fx.now - TWO_HOURS);
  assert_local_proof (entry->proof);
  g_assert_true (mado_store_audit_verify (visit.store, &verdict, &error));
  g_assert_cmpint (verdict.entries, ==, 3);   /* card read, verification, view */

  mado_reception_session_finish (visit.session);
  g_assert_null (mado_reception_session_get_bundle (visit.session));
  g_assert_cmpuint (mado_scripted_transport_get_power_downs (visit.card), >=, 1);
  assert_states (&visit, expected, G_N_ELEMENTS (expected));
  mado_test_assert_script_sent (visit.card);
  visit_clear (&visit);
}

static void
test_offline_not_cached (void)
{
  Visit visit;
  g_autoptr(GError) error = NULL;

  /* Offline with nothing cached: the visit ends at the card read, before
   * the PIN is asked for or put to the card (the script holds no VERIFY),
   * since nothing could come of it. */
  visit_init_uncached (&visit, "pin");
  expect_card_read (visit.card, "63 C3");
  g_assert_false (mado_reception_session_read_card (visit.session, &error));
  g_assert_error (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_NO_CACHED_DATA);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_NO_CACHED_DATA);
  g_assert_null (mado_reception_session_get_bundle (visit.session));
  g_assert_null (mado_reception_session_get_freshness (visit.session));
  g_assert_error (mado_reception_session_get_error (visit.session), MADO_RECEPTION_ERROR,
                  MADO_RECEPTION_ERROR_NO_CACHED_DATA);
  mado_test_assert_script_sent (visit.card);
  visit_clear (&visit);
}

static void
test_wrong_pin (void)
{
  Visit visit;
  g_autoptr(GError) error = NULL;

  visit_init (&visit, "pin");
  expect_card_read (visit.card, "63 C3");
  expect_proof (visit.card, TRUE, VERIFY_9999, "63 C2");
  g_assert_true (mado_reception_session_read_card (visit.session, &error));
  g_assert_false (mado_reception_session_submit_pin (visit.session, mado_test_pin_new ("9999"), &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG);
  g_clear_error (&error);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_PIN);
  g_assert_cmpuint (mado_reception_session_get_tries_left (visit.session), ==, 2);
  /* Nothing more was sent: the session never retries a PIN. */
  mado_test_assert_script_sent (visit.card);

  /* The resident types again: the card is selected again after the power-down. */
  mado_test_card_expect_select (visit.card);
  expect_proof (visit.card, FALSE, VERIFY_1234, OK);
  g_assert_true (mado_reception_session_submit_pin (visit.session, mado_test_pin_new ("1234"), &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_CONSENT);
  mado_test_assert_script_sent (visit.card);

  /* A malformed PIN sends nothing and changes nothing. */
  visit_clear (&visit);
  visit_init (&visit, "pin");
  expect_card_read (visit.card, "63 C3");
  g_assert_true (mado_reception_session_read_card (visit.session, &error));
  g_assert_false (mado_reception_session_submit_pin (visit.session, mado_test_pin_new ("12a4"), &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_PIN);
  /* The card stays held for the next PIN; the end of the visit frees it. */
  g_assert_true (mado_scripted_transport_get_in_transaction (visit.card));
  mado_reception_session_finish (visit.session);
  g_assert_false (mado_scripted_transport_get_in_transaction (visit.card));
  visit_clear (&visit);
}

/* The proof through the reader's PIN pad: the tries query, then the
 * reader's own VERIFY (the terminal sends no PIN), then the signature. */
static void
expect_pin_pad_proof (MadoScriptedTransport *card,
                      const char            *tries_answer,
                      guint16                pin_pad_sw)
{
  mado_scripted_transport_expect (card, SELECT_0018, OK);
  mado_scripted_transport_expect (card, TRIES_QUERY, tries_answer);
  mado_scripted_transport_expect_pin_pad (card, pin_pad_sw);
  if (pin_pad_sw == 0x9000)
    mado_test_card_expect_sign (card, fx.digest, fx.signature, "9000");
}

static void
test_pin_pad (void)
{
  static const MadoReceptionState expected[] = {
    MADO_RECEPTION_STATE_READING_CARD, MADO_RECEPTION_STATE_CARD_READ,
    MADO_RECEPTION_STATE_AWAITING_PIN,
    MADO_RECEPTION_STATE_PROVING, MADO_RECEPTION_STATE_AWAITING_PIN,   /* cancelled */
    MADO_RECEPTION_STATE_PROVING, MADO_RECEPTION_STATE_AWAITING_PIN,   /* wrong */
    MADO_RECEPTION_STATE_PROVING, MADO_RECEPTION_STATE_AWAITING_CONSENT,
  };
  Visit visit;
  g_autoptr(GError) error = NULL;

  visit_init (&visit, "pin");
  expect_card_read (visit.card, "63 C3");
  /* The resident presses Cancel on the reader (or lets it time out). The
   * card is still held since the read: no second tries query. */
  mado_scripted_transport_expect_pin_pad_error (visit.card, MADO_CARD_ERROR_PIN_CANCELLED);
  g_assert_true (mado_reception_session_read_card (visit.session, &error));
  g_assert_no_error (error);
  g_assert_true (mado_reception_session_uses_pin_pad (visit.session));

  g_assert_false (mado_reception_session_submit_pin (visit.session, NULL, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_CANCELLED);
  g_clear_error (&error);
  /* Back to the PIN, no try lost, and nothing sent again on its own. */
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_PIN);
  g_assert_cmpuint (mado_reception_session_get_tries_left (visit.session), ==, 3);
  g_assert_error (mado_reception_session_get_error (visit.session), MADO_CARD_ERROR,
                  MADO_CARD_ERROR_PIN_CANCELLED);
  mado_test_assert_script_sent (visit.card);

  /* Staff start the entry again; the resident types a wrong PIN. */
  mado_test_card_expect_select (visit.card);
  expect_pin_pad_proof (visit.card, "63 C3", 0x63C2);
  g_assert_false (mado_reception_session_submit_pin (visit.session, NULL, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG);
  g_clear_error (&error);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_PIN);
  g_assert_cmpuint (mado_reception_session_get_tries_left (visit.session), ==, 2);
  mado_test_assert_script_sent (visit.card);

  /* And the right one: the card signs, the proof goes on as with a typed PIN. */
  mado_test_card_expect_select (visit.card);
  expect_pin_pad_proof (visit.card, "63 C2", 0x9000);
  g_assert_true (mado_reception_session_submit_pin (visit.session, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_CONSENT);
  g_assert_cmpuint (mado_scripted_transport_get_power_downs (visit.card), ==, 3);
  mado_test_assert_script_sent (visit.card);
  assert_states (&visit, expected, G_N_ELEMENTS (expected));
  visit_clear (&visit);
}

/* Without a PIN pad, "verify on the reader" sends nothing and changes nothing. */
static void
test_pin_pad_absent (void)
{
  Visit visit;
  g_autoptr(GError) error = NULL;

  visit_init (&visit, "pin");
  expect_card_read (visit.card, "63 C3");
  g_assert_true (mado_reception_session_read_card (visit.session, &error));
  g_assert_no_error (error);
  g_assert_false (mado_reception_session_uses_pin_pad (visit.session));
  g_assert_false (mado_reception_session_submit_pin (visit.session, NULL, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_PIN);
  g_assert_cmpuint (mado_reception_session_get_tries_left (visit.session), ==, 3);
  mado_test_assert_script_sent (visit.card);
  visit_clear (&visit);
}

static void
test_blocked (void)
{
  Visit visit;
  g_autoptr(GError) error = NULL;

  /* Visual allowed: only the visual check is offered, no PIN. */
  visit_init (&visit, "pin;visual");
  expect_card_read (visit.card, "63 C0");
  g_assert_true (mado_reception_session_read_card (visit.session, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_VISUAL_CHECK);
  g_assert_cmpint (mado_reception_session_get_offered_modes (visit.session), ==,
                   MADO_IDENTITY_MODE_VISUAL);
  g_assert_false (mado_reception_session_submit_pin (visit.session, mado_test_pin_new ("1234"), &error));
  g_assert_error (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_WRONG_STATE);
  g_clear_error (&error);
  mado_test_assert_script_sent (visit.card);   /* no VERIFY */

  /* Offline visual check: the chain is checked locally, no card command. */
  g_assert_true (mado_reception_session_confirm_visual (visit.session, "staff-007", &error));
  g_assert_no_error (error);
  g_assert_true (mado_reception_session_give_consent (visit.session, MADO_HUB_CONSENT_ALL,
                                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_CONFIRMED_OFFLINE);
  mado_test_assert_script_sent (visit.card);
  visit_clear (&visit);

  /* PIN only: the visit ends, named. */
  visit_init (&visit, "pin");
  expect_card_read (visit.card, "69 84");
  g_assert_false (mado_reception_session_read_card (visit.session, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_FAILED);
  g_assert_cmpuint (mado_scripted_transport_get_power_downs (visit.card), ==, 1);
  mado_test_assert_script_sent (visit.card);
  visit_clear (&visit);
}

static void
test_refusals (void)
{
  Visit visit;
  g_autoptr(GError) error = NULL;

  visit_init (&visit, "pin");
  g_assert_false (mado_reception_session_give_consent (visit.session, MADO_HUB_CONSENT_ALL,
                                                       &error));
  g_assert_error (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_WRONG_STATE);
  g_clear_error (&error);
  expect_card_read (visit.card, "63 C3");
  g_assert_true (mado_reception_session_read_card (visit.session, &error));
  g_assert_false (mado_reception_session_confirm_visual (visit.session, "staff-007", &error));
  g_assert_error (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_MODE_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_PIN);

  /* The card leaves while the desk waits for the PIN. */
  mado_reception_session_report_card_removed (visit.session);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_FAILED);
  g_assert_error (mado_reception_session_get_error (visit.session), MADO_CARD_ERROR,
                  MADO_CARD_ERROR_CARD_REMOVED);
  g_assert_cmpuint (mado_scripted_transport_get_power_downs (visit.card), ==, 1);
  g_assert_false (mado_reception_session_submit_pin (visit.session, mado_test_pin_new ("1234"), &error));
  g_assert_error (error, MADO_RECEPTION_ERROR, MADO_RECEPTION_ERROR_WRONG_STATE);
  mado_test_assert_script_sent (visit.card);
  visit_clear (&visit);
}

/* The card taken away during the read: FAILED (card-removed). */
static void
test_removed_mid_read (void)
{
  Visit visit;
  g_autoptr(GError) error = NULL;

  visit_init (&visit, "pin");
  mado_test_card_expect_select (visit.card);
  mado_scripted_transport_expect_error (visit.card, SELECT_000A, MADO_CARD_ERROR_CARD_REMOVED);
  g_assert_false (mado_reception_session_read_card (visit.session, &error));
  g_assert_error (error, MADO_CARD_ERROR, MADO_CARD_ERROR_CARD_REMOVED);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_FAILED);
  visit_clear (&visit);
}

typedef struct {
  GMainLoop *loop;
  GThread   *main_thread;
  guint      notifies;
  gboolean   ok;
  GError    *error;
} AsyncState;

static void
notify_state_cb (GObject    *object,
                 GParamSpec *pspec,
                 AsyncState *state)
{
  g_assert_true (g_thread_self () == state->main_thread);
  state->notifies++;
}

static void
read_card_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = mado_reception_session_read_card_finish (MADO_RECEPTION_SESSION (source), result,
                                                       &state->error);
  g_main_loop_quit (state->loop);
}

static void
submit_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = mado_reception_session_submit_pin_finish (MADO_RECEPTION_SESSION (source), result,
                                                        &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (void)
{
  Visit visit;
  AsyncState state = { g_main_loop_new (NULL, FALSE), g_thread_self (), 0, FALSE, NULL };

  visit_init (&visit, "pin");
  g_signal_connect (visit.session, "notify::state", G_CALLBACK (notify_state_cb), &state);
  expect_card_read (visit.card, "63 C3");
  expect_proof (visit.card, TRUE, VERIFY_9999, "63 C1");
  mado_reception_session_read_card_async (visit.session, NULL, read_card_done_cb, &state);
  /* READING_CARD is entered before the worker starts. */
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_READING_CARD);
  g_main_loop_run (state.loop);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_PIN);

  mado_reception_session_submit_pin_async (visit.session, mado_test_pin_new ("9999"), NULL, submit_done_cb,
                                           &state);
  g_main_loop_run (state.loop);
  g_assert_false (state.ok);
  g_assert_error (state.error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG);
  g_assert_cmpuint (mado_reception_session_get_tries_left (visit.session), ==, 1);
  g_assert_cmpint (mado_reception_session_get_state (visit.session), ==,
                   MADO_RECEPTION_STATE_AWAITING_PIN);
  /* idle→reading→card-read→awaiting-pin→proving→awaiting-pin */
  g_assert_cmpuint (state.notifies, ==, 5);
  mado_test_assert_script_sent (visit.card);

  g_clear_error (&state.error);
  g_main_loop_unref (state.loop);
  visit_clear (&visit);
}

static void
test_bundle_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MadoResidentBundle) first = mado_bundle_decode (cached_bundle, strlen (cached_bundle),
                                                                MADO_HUB_CONSENT_ALL, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MadoResidentBundle) second = NULL;
  const MadoQuestionnaireItem *item;
  const char *text;

  g_assert_no_error (error);
  bytes = mado_bundle_encode_bytes (first);
  text = g_bytes_get_data (bytes, NULL);
  /* Numbers as staff would write them. */
  g_assert_nonnull (strstr (text, "\"answer\":37.6,"));
  g_assert_nonnull (strstr (text, "\"answer\":3120,"));
  second = mado_bundle_decode (text, g_bytes_get_size (bytes), MADO_HUB_CONSENT_ALL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->basic_info.name_kana, ==, "ヤマダ ハルト");
  g_assert_cmpint (second->basic_info.sex, ==, MADO_SEX_MALE);
  g_assert_cmpstr (((MadoSubsidy *) g_ptr_array_index (second->subsidies, 0))->medical_subsidy_recipient_number,
                   ==, "5302146");
  item = g_ptr_array_index (((MadoQuestionnaire *) g_ptr_array_index (second->questionnaires, 0))->items, 0);
  g_assert_true (item->needs_attention);
  g_assert_cmpfloat (item->answer_number, ==, 37.6);
  g_assert_nonnull (second->immunizations);
  g_assert_cmpuint (second->immunizations->len, ==, 0);
  g_assert_null (second->maternal_child);
}

static guint
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  g_assert_true (g_socket_bind (socket, address, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

/* The bytes docs/hub-api.md says the card signs, written out here. */
static void
make_digest (void)
{
  g_autoptr(GByteArray) message = g_byte_array_new ();
  const char *terminal = "desk-1";
  guint8 len = (guint8) strlen (terminal);
  unsigned int digest_len = 32;

  g_byte_array_append (message, (const guint8 *) "MADOGUCHI-HUB-V1-IDENTITY", 25);
  g_byte_array_append (message, (const guint8 *) "\0", 1);
  g_byte_array_append (message, g_bytes_get_data (fx.nonce, NULL), 32);
  g_byte_array_append (message, (const guint8 *) "1312345678", 10);
  g_byte_array_append (message, &len, 1);
  g_byte_array_append (message, (const guint8 *) terminal, len);
  g_assert_true (EVP_Digest (message->data, message->len, fx.digest, &digest_len, EVP_sha256 (),
                             NULL));
  fx.message = g_bytes_new (message->data, message->len);
}

/* -- the log -------------------------------------------------------------- */

static GLogWriterOutput
capture_log (GLogLevelFlags   level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      g_string_append_printf (log_fields, "%s=", fields[i].key);
      if (fields[i].length < 0)
        g_string_append (log_fields, fields[i].value);
      else
        g_string_append_len (log_fields, fields[i].value, fields[i].length);
      g_string_append_c (log_fields, '\n');
    }
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_standard_streams (level, fields, n_fields, NULL);
  return G_LOG_WRITER_HANDLED;
}

/* Whether @number stands alone (not inside a longer number) in the log. */
static gboolean
log_has_number (const char *number)
{
  for (const char *p = strstr (log_fields->str, number); p != NULL; p = strstr (p + 1, number))
    if ((p == log_fields->str || !g_ascii_isdigit (p[-1])) && !g_ascii_isdigit (p[strlen (number)]))
      return TRUE;
  return FALSE;
}

/* Visits with a named resident, a wrong and a right PIN, every message at
 * debug level: the fields carry the visit's steps, never who came or what
 * they typed. */
static void
test_log_no_personal_data (void)
{
  static const char * const words[] = {
    "山田", "陽翔", "ヤマダ", "ハルト", "2026-01-21", "子ども医療費", "今日の体温",
    "31 32 33 34", "31323334", "39 39 39 39", "39393939",
  };
  static const char * const numbers[] = { "1234", "9999", "88138243", "5302146", "3120" };

  g_string_truncate (log_fields, 0);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  test_offline_cached ();
  test_wrong_pin ();
  g_unsetenv ("G_MESSAGES_DEBUG");

  g_assert_nonnull (strstr (log_fields->str, "MADO_COMPONENT=reception\n"));
  g_assert_nonnull (strstr (log_fields->str, "MADO_VISIT_ID="));
  g_assert_nonnull (strstr (log_fields->str, "MADO_ERROR=pin-wrong\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (log_fields->str, words[i]) != NULL)
      g_error ("the log holds “%s”:\n%s", words[i], log_fields->str);
  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (log_has_number (numbers[i]))
      g_error ("the log holds %s:\n%s", numbers[i], log_fields->str);
}

int
main (int argc, char **argv)
{
  g_autoptr(X509) root = NULL;
  g_autoptr(X509) leaf = NULL;
  g_autoptr(EVP_PKEY) root_key = NULL;
  guint8 nonce[32];
  int status;

  g_test_init (&argc, &argv, NULL);

  fx.pki = g_strdup (g_getenv ("MADOGUCHI_TEST_PKI"));
  if (fx.pki == NULL || !g_file_test (fx.pki, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("MADOGUCHI_TEST_PKI is not set (the hub client needs its files)");
      g_free (fx.pki);
      return 77;
    }
  root_key = test_pki_make_key ();
  fx.key = test_pki_make_key ();
  root = test_pki_make_root (root_key, 2023);
  leaf = test_pki_make_leaf ("00112233445566778899AABBCCDDEEFF", fx.key, root, root_key, 0x1001, -1, 365);
  fx.der = test_pki_der (leaf);
  fx.anchors = test_pki_write_pem (&root, 1);
  fx.closed_port = closed_port ();
  for (guint i = 0; i < sizeof nonce; i++)
    nonce[i] = (guint8) (0xA0 + i);
  fx.nonce = g_bytes_new (nonce, sizeof nonce);
  make_digest ();
  fx.signature = test_pki_sign_sha256 (fx.key, fx.digest);
  fx.now = (g_get_real_time () / G_USEC_PER_SEC) * G_USEC_PER_SEC;
  log_fields = g_string_new (NULL);
  mado_log_init ("madoguchi-test", MADO_LOG_TARGET_STDERR);
  mado_log_set_sink (capture_log, NULL);

  g_test_add_func ("/flow/session/offline/cached", test_offline_cached);
  g_test_add_func ("/flow/session/offline/not-cached", test_offline_not_cached);
  g_test_add_func ("/flow/session/pin/wrong", test_wrong_pin);
  g_test_add_func ("/flow/session/pin/blocked", test_blocked);
  g_test_add_func ("/flow/session/pin-pad/cancel-wrong-right", test_pin_pad);
  g_test_add_func ("/flow/session/pin-pad/absent", test_pin_pad_absent);
  g_test_add_func ("/flow/session/refusals", test_refusals);
  g_test_add_func ("/flow/session/card-removed", test_removed_mid_read);
  g_test_add_func ("/flow/session/async", test_async);
  g_test_add_func ("/flow/bundle-json/round-trip", test_bundle_json);
  g_test_add_func ("/flow/session/log/no-personal-data", test_log_no_personal_data);

  status = g_test_run ();

  g_unlink (fx.anchors);
  g_free (fx.anchors);
  g_free (fx.pki);
  g_clear_pointer (&fx.der, g_bytes_unref);
  g_clear_pointer (&fx.nonce, g_bytes_unref);
  g_clear_pointer (&fx.message, g_bytes_unref);
  g_clear_pointer (&fx.signature, g_bytes_unref);
  g_clear_pointer (&fx.key, EVP_PKEY_free);
  g_string_free (log_fields, TRUE);
  return status;
}

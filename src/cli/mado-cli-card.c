/* mado-cli-card.c — `madoguchi-cli readers` and `madoguchi-cli card info|prove`
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <openssl/evp.h>
#include <string.h>

#include "madoguchi-core.h"
#include "card/mado-pcsc-context.h"
#include "card/mado-pcsc-transport.h"
#include "mado-cli.h"
#include "mado-cli-json-writer.h"

#define MAX_CHALLENGE_BYTES 1024

typedef struct {
  char     *reader;
  char     *anchors;
  gboolean  json;
  gboolean  last_try;
} CardOptions;

static void
card_options_clear (CardOptions *options)
{
  g_clear_pointer (&options->reader, g_free);
  g_clear_pointer (&options->anchors, g_free);
}

/* ---- readers ----------------------------------------------------------- */

static void
print_readers_json (GPtrArray *readers)
{
  g_autoptr(MadoCliJsonWriter) writer = mado_cli_json_writer_new ();

  mado_cli_json_writer_begin_object (writer);
  mado_cli_json_writer_member (writer, "readers");
  mado_cli_json_writer_begin_array (writer);
  for (guint i = 0; i < readers->len; i++)
    {
      const MadoReaderInfo *info = g_ptr_array_index (readers, i);

      mado_cli_json_writer_begin_object (writer);
      mado_cli_json_writer_add_string (writer, "name", info->name);
      mado_cli_json_writer_add_string (writer, "state", mado_reader_state_to_string (info->state));
      mado_cli_json_writer_add_string (writer, "atr", info->atr_hex);
      mado_cli_json_writer_end_object (writer);
    }
  mado_cli_json_writer_end_array (writer);
  mado_cli_json_writer_end_object (writer);
  mado_cli_json_writer_print (writer);
}

int
mado_cli_readers (int argc, char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list card readers and their state"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) readers = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mado_cli_usage_error ("readers", "%s", error->message);
  if (argc != 1)
    return mado_cli_usage_error ("readers", "%s", _("unexpected argument"));

  readers = mado_pcsc_context_dup_reader_infos (&error);
  if (readers == NULL)
    return mado_cli_fail ("readers", error, json);
  if (readers->len == 0)
    {
      mado_error_set (&error, MADO_CARD_ERROR, MADO_CARD_ERROR_NO_READER);
      return mado_cli_fail ("readers", error, json);
    }

  if (json)
    {
      print_readers_json (readers);
      return MADO_EXIT_OK;
    }
  for (guint i = 0; i < readers->len; i++)
    {
      const MadoReaderInfo *info = g_ptr_array_index (readers, i);

      g_print ("%s\n  %s\n", info->name, mado_reader_state_describe (info->state));
      if (info->atr_hex != NULL)
        g_print ("  ATR %s\n", info->atr_hex);
    }
  return MADO_EXIT_OK;
}

/* ---- card: shared ------------------------------------------------------ */

/* Options from the command line win over the site configuration. */
static gboolean
card_options_complete (CardOptions  *options,
                       GError      **error)
{
  g_autoptr(MadoSiteConfig) config = mado_cli_load_site_config (error);

  if (config == NULL)
    return error == NULL || *error == NULL;
  if (options->reader == NULL && config->reader != NULL)
    options->reader = g_strdup (config->reader);
  if (options->anchors == NULL && config->trust_anchors != NULL)
    options->anchors = g_strdup (config->trust_anchors);
  return TRUE;
}

/* Holds the chosen reader's card and selects the JPKI application. */
static MadoJpki *
open_jpki (const CardOptions  *options,
           MadoCardTransport **out_transport,
           GError            **error)
{
  g_autoptr(MadoPcscTransport) transport = mado_pcsc_transport_open (options->reader, error);
  g_autoptr(MadoJpki) jpki = NULL;

  if (transport == NULL)
    return NULL;
  jpki = mado_jpki_new (MADO_CARD_TRANSPORT (transport));
  /* Held until the card is powered down: the proof then trusts the tries
   * shown and the file selected here. */
  if (!mado_jpki_hold (jpki, error) || !mado_jpki_select (jpki, error))
    return NULL;
  *out_transport = MADO_CARD_TRANSPORT (g_steal_pointer (&transport));
  return g_steal_pointer (&jpki);
}

static MadoCertificate *
read_certificate (MadoJpki  *jpki,
                  GError   **error)
{
  g_autoptr(GBytes) der = mado_jpki_read_certificate (jpki, MADO_JPKI_FILE_AUTH_CERTIFICATE, error);
  gsize len;
  const guint8 *data;

  if (der == NULL)
    return NULL;
  data = g_bytes_get_data (der, &len);
  return mado_certificate_new_from_der (data, len, error);
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format_iso8601 (time);
}

static void
add_certificate_members (MadoCliJsonWriter *writer,
                         MadoCertificate   *certificate)
{
  g_autofree char *not_before = format_time (mado_certificate_get_not_before (certificate));
  g_autofree char *not_after = format_time (mado_certificate_get_not_after (certificate));

  mado_cli_json_writer_add_string (writer, "subject", mado_certificate_get_subject (certificate));
  mado_cli_json_writer_add_string (writer, "issuer", mado_certificate_get_issuer (certificate));
  mado_cli_json_writer_add_string (writer, "serial", mado_certificate_get_serial_hex (certificate));
  mado_cli_json_writer_add_string (writer, "notBefore", not_before);
  mado_cli_json_writer_add_string (writer, "notAfter", not_after);
  mado_cli_json_writer_add_string (writer, "sha256Fingerprint",
                                   mado_certificate_get_fingerprint_sha256 (certificate));
}

static const char *
verdict_in_words (MadoCertificateVerdict verdict)
{
  switch (verdict)
    {
    case MADO_CERTIFICATE_VERDICT_VALID:         return _("valid (chains to a trust anchor)");
    case MADO_CERTIFICATE_VERDICT_INVALID:       return _("NOT TRUSTED: not issued by a trusted authority");
    case MADO_CERTIFICATE_VERDICT_EXPIRED:       return _("EXPIRED");
    case MADO_CERTIFICATE_VERDICT_NOT_YET_VALID: return _("not yet valid");
    case MADO_CERTIFICATE_VERDICT_UNKNOWN:       return _("unknown (no trust anchors configured)");
    case MADO_CERTIFICATE_VERDICT_CHECK_FAILED:  return _("the check failed");
    default:                                     g_return_val_if_reached ("");
    }
}

/* ---- card info --------------------------------------------------------- */

typedef struct {
  MadoCertificate        *certificate;
  MadoCertificateVerdict  verdict;
  MadoJpkiPinStatus       pin;
} CardInfo;

static void
print_card_info (const CardInfo *info)
{
  g_autofree char *not_before = format_time (mado_certificate_get_not_before (info->certificate));
  g_autofree char *not_after = format_time (mado_certificate_get_not_after (info->certificate));

  g_print (_("My Number Card: yes (JPKI application found)\n"));
  g_print (_("User-authentication certificate:\n"));
  g_print (_("  Subject:     %s\n"), mado_certificate_get_subject (info->certificate));
  g_print (_("  Issuer:      %s\n"), mado_certificate_get_issuer (info->certificate));
  g_print (_("  Serial:      %s\n"), mado_certificate_get_serial_hex (info->certificate));
  g_print (_("  Valid from:  %s\n"), not_before);
  g_print (_("  Valid until: %s\n"), not_after);
  g_print (_("  SHA-256:     %s\n"), mado_certificate_get_fingerprint_sha256 (info->certificate));
  g_print (_("  Chain:       %s\n"), verdict_in_words (info->verdict));
  if (info->pin.verified)
    g_print (_("PIN: already verified\n"));
  else if (info->pin.tries_left == 0)
    g_print (_("PIN tries left: 0 (blocked: the resident must have it reset at the city office)\n"));
  else
    g_print (_("PIN tries left: %u\n"), info->pin.tries_left);
}

static void
print_card_info_json (const CardInfo *info)
{
  g_autoptr(MadoCliJsonWriter) writer = mado_cli_json_writer_new ();

  mado_cli_json_writer_begin_object (writer);
  mado_cli_json_writer_add_boolean (writer, "myNumberCard", TRUE);
  mado_cli_json_writer_member (writer, "certificate");
  mado_cli_json_writer_begin_object (writer);
  add_certificate_members (writer, info->certificate);
  mado_cli_json_writer_add_string (writer, "chain",
                                   mado_certificate_verdict_to_string (info->verdict));
  mado_cli_json_writer_end_object (writer);
  mado_cli_json_writer_member (writer, "pin");
  mado_cli_json_writer_begin_object (writer);
  mado_cli_json_writer_add_boolean (writer, "verified", info->pin.verified);
  mado_cli_json_writer_add_int (writer, "triesLeft", info->pin.tries_left);
  mado_cli_json_writer_end_object (writer);
  mado_cli_json_writer_end_object (writer);
  mado_cli_json_writer_print (writer);
}

/* A blocked PIN is a state to show (0 tries left), not a failure to read
 * the card: the desk still needs the certificate and its verdict. */
static gboolean
query_pin_status (MadoJpki           *jpki,
                  MadoJpkiPinStatus  *out_status,
                  GError            **error)
{
  g_autoptr(GError) local_error = NULL;

  if (mado_jpki_query_pin (jpki, out_status, &local_error))
    return TRUE;
  if (g_error_matches (local_error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_BLOCKED))
    {
      out_status->verified = FALSE;
      out_status->tries_left = 0;
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static gboolean
collect_card_info (const CardOptions  *options,
                   CardInfo           *info,
                   GError            **error)
{
  g_autoptr(MadoCardTransport) transport = NULL;
  g_autoptr(MadoJpki) jpki = open_jpki (options, &transport, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) chain_error = NULL;
  gboolean ok = FALSE;

  if (jpki == NULL)
    return FALSE;
  info->certificate = read_certificate (jpki, error);
  if (info->certificate != NULL && query_pin_status (jpki, &info->pin, error))
    {
      if (!mado_certificate_check_chain (info->certificate, options->anchors, now,
                                         &info->verdict, &chain_error))
        g_debug ("certificate chain check: %s", chain_error->message);
      ok = TRUE;
    }
  mado_card_transport_power_down (transport);
  return ok;
}

static int
card_info (int argc, char **argv)
{
  CardOptions options = { 0 };
  GOptionEntry entries[] = {
    { "reader", 0, 0, G_OPTION_ARG_STRING, &options.reader, N_("Use this reader only"), N_("NAME") },
    { "anchors", 0, 0, G_OPTION_ARG_FILENAME, &options.anchors,
      N_("Trust anchors for the chain check (PEM)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— read the card's certificate and PIN status, without a PIN"));
  g_autoptr(GError) error = NULL;
  CardInfo info = { NULL, MADO_CERTIFICATE_VERDICT_UNKNOWN, { FALSE, 0 } };
  int status = MADO_EXIT_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = mado_cli_usage_error ("card info", "%s", error->message);
  else if (argc != 1)
    status = mado_cli_usage_error ("card info", "%s", _("unexpected argument"));
  else if (!card_options_complete (&options, &error) || !collect_card_info (&options, &info, &error))
    status = mado_cli_fail ("card info", error, options.json);
  else if (options.json)
    print_card_info_json (&info);
  else
    print_card_info (&info);

  g_clear_object (&info.certificate);
  card_options_clear (&options);
  return status;
}

/* ---- card prove -------------------------------------------------------- */

static GBytes *
parse_challenge (const char  *hex,
                 GError     **error)
{
  gsize len = hex != NULL ? strlen (hex) : 0;
  g_autoptr(GByteArray) bytes = NULL;

  if (len == 0 || len % 2 != 0 || len / 2 > MAX_CHALLENGE_BYTES)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--challenge takes 1 to %u bytes as an even number of hex digits"),
                   MAX_CHALLENGE_BYTES);
      return NULL;
    }
  bytes = g_byte_array_sized_new ((guint) (len / 2));
  for (gsize i = 0; i < len; i += 2)
    {
      int high = g_ascii_xdigit_value (hex[i]);
      int low = g_ascii_xdigit_value (hex[i + 1]);
      guint8 byte;

      if (high < 0 || low < 0)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--challenge is not hexadecimal at character %u"), (guint) i + 1);
          return NULL;
        }
      byte = (guint8) (high << 4 | low);
      g_byte_array_append (bytes, &byte, 1);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Tries are shown before the PIN goes out, and the proof then refuses a
 * card that has fewer (mado_jpki_set_expected_tries). */
static gboolean
check_tries_before_pin (MadoJpki           *jpki,
                        const CardOptions  *options,
                        GError            **error)
{
  MadoJpkiPinStatus status = { FALSE, 0 };

  if (!mado_jpki_query_pin (jpki, &status, error))
    return FALSE;
  if (status.verified)
    return TRUE;
  if (!mado_cli_check_tries (status.tries_left, options->last_try, error))
    return FALSE;
  mado_jpki_set_expected_tries (jpki, status.tries_left);
  return TRUE;
}

typedef struct {
  MadoCertificate *certificate;
  GBytes          *signature;
  guint            apdus;
  guint            tries_left;    /* on a wrong PIN */
} Proof;

static gboolean
run_proof (const CardOptions  *options,
           GBytes             *challenge,
           const MadoPin      *pin,
           Proof              *proof,
           GError            **error)
{
  g_autoptr(MadoCardTransport) transport = NULL;
  g_autoptr(MadoJpki) jpki = open_jpki (options, &transport, error);
  guint8 digest[MADO_JPKI_DIGEST_LEN];
  unsigned int digest_len = sizeof digest;
  gsize challenge_len;
  const guint8 *challenge_data = g_bytes_get_data (challenge, &challenge_len);

  if (jpki == NULL)
    return FALSE;
  if (pin == NULL && !mado_card_transport_has_pin_pad (transport))
    {
      g_set_error_literal (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_FORMAT,
                           _("No PIN was given and the reader has no PIN pad. "
                             "Pass the PIN with --pin-fd."));
      mado_card_transport_power_down (transport);
      return FALSE;
    }
  proof->certificate = read_certificate (jpki, error);
  if (proof->certificate == NULL)
    {
      mado_card_transport_power_down (transport);
      return FALSE;
    }
  if (!check_tries_before_pin (jpki, options, error))
    {
      mado_card_transport_power_down (transport);
      return FALSE;
    }
  if (EVP_Digest (challenge_data, challenge_len, digest, &digest_len, EVP_sha256 (), NULL) != 1)
    g_error ("SHA-256 is not available");
  /* mado_jpki_prove() powers the card down on success and on failure. */
  proof->signature = mado_jpki_prove (jpki, proof->certificate, digest, digest_len, pin,
                                      &proof->tries_left, error);
  proof->apdus = mado_jpki_get_apdu_count (jpki);
  return proof->signature != NULL;
}

static int
report_proof (const Proof *proof,
              gboolean     json)
{
  gsize der_len;
  const guint8 *der = g_bytes_get_data (mado_certificate_get_der (proof->certificate), &der_len);
  gsize signature_len;
  const guint8 *signature_data = g_bytes_get_data (proof->signature, &signature_len);
  g_autofree char *certificate = g_base64_encode (der, der_len);
  g_autofree char *signature = g_base64_encode (signature_data, signature_len);

  if (json)
    {
      g_autoptr(MadoCliJsonWriter) writer = mado_cli_json_writer_new ();

      mado_cli_json_writer_begin_object (writer);
      mado_cli_json_writer_add_string (writer, "certificate", certificate);
      mado_cli_json_writer_add_string (writer, "sha256Fingerprint",
                                       mado_certificate_get_fingerprint_sha256 (proof->certificate));
      mado_cli_json_writer_add_string (writer, "signature", signature);
      mado_cli_json_writer_add_string (writer, "algorithm", "RSASSA-PKCS1-v1_5-SHA256");
      mado_cli_json_writer_add_int (writer, "apdus", proof->apdus);
      mado_cli_json_writer_end_object (writer);
      mado_cli_json_writer_print (writer);
    }
  else
    {
      g_print (_("Certificate (base64 DER):\n%s\n"), certificate);
      g_print (_("Signature (base64, RSASSA-PKCS1-v1_5 SHA-256):\n%s\n"), signature);
    }
  return MADO_EXIT_OK;
}

static int
report_proof_error (const GError *error,
                    const Proof  *proof,
                    gboolean      json)
{
  gboolean wrong_pin = g_error_matches (error, MADO_CARD_ERROR, MADO_CARD_ERROR_PIN_WRONG);

  if (!json)
    {
      g_printerr ("madoguchi-cli card prove: %s\n", error->message);
      if (wrong_pin)
        g_printerr (_("PIN tries left: %u\n"), proof->tries_left);
      return mado_error_exit_status (error);
    }
  {
    g_autoptr(MadoCliJsonWriter) writer = mado_cli_json_writer_new ();

    mado_cli_json_writer_begin_object (writer);
    mado_cli_json_writer_add_error (writer, error);
    if (wrong_pin)
      mado_cli_json_writer_add_int (writer, "triesLeft", proof->tries_left);
    mado_cli_json_writer_end_object (writer);
    mado_cli_json_writer_print (writer);
  }
  return mado_error_exit_status (error);
}

static int
card_prove (int argc, char **argv)
{
  CardOptions options = { 0 };
  g_autofree char *challenge_hex = NULL;
  int pin_fd = -1;
  GOptionEntry entries[] = {
    { "challenge", 0, 0, G_OPTION_ARG_STRING, &challenge_hex, N_("The bytes to sign, in hex"), N_("HEX") },
    { "pin-fd", 0, 0, G_OPTION_ARG_INT, &pin_fd,
      N_("Read the PIN from this file descriptor (without it: the reader's PIN pad)"), N_("N") },
    { "reader", 0, 0, G_OPTION_ARG_STRING, &options.reader, N_("Use this reader only"), N_("NAME") },
    { "last-try", 0, 0, G_OPTION_ARG_NONE, &options.last_try,
      N_("Staff have warned the resident that only one PIN try is left"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("— verify the PIN and sign the SHA-256 of a challenge"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) challenge = NULL;
  g_autoptr(MadoPin) pin = NULL;
  Proof proof = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return mado_cli_usage_error ("card prove", "%s", error->message);
  if (argc != 1)
    return mado_cli_usage_error ("card prove", "%s", _("unexpected argument"));
  challenge = parse_challenge (challenge_hex, &error);
  if (challenge == NULL)
    return mado_cli_usage_error ("card prove", "%s", error->message);
  /* The PIN is read before the card is touched, so a bad one costs no try. */
  if (pin_fd >= 0)
    {
      pin = mado_pin_new_from_fd (pin_fd, &error);
      if (pin == NULL || !mado_pin_validate (pin, &error))
        return mado_cli_fail ("card prove", error, options.json);
    }

  if (!card_options_complete (&options, &error) ||
      !run_proof (&options, challenge, pin, &proof, &error))
    status = report_proof_error (error, &proof, options.json);
  else
    status = report_proof (&proof, options.json);

  g_clear_object (&proof.certificate);
  g_clear_pointer (&proof.signature, g_bytes_unref);
  card_options_clear (&options);
  return status;
}

int
mado_cli_card (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "info"))
    return card_info (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "prove"))
    return card_prove (argc - 1, argv + 1);
  return mado_cli_usage_error ("card", "%s", _("expected “info” or “prove”"));
}

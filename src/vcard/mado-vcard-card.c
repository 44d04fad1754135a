/* mado-vcard-card.c — the virtual My Number Card's applications and files
 *
 * A model of the JPKI application as docs/virtual-card.md describes it: the
 * five applications selectable by AID, the JPKI files, the user
 * authentication PIN with its tries counter, and the card-side PKCS#1 v1.5
 * signature. The other applications refuse every file, so no My Number can
 * ever come out of this card.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-vcard-card.h"

#include <openssl/crypto.h>
#include <openssl/rsa.h>
#include <string.h>

#define EF_SIZE 0x0800
#define AUTH_MAX_TRIES 3
#define SIGN_PIN_TRIES 5
#define RSA_BYTES 256

enum
{
  SW_OK = 0x9000,
  SW_END_OF_FILE = 0x6282,
  SW_WRONG_LENGTH = 0x6700,
  SW_INCOMPATIBLE_FILE = 0x6981,
  SW_SECURITY_STATUS = 0x6982,
  SW_BLOCKED = 0x6984,
  SW_CONDITIONS = 0x6985,
  SW_NO_CURRENT_EF = 0x6986,
  SW_NOT_FOUND = 0x6A82,
  SW_WRONG_P1P2 = 0x6A86,
  SW_WRONG_OFFSET = 0x6B00,
  SW_UNKNOWN_INS = 0x6D00,
  SW_UNKNOWN_CLA = 0x6E00,
  SW_TRIES_LEFT = 0x63C0,
};

typedef enum
{
  APP_NONE,
  APP_JPKI,
  APP_OTHER,  /* card-info, surface, common, resident registry */
} App;

typedef struct
{
  guint8        cla, ins, p1, p2;
  const guint8 *data;
  gsize         lc;
  gboolean      has_le;
  guint         le;     /* 1–256 when has_le */
} Apdu;

struct _MadoVcardCard
{
  MadoVcardProfile *profile;
  App               app;
  guint16           ef;        /* 0 = none selected */
  gboolean          verified;  /* user-authentication PIN */
  guint             tries_left;
  GBytes           *ef_certificate;
  GBytes           *ef_ca_certificate;
};

/* The contact ATR OpenSC's JPKI driver (card-jpki.c) matches. */
static const guint8 jpki_atr[] = { 0x3B, 0xE0, 0x00, 0xFF, 0x81, 0x31, 0xFE, 0x45, 0x14 };

static const guint8 aid_jpki[] = { 0xD3, 0x92, 0xF0, 0x00, 0x26, 0x01, 0x00, 0x00, 0x00, 0x01 };
static const guint8 aid_others[][10] = {
  { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08 },
  { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x02 },
  { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x01, 0x00 },
  { 0xD3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01 },
};

static const guint16 jpki_files[] = {
  0x0001, 0x0002, 0x0006, 0x000A, 0x000B, 0x0017, 0x0018, 0x001A, 0x001B,
};

/* A certificate EF: the DER followed by 0xFF filler up to the EF size. */
static GBytes *
make_certificate_ef (GBytes *der)
{
  gsize length = 0;
  const guint8 *bytes = g_bytes_get_data (der, &length);
  guint8 *ef = g_malloc (MAX (EF_SIZE, length));

  memset (ef, 0xFF, MAX (EF_SIZE, length));
  memcpy (ef, bytes, length);
  return g_bytes_new_take (ef, MAX (EF_SIZE, length));
}

/**
 * mado_vcard_card_new:
 * @profile: (transfer full): the card's profile
 *
 * Returns: (transfer full): a card, powered off, with the profile's tries
 */
MadoVcardCard *
mado_vcard_card_new (MadoVcardProfile *profile)
{
  MadoVcardCard *card = g_new0 (MadoVcardCard, 1);

  card->profile = profile;
  card->tries_left = profile->blocked ? 0 : profile->tries_left;
  card->ef_certificate = make_certificate_ef (profile->certificate);
  card->ef_ca_certificate = make_certificate_ef (profile->ca_certificate);
  return card;
}

void
mado_vcard_card_free (MadoVcardCard *card)
{
  if (card == NULL)
    return;
  g_clear_pointer (&card->profile, mado_vcard_profile_free);
  g_clear_pointer (&card->ef_certificate, g_bytes_unref);
  g_clear_pointer (&card->ef_ca_certificate, g_bytes_unref);
  g_free (card);
}

/**
 * mado_vcard_card_power:
 * @card: a card
 *
 * A power cycle or reset: the selection and the verified PIN are
 * forgotten; the tries counter is kept (it lives in the card's memory).
 */
void
mado_vcard_card_power (MadoVcardCard *card)
{
  card->app = APP_NONE;
  card->ef = 0;
  card->verified = FALSE;
}

/**
 * mado_vcard_card_get_atr:
 * @length: (out): the ATR's length
 *
 * Returns: (transfer none): the answer to reset
 */
const guint8 *
mado_vcard_card_get_atr (gsize *length)
{
  *length = sizeof jpki_atr;
  return jpki_atr;
}

/* Short APDUs only: a zero Lc would start an extended APDU. */
static gboolean
parse_apdu (const guint8 *command,
            gsize         length,
            Apdu         *apdu)
{
  memset (apdu, 0, sizeof *apdu);
  if (length < 4)
    return FALSE;
  apdu->cla = command[0];
  apdu->ins = command[1];
  apdu->p1 = command[2];
  apdu->p2 = command[3];
  if (length == 4)
    return TRUE;
  if (length == 5)
    {
      apdu->has_le = TRUE;
      apdu->le = command[4] == 0 ? 256 : command[4];
      return TRUE;
    }
  apdu->lc = command[4];
  apdu->data = command + 5;
  if (apdu->lc == 0 || (length != 5 + apdu->lc && length != 6 + apdu->lc))
    return FALSE;
  if (length == 6 + apdu->lc)
    {
      apdu->has_le = TRUE;
      apdu->le = command[length - 1] == 0 ? 256 : command[length - 1];
    }
  return TRUE;
}

static guint
select_application (MadoVcardCard *card,
                    const Apdu    *apdu)
{
  if (apdu->lc == sizeof aid_jpki && memcmp (apdu->data, aid_jpki, sizeof aid_jpki) == 0)
    {
      /* Selecting the application again also logs out (OpenSC relies on it). */
      card->app = APP_JPKI;
      card->ef = 0;
      card->verified = FALSE;
      return SW_OK;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (aid_others); i++)
    if (apdu->lc == sizeof aid_others[i] && memcmp (apdu->data, aid_others[i], apdu->lc) == 0)
      {
        card->app = APP_OTHER;
        card->ef = 0;
        card->verified = FALSE;
        return SW_OK;
      }
  return SW_NOT_FOUND;
}

static guint
select_file (MadoVcardCard *card,
             const Apdu    *apdu)
{
  guint16 fid;

  if (apdu->lc != 2)
    return SW_WRONG_LENGTH;
  /* Only the JPKI application gives out files here: the others would hold
   * the My Number and the card surface. */
  if (card->app != APP_JPKI)
    return SW_NOT_FOUND;
  fid = (guint16) (apdu->data[0] << 8 | apdu->data[1]);
  for (gsize i = 0; i < G_N_ELEMENTS (jpki_files); i++)
    if (jpki_files[i] == fid)
      {
        card->ef = fid;
        return SW_OK;
      }
  return SW_NOT_FOUND;
}

static guint
do_select (MadoVcardCard *card,
           const Apdu    *apdu)
{
  if (apdu->p2 != 0x0C || (apdu->p1 != 0x04 && apdu->p1 != 0x02))
    return SW_WRONG_P1P2;
  /* An Le is tolerated: probing middleware sends case 4 SELECTs. */
  if (apdu->lc == 0)
    return SW_WRONG_LENGTH;
  return apdu->p1 == 0x04 ? select_application (card, apdu) : select_file (card, apdu);
}

/* The readable content of the selected EF, or the status word refusing it. */
static GBytes *
readable_ef (MadoVcardCard *card,
             guint         *sw)
{
  switch (card->ef)
    {
    case 0x000A:
      return g_bytes_ref (card->ef_certificate);
    case 0x000B:
      return g_bytes_ref (card->ef_ca_certificate);
    case 0x0006:
      return g_bytes_new (card->profile->token_label, sizeof card->profile->token_label);
    case 0x0001:
    case 0x0002:
      /* The signature certificate set is not modelled: it needs the signing
       * password, which this card never accepts. */
      *sw = SW_SECURITY_STATUS;
      return NULL;
    case 0:
      *sw = SW_NO_CURRENT_EF;
      return NULL;
    default:
      *sw = SW_INCOMPATIBLE_FILE;
      return NULL;
    }
}

static guint
do_read_binary (MadoVcardCard *card,
                const Apdu    *apdu,
                GByteArray    *response)
{
  g_autoptr(GBytes) ef = NULL;
  guint sw = SW_OK;
  gsize size = 0;
  const guint8 *bytes;
  gsize offset = (gsize) (apdu->p1 << 8 | apdu->p2);

  if (apdu->p1 & 0x80)
    return SW_WRONG_P1P2;  /* short EF identifiers are not supported */
  if (apdu->lc != 0 || !apdu->has_le)
    return SW_WRONG_LENGTH;
  ef = readable_ef (card, &sw);
  if (ef == NULL)
    return sw;
  bytes = g_bytes_get_data (ef, &size);
  if (offset >= size)
    return SW_WRONG_OFFSET;
  /* ISO 7816-4: a read that straddles the end returns what there is. */
  g_byte_array_append (response, bytes + offset, MIN (apdu->le, size - offset));
  return offset + apdu->le > size ? SW_END_OF_FILE : SW_OK;
}

static guint
verify_auth_pin (MadoVcardCard *card,
                 const Apdu    *apdu)
{
  if (apdu->lc == 0)
    return SW_TRIES_LEFT | card->tries_left;
  if (apdu->lc != MADO_VCARD_PIN_LENGTH || apdu->has_le)
    return SW_WRONG_LENGTH;
  if (card->tries_left == 0)
    return SW_BLOCKED;
  if (CRYPTO_memcmp (apdu->data, card->profile->pin, MADO_VCARD_PIN_LENGTH) == 0)
    {
      card->tries_left = AUTH_MAX_TRIES;
      card->verified = TRUE;
      return SW_OK;
    }
  card->tries_left--;
  card->verified = FALSE;
  return SW_TRIES_LEFT | card->tries_left;
}

static guint
do_verify (MadoVcardCard *card,
           const Apdu    *apdu)
{
  if (apdu->p1 != 0x00 || apdu->p2 != 0x80)
    return SW_WRONG_P1P2;
  if (card->app != APP_JPKI)
    return SW_CONDITIONS;
  if (card->ef == 0x0018)
    return verify_auth_pin (card, apdu);
  if (card->ef == 0x001B)
    /* The signing password is not modelled: its counter reads full, and
     * nothing is ever accepted. */
    return apdu->lc == 0 ? SW_TRIES_LEFT | SIGN_PIN_TRIES : SW_CONDITIONS;
  return SW_CONDITIONS;
}

static gboolean
rsa_sign (EVP_PKEY     *key,
          const guint8 *digest_info,
          gsize         length,
          GByteArray   *response)
{
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new (key, NULL);
  guint8 signature[RSA_BYTES];
  size_t signature_length = sizeof signature;
  gboolean ok;

  ok = ctx != NULL
       && EVP_PKEY_sign_init (ctx) > 0
       && EVP_PKEY_CTX_set_rsa_padding (ctx, RSA_PKCS1_PADDING) > 0
       && EVP_PKEY_sign (ctx, signature, &signature_length, digest_info, length) > 0;
  EVP_PKEY_CTX_free (ctx);
  if (ok)
    g_byte_array_append (response, signature, signature_length);
  return ok;
}

static guint
do_sign (MadoVcardCard *card,
         const Apdu    *apdu,
         GByteArray    *response)
{
  if (apdu->p1 != 0x00 || apdu->p2 != 0x80)
    return SW_WRONG_P1P2;
  /* PKCS#1 v1.5 type 1 needs 11 bytes of the 256 for padding. */
  if (apdu->lc == 0 || apdu->lc > RSA_BYTES - 11)
    return SW_WRONG_LENGTH;
  if (card->app != APP_JPKI || card->ef != 0x0017)
    return SW_CONDITIONS;
  if (!card->verified)
    return SW_SECURITY_STATUS;
  if (!rsa_sign (card->profile->key, apdu->data, apdu->lc, response))
    return SW_CONDITIONS;
  return SW_OK;
}

static guint
dispatch (MadoVcardCard *card,
          const Apdu    *apdu,
          GByteArray    *response)
{
  if (apdu->cla != 0x00 && apdu->cla != 0x80)
    return SW_UNKNOWN_CLA;
  if (apdu->cla == 0x80)
    return apdu->ins == 0x2A ? do_sign (card, apdu, response) : SW_UNKNOWN_INS;
  switch (apdu->ins)
    {
    case 0xA4:
      return do_select (card, apdu);
    case 0xB0:
      return do_read_binary (card, apdu, response);
    case 0x20:
      return do_verify (card, apdu);
    default:
      return SW_UNKNOWN_INS;
    }
}

/**
 * mado_vcard_card_process:
 * @card: a card
 * @command: (array length=length): a command APDU
 * @length: its length
 *
 * Returns: (transfer full): the response APDU (data and status word)
 */
GByteArray *
mado_vcard_card_process (MadoVcardCard *card,
                         const guint8  *command,
                         gsize          length)
{
  GByteArray *response = g_byte_array_new ();
  Apdu apdu;
  guint sw;
  guint8 sw_bytes[2];

  sw = parse_apdu (command, length, &apdu) ? dispatch (card, &apdu, response)
                                          : SW_WRONG_LENGTH;
  if ((sw & 0xFF00) != 0x9000 && sw != SW_END_OF_FILE)
    g_byte_array_set_size (response, 0);
  sw_bytes[0] = (guint8) (sw >> 8);
  sw_bytes[1] = (guint8) (sw & 0xFF);
  g_byte_array_append (response, sw_bytes, 2);
  return response;
}

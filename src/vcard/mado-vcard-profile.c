/* mado-vcard-profile.c — loads a madoguchi-vcard profile (GKeyFile)
 *
 * The format is described in docs/virtual-card.md; relative paths are
 * relative to the profile's folder.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-vcard-profile.h"

#include <openssl/pem.h>
#include <string.h>

#define MAX_TRIES 3
#define MAX_CERTIFICATE_SIZE 0x0800

static char *
resolve_path (const char *profile_path,
              const char *value)
{
  g_autofree char *folder = NULL;

  if (g_path_is_absolute (value))
    return g_strdup (value);
  folder = g_path_get_dirname (profile_path);
  return g_build_filename (folder, value, NULL);
}

static GBytes *
load_der (GKeyFile    *file,
          const char  *profile_path,
          const char  *key,
          GError     **error)
{
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  value = g_key_file_get_string (file, "card", key, error);
  if (value == NULL)
    return NULL;
  path = resolve_path (profile_path, value);
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  /* The card's EF has a fixed size; the certificate and filler must fit. */
  if (length < 4 || length > MAX_CERTIFICATE_SIZE || (guint8) contents[0] != 0x30)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: not a DER certificate of at most %d bytes", path,
                   MAX_CERTIFICATE_SIZE);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static EVP_PKEY *
load_key (GKeyFile    *file,
          const char  *profile_path,
          GError     **error)
{
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;
  EVP_PKEY *key = NULL;
  FILE *stream;

  value = g_key_file_get_string (file, "card", "key", error);
  if (value == NULL)
    return NULL;
  path = resolve_path (profile_path, value);
  stream = fopen (path, "r");
  if (stream != NULL)
    {
      key = PEM_read_PrivateKey (stream, NULL, NULL, NULL);
      fclose (stream);
    }
  if (key == NULL || EVP_PKEY_get_base_id (key) != EVP_PKEY_RSA)
    {
      EVP_PKEY_free (key);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   "%s: cannot read an RSA private key (PEM)", path);
      return NULL;
    }
  return key;
}

static gboolean
load_pin (GKeyFile          *file,
          MadoVcardProfile  *profile,
          GError           **error)
{
  g_autofree char *pin = g_key_file_get_string (file, "card", "pin", error);

  if (pin == NULL)
    return FALSE;
  if (strlen (pin) != MADO_VCARD_PIN_LENGTH || strspn (pin, "0123456789") != MADO_VCARD_PIN_LENGTH)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[card] pin must be exactly 4 digits");
      return FALSE;
    }
  memcpy (profile->pin, pin, MADO_VCARD_PIN_LENGTH);
  return TRUE;
}

/* An absent key takes its default; a malformed one is an error. */
static gboolean
get_uint (GKeyFile    *file,
          const char  *group,
          const char  *key,
          guint        fallback,
          guint        maximum,
          guint       *out,
          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint value;

  *out = fallback;
  if (!g_key_file_has_key (file, group, key, NULL))
    return TRUE;
  value = g_key_file_get_integer (file, group, key, &local_error);
  if (local_error != NULL || value < 0 || (guint) value > maximum)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[%s] %s must be a number from 0 to %u", group, key, maximum);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static gboolean
get_boolean (GKeyFile    *file,
             const char  *group,
             const char  *key,
             gboolean    *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *out = FALSE;
  if (!g_key_file_has_key (file, group, key, NULL))
    return TRUE;
  *out = g_key_file_get_boolean (file, group, key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static void
load_label (GKeyFile         *file,
            MadoVcardProfile *profile)
{
  g_autofree char *label = g_key_file_get_string (file, "card", "token-label", NULL);

  /* Padded with zero bytes to the 32 bytes of the EF. */
  memset (profile->token_label, 0, sizeof profile->token_label);
  if (label == NULL)
    label = g_strdup ("JPKIAPICCTOKEN2");
  memcpy (profile->token_label, label, MIN (strlen (label), sizeof profile->token_label));
}

static gboolean
load_behaviour (GKeyFile          *file,
                MadoVcardProfile  *profile,
                GError           **error)
{
  return get_uint (file, "card", "tries-left", MAX_TRIES, MAX_TRIES, &profile->tries_left, error)
      && get_uint (file, "behaviour", "apdu-delay-ms", 0, 60000, &profile->apdu_delay_ms, error)
      && get_uint (file, "behaviour", "remove-after-apdu", 0, G_MAXINT, &profile->remove_after_apdu, error)
      && get_uint (file, "behaviour", "garbage-at-apdu", 0, G_MAXINT, &profile->garbage_at_apdu, error)
      && get_boolean (file, "behaviour", "blocked", &profile->blocked, error);
}

/**
 * mado_vcard_profile_load:
 * @path: the profile file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
MadoVcardProfile *
mado_vcard_profile_load (const char  *path,
                         GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(MadoVcardProfile) profile = g_new0 (MadoVcardProfile, 1);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    return NULL;
  profile->certificate = load_der (file, path, "certificate", error);
  if (profile->certificate == NULL)
    return NULL;
  profile->ca_certificate = load_der (file, path, "ca-certificate", error);
  if (profile->ca_certificate == NULL)
    return NULL;
  profile->key = load_key (file, path, error);
  if (profile->key == NULL)
    return NULL;
  if (!load_pin (file, profile, error) || !load_behaviour (file, profile, error))
    return NULL;
  load_label (file, profile);
  return g_steal_pointer (&profile);
}

void
mado_vcard_profile_free (MadoVcardProfile *profile)
{
  if (profile == NULL)
    return;
  g_clear_pointer (&profile->certificate, g_bytes_unref);
  g_clear_pointer (&profile->ca_certificate, g_bytes_unref);
  g_clear_pointer (&profile->key, EVP_PKEY_free);
  OPENSSL_cleanse (profile->pin, sizeof profile->pin);
  g_free (profile);
}

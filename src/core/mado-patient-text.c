/* mado-patient-text.c — the resident's language, apart from the desk's
 *
 * The resident's screen speaks one of eight languages while the desk, in
 * the same process, stays in its own (Japanese or English). gettext cannot
 * do both: it answers in the process locale, LANGUAGE overrides any
 * per-thread locale from uselocale(), and newlocale() fails for locales
 * the machine has not generated (a desk has ja_JP at most). So the
 * resident's strings live in a catalogue of their own, `madoguchi-patient`,
 * built from po/patient/ by msgfmt like any other, and read here straight
 * from its .mo file: one table per language, loaded on first use and kept.
 *
 * The file is input from disk: every offset and length is checked against
 * its size; a damaged catalogue is logged by name and the screen falls back
 * to English, the source language, rather than show anything half-read.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "mado-patient-text.h"

#define MO_MAGIC         0x950412deu
#define MO_SWAPPED_MAGIC 0xde120495u
#define MO_HEADER_SIZE   28

typedef struct {
  const char *code;
  const char *name;   /* in the language itself: the resident reads it */
  const char *tag;    /* the BCP 47 tag the hub writes it as (docs/hub-api.md) */
} PatientLanguage;

static const PatientLanguage languages[] = {
  { "ja", "日本語", "ja" },
  { "en", "English", "en" },
  { "zh_CN", "中文（简体）", "zh-Hans" },
  { "ko", "한국어", "ko" },
  { "vi", "Tiếng Việt", "vi" },
  { "fil", "Filipino", "fil" },
  { "ne", "नेपाली", "ne" },
  { "pt_BR", "Português", "pt-BR" },
};

static GMutex      catalogs_lock;
static GHashTable *catalogs;   /* PatientLanguage → GHashTable msgid → msgstr, or NULL: none */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* The string a table entry at @entry points to, or NULL when it does not
 * lie inside the file with its terminating NUL. */
static const char *
entry_string (const guint8 *data,
              gsize         size,
              guint32       entry,
              gboolean      swapped)
{
  guint32 length;
  guint32 offset;

  if ((guint64) entry + 8 > size)
    return NULL;
  length = read_u32 (data, entry, swapped);
  offset = read_u32 (data, entry + 4, swapped);
  if ((guint64) offset + length >= size || data[offset + length] != '\0')
    return NULL;
  return (const char *) data + offset;
}

static gboolean
fail (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "not a GNU message catalogue, or a damaged one: reinstall Madoguchi");
  return FALSE;
}

static gboolean
read_entries (const guint8 *data,
              gsize         size,
              gboolean      swapped,
              GHashTable   *table,
              GError      **error)
{
  guint32 count = read_u32 (data, 8, swapped);
  guint32 originals = read_u32 (data, 12, swapped);
  guint32 translations = read_u32 (data, 16, swapped);

  if (count > size / 16)
    return fail (error);
  for (guint32 i = 0; i < count; i++)
    {
      const char *msgid = entry_string (data, size, originals + 8 * i, swapped);
      const char *msgstr = entry_string (data, size, translations + 8 * i, swapped);

      if (msgid == NULL || msgstr == NULL || !g_utf8_validate (msgstr, -1, NULL))
        return fail (error);
      /* The empty msgid is the header; an empty msgstr is untranslated. */
      if (*msgid != '\0' && *msgstr != '\0')
        g_hash_table_replace (table, g_strdup (msgid), g_strdup (msgstr));
    }
  return TRUE;
}

/**
 * mado_patient_text_parse_catalog:
 * @mo: the bytes of a compiled message catalogue (.mo), either byte order
 * @error: %G_IO_ERROR_INVALID_DATA when it is not one or is damaged
 *
 * Returns: (transfer full) (nullable): msgid → translation, both strings
 */
GHashTable *
mado_patient_text_parse_catalog (GBytes  *mo,
                                 GError **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (mo, &size);
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint32 magic;

  if (size < MO_HEADER_SIZE)
    return fail (error), NULL;
  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_SWAPPED_MAGIC)
    return fail (error), NULL;
  if (!read_entries (data, size, magic == MO_SWAPPED_MAGIC, table, error))
    return NULL;
  return g_steal_pointer (&table);
}

static const PatientLanguage *
find_language (const char *code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return &languages[i];
  return NULL;
}

static char *
catalog_path (const char *language)
{
  const char *uninstalled = g_getenv ("MADOGUCHI_LOCALEDIR");
  g_autofree char *dir = uninstalled != NULL ? g_build_filename (uninstalled, "patient", NULL)
                                             : g_strdup (LOCALEDIR);

  return g_build_filename (dir, language, "LC_MESSAGES", MADO_PATIENT_TEXT_DOMAIN ".mo", NULL);
}

static GHashTable *
load_catalog (const char *language)
{
  g_autofree char *path = catalog_path (language);
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *table;

  file = g_mapped_file_new (path, FALSE, &error);
  if (file == NULL)
    {
      g_warning ("patient-catalog-missing: %s: %s", language, error->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (file);
  table = mado_patient_text_parse_catalog (bytes, &error);
  if (table == NULL)
    g_warning ("patient-catalog-damaged: %s: %s", language, error->message);
  return table;
}

/**
 * mado_patient_text_languages:
 *
 * Returns: (transfer none): the codes of the languages the resident may
 *   choose, in the order the screen offers them (Japanese, English, then
 *   by the number of residents)
 */
const char *const *
mado_patient_text_languages (void)
{
  static const char *codes[G_N_ELEMENTS (languages) + 1];
  static gsize filled;

  if (g_once_init_enter (&filled))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
        codes[i] = languages[i].code;
      g_once_init_leave (&filled, 1);
    }
  return codes;
}

/**
 * mado_patient_text_language_name:
 *
 * Returns: (nullable): @language's name in that language, as its reader knows it
 */
const char *
mado_patient_text_language_name (const char *language)
{
  const PatientLanguage *found = find_language (language);

  return found != NULL ? found->name : NULL;
}

gboolean
mado_patient_text_is_language (const char *language)
{
  return mado_patient_text_language_name (language) != NULL;
}

/**
 * mado_patient_text_language_tag:
 * @language: one of mado_patient_text_languages()
 *
 * The hub writes languages as BCP 47 tags (`zh-Hans`, `pt-BR`), the
 * catalogues as gettext codes (`zh_CN`, `pt_BR`): one table maps both.
 *
 * Returns: (nullable): @language's tag in the hub's messages
 */
const char *
mado_patient_text_language_tag (const char *language)
{
  const PatientLanguage *found = find_language (language);

  return found != NULL ? found->tag : NULL;
}

/**
 * mado_patient_text_language_of_tag:
 * @tag: a BCP 47 tag from the hub, exactly as written there
 *
 * Returns: (nullable): the code of the language the resident may choose
 *   that @tag names, or %NULL when the resident's screen has none
 */
const char *
mado_patient_text_language_of_tag (const char *tag)
{
  for (gsize i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].tag, tag) == 0)
      return languages[i].code;
  return NULL;
}

/**
 * mado_patient_text_default_language:
 *
 * Returns: "ja" when the desk itself runs in Japanese, else "en": the
 *   resident's screen starts in the desk's language until they choose
 */
const char *
mado_patient_text_default_language (void)
{
  const char *const *names = g_get_language_names ();

  for (gsize i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "ja"))
        return "ja";
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C"))
        return "en";
    }
  return "en";
}

/**
 * mado_patient_text_get:
 * @language: one of mado_patient_text_languages()
 * @msgid: an English string marked with P_()
 *
 * Thread-safe; the process locale and LANGUAGE play no part.
 *
 * Returns: (transfer none): @msgid in @language, or @msgid itself (English,
 *   an unknown language, a missing or damaged catalogue)
 */
const char *
mado_patient_text_get (const char *language,
                       const char *msgid)
{
  const PatientLanguage *known = find_language (language);
  g_autoptr(GMutexLocker) locker = NULL;
  GHashTable *table;
  const char *found;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (known == NULL || g_str_equal (known->code, "en"))
    return msgid;
  locker = g_mutex_locker_new (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_direct_hash, g_direct_equal);
  if (!g_hash_table_lookup_extended (catalogs, known, NULL, (gpointer *) &table))
    {
      /* Kept even when NULL, so a missing catalogue is reported once. */
      table = load_catalog (known->code);
      g_hash_table_insert (catalogs, (gpointer) known, table);
    }
  found = table != NULL ? g_hash_table_lookup (table, msgid) : NULL;
  return found != NULL ? found : msgid;
}

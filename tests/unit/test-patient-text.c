/* test-patient-text.c — the resident's language beside the desk's, in one process
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the catalogues the build compiled (MADOGUCHI_LOCALEDIR, set by
 * tests/meson.build) and message catalogues written byte by byte here.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "madoguchi-core.h"

/* A desk string with its translation in po/ja.po. */
#define DESK_MSGID "There is no card on the reader. Place the card on the reader."
#define DESK_JA    "リーダーにカードがありません。カードをリーダーに置いてください。"

#define DONE_MSGID "Done. Please take your card."

/* The expected words, copied from po/patient/ by hand. */
static const struct {
  const char *language;
  const char *done;
} expected_done[] = {
  { "ja", "終わりました。カードをお取りください。" },
  { "zh_CN", "已完成。请取回您的卡。" },
  { "ko", "끝났습니다. 카드를 가져가 주세요." },
  { "vi", "Đã xong. Vui lòng lấy lại thẻ của bạn." },
  { "fil", "Tapos na. Pakikuha ang inyong card." },
  { "ne", "सकियो। कृपया आफ्नो कार्ड लिनुहोस्।" },
  { "pt_BR", "Pronto. Retire seu cartão, por favor." },
};

static void
desk_in_japanese (void)
{
  g_setenv ("LANGUAGE", "ja", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  mado_i18n_init ();
}

/* The desk stays Japanese while the resident's screen speaks each language
 * in turn, and the other way round. */
static void
test_beside_the_desk (void)
{
  desk_in_japanese ();
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, DESK_MSGID), ==, DESK_JA);
  for (gsize i = 0; i < G_N_ELEMENTS (expected_done); i++)
    {
      g_assert_cmpstr (mado_patient_text_get (expected_done[i].language, DONE_MSGID), ==,
                       expected_done[i].done);
      g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, DESK_MSGID), ==, DESK_JA);
    }
  g_assert_cmpstr (mado_patient_text_get ("en", DONE_MSGID), ==, DONE_MSGID);
  g_assert_cmpstr (mado_patient_text_get ("xx", DONE_MSGID), ==, DONE_MSGID);
  g_assert_cmpstr (mado_patient_text_get (NULL, DONE_MSGID), ==, DONE_MSGID);
  g_assert_cmpstr (mado_patient_text_default_language (), ==, "ja");
}

/* Every offered language has its own name and a catalogue that translates. */
static void
test_languages (void)
{
  const char *const *codes = mado_patient_text_languages ();

  g_assert_cmpuint (g_strv_length ((char **) codes), ==, 8);
  g_assert_cmpstr (codes[0], ==, "ja");
  g_assert_cmpstr (codes[1], ==, "en");
  g_assert_cmpstr (mado_patient_text_language_name ("ne"), ==, "नेपाली");
  g_assert_null (mado_patient_text_language_name ("de"));
  for (gsize i = 0; codes[i] != NULL; i++)
    if (!g_str_equal (codes[i], "en"))
      g_assert_cmpstr (mado_patient_text_get (codes[i], "Thank you."), !=, "Thank you.");
}

/* The hub's tags for the same languages, both ways; nothing else is one. */
static void
test_tags (void)
{
  const char *const *codes = mado_patient_text_languages ();

  g_assert_cmpstr (mado_patient_text_language_tag ("zh_CN"), ==, "zh-Hans");
  g_assert_cmpstr (mado_patient_text_language_tag ("pt_BR"), ==, "pt-BR");
  g_assert_null (mado_patient_text_language_tag ("de"));
  for (gsize i = 0; codes[i] != NULL; i++)
    g_assert_cmpstr (mado_patient_text_language_of_tag (mado_patient_text_language_tag (codes[i])), ==,
                     codes[i]);
  g_assert_null (mado_patient_text_language_of_tag ("zh_CN"));
  g_assert_null (mado_patient_text_language_of_tag ("pt-br"));
  g_assert_null (mado_patient_text_language_of_tag ("fr"));
  g_assert_null (mado_patient_text_language_of_tag (""));
}

/* A catalogue of @n pairs, laid out as msgfmt does, in either byte order. */
static GBytes *
make_mo (const char *const *pairs,
         guint32            n,
         gboolean           big_endian)
{
  GByteArray *bytes = g_byte_array_new ();
  guint32 strings = 28 + 16 * n;
  guint32 header[7] = { 0x950412de, 0, n, 28, 28 + 8 * n, 0, 0 };

  for (guint i = 0; i < 7; i++)
    {
      guint32 v = big_endian ? GUINT32_TO_BE (header[i]) : GUINT32_TO_LE (header[i]);
      g_byte_array_append (bytes, (guint8 *) &v, 4);
    }
  for (guint table = 0; table < 2; table++)
    for (guint i = 0; i < n; i++)
      {
        guint32 offset = strings;
        guint32 pair[2];

        for (guint j = 0; j < table * n + i; j++)
          offset += strlen (pairs[2 * (j % n) + j / n]) + 1;
        pair[0] = strlen (pairs[2 * i + table]);
        pair[1] = offset;
        for (guint k = 0; k < 2; k++)
          {
            guint32 v = big_endian ? GUINT32_TO_BE (pair[k]) : GUINT32_TO_LE (pair[k]);
            g_byte_array_append (bytes, (guint8 *) &v, 4);
          }
      }
  for (guint table = 0; table < 2; table++)
    for (guint i = 0; i < n; i++)
      g_byte_array_append (bytes, (const guint8 *) pairs[2 * i + table],
                           strlen (pairs[2 * i + table]) + 1);
  return g_byte_array_free_to_bytes (bytes);
}

static const char *const pairs[] = {
  "", "Content-Type: text/plain; charset=UTF-8\n",
  "OK", "決定",
  "Thank you.", "",
};

static void
test_parse_both_byte_orders (void)
{
  for (int big = 0; big < 2; big++)
    {
      g_autoptr(GBytes) mo = make_mo (pairs, 3, big);
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) table = mado_patient_text_parse_catalog (mo, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (g_hash_table_lookup (table, "OK"), ==, "決定");
      /* The header and an untranslated message are not translations. */
      g_assert_false (g_hash_table_contains (table, ""));
      g_assert_false (g_hash_table_contains (table, "Thank you."));
      g_assert_cmpuint (g_hash_table_size (table), ==, 1);
    }
}

static void
assert_refused (GBytes *mo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) table = mado_patient_text_parse_catalog (mo, &error);

  g_assert_null (table);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* Every cut of a good catalogue, a wrong magic number, a string running
 * past the end and an absurd count are refused, never read past the end. */
static void
test_damaged (void)
{
  g_autoptr(GBytes) mo = make_mo (pairs, 3, FALSE);
  gsize size;
  const guint8 *data = g_bytes_get_data (mo, &size);
  g_autofree guint8 *copy = g_memdup2 (data, size);

  for (gsize cut = 0; cut < size; cut++)
    {
      g_autoptr(GBytes) truncated = g_bytes_new (data, cut);

      assert_refused (truncated);
    }
  static const struct {
    gsize  offset;
    guint8 value;
  } damage[] = {
    { 0, 0x00 },        /* the magic number */
    { 28 + 8, 0xff },   /* the second msgid's length */
    { 28 + 12, 0xff },  /* the second msgid's offset */
    { 8 + 3, 0x40 },    /* the count */
  };

  for (gsize i = 0; i <= G_N_ELEMENTS (damage); i++)
    {
      g_autoptr(GBytes) damaged = NULL;

      memcpy (copy, data, size);
      if (i < G_N_ELEMENTS (damage))
        copy[damage[i].offset] = damage[i].value;
      else
        copy[size - 1] = 'x';   /* the last string's NUL */
      damaged = g_bytes_new (copy, size);
      assert_refused (damaged);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/patient-text/beside-the-desk", test_beside_the_desk);
  g_test_add_func ("/core/patient-text/languages", test_languages);
  g_test_add_func ("/core/patient-text/tags", test_tags);
  g_test_add_func ("/core/patient-text/parse/byte-orders", test_parse_both_byte_orders);
  g_test_add_func ("/core/patient-text/parse/damaged", test_damaged);

  return g_test_run ();
}

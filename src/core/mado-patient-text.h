/* mado-patient-text.h — the resident's language, apart from the desk's
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Marks a string of the resident's screen for the `madoguchi-patient`
 * catalogue (xgettext --keyword=P_); mado_patient_text_get() translates it. */
#define P_(String) (String)

#define MADO_PATIENT_TEXT_DOMAIN "madoguchi-patient"

const char *const *mado_patient_text_languages        (void);
const char        *mado_patient_text_language_name    (const char *language);
gboolean           mado_patient_text_is_language      (const char *language);
const char        *mado_patient_text_language_tag     (const char *language);
const char        *mado_patient_text_language_of_tag  (const char *tag);
const char        *mado_patient_text_default_language (void);
const char        *mado_patient_text_get              (const char *language,
                                                       const char *msgid);
GHashTable        *mado_patient_text_parse_catalog    (GBytes     *mo,
                                                       GError    **error);

G_END_DECLS

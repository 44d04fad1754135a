/* mado-orca-double.h — a stand-in for ORCA's API on loopback, for tests, demos and training
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* One 公費 as the double holds it: ORCA's element names and text values. */
typedef struct {
  char *id;
  char *class_code;
  char *name;
  char *payer;
  char *recipient;
  char *issued;
  char *expired;
  char *checked;
} MadoOrcaDoublePublic;

typedef struct {
  char      *id;
  char      *name;
  char      *kana;
  char      *birth;
  char      *sex;
  GPtrArray *publics;       /* (element-type MadoOrcaDoublePublic) */
  char      *orca_uid;      /* the lock: NULL when unlocked */
  char      *karte_uid;     /* who holds it */
  char      *pending;       /* the changes step 02 accepted, as JSON text */
  gboolean   asked;         /* step 03 asked its question for these changes */
} MadoOrcaDoublePatient;

typedef struct {
  SoupServer *server;
  char       *user;
  char       *password;
  GHashTable *patients;     /* Patient_ID → MadoOrcaDoublePatient */
  GQueue     *faults;       /* names, each used by the first request it fits */
  GPtrArray  *log;          /* "patientmodv32 01 00012 000", one per answered call */
  char       *changed_payer;     /* the "changed" fault's 公費: another terminal's entry */
  char       *changed_recipient;
  gboolean    https;
  guint       next_public_id;
} MadoOrcaDouble;

/* mado-orca-double.c: the server, authentication, answers, the control endpoints */
MadoOrcaDouble        *mado_orca_double_new            (const char             *user,
                                                        const char             *password,
                                                        GHashTable             *patients);
void                   mado_orca_double_free           (MadoOrcaDouble         *self);
void                   mado_orca_double_set_certificate (MadoOrcaDouble        *self,
                                                        GTlsCertificate        *certificate);
guint                  mado_orca_double_listen         (MadoOrcaDouble         *self,
                                                        const char             *address,
                                                        GError                **error);
gboolean               mado_orca_double_take_fault     (MadoOrcaDouble         *self,
                                                        const char             *name);
void                   mado_orca_double_respond        (SoupServerMessage      *msg,
                                                        guint                   status,
                                                        JsonBuilder            *b);
void                   mado_orca_double_refuse         (SoupServerMessage      *msg,
                                                        const char             *why);
void                   mado_orca_double_add_text       (JsonBuilder            *b,
                                                        const char             *name,
                                                        const char             *value);
const char            *mado_orca_double_text           (JsonObject             *object,
                                                        const char             *name);
void                   mado_orca_double_add_public     (JsonBuilder            *b,
                                                        const MadoOrcaDoublePublic *item);

/* mado-orca-double-fixtures.c: the patients file */
GHashTable            *mado_orca_double_fixtures_load  (const char             *path,
                                                        GError                **error);
void                   mado_orca_double_public_free    (MadoOrcaDoublePublic   *item);
void                   mado_orca_double_patient_free   (MadoOrcaDoublePatient  *patient);
gboolean               mado_orca_double_fixtures_is_date (const char           *text);

/* mado-orca-double-patientmod.c and -search.c: the API */
void                   mado_orca_double_patientmod     (MadoOrcaDouble         *self,
                                                        SoupServerMessage      *msg,
                                                        JsonObject             *request);
void                   mado_orca_double_search         (MadoOrcaDouble         *self,
                                                        SoupServerMessage      *msg,
                                                        JsonObject             *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoOrcaDouble, mado_orca_double_free)

G_END_DECLS

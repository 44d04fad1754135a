/* mado-resident-bundle.h — what the hub holds for one resident, as the desk may show it
 *
 * Plain structs, one per object of the bundle in docs/hub-api.md; members
 * carry the API's names in snake case. Optional strings are NULL when
 * absent; optional numbers have a has_ flag; a category the resident did not
 * consent to (or the hub did not send) is a NULL array or pointer, which is
 * not the same as an empty one.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "mado-subsidy-number.h"

G_BEGIN_DECLS

/**
 * MadoHubConsent:
 * @MADO_HUB_CONSENT_SUBSIDY: `subsidy`: subsidy certificates
 * @MADO_HUB_CONSENT_VACCINATION: `vaccination`: questionnaires, immunizations, what is due
 * @MADO_HUB_CONSENT_MATERNAL_CHILD: `maternalChild`: maternal and child check-ups
 */
typedef enum /*< flags >*/ {
  MADO_HUB_CONSENT_NONE           = 0,
  MADO_HUB_CONSENT_SUBSIDY        = 1 << 0,
  MADO_HUB_CONSENT_VACCINATION    = 1 << 1,
  MADO_HUB_CONSENT_MATERNAL_CHILD = 1 << 2,
} MadoHubConsent;

#define MADO_HUB_CONSENT_ALL (MADO_HUB_CONSENT_SUBSIDY | MADO_HUB_CONSENT_VACCINATION | \
                              MADO_HUB_CONSENT_MATERNAL_CHILD)

/**
 * MadoSex:
 * @MADO_SEX_NOT_DISCLOSED: not sent (a not-disclosed resident)
 * @MADO_SEX_MALE: `"1"`
 * @MADO_SEX_FEMALE: `"2"`
 */
typedef enum {
  MADO_SEX_NOT_DISCLOSED = 0,
  MADO_SEX_MALE = 1,
  MADO_SEX_FEMALE = 2,
} MadoSex;

typedef struct {
  char    *name;
  char    *name_kana;     /* NULL for a not-disclosed resident */
  GDate    birth_date;
  MadoSex  sex;
} MadoBasicInfo;

typedef struct {
  char             *medical_subsidy_insurer_number;
  char             *medical_subsidy_recipient_number;
  char             *certification_name;
  GDate             valid_from;
  GDate             valid_to;                      /* cleared (invalid) when open-ended */
  char             *income_segment;                /* nullable */
  gboolean          has_max_copayment;
  gint64            max_copayment_monthly_yen;
  GStrv             designated_medical_institutions;  /* nullable */
  gboolean          is_always_reimbursement;
  char             *additional_conditions;         /* nullable */
  MadoSubsidyCheck *number_check;                  /* the check digits, for display */
} MadoSubsidy;

typedef enum {
  MADO_ANSWER_NONE,      /* null or absent: not answered */
  MADO_ANSWER_NUMBER,
  MADO_ANSWER_BOOLEAN,
  MADO_ANSWER_TEXT,
} MadoAnswerKind;

typedef struct {
  char           *item_id;
  char           *text;
  char           *answer_type;
  char           *unit;               /* nullable */
  MadoAnswerKind  answer_kind;
  double          answer_number;
  gboolean        answer_boolean;
  char           *answer_text;
  gboolean        needs_attention;
  char           *attention_reason;   /* nullable */
  GStrv           translation_languages;  /* nullable: BCP 47 tags, in the hub's order */
  GStrv           translation_texts;      /* nullable: @text in each of those languages */
} MadoQuestionnaireItem;

typedef struct {
  char      *item_id;
  char      *text;
  char      *answer_type;    /* nullable: number, boolean, text or choice */
  GStrv      options;        /* nullable: the choices of a `choice` item */
} MadoDoctorItem;

typedef struct {
  char      *questionnaire_id;
  char      *form_code;
  char      *title;
  char      *vaccine;          /* nullable */
  GDateTime *answered_at;      /* nullable */
  GPtrArray *items;            /* (element-type MadoQuestionnaireItem) */
  GPtrArray *doctor_section;   /* (element-type MadoDoctorItem) */
  gboolean   needs_attention;  /* any item needs attention */
} MadoQuestionnaire;

typedef struct {
  char      *vaccine_code_system;   /* nullable */
  char      *vaccine_code;
  char      *vaccine_code_display;  /* nullable */
  GStrv      target_disease;        /* never NULL; may be empty */
  GDate      occurrence_date;
  gint       dose_number;           /* 0 when absent */
  char      *lot_number;            /* nullable */
  char      *site;                  /* nullable */
  gboolean   has_dose_quantity;
  double     dose_quantity_ml;
  char      *performer;             /* nullable */
  char      *status;                /* completed | entered-in-error | not-done */
  gboolean   live;
  gboolean   injectable;
} MadoImmunization;

typedef struct {
  char  *vaccine;
  gint   dose_number;   /* 0 when absent */
  GDate  due_from;      /* cleared when absent */
  GDate  due_to;        /* cleared when absent */
} MadoImmunizationDue;

typedef struct {
  GDate     date;
  gint      gestation_weeks;   /* -1 when absent */
  gboolean  has_weight;
  double    weight_kg;
  char     *blood_pressure;    /* nullable, "systolic/diastolic" */
  char     *findings;          /* nullable */
} MadoPregnancyCheckup;

typedef struct {
  GDate     date;
  char     *kind;              /* nullable, e.g. "3-4months" */
  gint      age_months;        /* -1 when absent */
  gboolean  has_height;
  double    height_cm;
  gboolean  has_weight;
  double    weight_kg;
  gboolean  has_head_circumference;
  double    head_circumference_cm;
  gboolean  has_chest_circumference;
  double    chest_circumference_cm;
  char     *urine_test;        /* nullable */
  char     *notes;             /* nullable */
} MadoInfantCheckup;

typedef struct {
  GPtrArray *pregnancy_checkups;  /* (element-type MadoPregnancyCheckup) */
  GPtrArray *infant_checkups;     /* (element-type MadoInfantCheckup) */
} MadoMaternalChild;

typedef struct {
  char              *version;
  GDateTime         *as_of;
  char              *resident_ref;
  gboolean           is_not_disclosed;
  MadoBasicInfo      basic_info;
  GPtrArray         *subsidies;           /* (nullable) (element-type MadoSubsidy) */
  GPtrArray         *questionnaires;      /* (nullable) (element-type MadoQuestionnaire) */
  GPtrArray         *immunizations;       /* (nullable) (element-type MadoImmunization) */
  GPtrArray         *immunizations_due;   /* (nullable) (element-type MadoImmunizationDue) */
  MadoMaternalChild *maternal_child;      /* (nullable) */
} MadoResidentBundle;

MadoSubsidy           *mado_subsidy_new                 (void);
void                   mado_subsidy_free                (MadoSubsidy *subsidy);
MadoQuestionnaireItem *mado_questionnaire_item_new      (void);
void                   mado_questionnaire_item_free     (MadoQuestionnaireItem *item);
const char            *mado_questionnaire_item_get_text_in (const MadoQuestionnaireItem *item,
                                                         const char                  *language);
MadoDoctorItem        *mado_doctor_item_new             (void);
void                   mado_doctor_item_free            (MadoDoctorItem *item);
MadoQuestionnaire     *mado_questionnaire_new           (void);
void                   mado_questionnaire_free          (MadoQuestionnaire *questionnaire);
MadoImmunization      *mado_immunization_new            (void);
void                   mado_immunization_free           (MadoImmunization *immunization);
MadoImmunizationDue   *mado_immunization_due_new        (void);
void                   mado_immunization_due_free       (MadoImmunizationDue *due);
MadoPregnancyCheckup  *mado_pregnancy_checkup_new       (void);
void                   mado_pregnancy_checkup_free      (MadoPregnancyCheckup *checkup);
MadoInfantCheckup     *mado_infant_checkup_new          (void);
void                   mado_infant_checkup_free         (MadoInfantCheckup *checkup);
MadoMaternalChild     *mado_maternal_child_new          (void);
void                   mado_maternal_child_free         (MadoMaternalChild *maternal_child);
MadoResidentBundle    *mado_resident_bundle_new         (void);
void                   mado_resident_bundle_free        (MadoResidentBundle *bundle);

MadoHubConsent         mado_resident_bundle_get_categories (const MadoResidentBundle *bundle);
guint                  mado_resident_bundle_count_attention (const MadoResidentBundle *bundle);
char                  *mado_resident_bundle_describe_as_of (const MadoResidentBundle *bundle);
gboolean               mado_resident_bundle_is_older    (const MadoResidentBundle *bundle,
                                                         const MadoResidentBundle *than);
int                    mado_questionnaire_compare_latest_first (gconstpointer a,
                                                                gconstpointer b);
const MadoQuestionnaire *mado_resident_bundle_get_latest_questionnaire (const MadoResidentBundle *bundle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoSubsidy, mado_subsidy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoQuestionnaireItem, mado_questionnaire_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoDoctorItem, mado_doctor_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoQuestionnaire, mado_questionnaire_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoImmunization, mado_immunization_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoImmunizationDue, mado_immunization_due_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoPregnancyCheckup, mado_pregnancy_checkup_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoInfantCheckup, mado_infant_checkup_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoMaternalChild, mado_maternal_child_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoResidentBundle, mado_resident_bundle_free)

G_END_DECLS

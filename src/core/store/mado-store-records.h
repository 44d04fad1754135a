/* mado-store-records.h — the venue's records at this desk: written once with their outbox entry, listed by day
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-store.h"
#include "mado-vaccination-rules.h"

G_BEGIN_DECLS

/**
 * MadoRecordKind:
 * @MADO_RECORD_JUDGEMENT: `judgement`: the doctor's completed 予診票
 * @MADO_RECORD_VACCINATION: `vaccination`: a dose given
 * @MADO_RECORD_CORRECTION: `correction`: a vaccination marked entered-in-error
 */
typedef enum {
  MADO_RECORD_JUDGEMENT,
  MADO_RECORD_VACCINATION,
  MADO_RECORD_CORRECTION,
} MadoRecordKind;

/**
 * MadoDelivery:
 * @MADO_DELIVERY_SENDING: `recorded-sending`: saved here, not yet accepted by the hub
 * @MADO_DELIVERY_DELIVERED: `delivered`: the hub accepted it
 * @MADO_DELIVERY_REFUSED: `refused`: the hub refused it for good; the reason is kept
 */
typedef enum {
  MADO_DELIVERY_SENDING,
  MADO_DELIVERY_DELIVERED,
  MADO_DELIVERY_REFUSED,
} MadoDelivery;

/* What the producer hands the store for one record (borrowed pointers). */
typedef struct {
  MadoRecordKind  kind;
  const char     *record_id;
  const char     *outcome;        /* vaccinate, examination-only, vaccinated, entered-in-error */
  const char     *resident_ref;
  const char     *vaccine_code;   /* nullable */
  const char     *vaccine_name;   /* nullable */
  const char     *lot_number;     /* nullable */
  guint           dose_number;    /* 0 when none */
  const char     *staff_id;
  const char     *corrects;       /* nullable: the record a correction marks */
  GDateTime      *recorded_at;    /* its local date is the record's day */
  const char     *hub_kind;       /* the outbox kind */
  GBytes         *hub_body;       /* what the hub receives */
  GBytes         *local_body;     /* what this desk keeps, sealed */
  const char     *audit_detail;   /* no personal data */
} MadoRecordWrite;

/**
 * MadoStoredRecord:
 * @local_body: (nullable): the sealed local JSON, opened, when asked for
 * @corrected_by: (nullable): the correction that marked it entered-in-error
 * @refusal: (nullable): why the hub refused it
 */
typedef struct {
  char           *record_id;
  MadoRecordKind  kind;
  char           *outcome;
  char           *day;
  gint64          recorded_at;
  char           *vaccine_code;
  char           *vaccine_name;
  char           *lot_number;
  guint           dose_number;
  char           *staff_id;
  char           *corrects;
  char           *corrected_by;
  char           *outbox_key;
  MadoDelivery    delivery;
  char           *refusal;
  GBytes         *local_body;
} MadoStoredRecord;

/**
 * MadoRecordFilter:
 * @day: (nullable): YYYY-MM-DD; %NULL for today (local time)
 * @kind: a #MadoRecordKind, or -1 for every kind
 * @delivery: a #MadoDelivery, or -1 for every state
 * @vaccine_code: (nullable): only this vaccine
 * @resident_ref: (nullable): only this resident
 * @with_bodies: open each record's local JSON
 */
typedef struct {
  const char *day;
  int         kind;
  int         delivery;
  const char *vaccine_code;
  const char *resident_ref;
  gboolean    with_bodies;
} MadoRecordFilter;

/* One line of the day's report: one vaccine and lot, or one vaccine's
 * examination-only visits. */
typedef struct {
  char  *outcome;          /* vaccinated or examination-only */
  char  *vaccine_code;     /* "" for examination-only */
  char  *vaccine_name;
  char  *lot_number;       /* "" for examination-only */
  guint  count;            /* not entered-in-error */
  guint  entered_in_error;
  guint  sending;
  guint  delivered;
  guint  refused;
} MadoDayReportRow;

#define MADO_RECORD_FILTER_ALL { NULL, -1, -1, NULL, NULL, FALSE }

const char       *mado_record_kind_to_string      (MadoRecordKind kind);
gboolean          mado_record_kind_from_string    (const char    *text,
                                                   MadoRecordKind *kind);
const char       *mado_delivery_to_string         (MadoDelivery   delivery);
gboolean          mado_delivery_from_string       (const char    *text,
                                                   MadoDelivery  *delivery);
void              mado_stored_record_free         (MadoStoredRecord *record);
void              mado_day_report_row_free        (MadoDayReportRow *row);
char             *mado_store_records_today        (void);

char             *mado_store_records_resident_tag (MadoStore              *store,
                                                   const char             *resident_ref);
gboolean          mado_store_records_write        (MadoStore              *store,
                                                   const MadoRecordWrite  *write,
                                                   char                  **out_outbox_key,
                                                   GError                **error);
GPtrArray        *mado_store_records_list         (MadoStore              *store,
                                                   const MadoRecordFilter *filter,
                                                   GError                **error);
MadoStoredRecord *mado_store_records_get          (MadoStore              *store,
                                                   const char             *record_id,
                                                   GError                **error);
GArray           *mado_store_records_history      (MadoStore              *store,
                                                   const char             *resident_ref,
                                                   GError                **error);
GPtrArray        *mado_store_records_report       (MadoStore              *store,
                                                   const char             *day,
                                                   GError                **error);
char             *mado_store_records_report_csv   (GPtrArray              *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoStoredRecord, mado_stored_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoDayReportRow, mado_day_report_row_free)

G_END_DECLS

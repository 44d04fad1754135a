/* mado-json-read-private.h — strict reading of hub JSON, member by member, with the JSON path
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Bounds on strings that several messages share. */
#define MADO_JSON_MAX_TEXT  1000
#define MADO_JSON_MAX_NAME   100
#define MADO_JSON_MAX_ID     128

typedef enum {
  MADO_JSON_OPTIONAL,
  MADO_JSON_REQUIRED,
} MadoJsonPresence;

/* What characters a string may hold. */
typedef enum {
  MADO_JSON_TEXT_LINE,      /* no control characters */
  MADO_JSON_TEXT_FREE,      /* tabs and line breaks allowed */
} MadoJsonText;

/* One decoding in progress: where it is ("$.bundle.subsidies[2]") and where
 * the first violation goes. */
typedef struct {
  GString  *path;
  GError  **error;
} MadoJsonRead;

#define MADO_JSON_READ_INIT(error) { g_string_new ("$"), (error) }

typedef gboolean (*MadoJsonCheckString) (const char *text);
typedef gpointer (*MadoJsonDecodeFunc)  (MadoJsonRead *ctx,
                                         JsonObject   *object);

void      mado_json_read_clear         (MadoJsonRead         *ctx);
JsonNode *mado_json_read_root          (const char           *data,
                                        gsize                 length,
                                        GError              **error);
gboolean  mado_json_read_fail          (MadoJsonRead         *ctx,
                                        const char           *member,
                                        const char           *format,
                                        ...) G_GNUC_PRINTF (3, 4);
gsize     mado_json_read_enter_member  (MadoJsonRead         *ctx,
                                        const char           *name);
void      mado_json_read_leave         (MadoJsonRead         *ctx,
                                        gsize                 mark);

gboolean  mado_json_read_node          (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        JsonNode            **out);
gboolean  mado_json_read_string        (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        guint                 max_chars,
                                        MadoJsonText          kind,
                                        char                **out);
gboolean  mado_json_read_enum          (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        const char *const    *allowed,
                                        int                  *out);
gboolean  mado_json_read_bool          (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        gboolean              fallback,
                                        gboolean             *out);
gboolean  mado_json_read_int           (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        gint64                min,
                                        gint64                max,
                                        gboolean             *present,
                                        gint64               *out);
gboolean  mado_json_read_double        (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        double                min,
                                        double                max,
                                        gboolean             *present,
                                        double               *out);
gboolean  mado_json_read_date          (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        GDate                *out);
gboolean  mado_json_read_time          (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        GDateTime           **out);
gboolean  mado_json_read_object        (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        JsonObject          **out);
gboolean  mado_json_read_string_array  (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        guint                 max_length,
                                        guint                 max_chars,
                                        MadoJsonCheckString   check,
                                        gboolean              empty_if_absent,
                                        GStrv                *out);
gboolean  mado_json_read_object_array  (MadoJsonRead         *ctx,
                                        JsonObject           *object,
                                        const char           *name,
                                        MadoJsonPresence      presence,
                                        guint                 max_length,
                                        MadoJsonDecodeFunc    decode,
                                        GDestroyNotify        free_func,
                                        GPtrArray           **out);

gboolean  mado_json_read_is_digits     (const char           *text,
                                        gsize                 length);
gboolean  mado_json_read_is_token      (const char           *text,
                                        gsize                 max_length,
                                        const char           *extra);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MadoJsonRead, mado_json_read_clear)

G_END_DECLS

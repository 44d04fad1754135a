/* mado-cli-json.c — JsonBuilder members and printing for madoguchi-cli-desk's --json
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only madoguchi-cli-desk links this file: the card commands in the small
 * madoguchi-cli write their JSON with mado-cli-json-writer.c, without
 * json-glib and GIO. Both print the same text.
 */
#include "config.h"

#include "madoguchi-core.h"
#include "mado-cli.h"

void
mado_cli_json_print (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
mado_cli_json_add_error (JsonBuilder  *builder,
                         const GError *error)
{
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, mado_error_name (error));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, error->message);
  json_builder_set_member_name (builder, "exitStatus");
  json_builder_add_int_value (builder, mado_error_exit_status (error));
  json_builder_end_object (builder);
}

/* A string member, or null for NULL. */
void
mado_cli_json_add_string (JsonBuilder *builder,
                          const char  *name,
                          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

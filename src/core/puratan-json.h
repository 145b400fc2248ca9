/* puratan-json.h: strict parsing and typed member access on json-glib
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode *puratan_json_parse (const char *data, gssize length, GError **error);
JsonNode *puratan_json_parse_bytes (GBytes *bytes, GError **error);
JsonObject *puratan_json_parse_object (const char *data, gssize length, GError **error);
JsonObject *puratan_json_parse_object_bytes (GBytes *bytes, GError **error);
JsonArray *puratan_json_parse_array (const char *data, gssize length, GError **error);

gboolean
puratan_json_get_string (JsonObject *object, const char *member, const char **out, GError **error);
gboolean puratan_json_get_int (JsonObject *object, const char *member, gint64 *out, GError **error);
gboolean puratan_json_get_int_in_range (
    JsonObject *object, const char *member, gint64 min, gint64 max, gint64 *out, GError **error);
gboolean
puratan_json_get_bool (JsonObject *object, const char *member, gboolean *out, GError **error);
gboolean
puratan_json_get_object (JsonObject *object, const char *member, JsonObject **out, GError **error);
gboolean
puratan_json_get_array (JsonObject *object, const char *member, JsonArray **out, GError **error);

gboolean puratan_json_get_optional_string (JsonObject *object,
                                           const char *member,
                                           const char *default_value,
                                           const char **out,
                                           GError **error);
gboolean puratan_json_get_optional_int (
    JsonObject *object, const char *member, gint64 default_value, gint64 *out, GError **error);
gboolean puratan_json_get_optional_bool (
    JsonObject *object, const char *member, gboolean default_value, gboolean *out, GError **error);
gboolean puratan_json_get_optional_object (JsonObject *object,
                                           const char *member,
                                           JsonObject **out,
                                           GError **error);
gboolean puratan_json_get_optional_array (JsonObject *object,
                                          const char *member,
                                          JsonArray **out,
                                          GError **error);

char *puratan_json_to_string (JsonNode *node, gboolean pretty);
char *puratan_json_object_to_string (JsonObject *object, gboolean pretty);

G_END_DECLS

/* puratan-json-private.h: internals shared by the JSON helpers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PURATAN_JSON_MAX_DEPTH 512

gboolean puratan_json_check_depth (const char *data, gsize length, GError **error);
gboolean puratan_json_check_strict (const char *data, gsize length, GError **error);
const char *puratan_json_describe_node (JsonNode *node);

G_END_DECLS

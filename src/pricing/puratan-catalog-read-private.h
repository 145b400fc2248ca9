/* puratan-catalog-read-private.h: strict readers for the catalog's JSON files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "puratan-imposition.h"

G_BEGIN_DECLS

/* Every reader names the place it reads as "@where: field “@member”" in its
 * error, so a person can find the mistake: @where is for example
 * "catalog.json: product “flyers”". All errors are %PURATAN_ERROR_INVALID_INPUT. */

gboolean puratan_read_members (JsonObject *object,
                               const char *where,
                               const char *const *allowed,
                               GError **error);
gboolean puratan_read_string (
    JsonObject *object, const char *member, const char *where, const char **out, GError **error);
gboolean puratan_read_optional_string (
    JsonObject *object, const char *member, const char *where, const char **out, GError **error);
gboolean puratan_read_int (JsonObject *object,
                           const char *member,
                           const char *where,
                           gint64 min,
                           gint64 max,
                           gint64 *out,
                           GError **error);
gboolean puratan_read_optional_int (JsonObject *object,
                                    const char *member,
                                    const char *where,
                                    gint64 min,
                                    gint64 max,
                                    gint64 default_value,
                                    gint64 *out,
                                    GError **error);
gboolean puratan_read_length (
    JsonObject *object, const char *member, const char *where, gint64 *out_um, GError **error);
gboolean puratan_read_size (JsonObject *object,
                            const char *member,
                            const char *where,
                            PuratanSheetSize *out,
                            GError **error);
gboolean puratan_read_array (JsonObject *object,
                             const char *member,
                             const char *where,
                             gboolean optional,
                             JsonArray **out,
                             GError **error);
gboolean puratan_read_object (JsonObject *object,
                              const char *member,
                              const char *where,
                              gboolean optional,
                              JsonObject **out,
                              GError **error);
gboolean puratan_read_element_object (JsonArray *array,
                                      guint index,
                                      const char *where,
                                      const char *member,
                                      JsonObject **out,
                                      GError **error);
gboolean puratan_read_strv (JsonObject *object,
                            const char *member,
                            const char *where,
                            gboolean optional,
                            GStrv *out,
                            GError **error);
gboolean puratan_read_date (
    JsonObject *object, const char *member, const char *where, GDate *out, GError **error);

gboolean puratan_parse_decimal (const char *text, guint max_decimals, gint64 *out_scaled);
gboolean puratan_parse_length (const char *text, gint64 *out_um);
gboolean puratan_parse_date (const char *text, GDate *out);

G_END_DECLS

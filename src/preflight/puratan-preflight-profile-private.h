/* puratan-preflight-profile-private.h: the profile's fields, shared by the profile's own files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "puratan-preflight-profile.h"

G_BEGIN_DECLS

/* One finished size of a product: the catalog's size option id and its trim. */
typedef struct
{
  char *id;
  double width_mm, height_mm;
} PuratanPreflightSize;

struct _PuratanPreflightProfile
{
  char *id;
  char *name;
  char *press_condition; /* characterisation the output intent must name ("FOGRA39") */
  char *press;           /* the shop's press condition id for export ("fogra39-coated") */
  char *product_id;
  JsonObject *checks;
  GArray *sizes;          /* (element-type PuratanPreflightSize): the sizes a page may have */
  char **technical_spots; /* spot names the product accepts as technical (die lines) */
  double bleed_mm;
  guint pages_min, pages_max, pages_multiple;
};

PuratanPreflightProfile *puratan_preflight_profile_new (void);
JsonObject *puratan_preflight_parse_object (
    const char *data, gssize length, const char *source, const char *format, GError **error);
GBytes *puratan_preflight_lookup_resource (const char *dir, const char *id);

G_END_DECLS

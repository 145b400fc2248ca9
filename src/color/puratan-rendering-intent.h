/* puratan-rendering-intent.h: ICC rendering intents
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PuratanRenderingIntent:
 * @PURATAN_INTENT_PERCEPTUAL: compress the whole gamut to keep relations between colours
 * @PURATAN_INTENT_RELATIVE: keep in-gamut colours, map white to the paper white, clip the rest
 * @PURATAN_INTENT_SATURATION: keep colours vivid (business graphics)
 * @PURATAN_INTENT_ABSOLUTE: keep in-gamut colours exactly, paper white included
 *
 * The ICC rendering intents; the values are the ICC (and Little CMS) numbers.
 */
typedef enum
{
  PURATAN_INTENT_PERCEPTUAL = 0,
  PURATAN_INTENT_RELATIVE = 1,
  PURATAN_INTENT_SATURATION = 2,
  PURATAN_INTENT_ABSOLUTE = 3,
} PuratanRenderingIntent;

gboolean puratan_rendering_intent_from_string (const char *text,
                                               PuratanRenderingIntent *intent,
                                               GError **error);
const char *puratan_rendering_intent_to_string (PuratanRenderingIntent intent);

G_END_DECLS

/* puratan-color-converter.h: converting colour values through profiles
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-color-value.h"
#include "puratan-icc-profile.h"
#include "puratan-rendering-intent.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_COLOR_CONVERTER (puratan_color_converter_get_type ())

G_DECLARE_FINAL_TYPE (
    PuratanColorConverter, puratan_color_converter, PURATAN, COLOR_CONVERTER, GObject)

PuratanColorConverter *puratan_color_converter_new (PuratanIccProfile *rgb,
                                                    PuratanIccProfile *cmyk,
                                                    PuratanRenderingIntent intent,
                                                    gboolean black_point_compensation,
                                                    GError **error);
PuratanColor *puratan_color_converter_convert (PuratanColorConverter *self,
                                               const PuratanColor *color,
                                               PuratanColorKind target,
                                               GError **error);
gboolean puratan_color_converter_in_gamut (PuratanColorConverter *self,
                                           const PuratanColor *color,
                                           gboolean *in_gamut,
                                           GError **error);

G_END_DECLS

/* puratan-gamut-private.h: how far outside the press gamut a colour lies
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-icc-profile.h"
#include "puratan-lcms-private.h"
#include "puratan-rendering-intent.h"

G_BEGIN_DECLS

/* For each of @n 16-bit RGB colours in @working, writes to @measure 0 if the press can print
 * it and otherwise how far out it lies (ΔE beyond the threshold, 1 to 255). This is Little
 * CMS's own gamut-check criterion (a colorimetric round trip through the press profile,
 * twice), evaluated in batches over every core instead of one colour at a time. */
gboolean puratan_gamut_measure (PuratanIccProfile *working,
                                PuratanIccProfile *press,
                                PuratanRenderingIntent intent,
                                gboolean black_point_compensation,
                                const guint16 *rgb,
                                gsize n,
                                guint8 *measure,
                                GError **error);

/* The same for @n Lab (D50) colours, judged as they are: no working space clips them. */
gboolean puratan_gamut_measure_lab (
    PuratanIccProfile *press, const cmsCIELab *lab, gsize n, guint8 *measure, GError **error);

G_END_DECLS

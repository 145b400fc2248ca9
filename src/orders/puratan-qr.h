/* puratan-qr.h: QR codes drawn with Cairo
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

gboolean
puratan_qr_draw (cairo_t *cr, const char *text, double x, double y, double size, GError **error);

gboolean puratan_qr_write_png (const char *text, const char *path, int module_px, GError **error);

G_END_DECLS

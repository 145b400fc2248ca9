/* puratan-render-cairo.h: designs drawn with Cairo for the screen and PNG proofs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "puratan-doc.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_RENDERER (puratan_renderer_get_type ())

G_DECLARE_FINAL_TYPE (PuratanRenderer, puratan_renderer, PURATAN, RENDERER, GObject)

PuratanRenderer *
puratan_renderer_new (PuratanDocument *document, const char *press, GError **error);
void puratan_renderer_set_soft_proof (PuratanRenderer *self, gboolean soft_proof);
gboolean
puratan_renderer_draw_page (PuratanRenderer *self, cairo_t *cr, guint page, GError **error);
gboolean puratan_renderer_write_png (
    PuratanRenderer *self, guint page, double dpi, const char *path, GError **error);
GBytes *puratan_renderer_thumbnail_png (PuratanRenderer *self, int max_edge, GError **error);

G_END_DECLS

/* puratan-canvas-view.h: the Design view's canvas with its rulers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-canvas.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_CANVAS_VIEW (puratan_canvas_view_get_type ())

G_DECLARE_FINAL_TYPE (PuratanCanvasView, puratan_canvas_view, PURATAN, CANVAS_VIEW, GtkWidget)

GtkWidget *puratan_canvas_view_new (void);
PuratanCanvas *puratan_canvas_view_get_canvas (PuratanCanvasView *self);

G_END_DECLS

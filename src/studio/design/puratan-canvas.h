/* puratan-canvas.h: the Design view's canvas: one page of a design on a pasteboard
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "puratan-selection.h"
#include "puratan-units.h"

G_BEGIN_DECLS

/**
 * PuratanCanvasTool:
 * @PURATAN_CANVAS_TOOL_SELECT: select, move, resize and rotate items
 * @PURATAN_CANVAS_TOOL_TEXT: create a text frame, or edit text in place
 * @PURATAN_CANVAS_TOOL_RECTANGLE: draw rectangles
 * @PURATAN_CANVAS_TOOL_ELLIPSE: draw ellipses
 * @PURATAN_CANVAS_TOOL_LINE: draw straight lines
 */
typedef enum
{
  PURATAN_CANVAS_TOOL_SELECT,
  PURATAN_CANVAS_TOOL_TEXT,
  PURATAN_CANVAS_TOOL_RECTANGLE,
  PURATAN_CANVAS_TOOL_ELLIPSE,
  PURATAN_CANVAS_TOOL_LINE,
} PuratanCanvasTool;

#define PURATAN_TYPE_CANVAS_TOOL (puratan_canvas_tool_get_type ())
GType puratan_canvas_tool_get_type (void) G_GNUC_CONST;

#define PURATAN_TYPE_CANVAS (puratan_canvas_get_type ())

G_DECLARE_FINAL_TYPE (PuratanCanvas, puratan_canvas, PURATAN, CANVAS, GtkWidget)

GtkWidget *puratan_canvas_new (void);

PuratanSelection *puratan_canvas_get_selection (PuratanCanvas *self);
void puratan_canvas_set_selection (PuratanCanvas *self, PuratanSelection *selection);
PuratanDocument *puratan_canvas_get_document (PuratanCanvas *self);

PuratanCanvasTool puratan_canvas_get_tool (PuratanCanvas *self);
void puratan_canvas_set_tool (PuratanCanvas *self, PuratanCanvasTool tool);
PuratanUnit puratan_canvas_get_unit (PuratanCanvas *self);
void puratan_canvas_set_unit (PuratanCanvas *self, PuratanUnit unit);

double puratan_canvas_get_zoom (PuratanCanvas *self);
void puratan_canvas_set_zoom (PuratanCanvas *self, double zoom);
void puratan_canvas_zoom_to_fit (PuratanCanvas *self);
void puratan_canvas_zoom_to_actual_size (PuratanCanvas *self);
void puratan_canvas_zoom_to_selection (PuratanCanvas *self);
void
puratan_canvas_zoom_to_rect (PuratanCanvas *self, double x, double y, double width, double height);
void puratan_canvas_get_center (PuratanCanvas *self, double *x, double *y);
void puratan_canvas_set_center (PuratanCanvas *self, double x, double y);
void
puratan_canvas_widget_to_page (PuratanCanvas *self, double wx, double wy, double *px, double *py);
void
puratan_canvas_page_to_widget (PuratanCanvas *self, double px, double py, double *wx, double *wy);

gboolean puratan_canvas_get_soft_proof (PuratanCanvas *self);
void puratan_canvas_set_soft_proof (PuratanCanvas *self, gboolean soft_proof);
const char *puratan_canvas_get_press_condition (PuratanCanvas *self);
void puratan_canvas_set_press_condition (PuratanCanvas *self, const char *press_condition);
gboolean puratan_canvas_get_paper_white (PuratanCanvas *self);
void puratan_canvas_set_paper_white (PuratanCanvas *self, gboolean paper_white);
gboolean puratan_canvas_get_gamut_warning (PuratanCanvas *self);
void puratan_canvas_set_gamut_warning (PuratanCanvas *self, gboolean gamut_warning);
gboolean puratan_canvas_get_show_guides (PuratanCanvas *self);
void puratan_canvas_set_show_guides (PuratanCanvas *self, gboolean show_guides);
gboolean puratan_canvas_is_ready (PuratanCanvas *self);
const char *puratan_canvas_get_editing_item (PuratanCanvas *self);

G_END_DECLS

/* The canvas with its rulers. */
#include "puratan-canvas-view.h"

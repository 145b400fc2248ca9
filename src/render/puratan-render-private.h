/* puratan-render-private.h: helpers shared by the Cairo renderer and the PDF writer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "puratan-color.h"
#include "puratan-doc.h"

G_BEGIN_DECLS

/* A press condition with what rendering and export need of it (puratan-render-press.c). */
typedef struct
{
  PuratanPressCondition *condition;
  PuratanIccProfile *profile;
  PuratanIccProfile *srgb;
  PuratanColorConverter *converter; /* sRGB ↔ press, relative colorimetric with BPC */
  const char *characterisation;     /* registered name such as "FOGRA39", or NULL */
} PuratanRenderPress;

PuratanRenderPress *puratan_render_press_new (const char *press, GError **error);
void puratan_render_press_free (PuratanRenderPress *self);
gboolean
puratan_render_press_to_rgb (PuratanRenderPress *self, const double cmyk[4], double rgb[3]);
gboolean
puratan_render_press_to_cmyk (PuratanRenderPress *self, const double rgb[3], double cmyk[4]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanRenderPress, puratan_render_press_free)

/* A sink for shape outlines in item space (points, y down). */
typedef struct
{
  void (*move_to) (gpointer data, double x, double y);
  void (*line_to) (gpointer data, double x, double y);
  void (*curve_to) (
      gpointer data, double x1, double y1, double x2, double y2, double x3, double y3);
  void (*close) (gpointer data);
  gpointer data;
} PuratanPathSink;

PangoContext *puratan_render_text_context_new (void);
PangoLayout *puratan_render_layout_new (PangoContext *context, const PuratanDocItem *item);

gboolean
puratan_render_shape_path (const PuratanDocItem *item, const PuratanPathSink *sink, GError **error);

gboolean puratan_render_item_is_drawn (PuratanDocument *document,
                                       const PuratanDocItem *item,
                                       gboolean for_print);

G_END_DECLS

/* puratan-canvas-draw.c: what the canvas draws over the page
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bleed, trim and safe lines, guides, the selection with its handles, the rubber band,
 * the outline of a shape being drawn and the line an edge snapped to. All in widget space,
 * one pixel wide at every zoom.
 */
#include "config.h"

#include <math.h>

#include "puratan-canvas-private.h"

static const GdkRGBA bleed_color = { 0.85, 0.1, 0.1, 1 };
static const GdkRGBA trim_color = { 0, 0, 0, 1 };
static const GdkRGBA safe_color = { 0.1, 0.4, 0.85, 1 };
static const GdkRGBA guide_color = { 0.0, 0.75, 0.85, 0.9 };
static const GdkRGBA snap_color = { 0.95, 0.15, 0.65, 1 };
static const GdkRGBA select_color = { 0.21, 0.52, 0.89, 1 };

static void
append_frame (GtkSnapshot *snapshot, double x, double y, double w, double h, const GdkRGBA *color)
{
  graphene_rect_t box = GRAPHENE_RECT_INIT ((float) x, (float) y, (float) w, (float) h);
  GskRoundedRect outline;
  const float widths[4] = { 1, 1, 1, 1 };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, &box, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

/* A page box inset by @inset points (negative: outset), on whole pixels. */
static void
append_page_box (PuratanCanvas *self, GtkSnapshot *snapshot, double inset, const GdkRGBA *color)
{
  const PuratanDocPage *page = puratan_canvas_current_page (self);
  double x0, y0, x1, y1;

  puratan_canvas_page_to_widget (self, inset, inset, &x0, &y0);
  puratan_canvas_page_to_widget (self, page->width - inset, page->height - inset, &x1, &y1);
  x0 = round (x0);
  y0 = round (y0);
  append_frame (snapshot, x0, y0, MAX (round (x1) - x0, 1), MAX (round (y1) - y0, 1), color);
}

static void
append_vline (GtkSnapshot *snapshot, double x, double y0, double y1, const GdkRGBA *color)
{
  graphene_rect_t r = GRAPHENE_RECT_INIT ((float) floor (x), (float) y0, 1, (float) (y1 - y0));

  gtk_snapshot_append_color (snapshot, color, &r);
}

static void
append_hline (GtkSnapshot *snapshot, double y, double x0, double x1, const GdkRGBA *color)
{
  graphene_rect_t r = GRAPHENE_RECT_INIT ((float) x0, (float) floor (y), (float) (x1 - x0), 1);

  gtk_snapshot_append_color (snapshot, color, &r);
}

static void
append_guides (PuratanCanvas *self, GtkSnapshot *snapshot, const PuratanDocPage *page)
{
  double x0, y0, x1, y1, w;

  puratan_canvas_page_to_widget (self, -page->bleed, -page->bleed, &x0, &y0);
  puratan_canvas_page_to_widget (self, page->width + page->bleed, page->height + page->bleed, &x1,
                                 &y1);
  for (guint i = 0; page->guides_x != NULL && i < page->guides_x->len; i++)
    {
      puratan_canvas_page_to_widget (self, g_array_index (page->guides_x, double, i), 0, &w, NULL);
      append_vline (snapshot, w, y0, y1, &guide_color);
    }
  for (guint i = 0; page->guides_y != NULL && i < page->guides_y->len; i++)
    {
      puratan_canvas_page_to_widget (self, 0, g_array_index (page->guides_y, double, i), NULL, &w);
      append_hline (snapshot, w, x0, x1, &guide_color);
    }
}

static void
append_snap_lines (PuratanCanvas *self, GtkSnapshot *snapshot)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)),
         h = gtk_widget_get_height (GTK_WIDGET (self));
  double v;

  if (!isnan (self->snap_x))
    {
      puratan_canvas_page_to_widget (self, self->snap_x, 0, &v, NULL);
      append_vline (snapshot, v, 0, h, &snap_color);
    }
  if (!isnan (self->snap_y))
    {
      puratan_canvas_page_to_widget (self, 0, self->snap_y, NULL, &v);
      append_hline (snapshot, v, 0, w, &snap_color);
    }
}

/* The selection's frame and handles, drawn with Cairo inside their own bounds only. */
static void
append_selection (PuratanCanvas *self, GtkSnapshot *snapshot)
{
  double p[18], x0, y0, x1, y1, r = PURATAN_CANVAS_HANDLE_PX / 2;
  graphene_rect_t bounds;
  gboolean handles = self->drag != CANVAS_DRAG_MOVE;
  cairo_t *cr;

  if (self->document == NULL || puratan_selection_get_n_items (self->selection) == 0 ||
      self->editing_id != NULL)
    return;
  puratan_canvas_handle_points (self, p);
  if (p[0] == 0 && p[1] == 0 && p[4] == 0 && p[9] == 0)
    return;
  x0 = x1 = p[0];
  y0 = y1 = p[1];
  for (int k = 1; k < 9; k++)
    {
      x0 = MIN (x0, p[2 * k]);
      x1 = MAX (x1, p[2 * k]);
      y0 = MIN (y0, p[2 * k + 1]);
      y1 = MAX (y1, p[2 * k + 1]);
    }
  x0 = MAX (x0 - r - 2, -2.0);
  y0 = MAX (y0 - r - 2, -2.0);
  x1 = MIN (x1 + r + 2, gtk_widget_get_width (GTK_WIDGET (self)) + 2.0);
  y1 = MIN (y1 + r + 2, gtk_widget_get_height (GTK_WIDGET (self)) + 2.0);
  if (x1 <= x0 || y1 <= y0)
    return;
  bounds = GRAPHENE_RECT_INIT ((float) x0, (float) y0, (float) (x1 - x0), (float) (y1 - y0));
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &select_color);
  cairo_move_to (cr, p[0], p[1]);
  for (int k = 1; k < 8; k++)
    cairo_line_to (cr, p[2 * k], p[2 * k + 1]);
  cairo_close_path (cr);
  cairo_stroke (cr);
  if (handles)
    {
      cairo_move_to (cr, p[2], p[3]);
      cairo_line_to (cr, p[16], p[17]);
      cairo_stroke (cr);
      for (int k = 0; k < 9; k++)
        {
          if (k == 8)
            cairo_arc (cr, p[16], p[17], r, 0, 2 * G_PI);
          else
            cairo_rectangle (cr, round (p[2 * k] - r) + 0.5, round (p[2 * k + 1] - r) + 0.5, 2 * r,
                             2 * r);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          gdk_cairo_set_source_rgba (cr, &select_color);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

/* The rubber band, or the outline of the shape being drawn. */
static void
append_drag (PuratanCanvas *self, GtkSnapshot *snapshot)
{
  double x0 = MIN (self->press_x, self->last_x), y0 = MIN (self->press_y, self->last_y);
  double w = fabs (self->last_x - self->press_x), h = fabs (self->last_y - self->press_y);
  graphene_rect_t box = GRAPHENE_RECT_INIT ((float) x0, (float) y0, (float) w, (float) h);
  cairo_t *cr;

  if (self->drag == CANVAS_DRAG_RUBBER)
    {
      gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 0.21, 0.52, 0.89, 0.15 }, &box);
      append_frame (snapshot, x0, y0, w, h, &select_color);
      return;
    }
  if (self->drag != CANVAS_DRAG_CREATE || w + h < 1)
    return;
  box = GRAPHENE_RECT_INIT ((float) (x0 - 2), (float) (y0 - 2), (float) (w + 4), (float) (h + 4));
  cr = gtk_snapshot_append_cairo (snapshot, &box);
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &select_color);
  switch (self->tool)
    {
      case PURATAN_CANVAS_TOOL_ELLIPSE:
        if (w > 0 && h > 0)
          {
            cairo_save (cr);
            cairo_translate (cr, x0 + w / 2, y0 + h / 2);
            cairo_scale (cr, w / 2, h / 2);
            cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
            cairo_restore (cr);
          }
        break;
      case PURATAN_CANVAS_TOOL_LINE:
        cairo_move_to (cr, self->press_x, self->press_y);
        cairo_line_to (cr, self->last_x, self->last_y);
        break;
      default:
        cairo_rectangle (cr, round (x0) + 0.5, round (y0) + 0.5, round (w), round (h));
        break;
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

void
puratan_canvas_snapshot_overlays (PuratanCanvas *self, GtkSnapshot *snapshot)
{
  const PuratanDocPage *page = puratan_canvas_current_page (self);

  append_page_box (self, snapshot, -page->bleed, &bleed_color);
  append_page_box (self, snapshot, 0, &trim_color);
  if (page->safe > 0)
    append_page_box (self, snapshot, page->safe, &safe_color);
  if (self->show_guides)
    append_guides (self, snapshot, page);
  append_selection (self, snapshot);
  append_drag (self, snapshot);
  append_snap_lines (self, snapshot);
}

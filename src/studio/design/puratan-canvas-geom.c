/* puratan-canvas-geom.c: where items are on the page, and what is under the pointer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "puratan-canvas-private.h"

void
canvas_rect_union (CanvasRect *a, const CanvasRect *b)
{
  double x0 = MIN (a->x, b->x), y0 = MIN (a->y, b->y);
  double x1 = MAX (a->x + a->width, b->x + b->width);
  double y1 = MAX (a->y + a->height, b->y + b->height);

  *a = (CanvasRect){ x0, y0, x1 - x0, y1 - y0 };
}

gboolean
canvas_rect_intersects (const CanvasRect *a, const CanvasRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height &&
         b->y < a->y + a->height;
}

static void
apply (const double m[6], double x, double y, double *ox, double *oy)
{
  *ox = m[0] * x + m[2] * y + m[4];
  *oy = m[1] * x + m[3] * y + m[5];
}

/* The four corners of an item's frame on the page, clockwise from its top-left. */
void
puratan_canvas_item_corners (const PuratanDocItem *item, double corners[8])
{
  apply (item->transform, 0, 0, &corners[0], &corners[1]);
  apply (item->transform, item->width, 0, &corners[2], &corners[3]);
  apply (item->transform, item->width, item->height, &corners[4], &corners[5]);
  apply (item->transform, 0, item->height, &corners[6], &corners[7]);
}

/* The bounds of a group's children in the group's own space. */
static gboolean
children_bounds (GPtrArray *children, CanvasRect *box)
{
  gboolean any = FALSE;

  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      CanvasRect child;

      puratan_canvas_item_bounds (children->pdata[i], &child);
      if (any)
        canvas_rect_union (box, &child);
      else
        *box = child;
      any = TRUE;
    }
  return any;
}

/* The axis-aligned bounds on the page of an item as it stands (rotation included). */
void
puratan_canvas_item_bounds (const PuratanDocItem *item, CanvasRect *bounds)
{
  double c[8], x0, y0, x1, y1;
  CanvasRect inner;

  if (item->kind == PURATAN_DOC_ITEM_GROUP && children_bounds (item->children, &inner))
    {
      double pts[8] = { inner.x,
                        inner.y,
                        inner.x + inner.width,
                        inner.y,
                        inner.x + inner.width,
                        inner.y + inner.height,
                        inner.x,
                        inner.y + inner.height };
      for (int k = 0; k < 4; k++)
        apply (item->transform, pts[2 * k], pts[2 * k + 1], &c[2 * k], &c[2 * k + 1]);
    }
  else
    puratan_canvas_item_corners (item, c);
  x0 = x1 = c[0];
  y0 = y1 = c[1];
  for (int k = 1; k < 4; k++)
    {
      x0 = MIN (x0, c[2 * k]);
      x1 = MAX (x1, c[2 * k]);
      y0 = MIN (y0, c[2 * k + 1]);
      y1 = MAX (y1, c[2 * k + 1]);
    }
  *bounds = (CanvasRect){ x0, y0, x1 - x0, y1 - y0 };
}

/* The union of the selected items' bounds; FALSE when nothing on the page is selected. */
gboolean
puratan_canvas_selection_bounds (PuratanCanvas *self, CanvasRect *bounds)
{
  gboolean any = FALSE;

  if (self->document == NULL)
    return FALSE;
  for (guint i = 0; i < puratan_selection_get_n_items (self->selection); i++)
    {
      const PuratanDocItem *item = puratan_document_lookup_item (
          self->document, self->page_index, puratan_selection_get_item (self->selection, i));
      CanvasRect box;

      if (item == NULL)
        continue;
      puratan_canvas_item_bounds (item, &box);
      if (any)
        canvas_rect_union (bounds, &box);
      else
        *bounds = box;
      any = TRUE;
    }
  return any;
}

/* The frame the handles sit on: one item's own (rotated) frame, or the box around many. */
gboolean
puratan_canvas_selection_frame (PuratanCanvas *self, double corners[8])
{
  CanvasRect box;

  if (puratan_selection_get_n_items (self->selection) == 1)
    {
      const PuratanDocItem *item = puratan_document_lookup_item (
          self->document, self->page_index, puratan_selection_get_item (self->selection, 0));

      if (item != NULL && item->kind != PURATAN_DOC_ITEM_GROUP)
        {
          puratan_canvas_item_corners (item, corners);
          return TRUE;
        }
    }
  if (!puratan_canvas_selection_bounds (self, &box))
    return FALSE;
  corners[0] = corners[6] = box.x;
  corners[1] = corners[3] = box.y;
  corners[2] = corners[4] = box.x + box.width;
  corners[5] = corners[7] = box.y + box.height;
  return TRUE;
}

/* Whether a page point falls on an item: inside its frame, or near a line. */
static gboolean
item_contains (const PuratanDocItem *item, double px, double py, double tolerance)
{
  const double *m = item->transform;
  double det = m[0] * m[3] - m[1] * m[2], x, y, dx = px - m[4], dy = py - m[5];

  if (item->kind == PURATAN_DOC_ITEM_GROUP)
    {
      CanvasRect box;
      puratan_canvas_item_bounds (item, &box);
      return px >= box.x && px <= box.x + box.width && py >= box.y && py <= box.y + box.height;
    }
  if (fabs (det) < 1e-12)
    return FALSE;
  x = (m[3] * dx - m[2] * dy) / det;
  y = (-m[1] * dx + m[0] * dy) / det;
  return x >= -tolerance && x <= item->width + tolerance && y >= -tolerance &&
         y <= item->height + tolerance;
}

/* The topmost item under a page point that may be selected, or NULL. */
const PuratanDocItem *
puratan_canvas_hit_item (PuratanCanvas *self, double px, double py)
{
  const PuratanDocPage *page = puratan_canvas_current_page (self);
  double tolerance = 3.0 / puratan_canvas_scale (self);

  if (page == NULL)
    return NULL;
  for (guint i = page->items->len; i-- > 0;)
    {
      const PuratanDocItem *item = page->items->pdata[i];

      if (puratan_canvas_item_is_editable (self, item) &&
          item_contains (item, px, py,
                         item->height < tolerance || item->width < tolerance ? tolerance : 0))
        return item;
    }
  return NULL;
}

/* Where the handles of the selection frame are, in widget space: 0..7 clockwise from the
 * top-left corner (even: corners, odd: edge middles), 8 the rotate handle. */
static void
handle_points (PuratanCanvas *self, const double c[8], double points[18])
{
  double w[8], ux, uy, len;

  for (int k = 0; k < 4; k++)
    puratan_canvas_page_to_widget (self, c[2 * k], c[2 * k + 1], &w[2 * k], &w[2 * k + 1]);
  for (int k = 0; k < 4; k++)
    {
      int n = (k + 1) % 4;
      points[4 * k] = w[2 * k];
      points[4 * k + 1] = w[2 * k + 1];
      points[4 * k + 2] = (w[2 * k] + w[2 * n]) / 2;
      points[4 * k + 3] = (w[2 * k + 1] + w[2 * n + 1]) / 2;
    }
  /* The rotate handle stands off the top edge's middle, away from the frame. */
  ux = points[2] - (w[0] + w[4]) / 2;
  uy = points[3] - (w[1] + w[5]) / 2;
  len = hypot (ux, uy);
  if (len < 1e-6)
    {
      ux = 0;
      uy = -1;
      len = 1;
    }
  points[16] = points[2] + ux / len * PURATAN_CANVAS_ROTATE_PX;
  points[17] = points[3] + uy / len * PURATAN_CANVAS_ROTATE_PX;
}

void
puratan_canvas_handle_points (PuratanCanvas *self, double points[18])
{
  double c[8];

  if (!puratan_canvas_selection_frame (self, c))
    memset (points, 0, 18 * sizeof (double));
  else
    handle_points (self, c, points);
}

/* The handle under a widget point, or -1. */
int
puratan_canvas_hit_handle (PuratanCanvas *self, double wx, double wy)
{
  double points[18], c[8];
  double r = PURATAN_CANVAS_HANDLE_PX / 2 + 2;

  if (!puratan_canvas_selection_frame (self, c))
    return -1;
  handle_points (self, c, points);
  for (int k = 8; k >= 0; k--)
    if (fabs (wx - points[2 * k]) <= r && fabs (wy - points[2 * k + 1]) <= r)
      return k;
  return -1;
}

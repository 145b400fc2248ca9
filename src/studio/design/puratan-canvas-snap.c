/* puratan-canvas-snap.c: snapping moves and resizes to lines on the page
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An edge or centre being dragged snaps, within a few screen pixels, to the nearest guide,
 * page edge, bleed or safe line, page centre, or edge or centre of another item. The line
 * it snapped to is kept for drawing.
 */
#include "config.h"

#include <math.h>

#include "puratan-canvas-private.h"

static gboolean
is_dragged (PuratanCanvas *self, const char *id)
{
  for (guint i = 0; self->originals != NULL && i < self->originals->len; i++)
    if (g_strcmp0 (((PuratanDocItem *) self->originals->pdata[i])->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
consider (double line, const double *values, int n, double *best, double *delta, double *at)
{
  for (int k = 0; k < n; k++)
    {
      double d = line - values[k];
      if (fabs (d) < *best)
        {
          *best = fabs (d);
          *delta = d;
          *at = line;
        }
    }
}

/**
 * puratan_canvas_snap:
 * @vertical: %TRUE to snap x values to vertical lines, %FALSE y values to horizontal ones
 * @values: page coordinates of the dragged edges and centre
 * @n: how many
 *
 * Returns: what to add to every value so that the closest one lies on a line, or 0 when
 *   none is near; the line is remembered for drawing
 */
double
puratan_canvas_snap (PuratanCanvas *self, gboolean vertical, const double *values, int n)
{
  const PuratanDocPage *page = puratan_canvas_current_page (self);
  double best = PURATAN_CANVAS_SNAP_PX / puratan_canvas_scale (self), delta = 0, at = NAN;
  GArray *guides;
  double size;

  if (page == NULL)
    return 0;
  guides = vertical ? page->guides_x : page->guides_y;
  size = vertical ? page->width : page->height;
  {
    const double lines[] = {
      0, size, -page->bleed, size + page->bleed, page->safe, size - page->safe, size / 2
    };
    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      consider (lines[i], values, n, &best, &delta, &at);
  }
  for (guint i = 0; guides != NULL && i < guides->len; i++)
    consider (g_array_index (guides, double, i), values, n, &best, &delta, &at);
  for (guint i = 0; i < page->items->len; i++)
    {
      const PuratanDocItem *item = page->items->pdata[i];
      CanvasRect b;

      if (!puratan_canvas_item_is_shown (self, item) || is_dragged (self, item->id))
        continue;
      puratan_canvas_item_bounds (item, &b);
      if (vertical)
        {
          consider (b.x, values, n, &best, &delta, &at);
          consider (b.x + b.width / 2, values, n, &best, &delta, &at);
          consider (b.x + b.width, values, n, &best, &delta, &at);
        }
      else
        {
          consider (b.y, values, n, &best, &delta, &at);
          consider (b.y + b.height / 2, values, n, &best, &delta, &at);
          consider (b.y + b.height, values, n, &best, &delta, &at);
        }
    }
  if (vertical)
    self->snap_x = at;
  else
    self->snap_y = at;
  return delta;
}

void
puratan_canvas_snap_clear (PuratanCanvas *self)
{
  self->snap_x = self->snap_y = NAN;
}

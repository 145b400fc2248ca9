/* render.c: drawing a page of 1,000 items at screen resolution
 *
 * Draws an A4 page with 1,000 shapes and text frames at 96 dpi into an image surface, as
 * the canvas does, and prints the first (cold) draw and the median of later draws.
 * Target: at most 8 ms per draw.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "render-designs.h"

#define ITEMS 1000
#define RUNS  100

int
main (void)
{
  g_autoptr (PuratanDocument) doc = bench_design_items (ITEMS);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanRenderer) renderer = puratan_renderer_new (doc, NULL, &error);
  const PuratanDocPage *page = puratan_document_get_page (doc, 0);
  double scale = 96.0 / 72.0, samples[RUNS], cold = 0, median;
  cairo_surface_t *surface;

  if (renderer == NULL)
    {
      g_printerr ("bench-render: %s\n", error->message);
      return 1;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        (int) ceil ((page->width + 2 * page->bleed) * scale),
                                        (int) ceil ((page->height + 2 * page->bleed) * scale));
  for (int run = -1; run < RUNS; run++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();
      double ms;

      cairo_scale (cr, scale, scale);
      cairo_translate (cr, page->bleed, page->bleed);
      puratan_renderer_draw_page (renderer, cr, 0, NULL);
      cairo_surface_flush (surface);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cairo_destroy (cr);
      if (run < 0)
        cold = ms;
      else
        samples[run] = ms;
    }
  cairo_surface_destroy (surface);
  median = bench_median_ms (samples, RUNS);
  g_print ("draw an A4 page of %d items at 96 dpi:\n", ITEMS);
  g_print ("  fastest of %d later draws    %7.2f ms\n", RUNS, samples[0]);
  g_print ("  first draw (lays out text)   %7.2f ms\n", cold);
  g_print ("  median of %d later draws     %7.2f ms\n", RUNS, median);
  g_print ("  target <= 8 ms: %s\n", median <= 8.0 ? "met" : "NOT met");
  return 0;
}

/* export.c: the print PDF writer against Cairo's own PDF surface
 *
 * Exports a 100-page design with text and images through the print PDF writer, and
 * draws the same pages with the Cairo renderer onto a Cairo PDF surface (RGB, no
 * PDF/X), and prints the best of several runs of each. Target: the writer takes at most
 * 1.5 times as long as Cairo.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>

#include "render-designs.h"

#define PAGES 100
#define RUNS  5

static cairo_status_t
count_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  *(gsize *) closure += length;
  return CAIRO_STATUS_SUCCESS;
}

static gsize
cairo_export (PuratanDocument *doc, PuratanRenderer *renderer)
{
  gsize size = 0;
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (count_bytes, &size, 100, 100);
  cairo_t *cr = cairo_create (surface);

  for (guint p = 0; p < puratan_document_get_n_pages (doc); p++)
    {
      const PuratanDocPage *page = puratan_document_get_page (doc, p);
      cairo_pdf_surface_set_size (surface, page->width + 2 * page->bleed,
                                  page->height + 2 * page->bleed);
      cairo_save (cr);
      cairo_translate (cr, page->bleed, page->bleed);
      puratan_renderer_draw_page (renderer, cr, p, NULL);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return size;
}

int
main (void)
{
  g_autoptr (PuratanDocument) doc = bench_design_pages (PAGES);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanRenderer) renderer = puratan_renderer_new (doc, NULL, &error);
  double ours[RUNS], theirs[RUNS];
  gsize our_size = 0, their_size = 0;
  double best_ours, best_theirs;

  if (renderer == NULL)
    {
      g_printerr ("bench-export: %s\n", error->message);
      return 1;
    }
  for (int run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GBytes) pdf = puratan_pdf_export (doc, NULL, &error);

      if (pdf == NULL)
        {
          g_printerr ("bench-export: %s\n", error->message);
          return 1;
        }
      our_size = g_bytes_get_size (pdf);
      ours[run] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      their_size = cairo_export (doc, renderer);
      theirs[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  best_ours = bench_best_ms (ours, RUNS);
  best_theirs = bench_best_ms (theirs, RUNS);
  g_print ("export %d pages with text and images (best of %d):\n", PAGES, RUNS);
  g_print ("  print PDF writer (PDF/X-4)   %8.1f ms  %8" G_GSIZE_FORMAT " bytes\n", best_ours,
           our_size);
  g_print ("  Cairo PDF surface (baseline) %8.1f ms  %8" G_GSIZE_FORMAT " bytes\n", best_theirs,
           their_size);
  g_print ("  ratio %.2f (target <= 1.50): %s\n", best_ours / best_theirs,
           best_ours / best_theirs <= 1.5 ? "met" : "NOT met");
  return 0;
}

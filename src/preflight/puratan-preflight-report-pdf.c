/* puratan-preflight-report-pdf.c: the preflight report as a PDF for the customer to read
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-error.h"
#include "puratan-preflight-poppler-private.h"
#include "puratan-preflight.h"

#include <cairo-pdf.h>
#include <math.h>

/* A4 landscape, in points: the page on the left, its findings on the right. */
#define SHEET_W 841.89
#define SHEET_H 595.28
#define MARGIN  36.0
#define IMAGE_W 470.0
#define TEXT_X  (MARGIN + IMAGE_W + 18.0)
#define TEXT_W  (SHEET_W - TEXT_X - MARGIN)

static const char *
severity_word (PuratanPreflightSeverity severity)
{
  switch (severity)
    {
      case PURATAN_PREFLIGHT_SEVERITY_ERROR:
        return "Error";
      case PURATAN_PREFLIGHT_SEVERITY_WARNING:
        return "Warning";
      default:
        return "Note";
    }
}

/* Writes @text from @y down, wrapped at word boundaries to @width; returns the next line's y. */
static double
show_wrapped (cairo_t *cr, double x, double y, double width, double size, const char *text)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr (GString) line = g_string_new (NULL);
  cairo_text_extents_t extents;

  cairo_set_font_size (cr, size);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *candidate =
          line->len > 0 ? g_strdup_printf ("%s %s", line->str, words[i]) : g_strdup (words[i]);

      cairo_text_extents (cr, candidate, &extents);
      if (extents.x_advance > width && line->len > 0)
        {
          cairo_move_to (cr, x, y);
          cairo_show_text (cr, line->str);
          y += size * 1.3;
          g_string_assign (line, words[i]);
        }
      else
        g_string_assign (line, candidate);
    }
  if (line->len > 0)
    {
      cairo_move_to (cr, x, y);
      cairo_show_text (cr, line->str);
      y += size * 1.3;
    }
  return y;
}

static void
summary_sheet (cairo_t *cr, PuratanPreflightReport *report)
{
  guint errors = puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  guint warnings = puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_WARNING);
  guint notes = puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_INFO);
  g_autofree char *about = NULL;
  g_autofree char *counts = NULL;
  double y = MARGIN + 24;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  y = show_wrapped (cr, MARGIN, y, SHEET_W - 2 * MARGIN, 22, "Preflight report");
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  about = g_strdup_printf ("%s: %u page%s, checked against %s",
                           puratan_preflight_report_get_file (report),
                           puratan_preflight_report_get_n_pages (report),
                           puratan_preflight_report_get_n_pages (report) == 1 ? "" : "s",
                           puratan_preflight_report_get_profile_id (report));
  y = show_wrapped (cr, MARGIN, y + 12, SHEET_W - 2 * MARGIN, 12, about);
  counts = g_strdup_printf ("%s. %u error%s (must be fixed), %u warning%s, %u note%s.",
                            errors > 0 ? "Not ready to print" : "Ready to print", errors,
                            errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", notes,
                            notes == 1 ? "" : "s");
  y = show_wrapped (cr, MARGIN, y + 6, SHEET_W - 2 * MARGIN, 12, counts);
  if (!puratan_preflight_report_is_complete (report))
    y = show_wrapped (cr, MARGIN, y + 6, SHEET_W - 2 * MARGIN, 12,
                      "Part of the file could not be read, so not everything was checked.");

  /* Findings about the file as a whole have no page to be drawn beside. */
  for (guint i = 0; i < puratan_preflight_report_get_findings (report)->len; i++)
    {
      PuratanPreflightFinding *f =
          g_ptr_array_index (puratan_preflight_report_get_findings (report), i);
      g_autofree char *text = NULL;

      if (f->page != 0)
        continue;
      text = g_strdup_printf ("%s: %s", severity_word (f->severity), f->message);
      y = show_wrapped (cr, MARGIN, y + 8, SHEET_W - 2 * MARGIN, 10, text);
      if (y > SHEET_H - MARGIN)
        break;
    }
}

static gboolean
page_sheet (
    cairo_t *cr, PuratanPopplerDoc *doc, PuratanPreflightReport *report, guint page, GError **error)
{
  GPtrArray *findings = puratan_preflight_report_get_findings (report);
  cairo_surface_t *image = puratan_poppler_doc_annotate_surface (doc, page, findings, NULL, error);
  double iw, ih, scale, y = MARGIN + 14;
  g_autofree char *heading = NULL;
  guint shown = 0, left = 0;

  if (image == NULL)
    return FALSE;
  iw = cairo_image_surface_get_width (image);
  ih = cairo_image_surface_get_height (image);
  scale = MIN (IMAGE_W / iw, (SHEET_H - 2 * MARGIN) / ih);
  cairo_save (cr);
  cairo_translate (cr, MARGIN, MARGIN);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_rectangle (cr, MARGIN, MARGIN, iw * scale, ih * scale);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);
  cairo_surface_destroy (image);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  heading = g_strdup_printf ("Page %u of %u", page, puratan_preflight_report_get_n_pages (report));
  y = show_wrapped (cr, TEXT_X, y, TEXT_W, 14, heading);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (guint i = 0; i < findings->len; i++)
    {
      PuratanPreflightFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *text = NULL;

      if (f->page != page)
        continue;
      if (y > SHEET_H - MARGIN - 40)
        {
          left++;
          continue;
        }
      text = g_strdup_printf ("%u. %s: %s", ++shown, severity_word (f->severity), f->message);
      y = show_wrapped (cr, TEXT_X, y + 6, TEXT_W, 9, text);
    }
  if (left > 0)
    {
      g_autofree char *more =
          g_strdup_printf ("… and %u more on this page, of the same kinds", left);
      show_wrapped (cr, TEXT_X, y + 6, TEXT_W, 9, more);
    }
  return TRUE;
}

/**
 * puratan_preflight_report_write_pdf:
 * @report: a report on @path
 * @path: the PDF the report is about
 * @pdf_path: where to write the report; an existing file is replaced
 * @error: return location for an error
 *
 * Writes the report for a customer to read: a first sheet with the verdict, the counts and
 * the findings about the whole file, then one A4 landscape sheet per page with findings,
 * the page drawn with its problem areas marked on the left and its findings listed beside
 * it. Blocks while Poppler renders: call it from a worker thread.
 *
 * Returns: %TRUE when written; %FALSE with a #PURATAN_PREFLIGHT_ERROR when @path cannot be
 *   read, or a #G_IO_ERROR when @pdf_path cannot be written
 */
gboolean
puratan_preflight_report_write_pdf (PuratanPreflightReport *report,
                                    const char *path,
                                    const char *pdf_path,
                                    GError **error)
{
  g_autoptr (PuratanPopplerDoc) doc = NULL;
  GPtrArray *findings;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages;
  gboolean ok = TRUE;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL && pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doc = puratan_poppler_doc_open (path, error);
  if (doc == NULL)
    return FALSE;
  n_pages = puratan_poppler_doc_get_n_pages (doc);
  findings = puratan_preflight_report_get_findings (report);

  surface = cairo_pdf_surface_create (pdf_path, SHEET_W, SHEET_H);
  cr = cairo_create (surface);
  summary_sheet (cr, report);
  cairo_show_page (cr);
  for (guint page = 1; ok && page <= n_pages; page++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < findings->len && !any; i++)
        any = ((PuratanPreflightFinding *) g_ptr_array_index (findings, i))->page == page;
      if (!any)
        continue;
      ok = page_sheet (cr, doc, report, page, error);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s: %s", pdf_path,
                   cairo_status_to_string (status));
      ok = FALSE;
    }
  return ok;
}

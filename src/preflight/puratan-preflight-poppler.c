/* puratan-preflight-poppler.c: the Poppler side of preflight
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Poppler renders pages for the annotated previews: one page on demand
 * (puratan_preflight_annotate_page(), for the server) or every page with findings
 * (puratan_preflight_annotate(), for the studio and the CLI), both drawn by
 * annotate_page_locked(). A PopplerDocument
 * is not safe to use from two threads at once, so every call on it holds the document's
 * lock.
 */
#include "puratan-preflight-poppler-private.h"
#include "puratan-error.h"
#include "puratan-preflight.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>

struct _PuratanPopplerDoc
{
  GMutex lock;
  PopplerDocument *doc;
};

/**
 * puratan_poppler_doc_open:
 * @path: a PDF file
 * @error: return location for a #PURATAN_PREFLIGHT_ERROR
 *
 * Returns: (transfer full) (nullable): the document, or %NULL when Poppler cannot open it
 */
PuratanPopplerDoc *
puratan_poppler_doc_open (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) local = NULL;
  PopplerDocument *doc = poppler_document_new_from_gfile (file, NULL, NULL, &local);
  PuratanPopplerDoc *self;

  if (doc == NULL)
    {
      g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_DAMAGED,
                   "The PDF cannot be rendered: %s", local ? local->message : "unknown damage");
      return NULL;
    }
  self = g_new0 (PuratanPopplerDoc, 1);
  g_mutex_init (&self->lock);
  self->doc = doc;
  return self;
}

void
puratan_poppler_doc_free (PuratanPopplerDoc *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->doc);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* Returns the page count Poppler sees. */
guint
puratan_poppler_doc_get_n_pages (PuratanPopplerDoc *self)
{
  int n;

  g_mutex_lock (&self->lock);
  n = poppler_document_get_n_pages (self->doc);
  g_mutex_unlock (&self->lock);
  return (guint) MAX (0, n);
}

/**
 * puratan_poppler_doc_render:
 * @doc: the document
 * @page: 1-based page number
 * @ppi: resolution
 * @crop: (out): the crop box the raster covers, x0, y0, x1, y1 in PDF points
 * @error: return location for an error
 *
 * Renders the crop box of @page in RGB on white, unrotated, for printing.
 *
 * Returns: (transfer full) (nullable): an RGB24 image surface
 */
cairo_surface_t *
puratan_poppler_doc_render (
    PuratanPopplerDoc *self, guint page, double ppi, double crop[4], GError **error)
{
  PopplerPage *pp;
  PopplerRectangle box;
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  double w, h, scale = ppi / 72.0;

  g_mutex_lock (&self->lock);
  pp = poppler_document_get_page (self->doc, (int) page - 1);
  if (pp != NULL)
    {
      poppler_page_get_size (pp, &w, &h);
      poppler_page_get_crop_box (pp, &box);
      if (w * scale <= 20000 && h * scale <= 20000 && w > 0 && h > 0)
        {
          surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * scale),
                                                (int) ceil (h * scale));
          cr = cairo_create (surface);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_paint (cr);
          cairo_scale (cr, scale, scale);
          poppler_page_render_for_printing (pp, cr);
          cairo_destroy (cr);
          crop[0] = MIN (box.x1, box.x2);
          crop[1] = MIN (box.y1, box.y2);
          crop[2] = MAX (box.x1, box.x2);
          crop[3] = MAX (box.y1, box.y2);
        }
      g_object_unref (pp);
    }
  g_mutex_unlock (&self->lock);
  if (surface == NULL)
    g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_DAMAGED,
                 "Page %u cannot be rendered", page);
  return surface;
}

static cairo_surface_t *annotate_surface_locked (PuratanPopplerDoc *self,
                                                 guint page,
                                                 GPtrArray *findings,
                                                 const PuratanPreflightFinding *selected,
                                                 GError **error);

static gboolean
write_png (cairo_surface_t *surface, const char *png_path, GError **error)
{
  cairo_status_t status = cairo_surface_write_to_png (surface, png_path);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s: %s", png_path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_poppler_doc_annotate_page:
 * @doc: the document
 * @page: 1-based page number
 * @findings: (element-type PuratanPreflightFinding): findings; those with a box on
 *   @page are outlined (red for errors, orange for warnings, blue for notes)
 * @selected: (nullable): one of @findings to highlight; the other boxes are then dimmed
 * @png_path: where to write the PNG
 * @error: return location for an error
 *
 * Renders @page at 100 ppi with the problem areas marked.
 *
 * Returns: %TRUE when the PNG was written
 */
gboolean
puratan_poppler_doc_annotate_page (PuratanPopplerDoc *self,
                                   guint page,
                                   GPtrArray *findings,
                                   const PuratanPreflightFinding *selected,
                                   const char *png_path,
                                   GError **error)
{
  cairo_surface_t *surface;
  gboolean ok;

  surface = puratan_poppler_doc_annotate_surface (self, page, findings, selected, error);
  if (surface == NULL)
    return FALSE;
  ok = write_png (surface, png_path, error);
  cairo_surface_destroy (surface);
  return ok;
}

/**
 * puratan_poppler_doc_annotate_surface:
 * @doc: the document
 * @page: 1-based page number
 * @findings: (element-type PuratanPreflightFinding): findings to outline
 * @selected: (nullable): one of @findings to highlight
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): @page drawn at 100 ppi with the problem areas
 *   marked, as puratan_poppler_doc_annotate_page() writes it
 */
cairo_surface_t *
puratan_poppler_doc_annotate_surface (PuratanPopplerDoc *self,
                                      guint page,
                                      GPtrArray *findings,
                                      const PuratanPreflightFinding *selected,
                                      GError **error)
{
  cairo_surface_t *surface;

  g_mutex_lock (&self->lock);
  surface = annotate_surface_locked (self, page, findings, selected, error);
  g_mutex_unlock (&self->lock);
  return surface;
}

static void
set_severity_colour (cairo_t *cr, PuratanPreflightSeverity severity, double alpha)
{
  if (severity == PURATAN_PREFLIGHT_SEVERITY_ERROR)
    cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, alpha);
  else if (severity == PURATAN_PREFLIGHT_SEVERITY_WARNING)
    cairo_set_source_rgba (cr, 0.96, 0.47, 0.0, alpha);
  else
    cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, alpha);
}

/* With a finding selected, every other box is drawn faint and thin, and the selected one
 * thick, fully opaque and lightly filled, so it stands out however many boxes there are. */
static cairo_surface_t *
annotate_surface_locked (PuratanPopplerDoc *self,
                         guint page,
                         GPtrArray *findings,
                         const PuratanPreflightFinding *selected,
                         GError **error)
{
  g_autoptr (GObject) page_object = NULL;
  PopplerPage *pp = poppler_document_get_page (self->doc, (int) page - 1);
  PopplerRectangle crop;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h, scale = 100.0 / 72.0;

  if (pp == NULL)
    {
      g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_DAMAGED,
                   "Page %u cannot be rendered", page);
      return NULL;
    }
  page_object = G_OBJECT (pp);
  poppler_page_get_size (pp, &w, &h);
  poppler_page_get_crop_box (pp, &crop);
  if (w * scale > 20000 || h * scale > 20000)
    scale = 20000 / MAX (w, h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * scale),
                                        (int) ceil (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (pp, cr);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < findings->len; i++)
      {
        PuratanPreflightFinding *f = g_ptr_array_index (findings, i);
        gboolean is_selected = f == selected;
        double x0, y0, bw, bh;

        /* The selected box last, over the others. */
        if (f->page != page || !f->has_bbox || is_selected != (pass == 1))
          continue;
        x0 = f->bbox[0] - MIN (crop.x1, crop.x2);
        y0 = MAX (crop.y1, crop.y2) - f->bbox[3];
        bw = MAX (f->bbox[2] - f->bbox[0], 1);
        bh = MAX (f->bbox[3] - f->bbox[1], 1);
        cairo_rectangle (cr, x0, y0, bw, bh);
        if (is_selected)
          {
            set_severity_colour (cr, f->severity, 0.15);
            cairo_fill_preserve (cr);
            set_severity_colour (cr, f->severity, 1.0);
            cairo_set_line_width (cr, 5.0 / scale);
          }
        else
          {
            set_severity_colour (cr, f->severity, selected != NULL ? 0.3 : 0.9);
            cairo_set_line_width (cr, (selected != NULL ? 1.0 : 2.0) / scale);
          }
        cairo_stroke (cr);
      }
  cairo_destroy (cr);
  return surface;
}

/**
 * puratan_preflight_annotate_page:
 * @report: a report on @path
 * @path: the PDF the report is about
 * @page: the 1-based number of the page to draw
 * @png_path: where to write the PNG; an existing file is replaced
 * @error: return location for an error
 *
 * Renders one page of @path at 100 ppi, as puratan_preflight_annotate() does for every
 * page with findings: the crop box in RGB on white, the located problems of @report on
 * @page outlined in red (errors), orange (warnings) or blue (notes). A page without
 * findings is drawn plain. Blocks while Poppler renders: call it from a worker thread.
 *
 * Returns: %TRUE when the PNG was written; %FALSE with @error set to
 *   %PURATAN_ERROR_INVALID_INPUT when the file has no page @page, a
 *   #PURATAN_PREFLIGHT_ERROR when Poppler cannot open or render it, or a #G_IO_ERROR
 *   when the PNG cannot be written
 */
gboolean
puratan_preflight_annotate_page (PuratanPreflightReport *report,
                                 const char *path,
                                 guint page,
                                 const char *png_path,
                                 GError **error)
{
  g_autoptr (PuratanPopplerDoc) doc = NULL;
  guint n_pages;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL && png_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doc = puratan_poppler_doc_open (path, error);
  if (doc == NULL)
    return FALSE;
  n_pages = puratan_poppler_doc_get_n_pages (doc);
  if (page < 1 || page > n_pages)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "There is no page %u: the file has %u page%s", page, n_pages,
                   n_pages == 1 ? "" : "s");
      return FALSE;
    }
  return puratan_poppler_doc_annotate_page (
      doc, page, puratan_preflight_report_get_findings (report), NULL, png_path, error);
}

/**
 * puratan_preflight_annotate_finding:
 * @report: a report on @path
 * @path: the PDF the report is about
 * @index: the index of a finding in puratan_preflight_report_get_findings() that is on a page
 * @png_path: where to write the PNG; an existing file is replaced
 * @error: return location for an error
 *
 * Draws the page of one finding as puratan_preflight_annotate_page() does, with that
 * finding's box highlighted (thick, opaque and lightly filled) and the page's other boxes
 * dimmed. Blocks while Poppler renders: call it from a worker thread.
 *
 * Returns: %TRUE when the PNG was written; %FALSE with %PURATAN_ERROR_INVALID_INPUT for an
 *   index past the findings or a finding about the whole document, or as
 *   puratan_preflight_annotate_page() fails
 */
gboolean
puratan_preflight_annotate_finding (PuratanPreflightReport *report,
                                    const char *path,
                                    guint index,
                                    const char *png_path,
                                    GError **error)
{
  GPtrArray *findings;
  const PuratanPreflightFinding *finding;
  g_autoptr (PuratanPopplerDoc) doc = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL && png_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  findings = puratan_preflight_report_get_findings (report);
  if (index >= findings->len)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "There is no finding %u: the report has %u", index + 1, findings->len);
      return FALSE;
    }
  finding = g_ptr_array_index (findings, index);
  if (finding->page == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Finding %u is about the whole document, not a page", index + 1);
      return FALSE;
    }
  doc = puratan_poppler_doc_open (path, error);
  if (doc == NULL)
    return FALSE;
  if (finding->page > puratan_poppler_doc_get_n_pages (doc))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "There is no page %u: the file has %u pages", finding->page,
                   puratan_poppler_doc_get_n_pages (doc));
      return FALSE;
    }
  return puratan_poppler_doc_annotate_page (doc, finding->page, findings, finding, png_path, error);
}

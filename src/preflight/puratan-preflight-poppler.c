/* puratan-preflight-poppler.c: the Poppler side of preflight
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Poppler reads fonts and renders pages for the annotated previews. A PopplerDocument
 * is not safe to use from two threads at once, so every call on it holds the document's
 * lock.
 */
#include "puratan-preflight-poppler-private.h"
#include "puratan-preflight-error.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>

struct _PuratanPopplerDoc
{
  GMutex lock;
  PopplerDocument *doc;
};

void
puratan_font_use_free (PuratanFontUse *font)
{
  if (font == NULL)
    return;
  g_free (font->name);
  g_free (font->type);
  g_free (font);
}

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

static const char *
font_type_name (PopplerFontType type)
{
  switch (type)
    {
      case POPPLER_FONT_TYPE_TYPE1:
        return "Type 1";
      case POPPLER_FONT_TYPE_TYPE1C:
      case POPPLER_FONT_TYPE_TYPE1COT:
        return "Type 1C";
      case POPPLER_FONT_TYPE_TYPE3:
        return "Type 3";
      case POPPLER_FONT_TYPE_TRUETYPE:
      case POPPLER_FONT_TYPE_TRUETYPEOT:
        return "TrueType";
      case POPPLER_FONT_TYPE_CID_TYPE0:
      case POPPLER_FONT_TYPE_CID_TYPE0C:
      case POPPLER_FONT_TYPE_CID_TYPE0COT:
        return "CID Type 0";
      case POPPLER_FONT_TYPE_CID_TYPE2:
      case POPPLER_FONT_TYPE_CID_TYPE2OT:
        return "CID TrueType";
      case POPPLER_FONT_TYPE_UNKNOWN:
      default:
        return "unknown type";
    }
}

static GPtrArray *unembedded_fonts_locked (PuratanPopplerDoc *self, GCancellable *cancellable);

/**
 * puratan_poppler_doc_unembedded_fonts:
 * @doc: the document
 * @cancellable: (nullable): stops the scan between pages
 *
 * Returns: (transfer full) (element-type PuratanFontUse): each font that is used but
 *   not embedded, once per name, with the first page that uses it
 */
GPtrArray *
puratan_poppler_doc_unembedded_fonts (PuratanPopplerDoc *self, GCancellable *cancellable)
{
  GPtrArray *out;

  g_mutex_lock (&self->lock);
  out = unembedded_fonts_locked (self, cancellable);
  g_mutex_unlock (&self->lock);
  return out;
}

static GPtrArray *
unembedded_fonts_locked (PuratanPopplerDoc *self, GCancellable *cancellable)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_font_use_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PopplerFontInfo *info = poppler_font_info_new (self->doc);
  int n = poppler_document_get_n_pages (self->doc);

  for (int page = 1; page <= n && !g_cancellable_is_cancelled (cancellable); page++)
    {
      PopplerFontsIter *iter = NULL;
      poppler_font_info_scan (info, 1, &iter);
      if (iter == NULL)
        continue;
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);
          PuratanFontUse *use;
          if (poppler_fonts_iter_is_embedded (iter) ||
              poppler_fonts_iter_get_font_type (iter) == POPPLER_FONT_TYPE_TYPE3)
            continue;
          if (name == NULL)
            name = "(unnamed)";
          if (g_hash_table_contains (seen, name))
            continue;
          g_hash_table_add (seen, g_strdup (name));
          use = g_new0 (PuratanFontUse, 1);
          use->name = g_utf8_make_valid (name, -1);
          use->type = g_strdup (font_type_name (poppler_fonts_iter_get_font_type (iter)));
          use->page = (guint) page;
          g_ptr_array_add (out, use);
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
    }
  poppler_font_info_free (info);
  return out;
}

static gboolean annotate_page_locked (
    PuratanPopplerDoc *self, guint page, GPtrArray *findings, const char *png_path, GError **error);

/**
 * puratan_poppler_doc_annotate_page:
 * @doc: the document
 * @page: 1-based page number
 * @findings: (element-type PuratanPreflightFinding): findings; those with a box on
 *   @page are outlined (red for errors, orange for warnings, blue for notes)
 * @png_path: where to write the PNG
 * @error: return location for an error
 *
 * Renders @page at 100 ppi with the problem areas marked.
 *
 * Returns: %TRUE when the PNG was written
 */
gboolean
puratan_poppler_doc_annotate_page (
    PuratanPopplerDoc *self, guint page, GPtrArray *findings, const char *png_path, GError **error)
{
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = annotate_page_locked (self, page, findings, png_path, error);
  g_mutex_unlock (&self->lock);
  return ok;
}

static gboolean
annotate_page_locked (
    PuratanPopplerDoc *self, guint page, GPtrArray *findings, const char *png_path, GError **error)
{
  g_autoptr (GObject) page_object = NULL;
  PopplerPage *pp = poppler_document_get_page (self->doc, (int) page - 1);
  PopplerRectangle crop;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h, scale = 100.0 / 72.0;
  cairo_status_t status;

  if (pp == NULL)
    {
      g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_DAMAGED,
                   "Page %u cannot be rendered", page);
      return FALSE;
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

  cairo_set_line_width (cr, 2.0 / scale);
  for (guint i = 0; i < findings->len; i++)
    {
      PuratanPreflightFinding *f = g_ptr_array_index (findings, i);
      double x0, y0;
      if (f->page != page || !f->has_bbox)
        continue;
      if (f->severity == PURATAN_PREFLIGHT_SEVERITY_ERROR)
        cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.9);
      else if (f->severity == PURATAN_PREFLIGHT_SEVERITY_WARNING)
        cairo_set_source_rgba (cr, 0.96, 0.47, 0.0, 0.9);
      else
        cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.9);
      x0 = f->bbox[0] - MIN (crop.x1, crop.x2);
      y0 = MAX (crop.y1, crop.y2) - f->bbox[3];
      cairo_rectangle (cr, x0, y0, MAX (f->bbox[2] - f->bbox[0], 1),
                       MAX (f->bbox[3] - f->bbox[1], 1));
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, png_path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s: %s", png_path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

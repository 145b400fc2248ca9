/* puratan-render-cairo.c: designs drawn with Cairo for the screen and PNG proofs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CMYK, gray and spot colours are shown through the press profile, as they will print.
 * With soft proofing on, RGB colours and images are also shown as the press can
 * reproduce them. Placed PDF pages are drawn by Poppler.
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <poppler.h>

#include "puratan-core.h"
#include "puratan-render-cairo.h"
#include "puratan-render-private.h"

struct _PuratanRenderer
{
  GObject parent_instance;

  PuratanDocument *document;
  gboolean soft_proof;
  PuratanRenderPress *press;
  PuratanSoftProof *proof; /* sRGB through the press back to the sRGB display */
  PangoContext *text;
  GHashTable *layouts; /* item id → CachedLayout */
  GHashTable *colors;  /* ColorKey → screen RGB (3 doubles) */
  GHashTable *images;  /* asset hash (+ proof flag) → cairo_surface_t */
  GHashTable *pdfs;    /* asset hash → PopplerDocument */
};

G_DEFINE_FINAL_TYPE (PuratanRenderer, puratan_renderer, G_TYPE_OBJECT)

/* A text item's layout with the settings it was made from. */
typedef struct
{
  PangoLayout *layout;
  PuratanDocItem *settings; /* copy of the text item */
} CachedLayout;

static void
cached_layout_free (CachedLayout *cached)
{
  g_object_unref (cached->layout);
  puratan_doc_item_free (cached->settings);
  g_free (cached);
}

static gboolean
same_text_settings (const PuratanDocItem *a, const PuratanDocItem *b)
{
  return g_strcmp0 (a->text, b->text) == 0 && g_strcmp0 (a->font_family, b->font_family) == 0 &&
         a->font_weight == b->font_weight && a->italic == b->italic &&
         a->font_size == b->font_size && a->width == b->width && a->align == b->align &&
         a->leading == b->leading && a->tracking == b->tracking;
}

/* An ink mix after the tint, as the key of the screen colour cache. */
typedef struct
{
  int model;
  double values[4];
} ColorKey;

static guint
color_key_hash (gconstpointer key)
{
  const ColorKey *k = key;
  guint hash = (guint) k->model;

  for (int i = 0; i < 4; i++)
    hash = hash * 31 + (guint) (k->values[i] * 100000.0);
  return hash;
}

static gboolean
color_key_equal (gconstpointer a, gconstpointer b)
{
  return memcmp (a, b, sizeof (ColorKey)) == 0;
}

static void
puratan_renderer_finalize (GObject *object)
{
  PuratanRenderer *self = PURATAN_RENDERER (object);

  g_clear_object (&self->document);
  g_clear_pointer (&self->press, puratan_render_press_free);
  g_clear_object (&self->proof);
  g_clear_object (&self->text);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->colors, g_hash_table_unref);
  g_clear_pointer (&self->images, g_hash_table_unref);
  g_clear_pointer (&self->pdfs, g_hash_table_unref);

  G_OBJECT_CLASS (puratan_renderer_parent_class)->finalize (object);
}

static void
puratan_renderer_class_init (PuratanRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = puratan_renderer_finalize;
}

static void
puratan_renderer_init (PuratanRenderer *self)
{
  self->layouts =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) cached_layout_free);
  self->colors = g_hash_table_new_full (color_key_hash, color_key_equal, g_free, g_free);
  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) cairo_surface_destroy);
  self->pdfs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

/**
 * puratan_renderer_new:
 * @document: the design to draw; the renderer keeps a reference
 * @press: (nullable): press condition id or name, or a CMYK profile path; %NULL for the
 *   shop's default
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a renderer, or %NULL with %PURATAN_ERROR_NOT_FOUND
 *   for an unknown press condition or %PURATAN_ERROR_CORRUPT for an unusable profile
 */
PuratanRenderer *
puratan_renderer_new (PuratanDocument *document, const char *press, GError **error)
{
  g_autoptr (PuratanRenderer) self = NULL;
  g_autoptr (GError) local = NULL;
  PuratanProofOptions options;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (document), NULL);

  self = g_object_new (PURATAN_TYPE_RENDERER, NULL);
  self->document = g_object_ref (document);
  self->press = puratan_render_press_new (press, error);
  if (self->press == NULL)
    return NULL;
  puratan_proof_options_init (&options);
  self->proof = puratan_soft_proof_new (self->press->srgb, self->press->profile, self->press->srgb,
                                        &options, &local);
  if (self->proof == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT, "%s", local->message);
      return NULL;
    }
  self->text = puratan_render_text_context_new ();
  return g_steal_pointer (&self);
}

/**
 * puratan_renderer_set_soft_proof:
 * @self: a #PuratanRenderer
 * @soft_proof: show RGB content as the press will reproduce it
 *
 * Turns soft proofing of RGB colours and images on or off.
 */
void
puratan_renderer_set_soft_proof (PuratanRenderer *self, gboolean soft_proof)
{
  g_return_if_fail (PURATAN_IS_RENDERER (self));
  self->soft_proof = soft_proof;
}

/* Shows an sRGB colour as the press reproduces it. */
static void
proof_rgb (PuratanRenderer *self, double rgb[3])
{
  guint32 pixel = 0xff000000;

  for (int i = 0; i < 3; i++)
    pixel |= (guint32) lround (CLAMP (rgb[i], 0.0, 1.0) * 255) << (16 - 8 * i);
  puratan_soft_proof_process (self->proof, (const guint8 *) &pixel, 4, (guint8 *) &pixel, 4, 1, 1,
                              TRUE);
  for (int i = 0; i < 3; i++)
    rgb[i] = ((pixel >> (16 - 8 * i)) & 0xff) / 255.0;
}

/* The screen colour of a paint, through the press for inks. */
static gboolean
set_source (PuratanRenderer *self, cairo_t *cr, const PuratanDocPaint *paint)
{
  const PuratanDocSwatch *swatch = puratan_document_lookup_swatch (self->document, paint->swatch);
  double t = paint->tint;
  ColorKey key = { 0 };
  double *rgb;

  if (swatch == NULL)
    return FALSE;
  key.model = swatch->model + (self->soft_proof ? 16 : 0);
  switch (swatch->model)
    {
      case PURATAN_DOC_COLOR_RGB:
        for (int i = 0; i < 3; i++)
          key.values[i] = 1.0 - t * (1.0 - swatch->values[i]);
        break;
      case PURATAN_DOC_COLOR_GRAY:
        key.values[3] = t * (1.0 - swatch->values[0]);
        break;
      case PURATAN_DOC_COLOR_CMYK:
      case PURATAN_DOC_COLOR_SPOT:
        for (int i = 0; i < 4; i++)
          key.values[i] = swatch->values[i] * t;
        break;
      default:
        return FALSE;
    }
  rgb = g_hash_table_lookup (self->colors, &key);
  if (rgb == NULL)
    {
      rgb = g_new0 (double, 3);
      if (swatch->model == PURATAN_DOC_COLOR_RGB)
        {
          memcpy (rgb, key.values, 3 * sizeof (double));
          if (self->soft_proof)
            proof_rgb (self, rgb);
        }
      else
        puratan_render_press_to_rgb (self->press, key.values, rgb);
      g_hash_table_insert (self->colors, g_memdup2 (&key, sizeof key), rgb);
    }
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  return TRUE;
}

static void
sink_move (gpointer cr, double x, double y)
{
  cairo_move_to (cr, x, y);
}

static void
sink_line (gpointer cr, double x, double y)
{
  cairo_line_to (cr, x, y);
}

static void
sink_curve (gpointer cr, double x1, double y1, double x2, double y2, double x3, double y3)
{
  cairo_curve_to (cr, x1, y1, x2, y2, x3, y3);
}

static void
sink_close (gpointer cr)
{
  cairo_close_path (cr);
}

static gboolean
draw_shape (PuratanRenderer *self, cairo_t *cr, const PuratanDocItem *item, GError **error)
{
  PuratanPathSink sink = { sink_move, sink_line, sink_curve, sink_close, cr };

  if (!puratan_render_shape_path (item, &sink, error))
    return FALSE;
  if (item->fill.swatch != NULL && item->shape != PURATAN_DOC_SHAPE_LINE &&
      set_source (self, cr, &item->fill))
    cairo_fill_preserve (cr);
  if (item->stroke.swatch != NULL && item->stroke_width > 0 && set_source (self, cr, &item->stroke))
    {
      cairo_set_line_width (cr, item->stroke_width);
      cairo_stroke_preserve (cr);
    }
  cairo_new_path (cr);
  return TRUE;
}

static void
draw_text (PuratanRenderer *self, cairo_t *cr, const PuratanDocItem *item)
{
  CachedLayout *cached;
  gboolean stroke = item->stroke.swatch != NULL && item->stroke_width > 0;

  if ((item->fill.swatch == NULL && !stroke) || item->text == NULL)
    return;
  cached = g_hash_table_lookup (self->layouts, item->id);
  if (cached == NULL || !same_text_settings (cached->settings, item))
    {
      cached = g_new0 (CachedLayout, 1);
      cached->layout = puratan_render_layout_new (self->text, item);
      cached->settings = puratan_doc_item_copy (item);
      g_hash_table_replace (self->layouts, g_strdup (item->id), cached);
    }
  cairo_move_to (cr, 0, 0);
  if (item->fill.swatch != NULL && set_source (self, cr, &item->fill))
    pango_cairo_show_layout (cr, cached->layout);
  if (stroke && set_source (self, cr, &item->stroke))
    {
      cairo_move_to (cr, 0, 0);
      pango_cairo_layout_path (cr, cached->layout);
      cairo_set_line_width (cr, item->stroke_width);
      cairo_stroke (cr);
    }
}

/* Decodes an image into a Cairo surface once (per proof setting). */
static cairo_surface_t *
image_surface (PuratanRenderer *self, const PuratanDocAsset *asset)
{
  g_autofree char *key = g_strdup_printf ("%s%s", asset->hash, self->soft_proof ? "+proof" : "");
  cairo_surface_t *surface = g_hash_table_lookup (self->images, key);
  g_autoptr (GdkPixbufLoader) loader = NULL;
  GdkPixbuf *pixbuf;
  int w, h, stride, channels;
  const guint8 *pixels;
  guint8 *data;

  if (surface != NULL)
    return surface;
  loader = gdk_pixbuf_loader_new_with_mime_type (asset->mime, NULL);
  if (loader == NULL || !gdk_pixbuf_loader_write_bytes (loader, asset->data, NULL) ||
      !gdk_pixbuf_loader_close (loader, NULL) ||
      (pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)) == NULL)
    return NULL;
  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < h; y++)
    {
      guint32 *row = (guint32 *) (data + (gsize) y * cairo_image_surface_get_stride (surface));
      const guint8 *src = pixels + (gsize) y * stride;
      for (int x = 0; x < w; x++)
        {
          const guint8 *p = src + x * channels;
          guint a = channels == 4 ? p[3] : 255;
          row[x] =
              (a << 24) | ((p[0] * a / 255) << 16) | ((p[1] * a / 255) << 8) | (p[2] * a / 255);
        }
    }
  cairo_surface_mark_dirty (surface);
  if (self->soft_proof)
    puratan_soft_proof_apply (self->proof, surface, NULL);
  g_hash_table_insert (self->images, g_steal_pointer (&key), surface);
  return surface;
}

static void
draw_image (PuratanRenderer *self, cairo_t *cr, const PuratanDocItem *item)
{
  const PuratanDocAsset *asset = puratan_document_lookup_asset (self->document, item->asset);
  cairo_surface_t *surface;
  double x, y, w, h;

  if (asset == NULL || (surface = image_surface (self, asset)) == NULL)
    return;
  puratan_doc_item_image_rect (item, asset->width, asset->height, &x, &y, &w, &h);
  cairo_rectangle (cr, 0, 0, item->width, item->height);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, w / asset->width, h / asset->height);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
}

static void
draw_pdf (PuratanRenderer *self, cairo_t *cr, const PuratanDocItem *item)
{
  const PuratanDocAsset *asset = puratan_document_lookup_asset (self->document, item->asset);
  PopplerDocument *pdf;
  PopplerPage *page;
  double pw = 0, ph = 0;

  if (asset == NULL)
    return;
  pdf = g_hash_table_lookup (self->pdfs, asset->hash);
  if (pdf == NULL)
    {
      pdf = poppler_document_new_from_bytes (asset->data, NULL, NULL);
      if (pdf == NULL)
        return;
      g_hash_table_insert (self->pdfs, g_strdup (asset->hash), pdf);
    }
  page = poppler_document_get_page (pdf, item->pdf_page);
  if (page == NULL)
    return;
  poppler_page_get_size (page, &pw, &ph);
  if (pw > 0 && ph > 0)
    {
      cairo_rectangle (cr, 0, 0, item->width, item->height);
      cairo_clip (cr);
      cairo_scale (cr, item->width / pw, item->height / ph);
      poppler_page_render (page, cr);
    }
  g_object_unref (page);
}

static gboolean draw_items (PuratanRenderer *self, cairo_t *cr, GPtrArray *items, GError **error);

static gboolean
draw_item (PuratanRenderer *self, cairo_t *cr, const PuratanDocItem *item, GError **error)
{
  cairo_matrix_t matrix;
  gboolean ok = TRUE;

  if (!puratan_render_item_is_drawn (self->document, item, FALSE))
    return TRUE;
  cairo_save (cr);
  cairo_matrix_init (&matrix, item->transform[0], item->transform[1], item->transform[2],
                     item->transform[3], item->transform[4], item->transform[5]);
  cairo_transform (cr, &matrix);
  if (item->opacity < 1.0)
    cairo_push_group (cr);
  switch (item->kind)
    {
      case PURATAN_DOC_ITEM_SHAPE:
        ok = draw_shape (self, cr, item, error);
        break;
      case PURATAN_DOC_ITEM_TEXT:
        draw_text (self, cr, item);
        break;
      case PURATAN_DOC_ITEM_IMAGE:
        draw_image (self, cr, item);
        break;
      case PURATAN_DOC_ITEM_PDF:
        draw_pdf (self, cr, item);
        break;
      case PURATAN_DOC_ITEM_GROUP:
        ok = draw_items (self, cr, item->children, error);
        break;
      default:
        g_assert_not_reached ();
    }
  if (item->opacity < 1.0)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, item->opacity);
    }
  cairo_restore (cr);
  return ok;
}

static gboolean
draw_items (PuratanRenderer *self, cairo_t *cr, GPtrArray *items, GError **error)
{
  for (guint i = 0; i < items->len; i++)
    if (!draw_item (self, cr, items->pdata[i], error))
      return FALSE;
  return TRUE;
}

/**
 * puratan_renderer_draw_page:
 * @self: a #PuratanRenderer
 * @cr: a Cairo context whose user space is page space: points, origin at the trim box's
 *   top-left corner, y down
 * @page: 0-based page index
 * @error: return location for a #GError
 *
 * Draws the page's paper (including the bleed) and its visible items.
 *
 * Returns: %TRUE, or %FALSE with @error set for a missing page or unreadable path data
 */
gboolean
puratan_renderer_draw_page (PuratanRenderer *self, cairo_t *cr, guint page, GError **error)
{
  const PuratanDocPage *p;

  g_return_val_if_fail (PURATAN_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (page >= puratan_document_get_n_pages (self->document))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The design has no page %u",
                   page + 1);
      return FALSE;
    }
  p = puratan_document_get_page (self->document, page);
  cairo_save (cr);
  /* Curves flattened to within a quarter of a device pixel: invisible, and much faster
   * than Cairo's default of a tenth for pages of many rounded shapes. */
  cairo_set_tolerance (cr, 0.25);
  cairo_rectangle (cr, -p->bleed, -p->bleed, p->width + 2 * p->bleed, p->height + 2 * p->bleed);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  if (!draw_items (self, cr, p->items, error))
    {
      cairo_restore (cr);
      return FALSE;
    }
  cairo_restore (cr);
  return TRUE;
}

static cairo_surface_t *
render_surface (PuratanRenderer *self, guint page, double scale, GError **error)
{
  const PuratanDocPage *p;
  cairo_surface_t *surface;
  cairo_t *cr;
  int w, h;
  gboolean ok;

  if (page >= puratan_document_get_n_pages (self->document))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The design has no page %u",
                   page + 1);
      return NULL;
    }
  p = puratan_document_get_page (self->document, page);
  w = (int) ceil ((p->width + 2 * p->bleed) * scale);
  h = (int) ceil ((p->height + 2 * p->bleed) * scale);
  if (w < 1 || h < 1 || (gint64) w * h > 400 * 1000 * 1000)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "A %d × %d pixel image is too large; choose a lower resolution", w, h);
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, p->bleed, p->bleed);
  ok = puratan_renderer_draw_page (self, cr, page, error);
  cairo_destroy (cr);
  if (!ok)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

/**
 * puratan_renderer_write_png:
 * @self: a #PuratanRenderer
 * @page: 0-based page index
 * @dpi: resolution, 1 to 2400
 * @path: the PNG file to write
 * @error: return location for a #GError
 *
 * Renders the page with its bleed at @dpi and writes it as PNG.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
puratan_renderer_write_png (
    PuratanRenderer *self, guint page, double dpi, const char *path, GError **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (PURATAN_IS_RENDERER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(dpi >= 1 && dpi <= 2400))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "A resolution of %g dpi is not possible; use 1 to 2400", dpi);
      return FALSE;
    }
  surface = render_surface (self, page, dpi / 72.0, error);
  if (surface == NULL)
    return FALSE;
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot write “%s”: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * puratan_renderer_thumbnail_png:
 * @self: a #PuratanRenderer
 * @max_edge: longest edge of the thumbnail in pixels
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a PNG of the first page, for the design file
 */
GBytes *
puratan_renderer_thumbnail_png (PuratanRenderer *self, int max_edge, GError **error)
{
  const PuratanDocPage *p;
  cairo_surface_t *surface;
  GByteArray *png = g_byte_array_new ();

  g_return_val_if_fail (PURATAN_IS_RENDERER (self), NULL);

  if (puratan_document_get_n_pages (self->document) == 0)
    {
      g_byte_array_unref (png);
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                           "The design has no page to preview");
      return NULL;
    }
  p = puratan_document_get_page (self->document, 0);
  surface = render_surface (self, 0,
                            MAX (max_edge, 16) / (MAX (p->width, p->height) + 2 * p->bleed), error);
  if (surface == NULL)
    {
      g_byte_array_unref (png);
      return NULL;
    }
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

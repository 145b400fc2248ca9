/* puratan-pdf-image.c: placed images as image XObjects
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JPEG files are passed through untouched (DCTDecode) when the standard allows their
 * colour space: gray and CMYK always, RGB in PDF/X-4 tagged as sRGB. CMYK and gray TIFFs keep
 * their colour space (puratan-pdf-tiff.c). Everything else is
 * decoded and Flate-compressed; for PDF/X-1a RGB pixels are converted to the press
 * profile and transparency is flattened onto paper white.
 */
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "puratan-core.h"
#include "puratan-pdf-private.h"

typedef struct
{
  int width;
  int height;
  int components;
  gboolean adobe; /* APP14 Adobe marker: CMYK stored inverted */
} JpegInfo;

/* Reads the frame header of a baseline or progressive JPEG. */
static gboolean
jpeg_info (const guint8 *p, gsize n, JpegInfo *info)
{
  gsize i = 2;

  memset (info, 0, sizeof *info);
  while (i + 4 <= n)
    {
      guint8 marker;
      gsize length;

      if (p[i] != 0xff)
        return FALSE;
      marker = p[i + 1];
      if (marker == 0xff)
        {
          i++;
          continue;
        }
      length = (p[i + 2] << 8) | p[i + 3];
      if (length < 2 || i + 2 + length > n)
        return FALSE;
      if (marker == 0xee && length >= 7 && memcmp (p + i + 4, "Adobe", 5) == 0)
        info->adobe = TRUE;
      if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
        {
          if (length < 8)
            return FALSE;
          info->height = (p[i + 5] << 8) | p[i + 6];
          info->width = (p[i + 7] << 8) | p[i + 8];
          info->components = p[i + 9];
          return p[i + 4] == 8 && info->width > 0 && info->height > 0;
        }
      i += 2 + length;
    }
  return FALSE;
}

static GdkPixbuf *
decode (const PuratanDocAsset *asset, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_mime_type (asset->mime, &local);
  GdkPixbuf *pixbuf;

  if (loader == NULL || !gdk_pixbuf_loader_write_bytes (loader, asset->data, &local) ||
      !gdk_pixbuf_loader_close (loader, &local))
    {
      if (loader != NULL && local == NULL)
        gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT, "A placed image is damaged: %s",
                   local != NULL ? local->message : "no pixels");
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  return pixbuf != NULL ? g_object_ref (pixbuf) : NULL;
}

/* Writes decoded pixels; returns the image object and whether it has a soft mask. */
static guint
write_pixels (PuratanPdf *pdf, GdkPixbuf *pixbuf, gboolean *masked)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  gboolean x1a = pdf->standard == PURATAN_PDF_X1A;
  g_autoptr (GByteArray) color = g_byte_array_sized_new (w * h * (x1a ? 4 : 3));
  g_autoptr (GByteArray) mask = g_byte_array_sized_new (alpha ? w * h : 0);
  g_autofree guint8 *rgb = g_malloc ((gsize) w * 3);
  cmsHTRANSFORM to_cmyk = NULL;
  guint image = puratan_pdf_alloc (pdf);
  guint smask = 0;
  g_autofree char *dict = NULL;

  if (x1a)
    to_cmyk = cmsCreateTransform (pdf->srgb_profile, TYPE_RGB_8, pdf->press_profile, TYPE_CMYK_8,
                                  INTENT_RELATIVE_COLORIMETRIC, cmsFLAGS_BLACKPOINTCOMPENSATION);
  for (int y = 0; y < h; y++)
    {
      const guint8 *row = pixels + (gsize) y * stride;
      for (int x = 0; x < w; x++)
        {
          const guint8 *px = row + x * channels;
          guint a = alpha ? px[3] : 255;
          for (int c = 0; c < 3; c++)
            rgb[x * 3 + c] = x1a && alpha ? (guint8) ((px[c] * a + 255 * (255 - a)) / 255) : px[c];
          if (alpha && !x1a)
            g_byte_array_append (mask, (const guint8 *) &px[3], 1);
        }
      if (x1a)
        {
          guint len = color->len;
          g_byte_array_set_size (color, len + w * 4);
          cmsDoTransform (to_cmyk, rgb, color->data + len, w);
        }
      else
        g_byte_array_append (color, rgb, w * 3);
    }
  if (to_cmyk != NULL)
    cmsDeleteTransform (to_cmyk);
  if (alpha && !x1a)
    {
      g_autofree char *mask_dict = g_strdup_printf (
          "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
          "/BitsPerComponent 8",
          w, h);
      smask = puratan_pdf_alloc (pdf);
      puratan_pdf_stream (pdf, smask, mask_dict, mask->data, mask->len, TRUE);
    }
  if (x1a)
    dict = g_strdup_printf ("/Type /XObject /Subtype /Image /Width %d /Height %d "
                            "/ColorSpace /DeviceCMYK /BitsPerComponent 8",
                            w, h);
  else if (smask != 0)
    dict = g_strdup_printf ("/Type /XObject /Subtype /Image /Width %d /Height %d "
                            "/ColorSpace %u 0 R /BitsPerComponent 8 /SMask %u 0 R",
                            w, h, puratan_pdf_srgb_space (pdf), smask);
  else
    dict = g_strdup_printf ("/Type /XObject /Subtype /Image /Width %d /Height %d "
                            "/ColorSpace %u 0 R /BitsPerComponent 8",
                            w, h, puratan_pdf_srgb_space (pdf));
  puratan_pdf_stream (pdf, image, dict, color->data, color->len, TRUE);
  *masked = smask != 0;
  return image;
}

/* Writes the image of an asset once and returns its resource name. */
static const char *
image_resource (PuratanPdf *pdf, const PuratanDocAsset *asset, GError **error)
{
  const char *name = g_hash_table_lookup (pdf->images, asset->hash);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (asset->data, &size);
  JpegInfo jpeg;
  guint number = 0;
  gboolean masked = FALSE;

  if (name != NULL)
    return name;
  if (g_str_equal (asset->mime, "image/jpeg") && jpeg_info (data, size, &jpeg) &&
      (jpeg.components == 1 || jpeg.components == 4 ||
       (jpeg.components == 3 && pdf->standard == PURATAN_PDF_X4)))
    {
      g_autofree char *space = jpeg.components == 1 ? g_strdup ("/DeviceGray")
                               : jpeg.components == 4
                                   ? g_strdup ("/DeviceCMYK")
                                   : g_strdup_printf ("%u 0 R", puratan_pdf_srgb_space (pdf));
      g_autofree char *dict =
          g_strdup_printf ("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s "
                           "/BitsPerComponent 8 /Filter /DCTDecode%s",
                           jpeg.width, jpeg.height, space,
                           jpeg.components == 4 && jpeg.adobe ? " /Decode [1 0 1 0 1 0 1 0]" : "");
      number = puratan_pdf_alloc (pdf);
      puratan_pdf_stream (pdf, number, dict, data, size, FALSE);
    }
  else if (!g_str_equal (asset->mime, "image/tiff") ||
           (number = puratan_pdf_tiff_device_image (pdf, data, size)) == 0)
    {
      g_autoptr (GdkPixbuf) pixbuf = decode (asset, error);
      if (pixbuf == NULL)
        return NULL;
      number = write_pixels (pdf, pixbuf, &masked);
    }
  name = g_strdup_printf ("Im%u", pdf->n_images++);
  g_string_append_printf (pdf->res_images, "/%s %u 0 R\n", name, number);
  if (masked)
    g_hash_table_add (pdf->masked, g_strdup (name));
  g_hash_table_insert (pdf->images, g_strdup (asset->hash), (gpointer) name);
  return name;
}

/**
 * puratan_pdf_draw_image:
 * @pdf: the writer
 * @content: the content stream in item space
 * @item: an image item
 * @error: return location for a #GError
 *
 * Draws the image clipped to the item's frame, as its fit mode and crop say.
 *
 * Returns: %TRUE, or %FALSE with @error set for a missing or damaged image
 */
gboolean
puratan_pdf_draw_image (PuratanPdf *pdf,
                        GString *content,
                        const PuratanDocItem *item,
                        GError **error)
{
  const PuratanDocAsset *asset = puratan_document_lookup_asset (pdf->doc, item->asset);
  const char *name;
  double x, y, w, h;

  if (asset == NULL || asset->width <= 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "Image “%s” places a file missing from the design", item->id);
      return FALSE;
    }
  name = image_resource (pdf, asset, error);
  if (name == NULL)
    return FALSE;
  if (g_hash_table_contains (pdf->masked, name))
    pdf->page_transparent = TRUE;
  puratan_doc_item_image_rect (item, asset->width, asset->height, &x, &y, &w, &h);
  g_string_append (content, "q 0 0 ");
  puratan_pdf_num (content, item->width);
  g_string_append_c (content, ' ');
  puratan_pdf_num (content, item->height);
  g_string_append (content, " re W n\n");
  puratan_pdf_num (content, w);
  g_string_append (content, " 0 0 ");
  puratan_pdf_num (content, -h);
  g_string_append_c (content, ' ');
  puratan_pdf_num (content, x);
  g_string_append_c (content, ' ');
  puratan_pdf_num (content, y + h);
  g_string_append_printf (content, " cm /%s Do Q\n", name);
  return TRUE;
}

/* puratan-qr.c: QR codes drawn with Cairo
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <qrencode.h>

#include "puratan-core.h"
#include "puratan-qr.h"

/* The quiet zone the QR specification asks for, in modules, on every side. */
#define QUIET_ZONE 4

static QRcode *
encode (const char *text, GError **error)
{
  QRcode *code;

  if (text == NULL || *text == '\0' || strlen (text) > 2000)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A QR code needs 1 to 2000 bytes of text");
      return NULL;
    }
  /* Level M survives a smudged receipt; 8-bit mode keeps the text exactly. */
  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Cannot make a QR code of this text: %s", g_strerror (saved_errno));
    }
  return code;
}

/**
 * puratan_qr_draw:
 * @cr: where to draw
 * @text: what the code holds
 * @x: left edge, in user units
 * @y: top edge
 * @size: width and height of the code with its quiet zone
 * @error: return location for a #GError
 *
 * Draws @text as a black-on-white QR code (error correction level M) in the square at
 * @x, @y. The caller's source and path are preserved.
 *
 * Returns: %TRUE when drawn; %PURATAN_ERROR_INVALID_INPUT for empty or over-long text
 */
gboolean
puratan_qr_draw (cairo_t *cr, const char *text, double x, double y, double size, GError **error)
{
  QRcode *code;
  double module;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (size > 0, FALSE);

  code = encode (text, error);
  if (code == NULL)
    return FALSE;

  module = size / (code->width + 2 * QUIET_ZONE);
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < code->width; row++)
    for (int col = 0; col < code->width; col++)
      if (code->data[row * code->width + col] & 1)
        cairo_rectangle (cr, x + (col + QUIET_ZONE) * module, y + (row + QUIET_ZONE) * module,
                         module, module);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (code);
  return TRUE;
}

/**
 * puratan_qr_write_png:
 * @text: what the code holds
 * @path: the PNG file to write
 * @module_px: pixels per module, 1 to 64
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the PNG was written
 */
gboolean
puratan_qr_write_png (const char *text, const char *path, int module_px, GError **error)
{
  QRcode *code;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int size;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (module_px < 1 || module_px > 64)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "A QR module must be 1 to 64 pixels");
      return FALSE;
    }
  code = encode (text, error);
  if (code == NULL)
    return FALSE;
  size = (code->width + 2 * QUIET_ZONE) * module_px;
  QRcode_free (code);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cr = cairo_create (surface);
  ok = puratan_qr_draw (cr, text, 0, 0, size, error);
  cairo_destroy (cr);
  if (ok)
    {
      status = cairo_surface_write_to_png (surface, path);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                       "Cannot write the QR code to “%s”: %s", path,
                       cairo_status_to_string (status));
          ok = FALSE;
        }
    }
  cairo_surface_destroy (surface);
  return ok;
}

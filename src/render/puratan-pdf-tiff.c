/* puratan-pdf-tiff.c: CMYK and grayscale TIFF images kept in their own colour space
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CMYK TIFF separated by the designer must reach the plates with its own ink values, and a
 * grayscale one must print on black alone; decoding them to RGB would turn both into
 * four-colour images. These are read with libtiff and written as DeviceCMYK or DeviceGray.
 */
#include <tiffio.h>

#include "puratan-pdf-private.h"

typedef struct
{
  const guint8 *data;
  gsize size;
  gsize offset;
} MemoryFile;

static tmsize_t
mem_read (thandle_t handle, void *buffer, tmsize_t size)
{
  MemoryFile *file = handle;
  gsize n = MIN ((gsize) size, file->size - file->offset);

  memcpy (buffer, file->data + file->offset, n);
  file->offset += n;
  return (tmsize_t) n;
}

static tmsize_t
mem_write (thandle_t handle, void *buffer, tmsize_t size)
{
  return 0;
}

static toff_t
mem_seek (thandle_t handle, toff_t offset, int whence)
{
  MemoryFile *file = handle;
  guint64 base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? file->offset : file->size;

  if (base + offset > file->size)
    return (toff_t) -1;
  file->offset = base + offset;
  return file->offset;
}

static int
mem_close (thandle_t handle)
{
  return 0;
}

static toff_t
mem_size (thandle_t handle)
{
  return ((MemoryFile *) handle)->size;
}

static int
mem_map (thandle_t handle, void **base, toff_t *size)
{
  return 0;
}

static void
mem_unmap (thandle_t handle, void *base, toff_t size)
{
}

static void
silence (const char *module, const char *format, va_list args)
{
}

/**
 * puratan_pdf_tiff_device_image:
 * @pdf: the writer
 * @data: the TIFF file
 * @size: its length
 *
 * Writes an 8-bit, contiguous CMYK or grayscale TIFF as an image XObject in its own colour
 * space. Any other TIFF (RGB, palette, 16-bit, planar) is left to the general decoder.
 *
 * Returns: the image's object number, or 0 when the TIFF is not of that kind or is damaged
 */
guint
puratan_pdf_tiff_device_image (PuratanPdf *pdf, const guint8 *data, gsize size)
{
  MemoryFile file = { data, size, 0 };
  TIFFErrorHandler old_error = TIFFSetErrorHandler (silence);
  TIFFErrorHandler old_warning = TIFFSetWarningHandler (silence);
  TIFF *tiff = TIFFClientOpen ("image", "rm", &file, mem_read, mem_write, mem_seek, mem_close,
                               mem_size, mem_map, mem_unmap);
  guint32 width = 0, height = 0;
  guint16 photometric = 0, samples = 0, bits = 0, planar = PLANARCONFIG_CONTIG,
          inkset = INKSET_CMYK;
  g_autoptr (GByteArray) pixels = NULL;
  g_autofree char *dict = NULL;
  guint number = 0;
  gboolean cmyk, gray, ok = TRUE;

  if (tiff == NULL)
    goto out;
  TIFFGetField (tiff, TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField (tiff, TIFFTAG_IMAGELENGTH, &height);
  TIFFGetFieldDefaulted (tiff, TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetFieldDefaulted (tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted (tiff, TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted (tiff, TIFFTAG_PLANARCONFIG, &planar);
  TIFFGetFieldDefaulted (tiff, TIFFTAG_INKSET, &inkset);
  cmyk = photometric == PHOTOMETRIC_SEPARATED && samples == 4 && inkset == INKSET_CMYK;
  gray = (photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE) &&
         samples == 1;
  if (!(cmyk || gray) || bits != 8 || planar != PLANARCONFIG_CONTIG || width == 0 || height == 0 ||
      (guint64) width * height * samples > G_MAXUINT32)
    goto out;

  pixels = g_byte_array_sized_new (width * height * samples);
  g_byte_array_set_size (pixels, width * height * samples);
  for (guint32 y = 0; ok && y < height; y++)
    {
      guint8 *row = pixels->data + (gsize) y * width * samples;
      if (TIFFScanlineSize (tiff) != (tmsize_t) width * samples)
        ok = FALSE;
      else
        ok = TIFFReadScanline (tiff, row, y, 0) == 1;
      if (ok && photometric == PHOTOMETRIC_MINISWHITE)
        for (guint32 x = 0; x < width; x++)
          row[x] = 255 - row[x];
    }
  if (!ok)
    goto out;
  dict = g_strdup_printf ("/Type /XObject /Subtype /Image /Width %u /Height %u "
                          "/ColorSpace %s /BitsPerComponent 8",
                          width, height, cmyk ? "/DeviceCMYK" : "/DeviceGray");
  number = puratan_pdf_alloc (pdf);
  puratan_pdf_stream (pdf, number, dict, pixels->data, pixels->len, TRUE);

out:
  if (tiff != NULL)
    TIFFClose (tiff);
  TIFFSetErrorHandler (old_error);
  TIFFSetWarningHandler (old_warning);
  return number;
}

/* puratan-ink-coverage.c: total ink of RGB rasters on the press
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each pixel is composited over white paper, converted to the press CMYK with Little CMS
 * and its four inks summed. A summed-area table then gives the mean over every square of
 * the measuring size in constant time per position.
 */
#include "puratan-ink-coverage.h"

#include <math.h>

#include "puratan-color-error.h"
#include "puratan-icc-profile-private.h"

#define AREA_MM     15.0
#define MM_PER_INCH 25.4

static cmsHTRANSFORM
create_transform (PuratanLcms *lcms,
                  PuratanIccProfile *working,
                  PuratanIccProfile *press,
                  PuratanRenderingIntent intent,
                  gboolean bpc,
                  GError **error)
{
  cmsHPROFILE rgb = NULL, cmyk = NULL;
  cmsHTRANSFORM transform = NULL;

  rgb = puratan_icc_profile_open (working, lcms, error);
  if (rgb != NULL)
    cmyk = puratan_icc_profile_open (press, lcms, error);
  if (cmyk != NULL)
    {
      transform = cmsCreateTransformTHR (puratan_lcms_context (lcms), rgb, TYPE_BGRA_8, cmyk,
                                         TYPE_CMYK_16, (cmsUInt32Number) intent,
                                         bpc ? cmsFLAGS_BLACKPOINTCOMPENSATION : 0);
      if (transform == NULL)
        puratan_lcms_set_error (lcms, error, PURATAN_COLOR_ERROR_TRANSFORM,
                                "Cannot build the conversion to the press");
    }
  if (rgb != NULL)
    cmsCloseProfile (rgb);
  if (cmyk != NULL)
    cmsCloseProfile (cmyk);
  return transform;
}

static void
find_area (PuratanInkCoverage *self, const double *sat)
{
  const int s = self->area_size, stride = self->width + 1;
  double best = -1;

  for (int y = 0; y + s <= self->height; y++)
    for (int x = 0; x + s <= self->width; x++)
      {
        double sum = sat[(gsize) (y + s) * stride + x + s] - sat[(gsize) y * stride + x + s] -
                     sat[(gsize) (y + s) * stride + x] + sat[(gsize) y * stride + x];
        if (sum > best)
          {
            best = sum;
            self->max_area_x = x;
            self->max_area_y = y;
          }
      }
  self->max_area_ink = best / ((double) s * s);
}

/**
 * puratan_ink_coverage_measure:
 * @surface: an ARGB32 or RGB24 Cairo image surface
 * @pixels_per_inch: the raster's resolution, which sets the 15 mm square's size
 * @working: the RGB profile the raster is in
 * @press: the press condition's CMYK profile
 * @intent: rendering intent of the conversion to the press
 * @black_point_compensation: whether to use black-point compensation
 * @error: return location for a #GError
 *
 * Measures total ink per pixel and the largest mean over any 15 mm square (the GWG
 * method). Transparent pixels count as bare paper. Blocking: for large rasters call it
 * off the UI thread.
 *
 * Returns: (transfer full) (nullable): the coverage, or %NULL with @error set
 */
PuratanInkCoverage *
puratan_ink_coverage_measure (cairo_surface_t *surface,
                              double pixels_per_inch,
                              PuratanIccProfile *working,
                              PuratanIccProfile *press,
                              PuratanRenderingIntent intent,
                              gboolean black_point_compensation,
                              GError **error)
{
  g_autoptr (PuratanLcms) lcms = NULL;
  g_autoptr (PuratanInkCoverage) self = NULL;
  g_autofree double *sat = NULL;
  g_autofree guint32 *row = NULL;
  g_autofree guint16 *cmyk = NULL;
  cmsHTRANSFORM transform;
  cairo_format_t format;
  const guint8 *data;
  int stride;
  double total = 0;

  g_return_val_if_fail (surface != NULL, NULL);
  g_return_val_if_fail (pixels_per_inch > 0, NULL);
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (working), NULL);
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (press), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  format = cairo_image_surface_get_format (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_IMAGE ||
      (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24))
    {
      g_set_error_literal (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_UNSUPPORTED_SURFACE,
                           "Ink coverage needs a Cairo image surface in ARGB32 or RGB24 format");
      return NULL;
    }
  if (!puratan_icc_profile_check_role (working, PURATAN_PROFILE_ROLE_RGB, error) ||
      !puratan_icc_profile_check_role (press, PURATAN_PROFILE_ROLE_PRESS, error))
    return NULL;

  lcms = puratan_lcms_new ();
  transform = create_transform (lcms, working, press, intent, black_point_compensation, error);
  if (transform == NULL)
    return NULL;

  self = g_new0 (PuratanInkCoverage, 1);
  self->width = cairo_image_surface_get_width (surface);
  self->height = cairo_image_surface_get_height (surface);
  self->total_ink = g_new (float, (gsize) self->width * self->height);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  sat = g_new0 (double, (gsize) (self->width + 1) * (self->height + 1));
  row = g_new (guint32, self->width);
  cmyk = g_new (guint16, (gsize) self->width * 4);

  for (int y = 0; y < self->height; y++)
    {
      const guint32 *src = (const guint32 *) (data + (gsize) y * stride);
      double *sat_row = sat + (gsize) (y + 1) * (self->width + 1);
      const double *sat_above = sat_row - (self->width + 1);
      double running = 0;

      /* Premultiplied over white: c + (255 - a) for each channel. */
      for (int x = 0; x < self->width; x++)
        {
          guint32 p = src[x], a = format == CAIRO_FORMAT_RGB24 ? 255u : p >> 24, add = 255u - a;
          row[x] = 0xff000000u | ((((p >> 16) & 255u) + add) << 16) |
                   ((((p >> 8) & 255u) + add) << 8) | ((p & 255u) + add);
        }
      cmsDoTransform (transform, row, cmyk, (cmsUInt32Number) self->width);
      for (int x = 0; x < self->width; x++)
        {
          const guint16 *ink = cmyk + 4 * x;
          double sum = (ink[0] + ink[1] + ink[2] + ink[3]) * (100.0 / 65535.0);

          self->total_ink[(gsize) y * self->width + x] = (float) sum;
          total += sum;
          if (sum > self->max_pixel_ink)
            {
              self->max_pixel_ink = sum;
              self->max_pixel_x = x;
              self->max_pixel_y = y;
            }
          running += sum;
          sat_row[x + 1] = sat_above[x + 1] + running;
        }
    }
  cmsDeleteTransform (transform);

  self->mean_ink =
      self->width * self->height > 0 ? total / ((double) self->width * self->height) : 0;
  self->area_size = (int) lround (AREA_MM / MM_PER_INCH * pixels_per_inch);
  self->area_size = CLAMP (self->area_size, 1, MAX (1, MIN (self->width, self->height)));
  if (self->width > 0 && self->height > 0)
    find_area (self, sat);
  return g_steal_pointer (&self);
}

/**
 * puratan_ink_coverage_free:
 * @self: (nullable): a coverage
 */
void
puratan_ink_coverage_free (PuratanInkCoverage *self)
{
  if (self == NULL)
    return;

  g_free (self->total_ink);
  g_free (self);
}

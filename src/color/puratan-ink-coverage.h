/* puratan-ink-coverage.h: total ink of RGB rasters on the press
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "puratan-icc-profile.h"
#include "puratan-rendering-intent.h"

G_BEGIN_DECLS

/**
 * PuratanInkCoverage:
 * @width: raster width in pixels
 * @height: raster height in pixels
 * @total_ink: (array): per-pixel total ink in percent (0 to 400), row by row
 * @mean_ink: mean total ink over the raster, percent
 * @max_pixel_ink: the highest total ink of any pixel, percent
 * @max_pixel_x: column of that pixel
 * @max_pixel_y: row of that pixel
 * @area_size: side of the measuring square in pixels (15 mm at the raster's resolution,
 *   or the raster's shorter side if that is smaller)
 * @max_area_ink: the largest mean total ink over any square of @area_size, percent
 * @max_area_x: left column of that square
 * @max_area_y: top row of that square
 *
 * What the press would lay down for an RGB raster. @max_area_ink is the figure preflight
 * compares with the press condition's ink limit, as the Ghent Workgroup measures it.
 */
typedef struct
{
  int width;
  int height;
  float *total_ink;
  double mean_ink;
  double max_pixel_ink;
  int max_pixel_x;
  int max_pixel_y;
  int area_size;
  double max_area_ink;
  int max_area_x;
  int max_area_y;
} PuratanInkCoverage;

PuratanInkCoverage *puratan_ink_coverage_measure (cairo_surface_t *surface,
                                                  double pixels_per_inch,
                                                  PuratanIccProfile *working,
                                                  PuratanIccProfile *press,
                                                  PuratanRenderingIntent intent,
                                                  gboolean black_point_compensation,
                                                  GError **error);
void puratan_ink_coverage_free (PuratanInkCoverage *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanInkCoverage, puratan_ink_coverage_free)

G_END_DECLS

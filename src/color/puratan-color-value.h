/* puratan-color-value.h: colours as the designer typed them
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PuratanColorKind:
 * @PURATAN_COLOR_CMYK: process inks, each 0 to 100 %
 * @PURATAN_COLOR_RGB: red, green, blue, each 0 to 255, in the working RGB space
 * @PURATAN_COLOR_GRAY: one level 0 to 100 %, 0 black and 100 white (as PDF DeviceGray)
 * @PURATAN_COLOR_LAB: CIE L*a*b* (D50), L 0 to 100, a and b -128 to 127
 * @PURATAN_COLOR_SPOT: a named ink with a CMYK or Lab alternate for proofing
 */
typedef enum
{
  PURATAN_COLOR_CMYK,
  PURATAN_COLOR_RGB,
  PURATAN_COLOR_GRAY,
  PURATAN_COLOR_LAB,
  PURATAN_COLOR_SPOT,
} PuratanColorKind;

typedef struct _PuratanColor PuratanColor;

/**
 * PuratanColor:
 * @kind: which model the values are in
 * @values: the channel values, as #PuratanColorKind describes (unused ones are 0)
 * @spot_name: the ink's name, for %PURATAN_COLOR_SPOT only
 * @alternate: the CMYK or Lab alternate, for %PURATAN_COLOR_SPOT only
 *
 * A colour value. Device values stay as typed until the last moment.
 */
struct _PuratanColor
{
  PuratanColorKind kind;
  double values[4];
  char *spot_name;
  PuratanColor *alternate;
};

#define PURATAN_TYPE_COLOR (puratan_color_get_type ())

GType puratan_color_get_type (void);
PuratanColor *puratan_color_new_cmyk (double c, double m, double y, double k);
PuratanColor *puratan_color_new_rgb (double r, double g, double b);
PuratanColor *puratan_color_new_gray (double level);
PuratanColor *puratan_color_new_lab (double l, double a, double b);
PuratanColor *puratan_color_new_spot (const char *name, const PuratanColor *alternate);
PuratanColor *puratan_color_copy (const PuratanColor *self);
void puratan_color_free (PuratanColor *self);

PuratanColor *puratan_color_parse (const char *text, GError **error);
char *puratan_color_to_string (const PuratanColor *self);
double puratan_color_delta_e2000 (const PuratanColor *lab1, const PuratanColor *lab2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanColor, puratan_color_free)

G_END_DECLS

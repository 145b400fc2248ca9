/* puratan-units.h: the length units a designer measures in (mm, inches, points)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The design model keeps every length in PostScript points (1/72 inch); these convert
 * between points and the unit the rulers and the Properties panel show.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PuratanUnit:
 * @PURATAN_UNIT_MM: millimetres
 * @PURATAN_UNIT_INCH: inches
 * @PURATAN_UNIT_POINT: PostScript points (1/72 inch)
 */
typedef enum
{
  PURATAN_UNIT_MM,
  PURATAN_UNIT_INCH,
  PURATAN_UNIT_POINT,
} PuratanUnit;

#define PURATAN_TYPE_UNIT (puratan_unit_get_type ())
GType puratan_unit_get_type (void) G_GNUC_CONST;

double puratan_unit_from_points (PuratanUnit unit, double points);
double puratan_unit_to_points (PuratanUnit unit, double value);
const char *puratan_unit_get_symbol (PuratanUnit unit);
const char *puratan_unit_get_name (PuratanUnit unit);
const char *puratan_unit_to_string (PuratanUnit unit);
gboolean puratan_unit_from_string (const char *string, PuratanUnit *unit);
int puratan_unit_get_digits (PuratanUnit unit);
char *puratan_unit_format (PuratanUnit unit, double points);

G_END_DECLS

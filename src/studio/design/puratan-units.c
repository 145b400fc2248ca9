/* puratan-units.c: the length units a designer measures in (mm, inches, points)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-units.h"

#define POINTS_PER_INCH 72.0
#define MM_PER_INCH     25.4

GType
puratan_unit_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { PURATAN_UNIT_MM, "PURATAN_UNIT_MM", "mm" },
        { PURATAN_UNIT_INCH, "PURATAN_UNIT_INCH", "in" },
        { PURATAN_UNIT_POINT, "PURATAN_UNIT_POINT", "pt" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type_id, g_enum_register_static ("PuratanUnit", values));
    }
  return type_id;
}

/* Points in one @unit. */
static double
points_per_unit (PuratanUnit unit)
{
  switch (unit)
    {
      case PURATAN_UNIT_MM:
        return POINTS_PER_INCH / MM_PER_INCH;
      case PURATAN_UNIT_INCH:
        return POINTS_PER_INCH;
      case PURATAN_UNIT_POINT:
      default:
        return 1.0;
    }
}

/**
 * puratan_unit_from_points:
 * @unit: the unit to convert to
 * @points: a length in points
 *
 * Returns: @points expressed in @unit
 */
double
puratan_unit_from_points (PuratanUnit unit, double points)
{
  return points / points_per_unit (unit);
}

/**
 * puratan_unit_to_points:
 * @unit: the unit @value is in
 * @value: a length in @unit
 *
 * Returns: @value in points
 */
double
puratan_unit_to_points (PuratanUnit unit, double value)
{
  return value * points_per_unit (unit);
}

/**
 * puratan_unit_get_symbol:
 * @unit: a unit
 *
 * Returns: (transfer none): the symbol written after a value ("mm", "in", "pt")
 */
const char *
puratan_unit_get_symbol (PuratanUnit unit)
{
  switch (unit)
    {
      case PURATAN_UNIT_MM:
        return C_ ("unit symbol", "mm");
      case PURATAN_UNIT_INCH:
        return C_ ("unit symbol", "in");
      case PURATAN_UNIT_POINT:
      default:
        return C_ ("unit symbol", "pt");
    }
}

/**
 * puratan_unit_get_name:
 * @unit: a unit
 *
 * Returns: (transfer none): the unit's name for menus ("Millimetres")
 */
const char *
puratan_unit_get_name (PuratanUnit unit)
{
  switch (unit)
    {
      case PURATAN_UNIT_MM:
        return _ ("Millimetres");
      case PURATAN_UNIT_INCH:
        return _ ("Inches");
      case PURATAN_UNIT_POINT:
      default:
        return _ ("Points");
    }
}

/**
 * puratan_unit_to_string:
 * @unit: a unit
 *
 * Returns: (transfer none): the untranslated id kept in settings ("mm", "in", "pt")
 */
const char *
puratan_unit_to_string (PuratanUnit unit)
{
  switch (unit)
    {
      case PURATAN_UNIT_MM:
        return "mm";
      case PURATAN_UNIT_INCH:
        return "in";
      case PURATAN_UNIT_POINT:
      default:
        return "pt";
    }
}

/**
 * puratan_unit_from_string:
 * @string: an id as puratan_unit_to_string() returns it
 * @unit: (out): the unit
 *
 * Returns: %FALSE, leaving @unit untouched, when @string names no unit
 */
gboolean
puratan_unit_from_string (const char *string, PuratanUnit *unit)
{
  g_return_val_if_fail (unit != NULL, FALSE);

  for (PuratanUnit u = PURATAN_UNIT_MM; u <= PURATAN_UNIT_POINT; u++)
    if (g_strcmp0 (string, puratan_unit_to_string (u)) == 0)
      {
        *unit = u;
        return TRUE;
      }
  return FALSE;
}

/**
 * puratan_unit_get_digits:
 * @unit: a unit
 *
 * Returns: the decimals worth showing for a position or size in @unit: a tenth of a
 *   millimetre, a thousandth of an inch, a tenth of a point
 */
int
puratan_unit_get_digits (PuratanUnit unit)
{
  return unit == PURATAN_UNIT_INCH ? 3 : 1;
}

/**
 * puratan_unit_format:
 * @unit: the unit to show
 * @points: a length in points
 *
 * Returns: (transfer full): the length in @unit with its symbol, in the user's locale
 *   ("85.0 mm")
 */
char *
puratan_unit_format (PuratanUnit unit, double points)
{
  return g_strdup_printf ("%.*f %s", puratan_unit_get_digits (unit),
                          puratan_unit_from_points (unit, points), puratan_unit_get_symbol (unit));
}

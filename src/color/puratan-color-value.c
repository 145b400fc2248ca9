/* puratan-color-value.c: colours as the designer typed them
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-color-value.h"

#include <lcms2.h>
#include <math.h>
#include <string.h>

#include "puratan-color-error.h"

G_DEFINE_BOXED_TYPE (PuratanColor, puratan_color, puratan_color_copy, puratan_color_free)

static PuratanColor *
color_new (PuratanColorKind kind, double a, double b, double c, double d)
{
  PuratanColor *self = g_new0 (PuratanColor, 1);

  self->kind = kind;
  self->values[0] = a;
  self->values[1] = b;
  self->values[2] = c;
  self->values[3] = d;
  return self;
}

/**
 * puratan_color_new_cmyk:
 * @c: cyan, 0 to 100 %
 * @m: magenta, 0 to 100 %
 * @y: yellow, 0 to 100 %
 * @k: black, 0 to 100 %
 *
 * Returns: (transfer full): a new CMYK colour
 */
PuratanColor *
puratan_color_new_cmyk (double c, double m, double y, double k)
{
  g_return_val_if_fail (c >= 0 && c <= 100 && m >= 0 && m <= 100, NULL);
  g_return_val_if_fail (y >= 0 && y <= 100 && k >= 0 && k <= 100, NULL);
  return color_new (PURATAN_COLOR_CMYK, c, m, y, k);
}

/**
 * puratan_color_new_rgb:
 * @r: red, 0 to 255
 * @g: green, 0 to 255
 * @b: blue, 0 to 255
 *
 * Returns: (transfer full): a new RGB colour
 */
PuratanColor *
puratan_color_new_rgb (double r, double g, double b)
{
  g_return_val_if_fail (r >= 0 && r <= 255 && g >= 0 && g <= 255 && b >= 0 && b <= 255, NULL);
  return color_new (PURATAN_COLOR_RGB, r, g, b, 0);
}

/**
 * puratan_color_new_gray:
 * @level: 0 (black) to 100 (white) %
 *
 * Returns: (transfer full): a new gray colour
 */
PuratanColor *
puratan_color_new_gray (double level)
{
  g_return_val_if_fail (level >= 0 && level <= 100, NULL);
  return color_new (PURATAN_COLOR_GRAY, level, 0, 0, 0);
}

/**
 * puratan_color_new_lab:
 * @l: lightness, 0 to 100
 * @a: green (-) to red (+), -128 to 127
 * @b: blue (-) to yellow (+), -128 to 127
 *
 * Returns: (transfer full): a new Lab colour
 */
PuratanColor *
puratan_color_new_lab (double l, double a, double b)
{
  g_return_val_if_fail (l >= 0 && l <= 100, NULL);
  g_return_val_if_fail (a >= -128 && a <= 127 && b >= -128 && b <= 127, NULL);
  return color_new (PURATAN_COLOR_LAB, l, a, b, 0);
}

/**
 * puratan_color_new_spot:
 * @name: the ink's name, such as "PANTONE 485 C"
 * @alternate: its CMYK or Lab alternate; copied
 *
 * Returns: (transfer full): a new spot colour
 */
PuratanColor *
puratan_color_new_spot (const char *name, const PuratanColor *alternate)
{
  PuratanColor *self;

  g_return_val_if_fail (name != NULL && name[0] != '\0', NULL);
  g_return_val_if_fail (alternate != NULL, NULL);
  g_return_val_if_fail (
      alternate->kind == PURATAN_COLOR_CMYK || alternate->kind == PURATAN_COLOR_LAB, NULL);

  self = color_new (PURATAN_COLOR_SPOT, 0, 0, 0, 0);
  self->spot_name = g_strdup (name);
  self->alternate = puratan_color_copy (alternate);
  return self;
}

/**
 * puratan_color_copy:
 * @self: a colour
 *
 * Returns: (transfer full): a deep copy of @self
 */
PuratanColor *
puratan_color_copy (const PuratanColor *self)
{
  PuratanColor *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof (PuratanColor));
  copy->spot_name = g_strdup (self->spot_name);
  copy->alternate = self->alternate != NULL ? puratan_color_copy (self->alternate) : NULL;
  return copy;
}

/**
 * puratan_color_free:
 * @self: (nullable): a colour
 */
void
puratan_color_free (PuratanColor *self)
{
  if (self == NULL)
    return;

  g_free (self->spot_name);
  puratan_color_free (self->alternate);
  g_free (self);
}

static gboolean
parse_numbers (const char *args, double *out, guint count, const char *text, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (args, ",", -1);

  if (g_strv_length (parts) != count)
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
                   "“%s” needs %u numbers separated by commas", text, count);
      return FALSE;
    }
  for (guint i = 0; i < count; i++)
    {
      char *end = NULL;
      char *part = g_strstrip (parts[i]);

      if (g_str_has_suffix (part, "%"))
        part[strlen (part) - 1] = '\0';
      out[i] = g_ascii_strtod (part, &end);
      if (part[0] == '\0' || end == NULL || *end != '\0' || !isfinite (out[i]))
        {
          g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
                       "“%s” in “%s” is not a number", parts[i], text);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
in_range (const double *v,
          guint count,
          double low,
          double high,
          const char *text,
          const char *what,
          GError **error)
{
  for (guint i = 0; i < count; i++)
    if (v[i] < low || v[i] > high)
      {
        g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
                     "“%s”: %s must lie between %g and %g", text, what, low, high);
        return FALSE;
      }
  return TRUE;
}

static PuratanColor *
parse_spot (const char *args, const char *text, GError **error)
{
  const char *open_quote = strchr (args, '"');
  const char *close_quote = open_quote != NULL ? strchr (open_quote + 1, '"') : NULL;
  g_autofree char *name = NULL;
  g_autoptr (PuratanColor) alternate = NULL;
  const char *rest;

  if (open_quote == NULL || close_quote == NULL || close_quote == open_quote + 1)
    {
      g_set_error (
          error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
          "“%s”: a spot colour is written spot(\"NAME\", cmyk(…)) or spot(\"NAME\", lab(…))", text);
      return NULL;
    }
  name = g_strndup (open_quote + 1, (gsize) (close_quote - open_quote - 1));
  rest = close_quote + 1;
  while (g_ascii_isspace (*rest))
    rest++;
  if (*rest != ',')
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
                   "“%s”: the spot name must be followed by a comma and its alternate", text);
      return NULL;
    }
  alternate = puratan_color_parse (rest + 1, error);
  if (alternate == NULL)
    return NULL;
  if (alternate->kind != PURATAN_COLOR_CMYK && alternate->kind != PURATAN_COLOR_LAB)
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
                   "“%s”: a spot colour's alternate must be cmyk(…) or lab(…)", text);
      return NULL;
    }
  return puratan_color_new_spot (name, alternate);
}

/**
 * puratan_color_parse:
 * @text: "cmyk(C,M,Y,K)" in %, "rgb(R,G,B)" 0 to 255, "gray(G)" in % (0 black),
 *   "lab(L,a,b)", or "spot(\"NAME\", cmyk(…)|lab(…))"; case and spaces do not matter
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the colour, or %NULL with
 *   %PURATAN_COLOR_ERROR_PARSE saying what is wrong
 */
PuratanColor *
puratan_color_parse (const char *text, GError **error)
{
  static const struct
  {
    const char *name;
    PuratanColorKind kind;
    guint count;
  } forms[] = {
    { "cmyk", PURATAN_COLOR_CMYK, 4 }, { "rgb", PURATAN_COLOR_RGB, 3 },
    { "gray", PURATAN_COLOR_GRAY, 1 }, { "grey", PURATAN_COLOR_GRAY, 1 },
    { "lab", PURATAN_COLOR_LAB, 3 },   { "spot", PURATAN_COLOR_SPOT, 0 },
  };
  g_autofree char *trimmed = NULL;
  char *open, *args;
  double v[4] = { 0 };

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  open = strchr (trimmed, '(');
  if (open == NULL || !g_str_has_suffix (trimmed, ")"))
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
                   "“%s” is not a colour; write e.g. cmyk(0,100,100,0), rgb(255,0,0), gray(50), "
                   "lab(55,-37,-50) or spot(\"PANTONE 485 C\", cmyk(0,95,100,0))",
                   text);
      return NULL;
    }
  *open = '\0';
  args = open + 1;
  args[strlen (args) - 1] = '\0';
  g_strstrip (trimmed);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      if (g_ascii_strcasecmp (trimmed, forms[i].name) != 0)
        continue;
      if (forms[i].kind == PURATAN_COLOR_SPOT)
        return parse_spot (args, text, error);
      if (!parse_numbers (args, v, forms[i].count, text, error))
        return NULL;
      switch (forms[i].kind)
        {
          case PURATAN_COLOR_CMYK:
            if (!in_range (v, 4, 0, 100, text, "ink percentages", error))
              return NULL;
            return puratan_color_new_cmyk (v[0], v[1], v[2], v[3]);
          case PURATAN_COLOR_RGB:
            if (!in_range (v, 3, 0, 255, text, "RGB values", error))
              return NULL;
            return puratan_color_new_rgb (v[0], v[1], v[2]);
          case PURATAN_COLOR_GRAY:
            if (!in_range (v, 1, 0, 100, text, "the gray level", error))
              return NULL;
            return puratan_color_new_gray (v[0]);
          case PURATAN_COLOR_LAB:
          default:
            if (!in_range (v, 1, 0, 100, text, "L", error) ||
                !in_range (v + 1, 2, -128, 127, text, "a and b", error))
              return NULL;
            return puratan_color_new_lab (v[0], v[1], v[2]);
        }
    }
  g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
               "“%s” is not a colour model; use cmyk, rgb, gray, lab or spot", trimmed);
  return NULL;
}

/**
 * puratan_color_to_string:
 * @self: a colour
 *
 * Writes @self in the syntax puratan_color_parse() reads, with up to two decimals.
 *
 * Returns: (transfer full): the text
 */
char *
puratan_color_to_string (const PuratanColor *self)
{
  char buf[4][G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *alternate = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < 4; i++)
    g_ascii_formatd (buf[i], sizeof buf[i], "%.2f", round (self->values[i] * 100) / 100 + 0.0);
  for (guint i = 0; i < 4; i++)
    {
      /* Trim trailing zeros: 100.00 -> 100, 55.50 -> 55.5. */
      char *dot = strchr (buf[i], '.');
      if (dot != NULL)
        {
          char *end = buf[i] + strlen (buf[i]) - 1;
          while (end > dot && *end == '0')
            *end-- = '\0';
          if (end == dot)
            *end = '\0';
        }
      if (strcmp (buf[i], "-0") == 0)
        strcpy (buf[i], "0");
    }

  switch (self->kind)
    {
      case PURATAN_COLOR_CMYK:
        return g_strdup_printf ("cmyk(%s,%s,%s,%s)", buf[0], buf[1], buf[2], buf[3]);
      case PURATAN_COLOR_RGB:
        return g_strdup_printf ("rgb(%s,%s,%s)", buf[0], buf[1], buf[2]);
      case PURATAN_COLOR_GRAY:
        return g_strdup_printf ("gray(%s)", buf[0]);
      case PURATAN_COLOR_LAB:
        return g_strdup_printf ("lab(%s,%s,%s)", buf[0], buf[1], buf[2]);
      case PURATAN_COLOR_SPOT:
      default:
        alternate = puratan_color_to_string (self->alternate);
        return g_strdup_printf ("spot(\"%s\", %s)", self->spot_name, alternate);
    }
}

/**
 * puratan_color_delta_e2000:
 * @lab1: a Lab colour
 * @lab2: another Lab colour
 *
 * Returns: the CIEDE2000 colour difference between @lab1 and @lab2 (kL = kC = kH = 1)
 */
double
puratan_color_delta_e2000 (const PuratanColor *lab1, const PuratanColor *lab2)
{
  cmsCIELab a, b;

  g_return_val_if_fail (lab1 != NULL && lab1->kind == PURATAN_COLOR_LAB, 0.0);
  g_return_val_if_fail (lab2 != NULL && lab2->kind == PURATAN_COLOR_LAB, 0.0);

  a.L = lab1->values[0];
  a.a = lab1->values[1];
  a.b = lab1->values[2];
  b.L = lab2->values[0];
  b.a = lab2->values[1];
  b.b = lab2->values[2];
  return cmsCIE2000DeltaE (&a, &b, 1.0, 1.0, 1.0);
}

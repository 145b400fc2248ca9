/* test-color-value.c: colour values, conversions through profiles, ΔE2000 and gamut
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-color-common.h"

#include <math.h>

static PuratanColorConverter *
make_converter (PuratanRenderingIntent intent, gboolean bpc)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) press =
      puratan_icc_profile_new_bundled ("FOGRA39L_coated.icc", &error);
  PuratanColorConverter *converter;

  g_assert_no_error (error);
  converter = puratan_color_converter_new (NULL, press, intent, bpc, &error);
  g_assert_no_error (error);
  return converter;
}

static PuratanColor *
convert (PuratanColorConverter *converter, const char *text, PuratanColorKind target)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanColor) color = puratan_color_parse (text, &error);
  PuratanColor *out;

  g_assert_no_error (error);
  out = puratan_color_converter_convert (converter, color, target, &error);
  g_assert_no_error (error);
  g_assert_cmpint (out->kind, ==, target);
  return out;
}

static void
test_parse (void)
{
  static const char *const round_trips[] = {
    "cmyk(0,100,100,0)",
    "rgb(255,128,0)",
    "gray(50)",
    "lab(55,-37,-50)",
    "spot(\"PANTONE 485 C\", cmyk(0,95,100,0))",
    "spot(\"HKS 43 K\", lab(35.5,-5,-60))",
    "cmyk(12.5,0,0,100)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (round_trips); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanColor) color = puratan_color_parse (round_trips[i], &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = puratan_color_to_string (color);
      g_assert_cmpstr (text, ==, round_trips[i]);
    }
}

static void
test_parse_errors (void)
{
  static const char *const bad[] = {
    "",
    "cmyk",
    "cmyk(0,100,100)",
    "cmyk(0,100,100,101)",
    "rgb(0,0,x)",
    "hsv(1,2,3)",
    "lab(120,0,0)",
    "gray(-1)",
    "spot(\"X\", rgb(1,2,3))",
    "spot(NAME, cmyk(0,0,0,0))",
    "rgb(nan,0,0)",
    "cmyk(0,0,0,0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanColor) color = puratan_color_parse (bad[i], &error);

      g_assert_null (color);
      g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE);
    }
}

/* Published CIEDE2000 test pairs (Sharma, Wu and Dalal, 2005). */
static void
test_delta_e2000 (void)
{
  static const double pairs[][7] = {
    { 50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425 },
    { 50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615 },
    { 50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412 },
    { 50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669 },
    { 50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492 },
    { 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr (PuratanColor) a = puratan_color_new_lab (pairs[i][0], pairs[i][1], pairs[i][2]);
      g_autoptr (PuratanColor) b = puratan_color_new_lab (pairs[i][3], pairs[i][4], pairs[i][5]);

      g_assert_cmpfloat_with_epsilon (puratan_color_delta_e2000 (a, b), pairs[i][6], 1e-4);
      g_assert_cmpfloat_with_epsilon (puratan_color_delta_e2000 (b, a), pairs[i][6], 1e-4);
    }
}

static void
assert_lab_near (const PuratanColor *lab, double l, double a, double b, double tolerance)
{
  g_assert_cmpfloat_with_epsilon (lab->values[0], l, tolerance);
  g_assert_cmpfloat_with_epsilon (lab->values[1], a, tolerance);
  g_assert_cmpfloat_with_epsilon (lab->values[2], b, tolerance);
}

static void
test_known_values (void)
{
  g_autoptr (PuratanColorConverter) absolute = make_converter (PURATAN_INTENT_ABSOLUTE, FALSE);
  g_autoptr (PuratanColor) paper = convert (absolute, "cmyk(0,0,0,0)", PURATAN_COLOR_LAB);
  g_autoptr (PuratanColor) cyan = convert (absolute, "cmyk(100,0,0,0)", PURATAN_COLOR_LAB);
  g_autoptr (PuratanColor) red = convert (absolute, "cmyk(0,100,100,0)", PURATAN_COLOR_LAB);

  /* FOGRA39 characterisation: paper white about Lab 95, 0, -2; cyan about 55, -37, -50. */
  assert_lab_near (paper, 95, 0, -2, 1.5);
  assert_lab_near (cyan, 55, -37, -50, 2.0);
  /* 100 % magenta + yellow is a warm red: L ~ 47, a ~ 68, b ~ 48. */
  assert_lab_near (red, 47, 68, 48, 4.0);
}

static void
test_round_trips (void)
{
  g_autoptr (PuratanColorConverter) relative = make_converter (PURATAN_INTENT_RELATIVE, FALSE);
  static const char *const labs[] = { "lab(50,10,10)", "lab(70,-20,30)", "lab(30,5,-20)" };

  for (guint i = 0; i < G_N_ELEMENTS (labs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanColor) lab = puratan_color_parse (labs[i], &error);
      g_autoptr (PuratanColor) cmyk = convert (relative, labs[i], PURATAN_COLOR_CMYK);
      g_autoptr (PuratanColor) back =
          puratan_color_converter_convert (relative, cmyk, PURATAN_COLOR_LAB, &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (puratan_color_delta_e2000 (lab, back), <, 1.0);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (PuratanColor) lab = convert (relative, "rgb(128,100,80)", PURATAN_COLOR_LAB);
    g_autoptr (PuratanColor) rgb =
        puratan_color_converter_convert (relative, lab, PURATAN_COLOR_RGB, &error);
    g_autoptr (PuratanColor) gray_lab = convert (relative, "gray(50)", PURATAN_COLOR_LAB);
    g_autoptr (PuratanColor) gray =
        puratan_color_converter_convert (relative, gray_lab, PURATAN_COLOR_GRAY, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (rgb->values[0], 128, 0.5);
    g_assert_cmpfloat_with_epsilon (rgb->values[1], 100, 0.5);
    g_assert_cmpfloat_with_epsilon (rgb->values[2], 80, 0.5);
    g_assert_cmpfloat_with_epsilon (gray->values[0], 50, 0.5);
    g_assert_cmpfloat_with_epsilon (gray_lab->values[1], 0, 0.5);
  }
}

static void
test_device_values_untouched (void)
{
  g_autoptr (PuratanColorConverter) converter = make_converter (PURATAN_INTENT_PERCEPTUAL, TRUE);
  g_autoptr (PuratanColor) black = convert (converter, "cmyk(0,0,0,100)", PURATAN_COLOR_CMYK);
  g_autoptr (PuratanColor) spot =
      convert (converter, "spot(\"PANTONE 485 C\", cmyk(0,95,100,0))", PURATAN_COLOR_CMYK);
  g_autoptr (PuratanColor) spot_lab =
      convert (converter, "spot(\"Blue\", lab(40,10,-60))", PURATAN_COLOR_LAB);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanColor) to_spot = NULL;

  g_assert_cmpfloat (black->values[3], ==, 100.0);
  g_assert_cmpfloat (black->values[0] + black->values[1] + black->values[2], ==, 0.0);
  g_assert_cmpfloat (spot->values[1], ==, 95.0);
  assert_lab_near (spot_lab, 40, 10, -60, 1e-9);

  to_spot = puratan_color_converter_convert (converter, black, PURATAN_COLOR_SPOT, &error);
  g_assert_null (to_spot);
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_TRANSFORM);
}

static void
test_intents_differ (void)
{
  g_autoptr (PuratanColorConverter) perceptual = make_converter (PURATAN_INTENT_PERCEPTUAL, FALSE);
  g_autoptr (PuratanColorConverter) relative = make_converter (PURATAN_INTENT_RELATIVE, TRUE);
  g_autoptr (PuratanColor) a = convert (perceptual, "rgb(0,255,0)", PURATAN_COLOR_CMYK);
  g_autoptr (PuratanColor) b = convert (relative, "rgb(0,255,0)", PURATAN_COLOR_CMYK);
  double diff = 0;

  for (guint i = 0; i < 4; i++)
    diff += fabs (a->values[i] - b->values[i]);
  g_assert_cmpfloat (diff, >, 1.0);
}

static void
test_gamut_check (void)
{
  g_autoptr (PuratanColorConverter) converter = make_converter (PURATAN_INTENT_RELATIVE, TRUE);
  static const struct
  {
    const char *color;
    gboolean in_gamut;
  } cases[] = {
    { "rgb(0,255,0)", FALSE }, { "rgb(0,0,255)", FALSE },         { "rgb(128,128,128)", TRUE },
    { "gray(50)", TRUE },      { "cmyk(100,100,100,100)", TRUE }, { "lab(60,-10,10)", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanColor) color = puratan_color_parse (cases[i].color, &error);
      gboolean in_gamut = !cases[i].in_gamut;

      g_assert_no_error (error);
      g_assert_true (puratan_color_converter_in_gamut (converter, color, &in_gamut, &error));
      g_assert_no_error (error);
      g_assert_cmpint (in_gamut, ==, cases[i].in_gamut);
    }
}

/* Lab colours are judged as they are: the press's own cyan and green (their Lab found
 * without black-point compensation, which would move them) lie outside sRGB and must still
 * count as printable; clipped into sRGB first, the cyan did not. Colours beyond both gamuts
 * stay out. */
static void
test_gamut_check_lab (void)
{
  g_autoptr (PuratanColorConverter) converter = make_converter (PURATAN_INTENT_RELATIVE, FALSE);
  static const struct
  {
    const char *color;
    gboolean in_gamut;
  } cases[] = {
    { "cmyk(100,0,0,0)", TRUE },   { "cmyk(100,0,100,0)", TRUE }, { "cmyk(0,100,0,0)", TRUE },
    { "cmyk(100,100,0,0)", TRUE }, { "lab(60,-100,-10)", FALSE }, { "lab(50,0,-110)", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanColor) color = puratan_color_parse (cases[i].color, &error);
      g_autoptr (PuratanColor) lab = NULL;
      gboolean in_gamut = !cases[i].in_gamut;

      g_assert_no_error (error);
      lab = color->kind == PURATAN_COLOR_LAB
                ? puratan_color_copy (color)
                : puratan_color_converter_convert (converter, color, PURATAN_COLOR_LAB, &error);
      g_assert_no_error (error);
      g_assert_true (puratan_color_converter_in_gamut (converter, lab, &in_gamut, &error));
      g_assert_no_error (error);
      g_test_message ("%s = lab(%.1f,%.1f,%.1f): %s", cases[i].color, lab->values[0],
                      lab->values[1], lab->values[2], in_gamut ? "in gamut" : "out of gamut");
      g_assert_cmpint (in_gamut, ==, cases[i].in_gamut);
    }
}

static void
test_intent_names (void)
{
  PuratanRenderingIntent intent = PURATAN_INTENT_PERCEPTUAL;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_rendering_intent_from_string ("absolute", &intent, &error));
  g_assert_cmpint (intent, ==, PURATAN_INTENT_ABSOLUTE);
  g_assert_true (puratan_rendering_intent_from_string ("Relative-Colorimetric", &intent, &error));
  g_assert_cmpint (intent, ==, PURATAN_INTENT_RELATIVE);
  g_assert_cmpstr (puratan_rendering_intent_to_string (PURATAN_INTENT_SATURATION), ==,
                   "saturation");
  g_assert_false (puratan_rendering_intent_from_string ("vivid", &intent, &error));
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_color_use_source_profiles ();

  g_test_add_func ("/color/value/parse", test_parse);
  g_test_add_func ("/color/value/parse-errors", test_parse_errors);
  g_test_add_func ("/color/value/delta-e2000", test_delta_e2000);
  g_test_add_func ("/color/convert/known-values", test_known_values);
  g_test_add_func ("/color/convert/round-trips", test_round_trips);
  g_test_add_func ("/color/convert/device-values-untouched", test_device_values_untouched);
  g_test_add_func ("/color/convert/intents-differ", test_intents_differ);
  g_test_add_func ("/color/convert/intent-names", test_intent_names);
  g_test_add_func ("/color/gamut/check", test_gamut_check);
  g_test_add_func ("/color/gamut/check-lab", test_gamut_check_lab);
  return g_test_run ();
}

/* test-color-profile.c: ICC profile validation, description and discovery; press conditions
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-color-common.h"

#include <glib/gstdio.h>
#include <lcms2.h>

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Loads a modified copy of a bundled profile and checks the error it gives. */
static void
assert_damage (
    const char *name, gsize keep, void (*damage) (guint8 *data, gsize len), GQuark domain, int code)
{
  g_autoptr (GBytes) original = test_color_read_bundled (name);
  gsize len = MIN (keep, g_bytes_get_size (original));
  guint8 *data = g_memdup2 (g_bytes_get_data (original, NULL), MAX (len, 1));
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) profile = NULL;

  if (damage != NULL)
    damage (data, len);
  bytes = g_bytes_new_take (data, len);
  profile = puratan_icc_profile_new_from_bytes (bytes, "damaged.icc", &error);
  g_assert_null (profile);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, "damaged.icc"));
}

static void
flip_signature (guint8 *data, gsize len)
{
  data[36] = 'x';
}

static void
huge_tag_count (guint8 *data, gsize len)
{
  memset (data + 128, 0xff, 4);
}

static void
tag_outside_file (guint8 *data, gsize len)
{
  memset (data + 128 + 4 + 4, 0x7f, 4);
}

static void
unknown_class (guint8 *data, gsize len)
{
  memcpy (data + 12, "zzzz", 4);
}

/* Overwrites the type signature of the A2B0 table, as a bad copy might. */
static void
break_a2b0 (guint8 *data, gsize len)
{
  guint32 count = read_be32 (data + 128);

  for (guint32 i = 0; i < count; i++)
    {
      guint8 *entry = data + 132 + 12 * i;
      if (memcmp (entry, "A2B0", 4) == 0)
        memcpy (data + read_be32 (entry + 4), "junk", 4);
    }
}

static void
test_bundled (void)
{
  static const struct
  {
    const char *file;
    PuratanProfileClass profile_class;
    PuratanColorModel model;
  } expected[] = {
    { "FOGRA39L_coated.icc", PURATAN_PROFILE_CLASS_OUTPUT, PURATAN_COLOR_MODEL_CMYK },
    { "FOGRA29L_uncoated.icc", PURATAN_PROFILE_CLASS_OUTPUT, PURATAN_COLOR_MODEL_CMYK },
    { "GRACoL_TR006_coated.icc", PURATAN_PROFILE_CLASS_OUTPUT, PURATAN_COLOR_MODEL_CMYK },
    { "SWOP_TR005_coated_5.icc", PURATAN_PROFILE_CLASS_OUTPUT, PURATAN_COLOR_MODEL_CMYK },
    { "ISOcoated_v2_300_bas.icc", PURATAN_PROFILE_CLASS_OUTPUT, PURATAN_COLOR_MODEL_CMYK },
    { "sRGB.icc", PURATAN_PROFILE_CLASS_DISPLAY, PURATAN_COLOR_MODEL_RGB },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanIccProfile) profile =
          puratan_icc_profile_new_bundled (expected[i].file, &error);

      g_assert_no_error (error);
      g_assert_cmpint (puratan_icc_profile_get_class (profile), ==, expected[i].profile_class);
      g_assert_cmpint (puratan_icc_profile_get_color_model (profile), ==, expected[i].model);
      g_assert_cmpstr (puratan_icc_profile_get_description (profile), !=, "");
      g_assert_cmpfloat (puratan_icc_profile_get_version (profile), >=, 2.0);
      g_assert_cmpint (puratan_icc_profile_get_origin (profile), ==,
                       PURATAN_PROFILE_ORIGIN_BUNDLED);
      g_assert_true (g_str_has_suffix (puratan_icc_profile_get_path (profile), expected[i].file));
    }
}

static void
test_describe (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) iso =
      puratan_icc_profile_new_bundled ("ISOcoated_v2_300_bas.icc", &error);
  g_autoptr (PuratanIccProfile) srgb = puratan_icc_profile_new_srgb ();

  g_assert_no_error (error);
  g_assert_nonnull (strstr (puratan_icc_profile_get_description (iso), "ISO Coated v2 300"));
  g_assert_nonnull (puratan_icc_profile_get_copyright (iso));
  g_assert_nonnull (strstr (puratan_icc_profile_get_copyright (iso), "basICColor"));
  g_assert_cmpstr (puratan_profile_class_to_string (puratan_icc_profile_get_class (iso)), ==,
                   "output");
  g_assert_cmpstr (puratan_color_model_to_string (puratan_icc_profile_get_color_model (iso)), ==,
                   "CMYK");
  g_assert_cmpint (puratan_icc_profile_get_color_model (srgb), ==, PURATAN_COLOR_MODEL_RGB);
  g_assert_null (puratan_icc_profile_get_path (srgb));
}

static void
test_truncated (void)
{
  assert_damage ("FOGRA39L_coated.icc", 60000, NULL, PURATAN_COLOR_ERROR,
                 PURATAN_COLOR_ERROR_TRUNCATED);
  assert_damage ("sRGB.icc", 100, NULL, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_TRUNCATED);
  assert_damage ("sRGB.icc", 0, NULL, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_TRUNCATED);
}

static void
test_corrupt (void)
{
  assert_damage ("FOGRA39L_coated.icc", G_MAXSIZE, flip_signature, PURATAN_COLOR_ERROR,
                 PURATAN_COLOR_ERROR_CORRUPT);
  assert_damage ("FOGRA39L_coated.icc", G_MAXSIZE, huge_tag_count, PURATAN_COLOR_ERROR,
                 PURATAN_COLOR_ERROR_CORRUPT);
  assert_damage ("sRGB.icc", G_MAXSIZE, tag_outside_file, PURATAN_COLOR_ERROR,
                 PURATAN_COLOR_ERROR_CORRUPT);
  assert_damage ("FOGRA39L_coated.icc", G_MAXSIZE, unknown_class, PURATAN_COLOR_ERROR,
                 PURATAN_COLOR_ERROR_CORRUPT);
  assert_damage ("FOGRA39L_coated.icc", G_MAXSIZE, break_a2b0, PURATAN_COLOR_ERROR,
                 PURATAN_COLOR_ERROR_CORRUPT);
}

static void
test_garbage (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  guint8 *data = g_malloc (4096);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) profile = NULL;

  for (guint i = 0; i < 4096; i++)
    data[i] = (guint8) g_rand_int (rand);
  bytes = g_bytes_new_take (data, 4096);
  profile = puratan_icc_profile_new_from_bytes (bytes, "noise.icc", &error);
  g_assert_null (profile);
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_CORRUPT);
}

static void
test_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) profile =
      puratan_icc_profile_new_from_file ("/nonexistent/none.icc", &error);

  g_assert_null (profile);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
to_printer_class (guint8 *data, gsize len)
{
  memcpy (data + 12, "prtr", 4);
}

static void
test_wrong_role (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) srgb = puratan_icc_profile_new_bundled ("sRGB.icc", &error);
  g_autoptr (PuratanIccProfile) fogra =
      puratan_icc_profile_new_bundled ("FOGRA39L_coated.icc", &error);
  g_autoptr (GBytes) original = test_color_read_bundled ("sRGB.icc");
  guint8 *data = g_memdup2 (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (PuratanIccProfile) rgb_printer = NULL;

  g_assert_no_error (error);
  g_assert_false (puratan_icc_profile_check_role (srgb, PURATAN_PROFILE_ROLE_PRESS, &error));
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_WRONG_CLASS);
  g_clear_error (&error);

  g_assert_false (puratan_icc_profile_check_role (fogra, PURATAN_PROFILE_ROLE_RGB, &error));
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE);
  g_clear_error (&error);

  /* An RGB profile whose header claims the printer class is valid but no press profile. */
  to_printer_class (data, g_bytes_get_size (original));
  bytes = g_bytes_new_take (data, g_bytes_get_size (original));
  rgb_printer = puratan_icc_profile_new_from_bytes (bytes, "rgb-printer.icc", &error);
  g_assert_no_error (error);
  g_assert_false (puratan_icc_profile_check_role (rgb_printer, PURATAN_PROFILE_ROLE_PRESS, &error));
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE);
  g_clear_error (&error);

  g_assert_true (puratan_icc_profile_check_role (fogra, PURATAN_PROFILE_ROLE_PRESS, &error));
  g_assert_true (puratan_icc_profile_check_role (srgb, PURATAN_PROFILE_ROLE_RGB, &error));
  g_assert_no_error (error);
}

/* Saves @profile to memory and closes it. */
static GBytes *
save_and_close (cmsHPROFILE profile)
{
  cmsUInt32Number len = 0;
  guint8 *data;

  g_assert_nonnull (profile);
  g_assert_true (cmsSaveProfileToMem (profile, NULL, &len));
  data = g_malloc (len);
  g_assert_true (cmsSaveProfileToMem (profile, data, &len));
  cmsCloseProfile (profile);
  return g_bytes_new_take (data, len);
}

/* A wide-gamut display profile (D50 white, ProPhoto-like primaries, gamma 1.8). */
static GBytes *
make_wide_gamut_display (const char *description)
{
  cmsCIExyYTRIPLE primaries = { { 0.7347, 0.2653, 1.0 },
                                { 0.1596, 0.8404, 1.0 },
                                { 0.0366, 0.0001, 1.0 } };
  cmsToneCurve *gamma = cmsBuildGamma (NULL, 1.8);
  cmsToneCurve *curves[3] = { gamma, gamma, gamma };
  cmsHPROFILE profile = cmsCreateRGBProfile (cmsD50_xyY (), &primaries, curves);
  cmsMLU *text = cmsMLUalloc (NULL, 1);

  cmsMLUsetASCII (text, "en", "US", description);
  cmsWriteTag (profile, cmsSigProfileDescriptionTag, text);
  cmsMLUfree (text);
  cmsFreeToneCurve (gamma);
  return save_and_close (profile);
}

static void
test_display_from_data (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) wide = make_wide_gamut_display ("Wide Gamut Test Monitor");
  g_autoptr (GBytes) srgb_bytes = test_color_read_bundled ("sRGB.icc");
  g_autoptr (PuratanIccProfile) display = NULL;
  g_autoptr (PuratanIccProfile) srgb = NULL;

  display = puratan_icc_profile_new_display_from_data (wide, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (puratan_icc_profile_get_description (display), ==, "Wide Gamut Test Monitor");
  g_assert_cmpint (puratan_icc_profile_get_class (display), ==, PURATAN_PROFILE_CLASS_DISPLAY);
  g_assert_cmpint (puratan_icc_profile_get_color_model (display), ==, PURATAN_COLOR_MODEL_RGB);
  g_assert_true (g_bytes_equal (puratan_icc_profile_get_bytes (display), wide));
  g_assert_null (puratan_icc_profile_get_path (display));

  srgb = puratan_icc_profile_new_display_from_data (srgb_bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (puratan_icc_profile_get_color_model (srgb), ==, PURATAN_COLOR_MODEL_RGB);
}

static void
test_display_refuses (void)
{
  g_autoptr (GBytes) fogra = test_color_read_bundled ("FOGRA39L_coated.icc");
  g_autoptr (GBytes) wide = make_wide_gamut_display ("Wide Gamut Test Monitor");
  cmsToneCurve *identity = cmsBuildGamma (NULL, 1.0);
  cmsToneCurve *curves[3] = { identity, identity, identity };
  g_autoptr (GBytes) link =
      save_and_close (cmsCreateLinearizationDeviceLink (cmsSigRgbData, curves));
  g_autoptr (GBytes) header_only = g_bytes_new_from_bytes (wide, 0, 100);
  g_autoptr (GBytes) cut = g_bytes_new_from_bytes (wide, 0, g_bytes_get_size (wide) / 2);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  struct
  {
    GBytes *bytes;
    int code;
  } cases[] = {
    { fogra, PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE }, { link, PURATAN_COLOR_ERROR_WRONG_CLASS },
    { header_only, PURATAN_COLOR_ERROR_TRUNCATED },   { cut, PURATAN_COLOR_ERROR_TRUNCATED },
    { empty, PURATAN_COLOR_ERROR_TRUNCATED },
  };

  cmsFreeToneCurve (identity);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanIccProfile) profile =
          puratan_icc_profile_new_display_from_data (cases[i].bytes, &error);

      g_assert_null (profile);
      g_assert_error (error, PURATAN_COLOR_ERROR, cases[i].code);
    }
}

static void
test_list_installed (void)
{
  g_autoptr (GPtrArray) found = puratan_icc_profile_list_installed ();
  guint bundled = 0;

  for (guint i = 0; i < found->len; i++)
    if (puratan_icc_profile_get_origin (g_ptr_array_index (found, i)) ==
        PURATAN_PROFILE_ORIGIN_BUNDLED)
      bundled++;
  g_assert_cmpuint (bundled, ==, 6);
}

static char *test_home;

static void
test_user_folder (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (test_home, ".color", "icc", NULL);
  g_autofree char *good = g_build_filename (dir, "mine.icc", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken.icc", NULL);
  g_autoptr (GBytes) bytes = test_color_read_bundled ("sRGB.icc");
  g_autoptr (GPtrArray) found = NULL;
  g_autofree char *parent = g_path_get_dirname (dir);
  guint user = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (good, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                       &error);
  g_assert_no_error (error);
  g_file_set_contents (bad, "not a profile", -1, &error);
  g_assert_no_error (error);

  found = puratan_icc_profile_list_installed ();
  for (guint i = 0; i < found->len; i++)
    {
      PuratanIccProfile *profile = g_ptr_array_index (found, i);

      if (g_strcmp0 (puratan_icc_profile_get_path (profile), good) == 0)
        {
          g_assert_cmpint (puratan_icc_profile_get_origin (profile), ==,
                           PURATAN_PROFILE_ORIGIN_USER);
          user++;
        }
      g_assert_cmpstr (puratan_icc_profile_get_path (profile), !=, bad);
    }
  g_assert_cmpuint (user, ==, 1);

  g_unlink (good);
  g_unlink (bad);
  g_rmdir (dir);
  g_rmdir (parent);
}

static void
test_press_conditions (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = puratan_press_condition_list (&error);
  g_autoptr (PuratanPressCondition) fallback = NULL;
  g_autoptr (PuratanPressCondition) by_name = NULL;
  g_autoptr (PuratanPressCondition) by_id = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  for (guint i = 0; i < list->len; i++)
    {
      g_autoptr (PuratanIccProfile) profile =
          puratan_press_condition_load_profile (g_ptr_array_index (list, i), &error);
      g_assert_no_error (error);
      g_assert_nonnull (profile);
    }

  fallback = puratan_press_condition_get_default (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (fallback->id, ==, "fogra39-coated");
  g_assert_cmpstr (fallback->name, ==, "Sheet-fed coated (FOGRA39), 320 %");
  g_assert_cmpfloat (fallback->ink_limit, ==, 320.0);
  g_assert_true (fallback->is_default);

  by_name = puratan_press_condition_lookup ("Sheet-fed uncoated (FOGRA29), 300 %", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_name->id, ==, "fogra29-uncoated");
  by_id = puratan_press_condition_lookup ("SWOP-web-coated", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (by_id->ink_limit, ==, 300.0);
}

static void
test_press_from_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "data", "icc", NULL);
  g_autofree char *path = g_build_filename (dir, "GRACoL_TR006_coated.icc", NULL);
  g_autofree char *srgb_path = g_build_filename (dir, "sRGB.icc", NULL);
  g_autoptr (PuratanPressCondition) condition = puratan_press_condition_lookup (path, &error);
  g_autoptr (PuratanPressCondition) wrong = NULL;
  g_autoptr (PuratanPressCondition) unknown = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (condition->profile_path, ==, path);
  g_assert_cmpfloat (condition->ink_limit, >, 250.0);
  g_assert_cmpfloat (condition->ink_limit, <=, 400.0);

  wrong = puratan_press_condition_lookup (srgb_path, &error);
  g_assert_null (wrong);
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_WRONG_CLASS);
  g_clear_error (&error);

  unknown = puratan_press_condition_lookup ("Heidelberg on cardboard", &error);
  g_assert_null (unknown);
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_UNKNOWN_PRESS);
  g_assert_nonnull (strstr (error->message, "fogra39-coated"));
}

int
main (int argc, char **argv)
{
  int status;

  /* A home of our own, set before GLib caches it, for the user-folder test. */
  test_home = g_dir_make_tmp ("puratan-home-XXXXXX", NULL);
  g_assert_nonnull (test_home);
  g_setenv ("HOME", test_home, TRUE);
  g_unsetenv ("XDG_DATA_HOME");
  g_test_init (&argc, &argv, NULL);
  test_color_use_source_profiles ();

  g_test_add_func ("/color/profile/bundled", test_bundled);
  g_test_add_func ("/color/profile/describe", test_describe);
  g_test_add_func ("/color/profile/truncated", test_truncated);
  g_test_add_func ("/color/profile/corrupt", test_corrupt);
  g_test_add_func ("/color/profile/garbage", test_garbage);
  g_test_add_func ("/color/profile/missing-file", test_missing_file);
  g_test_add_func ("/color/profile/wrong-role", test_wrong_role);
  g_test_add_func ("/color/profile/display-from-data", test_display_from_data);
  g_test_add_func ("/color/profile/display-refuses", test_display_refuses);
  g_test_add_func ("/color/profile/list-installed", test_list_installed);
  g_test_add_func ("/color/profile/user-folder", test_user_folder);
  g_test_add_func ("/color/press/conditions", test_press_conditions);
  g_test_add_func ("/color/press/from-file", test_press_from_file);
  status = g_test_run ();
  g_rmdir (test_home);
  g_free (test_home);
  return status;
}

/* test-display-profile.c: the display profile the X server publishes on its root window
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <X11/Xatom.h>
#include <gdk/x11/gdkx.h>
#include <lcms2.h>

#include "puratan-display-profile.h"

#define WIDE_GAMUT_NAME "Puratan Wide Gamut Test Monitor"

static GdkDisplay *
get_x11_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  g_assert_nonnull (display);
  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return display;
}

/* Sets _ICC_PROFILE on the root window the way colord, dispwin and xcalib do. */
static void
set_root_property (int format, gconstpointer data, int n_items)
{
  GdkDisplay *display = get_x11_display ();
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);
  Atom atom = XInternAtom (xdisplay, "_ICC_PROFILE", False);

  XChangeProperty (xdisplay, gdk_x11_display_get_xrootwindow (display), atom, XA_CARDINAL, format,
                   PropModeReplace, data, n_items);
  XSync (xdisplay, False);
}

static void
set_root_property_bytes (GBytes *bytes)
{
  set_root_property (8, g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes));
}

static void
delete_root_property (void)
{
  GdkDisplay *display = get_x11_display ();
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);

  XDeleteProperty (xdisplay, gdk_x11_display_get_xrootwindow (display),
                   XInternAtom (xdisplay, "_ICC_PROFILE", False));
  XSync (xdisplay, False);
}

/* A monitor profile unlike sRGB: D50 white, ProPhoto-like primaries, gamma 1.8. */
static GBytes *
make_wide_gamut_profile (void)
{
  cmsCIExyYTRIPLE primaries = { { 0.7347, 0.2653, 1.0 },
                                { 0.1596, 0.8404, 1.0 },
                                { 0.0366, 0.0001, 1.0 } };
  cmsToneCurve *gamma = cmsBuildGamma (NULL, 1.8);
  cmsToneCurve *curves[3] = { gamma, gamma, gamma };
  cmsHPROFILE profile = cmsCreateRGBProfile (cmsD50_xyY (), &primaries, curves);
  cmsMLU *text = cmsMLUalloc (NULL, 1);
  cmsUInt32Number len = 0;
  guint8 *data;

  g_assert_nonnull (profile);
  cmsMLUsetASCII (text, "en", "US", WIDE_GAMUT_NAME);
  g_assert_true (cmsWriteTag (profile, cmsSigProfileDescriptionTag, text));
  cmsMLUfree (text);
  cmsFreeToneCurve (gamma);

  g_assert_true (cmsSaveProfileToMem (profile, NULL, &len));
  data = g_malloc (len);
  g_assert_true (cmsSaveProfileToMem (profile, data, &len));
  cmsCloseProfile (profile);
  return g_bytes_new_take (data, len);
}

static GBytes *
read_bundled (const char *name)
{
  g_autofree char *dir = puratan_icc_bundled_dir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* Whether two ICC profiles are the same but for the creation date in their headers (bytes
 * 24–35), which lcms2 stamps with the current time whenever it writes a built-in profile, and
 * the profile ID (bytes 84–99), an MD5 sum that covers that date. */
static gboolean
same_profile_but_date (GBytes *a, GBytes *b)
{
  gsize len_a = 0, len_b = 0;
  const guint8 *data_a = g_bytes_get_data (a, &len_a);
  const guint8 *data_b = g_bytes_get_data (b, &len_b);

  if (len_a != len_b || len_a < 128)
    return FALSE;
  return memcmp (data_a, data_b, 24) == 0 && memcmp (data_a + 36, data_b + 36, 84 - 36) == 0 &&
         memcmp (data_a + 100, data_b + 100, len_a - 100) == 0;
}

/* Looks the profile up and checks that it is the built-in sRGB fallback. */
static void
assert_default (void)
{
  g_autoptr (PuratanIccProfile) srgb = puratan_icc_profile_new_srgb ();
  g_autofree char *source = NULL;
  g_autoptr (PuratanIccProfile) profile =
      puratan_display_profile_lookup (get_x11_display (), &source);

  g_assert_nonnull (profile);
  g_assert_cmpstr (source, ==, PURATAN_DISPLAY_PROFILE_SOURCE_DEFAULT);
  g_assert_cmpstr (source, ==, "sRGB (default)");
  g_assert_true (same_profile_but_date (puratan_icc_profile_get_bytes (profile),
                                        puratan_icc_profile_get_bytes (srgb)));
}

static void
test_from_root_window (void)
{
  g_autoptr (GBytes) wide = make_wide_gamut_profile ();
  g_autoptr (PuratanIccProfile) profile = NULL;
  g_autoptr (PuratanIccProfile) again = NULL;
  g_autofree char *source = NULL;

  set_root_property_bytes (wide);
  profile = puratan_display_profile_lookup (get_x11_display (), &source);
  g_assert_cmpstr (source, ==, PURATAN_DISPLAY_PROFILE_SOURCE_X11);
  g_assert_cmpstr (source, ==, "X11 _ICC_PROFILE");
  g_assert_cmpstr (puratan_icc_profile_get_description (profile), ==, WIDE_GAMUT_NAME);
  g_assert_cmpint (puratan_icc_profile_get_class (profile), ==, PURATAN_PROFILE_CLASS_DISPLAY);
  g_assert_cmpint (puratan_icc_profile_get_color_model (profile), ==, PURATAN_COLOR_MODEL_RGB);
  g_assert_true (g_bytes_equal (puratan_icc_profile_get_bytes (profile), wide));

  /* The source is optional. */
  again = puratan_display_profile_lookup (get_x11_display (), NULL);
  g_assert_cmpstr (puratan_icc_profile_get_description (again), ==, WIDE_GAMUT_NAME);

  delete_root_property ();
}

static void
test_no_property (void)
{
  delete_root_property ();
  assert_default ();
}

/* Whatever another client left in the property, the studio falls back to sRGB. */
static void
test_unusable_property (void)
{
  static const char garbage[] = "This is a monitor calibration, honestly. \x01\x02\x03\xff\xfe";
  g_autoptr (GBytes) wide = make_wide_gamut_profile ();
  g_autoptr (GBytes) press = read_bundled ("FOGRA39L_coated.icc");
  g_autoptr (GBytes) text = g_bytes_new_static (garbage, sizeof garbage);
  g_autoptr (GBytes) truncated = g_bytes_new_from_bytes (wide, 0, g_bytes_get_size (wide) - 100);
  g_autoptr (GBytes) header = g_bytes_new_from_bytes (wide, 0, 64);
  GBytes *const cases[] = { text, press, truncated, header };
  long words[256];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      set_root_property_bytes (cases[i]);
      assert_default ();
    }

  set_root_property (8, "", 0);
  assert_default ();

  /* The start of a valid profile stored as 32-bit items (which Xlib passes as longs) is
   * not the byte string the convention asks for. */
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = (long) ((const guint8 *) g_bytes_get_data (wide, NULL))[i];
  set_root_property (32, words, G_N_ELEMENTS (words));
  assert_default ();

  delete_root_property ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add_func ("/studio/display-profile/from-root-window", test_from_root_window);
  g_test_add_func ("/studio/display-profile/no-property", test_no_property);
  g_test_add_func ("/studio/display-profile/unusable-property", test_unusable_property);

  return g_test_run ();
}

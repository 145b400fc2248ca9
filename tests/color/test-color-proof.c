/* test-color-proof.c: soft proof (premultiplied alpha, gamut warning, accuracy against
 * Little CMS) and ink coverage
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-color-common.h"

#include <math.h>

#include "puratan-proof-lut-private.h"
#include "puratan-soft-proof-private.h"

typedef struct
{
  PuratanIccProfile *working;
  PuratanIccProfile *press;
  PuratanIccProfile *display;
} Profiles;

static void
profiles_load (Profiles *p)
{
  g_autoptr (GError) error = NULL;

  p->working = puratan_icc_profile_new_bundled ("sRGB.icc", &error);
  g_assert_no_error (error);
  p->press = puratan_icc_profile_new_bundled ("FOGRA39L_coated.icc", &error);
  g_assert_no_error (error);
  p->display = puratan_icc_profile_new_srgb ();
}

static void
profiles_clear (Profiles *p)
{
  g_clear_object (&p->working);
  g_clear_object (&p->press);
  g_clear_object (&p->display);
}

static PuratanSoftProof *
make_proof (Profiles *p, gboolean warning, gboolean paper)
{
  g_autoptr (GError) error = NULL;
  PuratanProofOptions options;
  PuratanSoftProof *proof;

  puratan_proof_options_init (&options);
  options.gamut_warning = warning;
  options.simulate_paper = paper;
  proof = puratan_soft_proof_new (p->working, p->press, p->display, &options, &error);
  g_assert_no_error (error);
  return proof;
}

static guint32
proof_pixel (PuratanSoftProof *proof, guint32 pixel)
{
  guint32 in[16], out[16];

  for (guint i = 0; i < 16; i++)
    in[i] = pixel;
  puratan_soft_proof_process (proof, (const guint8 *) in, sizeof in, (guint8 *) out, sizeof out, 16,
                              1, FALSE);
  for (guint i = 1; i < 16; i++)
    g_assert_cmphex (out[i], ==, out[0]);
  return out[0];
}

static void
test_premultiplied (void)
{
  Profiles p;
  g_autoptr (PuratanSoftProof) proof = NULL;
  guint32 opaque, half, straight;

  profiles_load (&p);
  proof = make_proof (&p, FALSE, FALSE);

  g_assert_cmphex (proof_pixel (proof, 0x00000000u), ==, 0x00000000u);

  /* Half-transparent orange: premultiplied 0x80 alpha of (255, 128, 0). */
  opaque = proof_pixel (proof, 0xffff8000u);
  half = proof_pixel (proof, 0x80804000u);
  g_assert_cmpuint (half >> 24, ==, 0x80);
  for (guint shift = 0; shift < 24; shift += 8)
    {
      guint expected = (((opaque >> shift) & 255u) * 0x80u + 127u) / 255u;
      guint got = (half >> shift) & 255u;

      g_assert_cmpuint (got, <=, expected + 1);
      g_assert_cmpuint (got + 1, >=, expected);
    }
  /* The premultiplied colour never exceeds its alpha. */
  straight = proof_pixel (proof, 0x10101010u);
  for (guint shift = 0; shift < 24; shift += 8)
    g_assert_cmpuint ((straight >> shift) & 255u, <=, 0x10);

  profiles_clear (&p);
}

static void
test_surface (void)
{
  Profiles p;
  g_autoptr (PuratanSoftProof) proof = NULL;
  g_autoptr (GError) error = NULL;
  cairo_surface_t *argb = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 33, 7);
  cairo_surface_t *rgb = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 33, 7);
  cairo_surface_t *a8 = cairo_image_surface_create (CAIRO_FORMAT_A8, 4, 4);
  cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR, NULL);
  cairo_t *cr;

  profiles_load (&p);
  proof = make_proof (&p, FALSE, FALSE);

  cr = cairo_create (argb);
  cairo_set_source_rgba (cr, 0, 0, 1, 0.5);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_true (puratan_soft_proof_apply (proof, argb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (((guint32 *) cairo_image_surface_get_data (argb))[0] >> 24, ==, 0x80);

  cr = cairo_create (rgb);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_true (puratan_soft_proof_apply (proof, rgb, &error));
  g_assert_no_error (error);
  /* Paper white maps to screen white without paper simulation. */
  g_assert_cmphex (((guint32 *) cairo_image_surface_get_data (rgb))[32] & 0xffffffu, ==, 0xffffffu);

  g_assert_false (puratan_soft_proof_apply (proof, a8, &error));
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_UNSUPPORTED_SURFACE);
  g_clear_error (&error);
  g_assert_false (puratan_soft_proof_apply (proof, recording, &error));
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_UNSUPPORTED_SURFACE);

  cairo_surface_destroy (argb);
  cairo_surface_destroy (rgb);
  cairo_surface_destroy (a8);
  cairo_surface_destroy (recording);
  profiles_clear (&p);
}

static void
test_paper_white (void)
{
  Profiles p;
  g_autoptr (PuratanSoftProof) proof = NULL;
  guint32 white;

  profiles_load (&p);
  proof = make_proof (&p, FALSE, TRUE);
  white = proof_pixel (proof, 0xffffffffu);
  /* FOGRA39 paper (Lab 95, 0, -2) is a little darker than the screen, and bluish. */
  g_assert_cmpuint ((white >> 16) & 255u, <, 250);
  g_assert_cmpuint ((white >> 16) & 255u, >, 225);
  g_assert_cmpuint (white & 255u, >=, (white >> 16) & 255u);
  profiles_clear (&p);
}

static void
test_gamut_warning (void)
{
  Profiles p;
  g_autoptr (PuratanSoftProof) proof = NULL;
  PuratanProofOptions options;

  profiles_load (&p);
  proof = make_proof (&p, TRUE, FALSE);
  puratan_soft_proof_get_options (proof, &options);

  g_assert_cmphex (proof_pixel (proof, 0xff00ff00u), ==, 0xff000000u | options.warning_color);
  g_assert_cmphex (proof_pixel (proof, 0xff808080u), !=, 0xff000000u | options.warning_color);
  g_assert_cmphex (proof_pixel (proof, 0xffffffffu), !=, 0xff000000u | options.warning_color);
  profiles_clear (&p);
}

static void
test_kernels_agree (void)
{
  Profiles p;
  g_autoptr (PuratanSoftProof) proof = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  const gsize n = 100003;
  g_autofree guint32 *src = g_new (guint32, n);
  g_autofree guint32 *scalar = g_new (guint32, n);
  g_autofree guint32 *simd = g_new (guint32, n);
  struct
  {
    GObject parent;
    PuratanProofOptions options;
    PuratanProofLut lut;
  } * peek;

  if (!puratan_proof_lut_have_avx2 ())
    {
      g_test_skip ("no AVX2 on this processor");
      return;
    }
  profiles_load (&p);
  proof = make_proof (&p, TRUE, FALSE);
  peek = (gpointer) proof;

  for (gsize i = 0; i < n; i++)
    {
      guint32 a = i % 5 == 0 ? (guint32) g_rand_int_range (rand, 0, 256) : 255u;
      guint32 r = (guint32) g_rand_int_range (rand, 0, 256) * a / 255u;
      guint32 g = (guint32) g_rand_int_range (rand, 0, 256) * a / 255u;
      guint32 b = (guint32) g_rand_int_range (rand, 0, 256) * a / 255u;

      src[i] = i % 97 < 40 && i > 0 ? src[i - 1] : (a << 24) | (r << 16) | (g << 8) | b;
    }
  puratan_proof_lut_run_scalar (&peek->lut, src, scalar, n, FALSE);
  puratan_proof_lut_run_avx2 (&peek->lut, src, simd, n, FALSE);
  g_assert_cmpmem (scalar, n * 4, simd, n * 4);
  profiles_clear (&p);
}

/* Compares the soft proof with Little CMS on every 5th code value of each channel (52^3
 * colours spanning the whole RGB cube), in the display's Lab. */
static void
compare_with_lcms (cmsUInt32Number lcms_flags, double *mean, double *max)
{
  Profiles p;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanLcms) lcms = puratan_lcms_new ();
  g_autoptr (PuratanSoftProof) proof = NULL;
  PuratanProofOptions options;
  const guint steps = 52, n = steps * steps * steps;
  g_autofree guint32 *src = g_new (guint32, n);
  g_autofree guint32 *ours = g_new (guint32, n);
  g_autofree guint32 *theirs = g_new (guint32, n);
  g_autofree cmsCIELab *lab_ours = g_new (cmsCIELab, n);
  g_autofree cmsCIELab *lab_theirs = g_new (cmsCIELab, n);
  cmsHTRANSFORM reference, to_lab;
  cmsHPROFILE srgb, lab;
  guint k = 0;
  double sum = 0;

  profiles_load (&p);
  puratan_proof_options_init (&options);
  proof = make_proof (&p, FALSE, FALSE);
  for (guint r = 0; r < steps; r++)
    for (guint g = 0; g < steps; g++)
      for (guint b = 0; b < steps; b++)
        src[k++] = 0xff000000u | (r * 5 << 16) | (g * 5 << 8) | b * 5;

  puratan_soft_proof_process (proof, (const guint8 *) src, (int) n * 4, (guint8 *) ours,
                              (int) n * 4, (int) n, 1, FALSE);
  reference =
      puratan_soft_proof_create_lcms_transform (lcms, p.working, p.press, p.display, &options,
                                                TYPE_BGRA_8, TYPE_BGRA_8, NULL, lcms_flags, &error);
  g_assert_no_error (error);
  cmsDoTransform (reference, src, theirs, n);

  srgb = cmsCreate_sRGBProfileTHR (puratan_lcms_context (lcms));
  lab = cmsCreateLab4ProfileTHR (puratan_lcms_context (lcms), NULL);
  to_lab = cmsCreateTransformTHR (puratan_lcms_context (lcms), srgb, TYPE_BGRA_8, lab, TYPE_Lab_DBL,
                                  INTENT_RELATIVE_COLORIMETRIC, 0);
  cmsDoTransform (to_lab, ours, lab_ours, n);
  cmsDoTransform (to_lab, theirs, lab_theirs, n);
  *max = 0;
  for (guint i = 0; i < n; i++)
    {
      double de = cmsCIE2000DeltaE (&lab_ours[i], &lab_theirs[i], 1, 1, 1);
      sum += de;
      *max = MAX (*max, de);
    }
  *mean = sum / n;
  g_test_message ("ΔE2000 against Little CMS (flags 0x%x): mean %.3f, max %.3f", lcms_flags, *mean,
                  *max);

  cmsDeleteTransform (to_lab);
  cmsDeleteTransform (reference);
  cmsCloseProfile (srgb);
  cmsCloseProfile (lab);
  profiles_clear (&p);
}

static void
test_accuracy (void)
{
  double mean, max;

  /* The bounds, against Little CMS's full-precision pipeline: the reference. */
  compare_with_lcms (cmsFLAGS_NOOPTIMIZE, &mean, &max);
  g_assert_cmpfloat (mean, <=, 0.5);
  g_assert_cmpfloat (max, <=, 2.0);

  /* Against its default 8-bit path. That path interpolates its own precomputed table and
   * is itself up to 3.3 ΔE2000 from the full-precision result on dark near-neutrals, where
   * one output step is worth 2 to 3 ΔE2000. At its worst colours (RGB 6,0,5 for one) the
   * soft proof gives exactly the full-precision bytes, 3.0 from the default path: no table
   * can be within 2 of both, so the maximum here is bounded by that path's error. */
  compare_with_lcms (0, &mean, &max);
  g_assert_cmpfloat (mean, <=, 0.5);
  g_assert_cmpfloat (max, <=, 3.5);
}

static void
built (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanSoftProof **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = puratan_soft_proof_new_finish (result, &error);
  g_assert_no_error (error);
}

static void
failed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **out = user_data;
  g_autoptr (PuratanSoftProof) proof = puratan_soft_proof_new_finish (result, out);

  g_assert_null (proof);
}

static void
test_async (void)
{
  Profiles p;
  PuratanProofOptions options;
  PuratanSoftProof *proof = NULL;
  GError *error = NULL;

  profiles_load (&p);
  puratan_proof_options_init (&options);
  puratan_soft_proof_new_async (p.working, p.press, NULL, &options, NULL, built, &proof);
  while (proof == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (PURATAN_IS_SOFT_PROOF (proof));
  g_object_unref (proof);

  /* A display profile as the press is refused with a clear error. */
  puratan_soft_proof_new_async (p.working, p.display, NULL, &options, NULL, failed, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_WRONG_CLASS);
  g_assert_true (g_str_has_prefix (error->message, "Press: "));
  g_error_free (error);
  profiles_clear (&p);
}

static void
test_ink_coverage (void)
{
  Profiles p;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanInkCoverage) coverage = NULL;
  g_autoptr (PuratanInkCoverage) blank = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 500);
  cairo_t *cr = cairo_create (surface);
  const int spot = 177; /* 15 mm at 300 ppi */

  profiles_load (&p);
  /* White paper, a 15 mm rich-black square at (300, 200) and a tiny dot of black at (20, 20)
   * that must not win the area measure. Pale grey everywhere else keeps the mean low. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_rectangle (cr, 0, 300, 600, 200);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 300, 200, spot, spot);
  cairo_rectangle (cr, 20, 20, 4, 4);
  cairo_fill (cr);
  cairo_destroy (cr);

  coverage = puratan_ink_coverage_measure (surface, 300, p.working, p.press,
                                           PURATAN_INTENT_RELATIVE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (coverage->area_size, ==, spot);
  g_assert_cmpint (coverage->max_area_x, ==, 300);
  g_assert_cmpint (coverage->max_area_y, ==, 200);
  /* sRGB black on FOGRA39 is a rich black well over 250 %, and the square is uniform. */
  g_assert_cmpfloat (coverage->max_pixel_ink, >, 250.0);
  g_assert_cmpfloat (coverage->max_pixel_ink, <=, 400.0);
  g_assert_cmpfloat_with_epsilon (coverage->max_area_ink, coverage->max_pixel_ink, 0.5);
  g_assert_cmpfloat (coverage->total_ink[0], <, 0.5);
  g_assert_cmpfloat (coverage->mean_ink, <, coverage->max_area_ink / 4);
  g_assert_cmpfloat (coverage->total_ink[(gsize) 250 * 600 + 350], ==,
                     (float) coverage->max_pixel_ink);

  /* A fully transparent raster is bare paper. */
  cairo_surface_destroy (surface);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 20, 20);
  blank = puratan_ink_coverage_measure (surface, 300, p.working, p.press, PURATAN_INTENT_RELATIVE,
                                        TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (blank->area_size, ==, 20);
  g_assert_cmpfloat (blank->max_area_ink, <, 0.5);

  cairo_surface_destroy (surface);
  profiles_clear (&p);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_color_use_source_profiles ();

  g_test_add_func ("/color/proof/premultiplied", test_premultiplied);
  g_test_add_func ("/color/proof/surface", test_surface);
  g_test_add_func ("/color/proof/paper-white", test_paper_white);
  g_test_add_func ("/color/proof/gamut-warning", test_gamut_warning);
  g_test_add_func ("/color/proof/kernels-agree", test_kernels_agree);
  g_test_add_func ("/color/proof/accuracy", test_accuracy);
  g_test_add_func ("/color/proof/async", test_async);
  g_test_add_func ("/color/ink/coverage", test_ink_coverage);
  return g_test_run ();
}

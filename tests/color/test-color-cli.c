/* test-color-cli.c: `puratan proof` against Little CMS's own soft proof
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-color-cli PATH-OF-PURATAN
 */
#include "test-color-common.h"

#include <math.h>

#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>
#include <poppler.h>

#include "puratan-soft-proof-private.h"

static const char *puratan_path;

static char *
find_corpus_pdf (const char *name)
{
  g_autofree char *beside = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "..", "shared",
                                              "corpus", "pdfjs", name, NULL);
  g_autofree char *work = g_build_filename ("/work", "shared", "corpus", "pdfjs", name, NULL);

  if (g_file_test (beside, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&beside);
  if (g_file_test (work, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&work);
  return NULL;
}

/* Runs `puratan proof INPUT -o OUTPUT EXTRA…`, which must succeed; returns its stderr. */
static char *
run_proof (const char *input, const char *output, const char *const *extra)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;

  g_ptr_array_add (args, (char *) puratan_path);
  g_ptr_array_add (args, (char *) "proof");
  g_ptr_array_add (args, (char *) input);
  g_ptr_array_add (args, (char *) "-o");
  g_ptr_array_add (args, (char *) output);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (char *) extra[i]);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("puratan proof failed: %s\n%s", error->message, err);
  return g_steal_pointer (&err);
}

typedef struct
{
  double mean;
  double max;
} Difference;

/* ΔE2000 between @proofed and Little CMS's own soft proof of @src in @working_space (%NULL for
 * sRGB), with @lcms_flags added to its transform, measured in the display's Lab. */
static Difference
compare_with_lcms (cairo_surface_t *src,
                   cairo_surface_t *proofed,
                   PuratanIccProfile *working_space,
                   cmsUInt32Number lcms_flags)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanLcms) lcms = puratan_lcms_new ();
  g_autoptr (PuratanIccProfile) working =
      working_space != NULL ? g_object_ref (working_space)
                            : puratan_icc_profile_new_bundled ("sRGB.icc", &error);
  g_autoptr (PuratanIccProfile) press =
      puratan_icc_profile_new_bundled ("FOGRA39L_coated.icc", &error);
  g_autoptr (PuratanIccProfile) display = puratan_icc_profile_new_srgb ();
  int width = cairo_image_surface_get_width (src), height = cairo_image_surface_get_height (src);
  PuratanProofOptions options;
  cmsHTRANSFORM reference, to_lab;
  cmsHPROFILE srgb, lab;
  double sum = 0;
  Difference d = { 0, 0 };

  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (proofed), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (proofed), ==, height);
  puratan_proof_options_init (&options);
  reference = puratan_soft_proof_create_lcms_transform (
      lcms, working, press, display, &options, TYPE_BGRA_8, TYPE_BGRA_8, NULL, lcms_flags, &error);
  g_assert_no_error (error);
  srgb = cmsCreate_sRGBProfileTHR (puratan_lcms_context (lcms));
  lab = cmsCreateLab4ProfileTHR (puratan_lcms_context (lcms), NULL);
  to_lab = cmsCreateTransformTHR (puratan_lcms_context (lcms), srgb, TYPE_BGRA_8, lab, TYPE_Lab_DBL,
                                  INTENT_RELATIVE_COLORIMETRIC, 0);

  for (int y = 0; y < height; y++)
    {
      const guint32 *in = (const guint32 *) (cairo_image_surface_get_data (src) +
                                             (gsize) y * cairo_image_surface_get_stride (src));
      const guint32 *ours =
          (const guint32 *) (cairo_image_surface_get_data (proofed) +
                             (gsize) y * cairo_image_surface_get_stride (proofed));
      g_autofree guint32 *theirs = g_new (guint32, width);
      g_autofree cmsCIELab *lab_ours = g_new (cmsCIELab, width);
      g_autofree cmsCIELab *lab_theirs = g_new (cmsCIELab, width);

      cmsDoTransform (reference, in, theirs, (cmsUInt32Number) width);
      cmsDoTransform (to_lab, ours, lab_ours, (cmsUInt32Number) width);
      cmsDoTransform (to_lab, theirs, lab_theirs, (cmsUInt32Number) width);
      for (int x = 0; x < width; x++)
        {
          double de = cmsCIE2000DeltaE (&lab_ours[x], &lab_theirs[x], 1, 1, 1);
          sum += de;
          d.max = MAX (d.max, de);
        }
    }
  d.mean = sum / (width * height);
  g_test_message ("ΔE2000 against Little CMS (flags 0x%x): mean %.3f, max %.3f over %d px",
                  lcms_flags, d.mean, d.max, width * height);

  cmsDeleteTransform (to_lab);
  cmsDeleteTransform (reference);
  cmsCloseProfile (srgb);
  cmsCloseProfile (lab);
  return d;
}

/* The bounds hold against Little CMS's full-precision pipeline. Its default 8-bit
 * path is itself up to about 3 ΔE2000 from full precision on dark near-neutrals, so against
 * it only the mean is bounded. */
static void
assert_agrees_with_lcms (cairo_surface_t *src,
                         cairo_surface_t *proofed,
                         PuratanIccProfile *working_space)
{
  Difference exact = compare_with_lcms (src, proofed, working_space, cmsFLAGS_NOOPTIMIZE);
  Difference fast = compare_with_lcms (src, proofed, working_space, 0);

  g_assert_cmpfloat (exact.mean, <=, 0.5);
  g_assert_cmpfloat (exact.max, <=, 2.0);
  g_assert_cmpfloat (fast.mean, <=, 0.5);
}

static void
test_pdf_page (void)
{
  g_autofree char *pdf = find_corpus_pdf ("issue14297.pdf");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL, *out = NULL, *uri = NULL;
  const char *const extra[] = { "--page", "1", "--dpi", "60", NULL };
  PopplerDocument *document;
  PopplerPage *page;
  cairo_surface_t *src, *proofed;
  cairo_t *cr;
  double w, h;

  if (pdf == NULL)
    {
      g_test_skip ("the shared test corpus is not beside the source tree");
      return;
    }
  dir = g_dir_make_tmp ("puratan-proof-XXXXXX", &error);
  g_assert_no_error (error);
  out = g_build_filename (dir, "page.png", NULL);
  g_free (run_proof (pdf, out, extra));

  uri = g_filename_to_uri (pdf, NULL, &error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  page = poppler_document_get_page (document, 0);
  poppler_page_get_size (page, &w, &h);
  src = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * 60 / 72), (int) (h * 60 / 72));
  cr = cairo_create (src);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 60.0 / 72, 60.0 / 72);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (src);

  proofed = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (proofed), ==, CAIRO_STATUS_SUCCESS);
  assert_agrees_with_lcms (src, proofed, NULL);

  cairo_surface_destroy (src);
  cairo_surface_destroy (proofed);
  g_object_unref (page);
  g_object_unref (document);
  g_unlink (out);
  g_rmdir (dir);
}

/* A real photograph (see data/PROVENANCE.md): dark wood grain, a white cup, saturated reds. */
static void
test_photo (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *in = g_test_build_filename (G_TEST_DIST, "color", "data", "coffee.png", NULL);
  g_autofree char *dir = g_dir_make_tmp ("puratan-proof-XXXXXX", &error);
  g_autofree char *out = g_build_filename (dir, "proof.png", NULL);
  cairo_surface_t *src, *proofed;

  g_assert_no_error (error);
  g_free (run_proof (in, out, NULL));
  src = cairo_image_surface_create_from_png (in);
  g_assert_cmpint (cairo_surface_status (src), ==, CAIRO_STATUS_SUCCESS);
  proofed = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (proofed), ==, CAIRO_STATUS_SUCCESS);
  assert_agrees_with_lcms (src, proofed, NULL);

  cairo_surface_destroy (src);
  cairo_surface_destroy (proofed);
  g_unlink (out);
  g_rmdir (dir);
}

/* A synthetic image that reaches where a photograph may not: smooth gradients across the
 * whole RGB cube, shading and fine noise. */
static void
test_photo_like (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *dir = g_dir_make_tmp ("puratan-proof-XXXXXX", &error);
  g_autofree char *in = g_build_filename (dir, "photo.png", NULL);
  g_autofree char *out = g_build_filename (dir, "proof.png", NULL);
  cairo_surface_t *src = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 320, 240);
  cairo_surface_t *proofed;
  guint8 *data = cairo_image_surface_get_data (src);
  int stride = cairo_image_surface_get_stride (src);

  g_assert_no_error (error);
  for (int y = 0; y < 240; y++)
    for (int x = 0; x < 320; x++)
      {
        double shade = 0.5 + 0.5 * sin (x / 40.0) * cos (y / 30.0);
        int r = (int) (x * 255 / 319 * shade) + g_rand_int_range (rand, -6, 7);
        int g = (int) (y * 255 / 239 * (1 - shade / 2)) + g_rand_int_range (rand, -6, 7);
        int b = (int) ((x + y) * 255 / 558) + g_rand_int_range (rand, -6, 7);

        ((guint32 *) (data + (gsize) y * stride))[x] =
            0xff000000u | ((guint32) CLAMP (r, 0, 255) << 16) | ((guint32) CLAMP (g, 0, 255) << 8) |
            (guint32) CLAMP (b, 0, 255);
      }
  cairo_surface_mark_dirty (src);
  g_assert_cmpint (cairo_surface_write_to_png (src, in), ==, CAIRO_STATUS_SUCCESS);

  g_free (run_proof (in, out, NULL));
  proofed = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (proofed), ==, CAIRO_STATUS_SUCCESS);
  assert_agrees_with_lcms (src, proofed, NULL);

  cairo_surface_destroy (src);
  cairo_surface_destroy (proofed);
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
}

/* A wide-gamut RGB profile (ProPhoto primaries, gamma 1.8), made by Little CMS; if @damaged,
 * without its red tone curve, so no transform can be built from it. */
static GBytes *
make_wide_gamut_profile (gboolean damaged)
{
  cmsCIExyY white = { 0.3457, 0.3585, 1.0 };
  cmsCIExyYTRIPLE primaries = {
    { 0.7347, 0.2653, 1.0 },
    { 0.1596, 0.8404, 1.0 },
    { 0.0366, 0.0001, 1.0 },
  };
  cmsToneCurve *gamma = cmsBuildGamma (NULL, 1.8);
  cmsToneCurve *curves[3] = { gamma, gamma, gamma };
  cmsHPROFILE profile = cmsCreateRGBProfile (&white, &primaries, curves);
  cmsUInt32Number len = 0;
  guint8 *data;

  cmsMLU *description = cmsMLUalloc (NULL, 1);
  cmsMLUsetASCII (description, "en", "US", "Wide-gamut test RGB");
  cmsWriteTag (profile, cmsSigProfileDescriptionTag, description);
  cmsMLUfree (description);
  if (damaged)
    cmsWriteTag (profile, cmsSigRedTRCTag, NULL);
  g_assert_true (cmsSaveProfileToMem (profile, NULL, &len));
  data = g_malloc (len);
  g_assert_true (cmsSaveProfileToMem (profile, data, &len));
  cmsCloseProfile (profile);
  cmsFreeToneCurve (gamma);
  return g_bytes_new_take (data, len);
}

static void
append_be32 (GByteArray *array, guint32 value)
{
  guint8 be[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (array, be, 4);
}

/* Writes a 64 × 64 PNG of saturated and dark colours to @path, with @icc (nullable) embedded
 * as its iCCP profile; returns it as a Cairo surface. */
static cairo_surface_t *
write_tagged_png (const char *path, GBytes *icc)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GByteArray) png = g_byte_array_new ();
  g_autofree char *contents = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 64, 64);
  guint8 *data = cairo_image_surface_get_data (surface);
  gsize len = 0;

  for (int y = 0; y < 64; y++)
    for (int x = 0; x < 64; x++)
      ((guint32 *) (data + y * cairo_image_surface_get_stride (surface)))[x] =
          0xff000000u | ((guint32) (x * 4) << 16) | ((guint32) (y * 4) << 8) |
          (guint32) (x < 32 ? 255 - y * 4 : (x + y) * 2);
  cairo_surface_mark_dirty (surface);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  if (icc == NULL)
    return surface;

  /* Splice an iCCP chunk (name, compression method 0, zlib data) in after IHDR, which ends
   * 33 bytes into the file. */
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 33);
  {
    const char header[] = "iCCPICC profile";
    uLongf packed_len = compressBound (g_bytes_get_size (icc));
    g_autofree guint8 *packed = g_malloc (packed_len);
    gsize chunk_start;

    g_assert_cmpint (
        compress2 (packed, &packed_len, g_bytes_get_data (icc, NULL), g_bytes_get_size (icc), 9),
        ==, Z_OK);
    g_byte_array_append (png, (const guint8 *) contents, 33);
    append_be32 (png, (guint32) (sizeof header - 4 + 1 + packed_len));
    chunk_start = png->len;
    /* The type, the name and its NUL terminator, then method 0. */
    g_byte_array_append (png, (const guint8 *) header, sizeof header);
    g_byte_array_append (png, (const guint8 *) "", 1);
    g_byte_array_append (png, packed, (guint) packed_len);
    append_be32 (png, (guint32) crc32 (0, png->data + chunk_start, png->len - chunk_start));
    g_byte_array_append (png, (const guint8 *) contents + 33, (guint) (len - 33));
  }
  g_file_set_contents (path, (const char *) png->data, png->len, &error);
  g_assert_no_error (error);
  return surface;
}

/* An image's embedded profile is its working space, not sRGB. */
static void
test_embedded_profile (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) icc = make_wide_gamut_profile (FALSE);
  g_autoptr (PuratanIccProfile) wide = puratan_icc_profile_new_from_bytes (icc, "wide", &error);
  g_autofree char *dir = g_dir_make_tmp ("puratan-proof-XXXXXX", &error);
  g_autofree char *tagged = g_build_filename (dir, "tagged.png", NULL);
  g_autofree char *untagged = g_build_filename (dir, "untagged.png", NULL);
  g_autofree char *out = g_build_filename (dir, "proof.png", NULL);
  g_autofree char *err = NULL;
  cairo_surface_t *src, *plain, *proofed;
  Difference as_srgb;

  g_assert_no_error (error);
  src = write_tagged_png (tagged, icc);
  cairo_surface_destroy (write_tagged_png (untagged, NULL));

  err = run_proof (tagged, out, NULL);
  g_assert_cmpstr (err, ==, "");
  proofed = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (proofed), ==, CAIRO_STATUS_SUCCESS);
  assert_agrees_with_lcms (src, proofed, wide);

  /* Read as sRGB the same pixels proof visibly differently. */
  g_free (run_proof (untagged, out, NULL));
  plain = cairo_image_surface_create_from_png (out);
  as_srgb = compare_with_lcms (src, plain, wide, cmsFLAGS_NOOPTIMIZE);
  g_assert_cmpfloat (as_srgb.mean, >, 3.0);

  cairo_surface_destroy (src);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (proofed);
  g_unlink (tagged);
  g_unlink (untagged);
  g_unlink (out);
  g_rmdir (dir);
}

/* A broken or non-RGB embedded profile never stops the proof: the image is read as sRGB.
 * libpng itself drops an iCCP chunk that is not an RGB profile at all; one it passes but
 * that cannot be used is reported. */
static void
test_bad_embedded_profile (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) garbage = g_bytes_new_static ("not an ICC profile at all", 25);
  g_autoptr (GBytes) cmyk = test_color_read_bundled ("FOGRA39L_coated.icc");
  g_autoptr (GBytes) damaged = make_wide_gamut_profile (TRUE);
  g_autofree char *dir = g_dir_make_tmp ("puratan-proof-XXXXXX", &error);
  g_autofree char *in = g_build_filename (dir, "bad.png", NULL);
  g_autofree char *out = g_build_filename (dir, "proof.png", NULL);
  GBytes *cases[] = { garbage, cmyk, damaged };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      cairo_surface_t *src = write_tagged_png (in, cases[i]);
      g_autofree char *err = run_proof (in, out, NULL);
      cairo_surface_t *proofed;

      if (cases[i] == damaged)
        {
          g_assert_nonnull (strstr (err, "ignoring the colour profile embedded in"));
          g_assert_nonnull (strstr (err, "damaged"));
        }
      proofed = cairo_image_surface_create_from_png (out);
      g_assert_cmpint (cairo_surface_status (proofed), ==, CAIRO_STATUS_SUCCESS);
      assert_agrees_with_lcms (src, proofed, NULL);
      cairo_surface_destroy (src);
      cairo_surface_destroy (proofed);
    }
  g_unlink (in);
  g_unlink (out);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_color_use_source_profiles ();
  g_assert_cmpint (argc, ==, 2);
  puratan_path = argv[1];

  g_test_add_func ("/color/cli/proof-pdf-page", test_pdf_page);
  g_test_add_func ("/color/cli/proof-photo", test_photo);
  g_test_add_func ("/color/cli/proof-photo-like", test_photo_like);
  g_test_add_func ("/color/cli/proof-embedded-profile", test_embedded_profile);
  g_test_add_func ("/color/cli/proof-bad-embedded-profile", test_bad_embedded_profile);
  return g_test_run ();
}

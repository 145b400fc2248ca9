/* softproof.c: soft-proof speed and accuracy against Little CMS's own transform
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: softproof [PDF [PAGE]]
 *
 * Two 4-megapixel ARGB32 frames: a real PDF page rendered by Poppler (by default
 * issue14297.pdf from the shared test corpus) and random noise. For each, with and
 * without gamut warning, it times Little CMS's cmsDoTransform with the same proofing
 * transform (its default optimised 8-bit path, one core, as Little CMS runs) and the
 * project's soft proof, both over every core (wall clock) and on one core (that thread's
 * CPU time, which other processes on the machine do not inflate). It prints Mpx/s and the
 * ΔE2000 between the results in the display space, against both Little CMS's
 * full-precision pipeline (cmsFLAGS_NOOPTIMIZE, the accuracy reference) and its default
 * path, and how far that default path itself is from full precision.
 * It also times building a soft proof for each bundled press condition, and prints the
 * machine's load average before and after.
 */
#include <math.h>
#include <time.h>
#include <poppler.h>
#include <puratan-color.h>
#include <puratan-proof-lut-private.h>
#include <puratan-soft-proof-private.h>

#define TARGET_PIXELS (4 * 1000 * 1000)
#define RUNS          15

typedef struct
{
  const char *name;
  cairo_surface_t *surface;
} Frame;

static cairo_surface_t *
render_page (const char *path, int page_index)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  g_autoptr (GObject) document = NULL;
  g_autoptr (GObject) page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h, scale;

  if (uri != NULL)
    document = G_OBJECT (poppler_document_new_from_file (uri, NULL, &error));
  if (document == NULL)
    {
      g_printerr ("softproof: cannot open %s: %s\n", path, error->message);
      return NULL;
    }
  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (document), page_index));
  if (page == NULL)
    {
      g_printerr ("softproof: %s has no page %d\n", path, page_index + 1);
      return NULL;
    }
  poppler_page_get_size (POPPLER_PAGE (page), &w, &h);
  scale = sqrt (TARGET_PIXELS / (w * h));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (w * scale), (int) (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (POPPLER_PAGE (page), cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_surface_t *
make_noise (int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260101);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      ((guint32 *) (data + (gsize) y * stride))[x] = 0xff000000u | g_rand_int (rand);
  cairo_surface_mark_dirty (surface);
  return surface;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values, guint n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

/* Mean and max ΔE2000 between two BGRA buffers, in @display's Lab. Pixels where exactly one
 * of them shows the warning colour count as flag disagreements and are left out. */
static void
compare (cmsHTRANSFORM to_lab,
         const guint32 *a,
         const guint32 *b,
         gsize n,
         gboolean warning,
         guint32 warning_pixel,
         double *mean,
         double *max,
         double *disagree)
{
  const gsize block = 4096;
  g_autofree cmsCIELab *lab_a = g_new (cmsCIELab, block);
  g_autofree cmsCIELab *lab_b = g_new (cmsCIELab, block);
  double sum = 0, worst = 0;
  gsize counted = 0, flagged_apart = 0;

  for (gsize start = 0; start < n; start += block)
    {
      gsize len = MIN (block, n - start);

      cmsDoTransform (to_lab, a + start, lab_a, (cmsUInt32Number) len);
      cmsDoTransform (to_lab, b + start, lab_b, (cmsUInt32Number) len);
      for (gsize i = 0; i < len; i++)
        {
          double de;

          if (warning && ((a[start + i] == warning_pixel) != (b[start + i] == warning_pixel)))
            {
              flagged_apart++;
              continue;
            }
          de = cmsCIE2000DeltaE (&lab_a[i], &lab_b[i], 1, 1, 1);
          sum += de;
          worst = MAX (worst, de);
          counted++;
        }
    }
  *mean = counted > 0 ? sum / counted : 0;
  *max = worst;
  *disagree = 100.0 * flagged_apart / n;
}

static double
thread_cpu_ms (void)
{
  struct timespec t;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Little CMS's proofing transform for @options on BGRA pixels; @extra_flags as for
 * puratan_soft_proof_create_lcms_transform(). */
static cmsHTRANSFORM
lcms_proof (PuratanLcms *lcms,
            PuratanIccProfile *working,
            PuratanIccProfile *press,
            PuratanIccProfile *display,
            const PuratanProofOptions *options,
            cmsUInt32Number extra_flags)
{
  g_autoptr (GError) error = NULL;
  cmsUInt16Number alarm[3];
  cmsHTRANSFORM transform;

  alarm[0] = ((options->warning_color >> 16) & 255) * 257;
  alarm[1] = ((options->warning_color >> 8) & 255) * 257;
  alarm[2] = (options->warning_color & 255) * 257;
  transform = puratan_soft_proof_create_lcms_transform (
      lcms, working, press, display, options, TYPE_BGRA_8, TYPE_BGRA_8,
      options->gamut_warning ? alarm : NULL, extra_flags, &error);
  g_assert_no_error (error);
  return transform;
}

static double
lcms_run (
    cmsHTRANSFORM transform, const guint8 *src, int width, int height, int stride, guint32 *out)
{
  gint64 start = g_get_monotonic_time ();

  cmsDoTransformLineStride (transform, src, out, (cmsUInt32Number) width, (cmsUInt32Number) height,
                            (cmsUInt32Number) stride, (cmsUInt32Number) width * 4, 0, 0);
  for (gsize i = 0; i < (gsize) width * height; i++)
    out[i] |= 0xff000000u;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
run_frame (const Frame *frame,
           PuratanIccProfile *working,
           PuratanIccProfile *press,
           PuratanIccProfile *display,
           gboolean warning)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanLcms) lcms = puratan_lcms_new ();
  PuratanProofOptions options;
  g_autoptr (PuratanSoftProof) proof = NULL;
  cairo_surface_t *s = frame->surface;
  int width = cairo_image_surface_get_width (s), height = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const guint8 *src = cairo_image_surface_get_data (s);
  gsize n = (gsize) width * height;
  guint32 warning_pixel;
  g_autofree guint32 *ours = g_new (guint32, n);
  g_autofree guint32 *fast = g_new (guint32, n);
  g_autofree guint32 *exact = g_new (guint32, n);
  cmsHTRANSFORM reference, to_lab;
  cmsHPROFILE lab_profile, display_handle;
  double times[RUNS], lcms_ms, exact_ms, wall_ms, wall_min, cpu_ms;
  double mean[3], max[3], disagree[3];
  gint64 start;

  puratan_proof_options_init (&options);
  options.gamut_warning = warning;
  warning_pixel = 0xff000000u | options.warning_color;
  proof = puratan_soft_proof_new (working, press, display, &options, &error);
  g_assert_no_error (error);

  /* Little CMS's default (optimised 8-bit) path: one pass per frame on one core, rows as
   * the surface lays them out. */
  reference = lcms_proof (lcms, working, press, display, &options, 0);
  for (guint run = 0; run < (warning ? 3u : 5u); run++)
    times[run] = lcms_run (reference, src, width, height, stride, fast);
  lcms_ms = median (times, warning ? 3u : 5u);
  cmsDeleteTransform (reference);

  /* Little CMS's full-precision pipeline, the accuracy reference. */
  reference = lcms_proof (lcms, working, press, display, &options, cmsFLAGS_NOOPTIMIZE);
  exact_ms = lcms_run (reference, src, width, height, stride, exact);
  cmsDeleteTransform (reference);

  /* The soft proof over every core, as the canvas calls it. */
  for (guint run = 0; run < RUNS; run++)
    {
      start = g_get_monotonic_time ();
      puratan_soft_proof_process (proof, src, stride, (guint8 *) ours, width * 4, width, height,
                                  FALSE);
      times[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  wall_ms = median (times, RUNS);
  wall_min = times[0]; /* median() sorted them */

  /* The same work one row at a time on this thread alone (a row is too small to be split),
   * timed by this thread's CPU clock: the kernel's cost, free of other processes. */
  for (guint run = 0; run < RUNS; run++)
    {
      double cpu_start = thread_cpu_ms ();

      for (int y = 0; y < height; y++)
        puratan_soft_proof_process (proof, src + (gsize) y * stride, stride,
                                    (guint8 *) (ours + (gsize) y * width), width * 4, width, 1,
                                    FALSE);
      times[run] = thread_cpu_ms () - cpu_start;
    }
  cpu_ms = median (times, RUNS);

  lab_profile = cmsCreateLab4ProfileTHR (puratan_lcms_context (lcms), NULL);
  display_handle = cmsOpenProfileFromMemTHR (
      puratan_lcms_context (lcms), g_bytes_get_data (puratan_icc_profile_get_bytes (display), NULL),
      (cmsUInt32Number) g_bytes_get_size (puratan_icc_profile_get_bytes (display)));
  to_lab = cmsCreateTransformTHR (puratan_lcms_context (lcms), display_handle, TYPE_BGRA_8,
                                  lab_profile, TYPE_Lab_DBL, INTENT_RELATIVE_COLORIMETRIC, 0);
  compare (to_lab, ours, exact, n, warning, warning_pixel, &mean[0], &max[0], &disagree[0]);
  compare (to_lab, ours, fast, n, warning, warning_pixel, &mean[1], &max[1], &disagree[1]);
  compare (to_lab, fast, exact, n, warning, warning_pixel, &mean[2], &max[2], &disagree[2]);

  g_print ("%-8s %-5s %4.2f Mpx | lcms2 default %6.1f ms %6.1f Mpx/s | puratan all cores %5.2f ms "
           "(min %5.2f) %7.1f Mpx/s (%4.1fx) | one core %5.2f ms cpu %6.1f Mpx/s\n",
           frame->name, warning ? "gamut" : "plain", n / 1e6, lcms_ms, n / 1e3 / lcms_ms, wall_ms,
           wall_min, n / 1e3 / wall_ms, lcms_ms / wall_ms, cpu_ms, n / 1e3 / cpu_ms);
  g_print ("    dE2000 puratan vs lcms2 full precision (%.0f ms): mean %.3f max %.3f | "
           "puratan vs lcms2 default: mean %.3f max %.3f | lcms2 default vs full precision: "
           "mean %.3f max %.3f\n",
           exact_ms, mean[0], max[0], mean[1], max[1], mean[2], max[2]);
  if (warning)
    g_print ("    warning flags differ: puratan vs full precision %.2f %%, vs default %.2f %%, "
             "default vs full precision %.2f %% of pixels\n",
             disagree[0], disagree[1], disagree[2]);

  cmsDeleteTransform (to_lab);
  cmsCloseProfile (lab_profile);
  cmsCloseProfile (display_handle);
}

static void
time_builds (PuratanIccProfile *working, PuratanIccProfile *display)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) conditions = puratan_press_condition_list (&error);

  g_assert_no_error (error);
  for (guint i = 0; i < conditions->len; i++)
    {
      PuratanPressCondition *condition = g_ptr_array_index (conditions, i);
      g_autoptr (PuratanIccProfile) press = NULL;
      double ms[2];

      press = puratan_press_condition_load_profile (condition, &error);
      g_assert_no_error (error);
      for (guint warning = 0; warning < 2; warning++)
        {
          PuratanProofOptions options;
          g_autoptr (PuratanSoftProof) proof = NULL;
          gint64 start = g_get_monotonic_time ();

          puratan_proof_options_init (&options);
          options.gamut_warning = warning;
          proof = puratan_soft_proof_new (working, press, display, &options, &error);
          g_assert_no_error (error);
          ms[warning] = (g_get_monotonic_time () - start) / 1000.0;
        }
      g_print ("build %-48s %6.1f ms, with gamut warning %6.1f ms\n", condition->name, ms[0],
               ms[1]);
    }
}

/* Other processes share the cores; their load explains spread in the wall-clock figures. */
static void
print_load (const char *when)
{
  g_autofree char *loadavg = NULL;

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    g_print ("load average %s: %s", when, loadavg);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *default_pdf =
      g_build_filename (g_getenv ("PURATAN_CORPUS_DIR") != NULL ? g_getenv ("PURATAN_CORPUS_DIR")
                                                                : "/work/shared/corpus",
                        "pdfjs", "issue14297.pdf", NULL);
  const char *pdf = argc > 1 ? argv[1] : default_pdf;
  int page = argc > 2 ? atoi (argv[2]) - 1 : 0;
  g_autoptr (PuratanPressCondition) condition = NULL;
  g_autoptr (PuratanIccProfile) press = NULL;
  g_autoptr (PuratanIccProfile) working = NULL;
  g_autoptr (PuratanIccProfile) display = puratan_icc_profile_new_srgb ();
  Frame frames[2] = { { "pdf-page", NULL }, { "noise", NULL } };

  condition = puratan_press_condition_get_default (&error);
  if (condition != NULL)
    press = puratan_press_condition_load_profile (condition, &error);
  if (press != NULL)
    working = puratan_icc_profile_new_bundled ("sRGB.icc", &error);
  if (working == NULL)
    {
      g_printerr ("softproof: %s\n", error->message);
      return 1;
    }

  frames[0].surface = render_page (pdf, page);
  if (frames[0].surface == NULL)
    return 1;
  frames[1].surface = make_noise (2048, 2048);

  g_print ("soft proof: working sRGB -> %s -> display sRGB, relative colorimetric + BPC\n",
           condition->name);
  g_print ("cores: %u; kernel: %s; page: %s p%d (%dx%d)\n", g_get_num_processors (),
           puratan_proof_lut_have_avx2 () && g_getenv ("PURATAN_NO_SIMD") == NULL ? "avx2"
                                                                                  : "scalar",
           pdf, page + 1, cairo_image_surface_get_width (frames[0].surface),
           cairo_image_surface_get_height (frames[0].surface));
  g_print ("target: a 4 Mpx frame in <= 8 ms on 2 cores, with or without gamut warning; "
           "dE2000 mean <= 0.5, max <= 2 against Little CMS; a build in <= 150 ms\n");
  print_load ("before");
  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    for (guint warning = 0; warning < 2; warning++)
      run_frame (&frames[i], working, press, display, warning);
  time_builds (working, display);
  print_load ("after");

  for (guint i = 0; i < G_N_ELEMENTS (frames); i++)
    cairo_surface_destroy (frames[i].surface);
  return 0;
}

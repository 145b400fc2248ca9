/* canvas.c: the Design view's canvas scrolling and zooming through GTK's frame clock
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real widget (PuratanCanvasView) in a 1400 × 900 window under Xvfb, on an A4 page of
 * 1,000 items (text, images and shapes). A tick callback pans or zooms it once per frame;
 * each frame's time is measured from the frame clock's "before-paint" to its "after-paint",
 * which spans the canvas's snapshot and GSK's drawing of the window. The baseline, in the
 * same run, is the obvious canvas: a widget that draws the whole view through the renderer
 * on every frame, with the soft proof applied to the whole view when it is on.
 *
 * Also printed: the time from opening the design to the first frame (pasteboard and page)
 * and to the first frame with every visible item drawn, and the resident memory with a
 * 100-page design open.
 */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <time.h>

#include "puratan-canvas-private.h"
#include "render-designs.h"

#define N_ITEMS   1000
#define N_FRAMES  240
#define MM(x)     ((x) / 25.4 * 72.0)
#define PAN_STEP  12.0 /* pixels per frame */
#define ZOOM_STEP 1.25

/* ---- The design ---- */

static GBytes *
picture (const char *type, int w, int h)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guint8 *p = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autofree char *buffer = NULL;
  gsize size = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        p[y * stride + x * 3] = (guint8) (x * 255 / w);
        p[y * stride + x * 3 + 1] = (guint8) (y * 255 / h);
        p[y * stride + x * 3 + 2] = (guint8) ((x ^ y) & 0xff);
      }
  gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, type, NULL, NULL);
  return g_bytes_new (buffer, size);
}

/* An A4 page of 1,000 items: every tenth an image (a JPEG photo or a PNG logo), a third of
 * the rest text frames (some in Devanagari), the others rectangles and ellipses in CMYK and
 * RGB. */
static PuratanDocument *
thousand_items (void)
{
  PuratanDocument *doc = puratan_document_new ();
  g_autoptr (GBytes) jpeg = picture ("jpeg", 640, 480);
  g_autoptr (GBytes) png = picture ("png", 160, 160);
  const double teal[4] = { 0.85, 0.1, 0.4, 0.15 }, red[4] = { 0.9, 0.2, 0.1, 0 };
  g_autoptr (PuratanDocSwatch) cmyk = puratan_doc_swatch_new ("Teal", PURATAN_DOC_COLOR_CMYK, teal);
  g_autoptr (PuratanDocSwatch) rgb = puratan_doc_swatch_new ("Signal", PURATAN_DOC_COLOR_RGB, red);
  g_autofree char *photo = NULL;
  g_autofree char *logo = NULL;
  g_autoptr (GError) error = NULL;

  puratan_document_add_page (doc, MM (210), MM (297), MM (3), MM (8), NULL);
  puratan_document_add_swatch (doc, cmyk, NULL);
  puratan_document_add_swatch (doc, rgb, NULL);
  photo = g_strdup (puratan_document_add_asset (doc, jpeg, NULL));
  logo = g_strdup (puratan_document_add_asset (doc, png, NULL));
  puratan_document_begin_step (doc, "Build");
  for (guint i = 0; i < N_ITEMS; i++)
    {
      PuratanDocItem *item;

      if (i % 10 == 0)
        {
          item = puratan_doc_item_new (PURATAN_DOC_ITEM_IMAGE);
          item->asset = g_strdup (i % 20 == 0 ? photo : logo);
          item->width = 48;
          item->height = 36;
        }
      else if (i % 3 == 0)
        {
          item = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
          item->text = i % 2 ? g_strdup_printf ("Item %u", i) : g_strdup ("नमस्ते प्रिंट");
          item->width = 60;
          item->height = 14;
          item->font_size = 9;
          puratan_doc_item_set_fill (item, "Black", 1.0);
        }
      else
        {
          item = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
          item->shape = i % 3 == 1 ? PURATAN_DOC_SHAPE_ELLIPSE : PURATAN_DOC_SHAPE_RECT;
          item->width = 40;
          item->height = 20;
          puratan_doc_item_set_fill (item, i % 2 ? "Teal" : "Signal", 0.3 + (i % 7) / 10.0);
        }
      puratan_doc_item_set_position (item, (i * 37) % 540, (i * 53) % 800);
      if (puratan_document_add_item (doc, 0, item, &error) == NULL)
        g_error ("bench-canvas: %s", error->message);
    }
  puratan_document_end_step (doc);
  return doc;
}

/* ---- The baseline: the whole view through the renderer on every frame ---- */

#define BASELINE_TYPE (baseline_get_type ())
G_DECLARE_FINAL_TYPE (Baseline, baseline, BENCH, BASELINE, GtkWidget)

struct _Baseline
{
  GtkWidget parent_instance;
  PuratanRenderer *renderer;
  PuratanSoftProof *proof; /* NULL: proof off */
  const PuratanDocPage *page;
  double zoom, cx, cy;
};

G_DEFINE_FINAL_TYPE (Baseline, baseline, GTK_TYPE_WIDGET)

static void
baseline_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  Baseline *self = BENCH_BASELINE (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  double s = self->zoom * PURATAN_CANVAS_PX_PER_POINT;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;

  cairo_set_source_rgb (cr, 0.82, 0.82, 0.84);
  cairo_paint (cr);
  cairo_translate (cr, round (w / 2.0 - self->cx * s), round (h / 2.0 - self->cy * s));
  cairo_scale (cr, s, s);
  puratan_renderer_draw_page (self->renderer, cr, 0, NULL);
  cairo_destroy (cr);
  if (self->proof != NULL)
    puratan_soft_proof_apply (self->proof, surface, NULL);
  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * h,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes,
                                    (gsize) cairo_image_surface_get_stride (surface));
  gtk_snapshot_append_texture (snapshot, texture, &GRAPHENE_RECT_INIT (0, 0, (float) w, (float) h));
}

static void
baseline_finalize (GObject *object)
{
  Baseline *self = BENCH_BASELINE (object);

  g_clear_object (&self->renderer);
  g_clear_object (&self->proof);
  G_OBJECT_CLASS (baseline_parent_class)->finalize (object);
}

static void
baseline_class_init (BaselineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baseline_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = baseline_snapshot;
}

static void
baseline_init (Baseline *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

/* ---- Driving frames ---- */

typedef enum
{
  MOVE_PAN,
  MOVE_ZOOM,
} Movement;

typedef struct
{
  GtkWidget *widget; /* the canvas or the baseline */
  Movement movement;
  guint frame;
  guint n_frames;
  gint64 paint_start;
  double cpu_start;
  double samples[N_FRAMES];
  double cpu[N_FRAMES];
  guint n_samples;
  gboolean done;
} Run;

/* The main thread's CPU time in ms: the frame's own work, without the time other
 * processes on a shared machine take the CPU away. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
before_paint_cb (GdkFrameClock *clock, Run *run)
{
  (void) clock;
  run->paint_start = g_get_monotonic_time ();
  run->cpu_start = thread_cpu_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock, Run *run)
{
  (void) clock;
  if (run->paint_start != 0 && run->frame > 0 && run->n_samples < N_FRAMES)
    {
      run->cpu[run->n_samples] = thread_cpu_ms () - run->cpu_start;
      run->samples[run->n_samples++] = (g_get_monotonic_time () - run->paint_start) / 1000.0;
    }
  run->paint_start = 0;
}

/* The view's zoom and centre, for either widget. */
static void
get_view (GtkWidget *widget, double *zoom, double *cx, double *cy)
{
  if (PURATAN_IS_CANVAS (widget))
    {
      *zoom = puratan_canvas_get_zoom (PURATAN_CANVAS (widget));
      puratan_canvas_get_center (PURATAN_CANVAS (widget), cx, cy);
    }
  else
    {
      *zoom = BENCH_BASELINE (widget)->zoom;
      *cx = BENCH_BASELINE (widget)->cx;
      *cy = BENCH_BASELINE (widget)->cy;
    }
}

static void
set_view (GtkWidget *widget, double zoom, double cx, double cy)
{
  if (PURATAN_IS_CANVAS (widget))
    {
      puratan_canvas_set_zoom (PURATAN_CANVAS (widget), zoom);
      puratan_canvas_set_center (PURATAN_CANVAS (widget), cx, cy);
    }
  else
    {
      Baseline *b = BENCH_BASELINE (widget);
      b->zoom = zoom;
      b->cx = cx;
      b->cy = cy;
      gtk_widget_queue_draw (widget);
    }
}

/* One step per frame: a pan down and across the page and back at 100 %, or zooming in
 * five steps of 1.25× from 50 % and out again (a Ctrl+wheel sequence), a step every
 * second frame so the frames that finish a zoom's tiles are measured too. */
static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Run *run = data;
  double zoom, cx, cy, s;
  guint f = run->frame++;

  (void) clock;
  if (f >= run->n_frames)
    {
      run->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  get_view (widget, &zoom, &cx, &cy);
  s = zoom * PURATAN_CANVAS_PX_PER_POINT;
  if (run->movement == MOVE_PAN)
    {
      /* A square path: down, right, up, left, 60 frames each. */
      static const int dx[4] = { 0, 1, 0, -1 }, dy[4] = { 1, 0, -1, 0 };
      int leg = (f / 60) % 4;
      set_view (widget, zoom, cx + dx[leg] * PAN_STEP / s, cy + dy[leg] * PAN_STEP / s);
    }
  else if (f % 2 == 0)
    {
      int k = (f / 2) % 10;
      set_view (widget, k < 5 ? zoom * ZOOM_STEP : zoom / ZOOM_STEP, cx, cy);
    }
  else
    gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static gboolean
canvas_ready (PuratanCanvas *canvas)
{
  return puratan_canvas_is_ready (canvas);
}

static void
spin_until (gboolean (*done) (PuratanCanvas *), PuratanCanvas *canvas)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (canvas) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Runs @movement on @widget for N_FRAMES frames and prints median, p95 and max of the
 * frames' wall-clock time and of the main thread's CPU time in them; returns the wall-clock
 * p95 (or the CPU p95 in @cpu_p95). */
static double
measure (GtkWidget *widget,
         Movement movement,
         const char *label,
         double zoom,
         double cx,
         double cy,
         double *cpu_p95)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Run run = { .widget = widget, .movement = movement, .n_frames = N_FRAMES + 1 };
  gulong before, after;
  double p95;

  set_view (widget, zoom, cx, cy);
  if (PURATAN_IS_CANVAS (widget))
    spin_until (canvas_ready, PURATAN_CANVAS (widget));
  before = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &run);
  after = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &run);
  gtk_widget_add_tick_callback (widget, tick_cb, &run, NULL);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  /* The last frame's paint. */
  for (int k = 0; k < 3; k++)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, after);
  qsort (run.samples, run.n_samples, sizeof (double), compare);
  qsort (run.cpu, run.n_samples, sizeof (double), compare);
  p95 = run.samples[(guint) (run.n_samples * 0.95)];
  g_print ("  %-40s wall median %6.2f  p95 %6.2f  max %6.2f ms (%u frames)\n", label,
           run.samples[run.n_samples / 2], p95, run.samples[run.n_samples - 1], run.n_samples);
  g_print ("  %-40s  cpu median %6.2f  p95 %6.2f  max %6.2f ms\n", "", run.cpu[run.n_samples / 2],
           run.cpu[(guint) (run.n_samples * 0.95)], run.cpu[run.n_samples - 1]);
  if (cpu_p95 != NULL)
    *cpu_p95 = run.cpu[(guint) (run.n_samples * 0.95)];
  return p95;
}

static long
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static GtkWidget *
window_with (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_set_child (GTK_WINDOW (window), child);
  return window;
}

static void
first_paint_cb (GdkFrameClock *clock, gint64 *at)
{
  (void) clock;
  if (*at == 0)
    *at = g_get_monotonic_time ();
}

static PuratanSoftProof *
default_proof (void)
{
  g_autoptr (PuratanPressCondition) condition = puratan_press_condition_get_default (NULL);
  g_autoptr (PuratanIccProfile) press = puratan_press_condition_load_profile (condition, NULL);
  g_autoptr (PuratanIccProfile) srgb = puratan_icc_profile_new_srgb ();
  PuratanProofOptions options;

  puratan_proof_options_init (&options);
  return puratan_soft_proof_new (srgb, press, srgb, &options, NULL);
}

int
main (int argc, char *argv[])
{
  g_autoptr (PuratanDocument) doc = NULL;
  g_autoptr (PuratanDocument) book = NULL;
  GtkWidget *view, *window, *canvas;
  Baseline *baseline;
  gint64 opened, painted = 0;
  double first_ms, ready_ms, pan_off, pan_on, zoom_off, zoom_on, cx, cy;
  double pan_on_cpu = 0, zoom_off_cpu = 0, zoom_on_cpu = 0, load[3] = { 0 };
  long rss_open, rss_all;
  gboolean ok = TRUE;

  gtk_init ();
  doc = thousand_items ();
  cx = MM (105);
  cy = MM (148.5);

  /* Opening: the window, the view and the design, to the first frame. */
  opened = g_get_monotonic_time ();
  view = puratan_canvas_view_new ();
  canvas = GTK_WIDGET (puratan_canvas_view_get_canvas (PURATAN_CANVAS_VIEW (view)));
  window = window_with (view);
  puratan_selection_set_document (puratan_canvas_get_selection (PURATAN_CANVAS (canvas)), doc);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (canvas))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (canvas), "after-paint", G_CALLBACK (first_paint_cb),
                    &painted);
  while (painted == 0)
    g_main_context_iteration (NULL, TRUE);
  first_ms = (painted - opened) / 1000.0;
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (canvas), first_paint_cb,
                                        &painted);
  spin_until (canvas_ready, PURATAN_CANVAS (canvas));
  ready_ms = (g_get_monotonic_time () - opened) / 1000.0;

  g_print ("bench-canvas: an A4 page of %d items in a 1400 × 900 window, GSK %s\n", N_ITEMS,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_print ("  first frame after opening (pasteboard, page)   %7.1f ms\n", first_ms);
  g_print ("  first frame with every visible item drawn      %7.1f ms\n", ready_ms);

  g_print ("canvas (tiles):\n");
  pan_off = measure (canvas, MOVE_PAN, "pan at 100 %, soft proof off", 1.0, cx, cy / 2, NULL);
  zoom_off = measure (canvas, MOVE_ZOOM, "zoom steps 50 %-150 %, soft proof off", 0.5, cx, cy,
                      &zoom_off_cpu);
  puratan_canvas_set_soft_proof (PURATAN_CANVAS (canvas), TRUE);
  spin_until (canvas_ready, PURATAN_CANVAS (canvas));
  pan_on = measure (canvas, MOVE_PAN, "pan at 100 %, soft proof on", 1.0, cx, cy / 2, &pan_on_cpu);
  zoom_on = measure (canvas, MOVE_ZOOM, "zoom steps 50 %-150 %, soft proof on", 0.5, cx, cy,
                     &zoom_on_cpu);
  gtk_window_destroy (GTK_WINDOW (window));
  /* --canvas-only: for profiling the canvas, without the slow baseline. */
  if (argc > 1 && g_str_equal (argv[1], "--canvas-only"))
    return 0;

  /* The baseline in the same window size, on the same design. */
  baseline = g_object_new (BASELINE_TYPE, NULL);
  baseline->renderer = puratan_renderer_new (doc, NULL, NULL);
  baseline->zoom = 1.0;
  window = window_with (GTK_WIDGET (baseline));
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (baseline)))
    g_main_context_iteration (NULL, TRUE);
  g_print ("baseline (whole view through the renderer every frame):\n");
  measure (GTK_WIDGET (baseline), MOVE_PAN, "pan at 100 %, soft proof off", 1.0, cx, cy / 2, NULL);
  measure (GTK_WIDGET (baseline), MOVE_ZOOM, "zoom steps 50 %-150 %, soft proof off", 0.5, cx, cy,
           NULL);
  baseline->proof = default_proof ();
  measure (GTK_WIDGET (baseline), MOVE_PAN, "pan at 100 %, soft proof on", 1.0, cx, cy / 2, NULL);
  measure (GTK_WIDGET (baseline), MOVE_ZOOM, "zoom steps 50 %-150 %, soft proof on", 0.5, cx, cy,
           NULL);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Memory with a 100-page design open, then after showing every page once. */
  book = bench_design_pages (100);
  view = puratan_canvas_view_new ();
  canvas = GTK_WIDGET (puratan_canvas_view_get_canvas (PURATAN_CANVAS_VIEW (view)));
  window = window_with (view);
  puratan_selection_set_document (puratan_canvas_get_selection (PURATAN_CANVAS (canvas)), book);
  gtk_window_present (GTK_WINDOW (window));
  spin_until (canvas_ready, PURATAN_CANVAS (canvas));
  rss_open = rss_kb ();
  for (guint p = 1; p < 100; p++)
    {
      puratan_selection_set_page (puratan_canvas_get_selection (PURATAN_CANVAS (canvas)), p);
      spin_until (canvas_ready, PURATAN_CANVAS (canvas));
    }
  rss_all = rss_kb ();
  gtk_window_destroy (GTK_WINDOW (window));
  g_print ("resident memory, 100-page design open       %7.1f MB\n", rss_open / 1024.0);
  g_print ("resident memory, after showing all 100 pages %7.1f MB\n", rss_all / 1024.0);

#define TARGET(label, value, limit)                                    \
  do                                                                   \
    {                                                                  \
      gboolean met = (value) <= (limit);                               \
      ok = ok && met;                                                  \
      g_print ("  target %-34s %s\n", label, met ? "met" : "NOT met"); \
    }                                                                  \
  while (0)
  if (getloadavg (load, 3) < 0)
    load[0] = -1;
  g_print ("targets (load average %.1f on %u CPUs during the run):\n", load[0],
           g_get_num_processors ());
  TARGET ("pan p95 <= 8 ms with soft proof on:", pan_on, 8.0);
  TARGET ("  the same in the frame's CPU time:", pan_on_cpu, 8.0);
  TARGET ("zoom step p95 <= 16 ms:", MAX (zoom_off, zoom_on), 16.0);
  TARGET ("  the same in the frame's CPU time:", MAX (zoom_off_cpu, zoom_on_cpu), 16.0);
  TARGET ("first frame <= 150 ms:", first_ms, 150.0);
  TARGET ("RSS <= 300 MB with 100 pages:", MAX (rss_open, rss_all) / 1024.0, 300.0);
  (void) pan_off;
  return 0;
}

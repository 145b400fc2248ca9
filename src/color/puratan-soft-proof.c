/* puratan-soft-proof.c: showing on screen how the press will print
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A soft proof is built once per press condition and option set, off the UI thread: Little
 * CMS's proofing transform is sampled into a 3D table (see puratan-proof-lut-private.h),
 * with a gamut flag per node taken from Little CMS's own gamut check. Each frame is then
 * evaluated from the table by every core, in chunks of rows handed out on demand.
 */
#include "puratan-soft-proof-private.h"

#include "puratan-color-error.h"
#include "puratan-gamut-private.h"
#include "puratan-icc-profile-private.h"
#include "puratan-proof-lut-private.h"

#define CHUNK_ROWS             16
#define MIN_PIXELS_FOR_THREADS 65536
#define COARSE_GRID            ((LUT_GRID + 1) / 2)

G_STATIC_ASSERT (LUT_GRID % 2 == 1);

struct _PuratanSoftProof
{
  GObject parent_instance;

  PuratanProofOptions options;
  PuratanProofLut lut;
};

G_DEFINE_FINAL_TYPE (PuratanSoftProof, puratan_soft_proof, G_TYPE_OBJECT)

static void
puratan_soft_proof_finalize (GObject *object)
{
  PuratanSoftProof *self = PURATAN_SOFT_PROOF (object);

  g_clear_pointer (&self->lut.nodes, g_free);

  G_OBJECT_CLASS (puratan_soft_proof_parent_class)->finalize (object);
}

static void
puratan_soft_proof_class_init (PuratanSoftProofClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = puratan_soft_proof_finalize;
}

static void
puratan_soft_proof_init (PuratanSoftProof *self)
{
}

/**
 * puratan_proof_options_init:
 * @options: (out caller-allocates): options to fill
 *
 * Fills @options with the defaults: relative colorimetric with black-point compensation,
 * paper white mapped to screen white, no gamut warning, warning colour bright green-grey
 * (0x00ff80).
 */
void
puratan_proof_options_init (PuratanProofOptions *options)
{
  g_return_if_fail (options != NULL);

  options->intent = PURATAN_INTENT_RELATIVE;
  options->black_point_compensation = TRUE;
  options->simulate_paper = FALSE;
  options->gamut_warning = FALSE;
  options->warning_color = 0x00ff80;
}

cmsHTRANSFORM
puratan_soft_proof_create_lcms_transform (PuratanLcms *lcms,
                                          PuratanIccProfile *working,
                                          PuratanIccProfile *press,
                                          PuratanIccProfile *display,
                                          const PuratanProofOptions *options,
                                          cmsUInt32Number input_format,
                                          cmsUInt32Number output_format,
                                          const cmsUInt16Number *alarm,
                                          cmsUInt32Number extra_flags,
                                          GError **error)
{
  cmsContext context = puratan_lcms_context (lcms);
  cmsHPROFILE handles[3] = { NULL, NULL, NULL };
  cmsHTRANSFORM transform = NULL;
  cmsUInt32Number flags = cmsFLAGS_SOFTPROOFING | extra_flags;

  handles[0] = puratan_icc_profile_open (working, lcms, error);
  if (handles[0] != NULL)
    handles[1] = puratan_icc_profile_open (press, lcms, error);
  if (handles[1] != NULL)
    handles[2] = puratan_icc_profile_open (display, lcms, error);

  if (handles[2] != NULL)
    {
      if (options->black_point_compensation)
        flags |= cmsFLAGS_BLACKPOINTCOMPENSATION;
      if (alarm != NULL)
        {
          cmsUInt16Number codes[cmsMAXCHANNELS] = { 0 };

          memcpy (codes, alarm, 3 * sizeof (cmsUInt16Number));
          cmsSetAlarmCodesTHR (context, codes);
          flags |= cmsFLAGS_GAMUTCHECK;
        }
      transform = cmsCreateProofingTransformTHR (
          context, handles[0], input_format, handles[2], output_format, handles[1],
          (cmsUInt32Number) options->intent,
          options->simulate_paper ? INTENT_ABSOLUTE_COLORIMETRIC : INTENT_RELATIVE_COLORIMETRIC,
          flags);
      if (transform == NULL)
        puratan_lcms_set_error (lcms, error, PURATAN_COLOR_ERROR_TRANSFORM,
                                "Cannot build the soft-proofing transform");
    }

  for (guint i = 0; i < G_N_ELEMENTS (handles); i++)
    if (handles[i] != NULL)
      cmsCloseProfile (handles[i]);
  return transform;
}

static gboolean
check_profiles (PuratanIccProfile *working,
                PuratanIccProfile *press,
                PuratanIccProfile *display,
                GError **error)
{
  if (!puratan_icc_profile_check_role (working, PURATAN_PROFILE_ROLE_RGB, error))
    {
      g_prefix_error (error, "Working space: ");
      return FALSE;
    }
  if (!puratan_icc_profile_check_role (press, PURATAN_PROFILE_ROLE_PRESS, error))
    {
      g_prefix_error (error, "Press: ");
      return FALSE;
    }
  if (!puratan_icc_profile_check_role (display, PURATAN_PROFILE_ROLE_RGB, error))
    {
      g_prefix_error (error, "Display: ");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  cmsHTRANSFORM transform;
  const guint16 *input;
  guint16 *output;
  guint n;
} Sampling;

static gpointer
sample_part (gpointer data)
{
  Sampling *part = data;

  cmsDoTransform (part->transform, part->input, part->output, part->n);
  return NULL;
}

/* Without its one-pixel cache a Little CMS transform may be used by two threads at once. */
static void
sample_on_two_threads (cmsHTRANSFORM transform, const guint16 *input, guint16 *output, guint n)
{
  Sampling parts[2] = {
    { transform, input, output, n / 2 },
    { transform, input + 3 * (n / 2), output + 3 * (n / 2), n - n / 2 },
  };
  GThread *helper = g_thread_new ("puratan-proof-lut", sample_part, &parts[1]);

  sample_part (&parts[0]);
  g_thread_join (helper);
}

static inline guint16
node_input (guint i)
{
  return (guint16) ((i * 65535u + (LUT_GRID - 1) / 2) / (LUT_GRID - 1));
}

/* The gamut excess is measured on every other node (a grid as fine as Little CMS's own
 * gamut table) and interpolated between them, which keeps building under 150 ms. */
static gboolean
measure_gamut (PuratanSoftProof *self,
               PuratanIccProfile *working,
               PuratanIccProfile *press,
               guint8 *gamut,
               GError **error)
{
  const guint c = COARSE_GRID;
  g_autofree guint16 *input = g_new (guint16, 3 * c * c * c);
  g_autofree guint8 *coarse = g_new (guint8, c * c * c);
  guint k = 0;

  for (guint r = 0; r < c; r++)
    for (guint g = 0; g < c; g++)
      for (guint b = 0; b < c; b++, k += 3)
        {
          input[k] = node_input (2 * r);
          input[k + 1] = node_input (2 * g);
          input[k + 2] = node_input (2 * b);
        }
  if (!puratan_gamut_measure (working, press, self->options.intent,
                              self->options.black_point_compensation, input, c * c * c, coarse,
                              error))
    return FALSE;

  k = 0;
  for (guint r = 0; r < LUT_GRID; r++)
    for (guint g = 0; g < LUT_GRID; g++)
      for (guint b = 0; b < LUT_GRID; b++, k++)
        {
          guint r0 = r / 2, g0 = g / 2, b0 = b / 2;
          guint r1 = r0 + r % 2, g1 = g0 + g % 2, b1 = b0 + b % 2;
          guint sum = 0;

          /* Mean of the (up to eight) coarse corners around the node. */
          sum += coarse[(r0 * c + g0) * c + b0] + coarse[(r0 * c + g0) * c + b1];
          sum += coarse[(r0 * c + g1) * c + b0] + coarse[(r0 * c + g1) * c + b1];
          sum += coarse[(r1 * c + g0) * c + b0] + coarse[(r1 * c + g0) * c + b1];
          sum += coarse[(r1 * c + g1) * c + b0] + coarse[(r1 * c + g1) * c + b1];
          gamut[k] = (guint8) ((sum + 4) / 8);
        }
  return TRUE;
}

static gboolean
sample_table (PuratanSoftProof *self,
              PuratanIccProfile *working,
              PuratanIccProfile *press,
              PuratanIccProfile *display,
              GError **error)
{
  const guint n = LUT_GRID * LUT_GRID * LUT_GRID;
  g_autoptr (PuratanLcms) lcms = puratan_lcms_new ();
  g_autofree guint16 *input = g_new (guint16, 3 * n);
  g_autofree guint16 *proofed = g_new (guint16, 3 * n);
  g_autofree guint8 *gamut = g_new0 (guint8, n);
  cmsHTRANSFORM transform;
  guint k = 0;

  for (guint r = 0; r < LUT_GRID; r++)
    for (guint g = 0; g < LUT_GRID; g++)
      for (guint b = 0; b < LUT_GRID; b++, k += 3)
        {
          input[k] = node_input (r);
          input[k + 1] = node_input (g);
          input[k + 2] = node_input (b);
        }

  /* Nodes come from the full-precision pipeline, not from a table Little CMS would
   * otherwise precompute (and we would interpolate twice). */
  transform = puratan_soft_proof_create_lcms_transform (
      lcms, working, press, display, &self->options, TYPE_RGB_16, TYPE_RGB_16, NULL,
      cmsFLAGS_NOOPTIMIZE | cmsFLAGS_NOCACHE, error);
  if (transform == NULL)
    return FALSE;
  sample_on_two_threads (transform, input, proofed, n);
  cmsDeleteTransform (transform);

  if (self->options.gamut_warning && !measure_gamut (self, working, press, gamut, error))
    return FALSE;

  self->lut.nodes = g_new0 (guint64, LUT_N_NODES);
  k = 0;
  for (guint r = 0; r < LUT_GRID; r++)
    for (guint g = 0; g < LUT_GRID; g++)
      for (guint b = 0; b < LUT_GRID; b++, k++)
        self->lut.nodes[r * LUT_STRIDE_R + g * LUT_STRIDE_G + b * LUT_STRIDE_B] =
            puratan_proof_lut_node (proofed[3 * k], proofed[3 * k + 1], proofed[3 * k + 2],
                                    gamut[k]);
  return TRUE;
}

/**
 * puratan_soft_proof_new:
 * @working: the RGB working space the pixels are in
 * @press: the press condition's CMYK output profile
 * @display: (nullable): the display profile; %NULL for sRGB
 * @options: how to proof; see puratan_proof_options_init()
 * @error: return location for a #GError
 *
 * Builds a soft proof. This blocks for tens of milliseconds while Little CMS samples the
 * transform: from the UI thread use puratan_soft_proof_new_async(). Profiles of the wrong
 * class or colour space give %PURATAN_COLOR_ERROR_WRONG_CLASS or
 * %PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE.
 *
 * Returns: (transfer full) (nullable): the soft proof, or %NULL with @error set
 */
PuratanSoftProof *
puratan_soft_proof_new (PuratanIccProfile *working,
                        PuratanIccProfile *press,
                        PuratanIccProfile *display,
                        const PuratanProofOptions *options,
                        GError **error)
{
  g_autoptr (PuratanSoftProof) self = NULL;
  g_autoptr (PuratanIccProfile) srgb = NULL;

  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (working), NULL);
  g_return_val_if_fail (PURATAN_IS_ICC_PROFILE (press), NULL);
  g_return_val_if_fail (display == NULL || PURATAN_IS_ICC_PROFILE (display), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail ((guint) options->intent <= PURATAN_INTENT_ABSOLUTE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display == NULL)
    display = srgb = puratan_icc_profile_new_srgb ();
  if (!check_profiles (working, press, display, error))
    return NULL;

  self = g_object_new (PURATAN_TYPE_SOFT_PROOF, NULL);
  self->options = *options;
  self->options.warning_color &= 0xffffffu;
  self->lut.gamut_warning = options->gamut_warning;
  self->lut.warning_pixel = 0xff000000u | self->options.warning_color;
  if (!sample_table (self, working, press, display, error))
    return NULL;
  return g_steal_pointer (&self);
}

typedef struct
{
  PuratanIccProfile *working;
  PuratanIccProfile *press;
  PuratanIccProfile *display;
  PuratanProofOptions options;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_clear_object (&data->working);
  g_clear_object (&data->press);
  g_clear_object (&data->display);
  g_free (data);
}

static void
build_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  BuildData *data = task_data;
  GError *error = NULL;
  PuratanSoftProof *proof;

  if (g_task_return_error_if_cancelled (task))
    return;
  proof =
      puratan_soft_proof_new (data->working, data->press, data->display, &data->options, &error);
  if (proof == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, proof, g_object_unref);
}

/**
 * puratan_soft_proof_new_async:
 * @working: the RGB working space the pixels are in
 * @press: the press condition's CMYK output profile
 * @display: (nullable): the display profile; %NULL for sRGB
 * @options: how to proof; copied
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when the proof is built
 * @user_data: data for @callback
 *
 * Builds a soft proof in a worker thread; see puratan_soft_proof_new().
 */
void
puratan_soft_proof_new_async (PuratanIccProfile *working,
                              PuratanIccProfile *press,
                              PuratanIccProfile *display,
                              const PuratanProofOptions *options,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  BuildData *data;

  g_return_if_fail (PURATAN_IS_ICC_PROFILE (working));
  g_return_if_fail (PURATAN_IS_ICC_PROFILE (press));
  g_return_if_fail (display == NULL || PURATAN_IS_ICC_PROFILE (display));
  g_return_if_fail (options != NULL);

  data = g_new0 (BuildData, 1);
  data->working = g_object_ref (working);
  data->press = g_object_ref (press);
  data->display = display != NULL ? g_object_ref (display) : NULL;
  data->options = *options;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_soft_proof_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_in_thread);
}

/**
 * puratan_soft_proof_new_finish:
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the soft proof, or %NULL with @error set
 */
PuratanSoftProof *
puratan_soft_proof_new_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == puratan_soft_proof_new_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * puratan_soft_proof_get_options:
 * @self: a soft proof
 * @options: (out caller-allocates): where to copy the options @self was built with
 */
void
puratan_soft_proof_get_options (PuratanSoftProof *self, PuratanProofOptions *options)
{
  g_return_if_fail (PURATAN_IS_SOFT_PROOF (self));
  g_return_if_fail (options != NULL);

  *options = self->options;
}

typedef struct
{
  const PuratanProofLut *lut;
  const guint8 *src;
  guint8 *dst;
  int src_stride;
  int dst_stride;
  int width;
  int height;
  gboolean opaque;
  int next_chunk;
  int n_chunks;
  int pending_helpers;
  GMutex lock;
  GCond done;
} Batch;

static void
run_chunks (Batch *batch)
{
  for (;;)
    {
      int chunk = g_atomic_int_add (&batch->next_chunk, 1);
      int first = chunk * CHUNK_ROWS;

      if (chunk >= batch->n_chunks)
        return;
      for (int y = first; y < MIN (first + CHUNK_ROWS, batch->height); y++)
        puratan_proof_lut_run (batch->lut,
                               (const guint32 *) (batch->src + (gsize) y * batch->src_stride),
                               (guint32 *) (batch->dst + (gsize) y * batch->dst_stride),
                               (gsize) batch->width, batch->opaque);
    }
}

static void
helper_run (gpointer data, gpointer user_data)
{
  Batch *batch = data;

  run_chunks (batch);
  g_mutex_lock (&batch->lock);
  batch->pending_helpers--;
  g_cond_signal (&batch->done);
  g_mutex_unlock (&batch->lock);
}

static GThreadPool *
get_pool (guint *n_helpers)
{
  static GThreadPool *pool = NULL;
  static guint helpers = 0;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *created;

      helpers = CLAMP (g_get_num_processors (), 1u, 16u) - 1u;
      created = g_thread_pool_new (helper_run, NULL, (int) MAX (helpers, 1u), FALSE, NULL);
      g_once_init_leave (&pool, created);
    }
  *n_helpers = helpers;
  return pool;
}

/**
 * puratan_soft_proof_process:
 * @self: a soft proof
 * @src: (array): premultiplied ARGB32 pixels in native byte order, as Cairo stores them
 * @src_stride: bytes from one row of @src to the next
 * @dst: (array): where the proofed pixels go; may be @src (with the same stride)
 * @dst_stride: bytes from one row of @dst to the next
 * @width: pixels per row
 * @height: number of rows
 * @opaque: treat every pixel as opaque (Cairo RGB24)
 *
 * Soft-proofs a frame on every core. Fully transparent pixels stay transparent; partly
 * transparent ones are unpremultiplied, proofed and premultiplied again. Safe to call
 * from several threads at once.
 */
void
puratan_soft_proof_process (PuratanSoftProof *self,
                            const guint8 *src,
                            int src_stride,
                            guint8 *dst,
                            int dst_stride,
                            int width,
                            int height,
                            gboolean opaque)
{
  Batch batch = { 0 };
  GThreadPool *pool;
  guint n_helpers;

  g_return_if_fail (PURATAN_IS_SOFT_PROOF (self));
  g_return_if_fail (width >= 0 && height >= 0);
  g_return_if_fail (src != NULL || width * height == 0);
  g_return_if_fail (dst != NULL || width * height == 0);
  g_return_if_fail (src_stride >= width * 4 && dst_stride >= width * 4);

  if (width == 0 || height == 0)
    return;

  batch.lut = &self->lut;
  batch.src = src;
  batch.dst = dst;
  batch.src_stride = src_stride;
  batch.dst_stride = dst_stride;
  batch.width = width;
  batch.height = height;
  batch.opaque = opaque;
  batch.n_chunks = (height + CHUNK_ROWS - 1) / CHUNK_ROWS;

  pool = get_pool (&n_helpers);
  if ((gint64) width * height < MIN_PIXELS_FOR_THREADS || n_helpers == 0)
    {
      run_chunks (&batch);
      return;
    }

  g_mutex_init (&batch.lock);
  g_cond_init (&batch.done);
  n_helpers = MIN (n_helpers, (guint) batch.n_chunks - 1);
  batch.pending_helpers = (int) n_helpers;
  for (guint i = 0; i < n_helpers; i++)
    g_thread_pool_push (pool, &batch, NULL);
  run_chunks (&batch);

  g_mutex_lock (&batch.lock);
  while (batch.pending_helpers > 0)
    g_cond_wait (&batch.done, &batch.lock);
  g_mutex_unlock (&batch.lock);
  g_mutex_clear (&batch.lock);
  g_cond_clear (&batch.done);
}

/**
 * puratan_soft_proof_apply:
 * @self: a soft proof
 * @surface: a Cairo image surface in ARGB32 or RGB24 format
 * @error: return location for a #GError
 *
 * Soft-proofs @surface in place; see puratan_soft_proof_process().
 *
 * Returns: %TRUE on success; %FALSE with %PURATAN_COLOR_ERROR_UNSUPPORTED_SURFACE for other
 *   surfaces or formats
 */
gboolean
puratan_soft_proof_apply (PuratanSoftProof *self, cairo_surface_t *surface, GError **error)
{
  cairo_format_t format;
  guint8 *data;
  int stride;

  g_return_val_if_fail (PURATAN_IS_SOFT_PROOF (self), FALSE);
  g_return_val_if_fail (surface != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_IMAGE)
    {
      g_set_error_literal (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_UNSUPPORTED_SURFACE,
                           "Only valid Cairo image surfaces can be soft-proofed");
      return FALSE;
    }
  format = cairo_image_surface_get_format (surface);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    {
      g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_UNSUPPORTED_SURFACE,
                   "Cannot soft-proof a Cairo surface in format %d; use ARGB32 or RGB24", format);
      return FALSE;
    }

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  puratan_soft_proof_process (
      self, data, stride, data, stride, cairo_image_surface_get_width (surface),
      cairo_image_surface_get_height (surface), format == CAIRO_FORMAT_RGB24);
  cairo_surface_mark_dirty (surface);
  return TRUE;
}

/* puratan-proof-lut.c: scalar evaluation of the soft-proof table, and kernel dispatch
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-proof-lut-private.h"

static inline guint32
mulhi (guint32 lane, guint32 weight)
{
  return (lane * weight) >> 16;
}

/* Weight (0..256) as the 16-bit multiplier the kernels use: w << 8, with 256 saturated. */
static inline guint32
weight16 (guint32 w)
{
  return MIN (w << 8, 65535u);
}

/**
 * puratan_proof_lut_eval_opaque:
 * @lut: a filled table
 * @pixel: an opaque ARGB32 pixel (the alpha byte is ignored)
 *
 * Returns: the soft-proofed opaque pixel, or the warning colour if gamut warning is on and
 *   the colour is out of the press gamut
 */
guint32
puratan_proof_lut_eval_opaque (const PuratanProofLut *lut, guint32 pixel)
{
  guint32 xr = (((pixel >> 16) & 255u) * LUT_SCALE) >> 16;
  guint32 xg = (((pixel >> 8) & 255u) * LUT_SCALE) >> 16;
  guint32 xb = ((pixel & 255u) * LUT_SCALE) >> 16;
  guint32 fr = xr & 255u, fg = xg & 255u, fb = xb & 255u;
  guint32 base = (xr >> 8) * LUT_STRIDE_R + (xg >> 8) * LUT_STRIDE_G + (xb >> 8);
  guint32 fmax = MAX (MAX (fr, fg), fb);
  guint32 fmin = MIN (MIN (fr, fg), fb);
  guint32 fmid = fr + fg + fb - fmax - fmin;
  guint32 off_max, off_min, index[4], weight[4], out = 0;

  /* The axis with the largest fraction is crossed first, the smallest last. */
  if (fr >= fg && fr >= fb)
    off_max = LUT_STRIDE_R;
  else if (fg >= fb)
    off_max = LUT_STRIDE_G;
  else
    off_max = LUT_STRIDE_B;
  if (fb <= fr && fb <= fg)
    off_min = LUT_STRIDE_B;
  else if (fg <= fr)
    off_min = LUT_STRIDE_G;
  else
    off_min = LUT_STRIDE_R;

  index[0] = base;
  index[1] = base + off_max;
  index[2] = base + LUT_STRIDE_ALL - off_min;
  index[3] = base + LUT_STRIDE_ALL;
  weight[0] = weight16 (256u - fmax);
  weight[1] = weight16 (fmax - fmid);
  weight[2] = weight16 (fmid - fmin);
  weight[3] = weight16 (fmin);

  for (guint lane = 0; lane < 4; lane++)
    {
      guint32 acc = 0;

      for (guint v = 0; v < 4; v++)
        acc += mulhi ((guint32) (lut->nodes[index[v]] >> (16 * lane)) & 0xffffu, weight[v]);
      out |= MIN ((acc + 128u) >> 8, 255u) << (8 * lane);
    }

  if (lut->gamut_warning && (out >> 24) != 0u)
    return lut->warning_pixel;
  return out | 0xff000000u;
}

static inline guint32
unpremultiply (guint32 c, guint32 a)
{
  return MIN ((c * 255u + a / 2u) / a, 255u);
}

static inline guint32
premultiply (guint32 c, guint32 a)
{
  guint32 t = c * a + 128u;
  return (t + (t >> 8)) >> 8;
}

static guint32
eval_any (const PuratanProofLut *lut, guint32 pixel)
{
  guint32 a = pixel >> 24, straight, out;

  if (a == 255u)
    return puratan_proof_lut_eval_opaque (lut, pixel);
  if (a == 0u)
    return 0u;

  straight = (unpremultiply ((pixel >> 16) & 255u, a) << 16) |
             (unpremultiply ((pixel >> 8) & 255u, a) << 8) | unpremultiply (pixel & 255u, a);
  out = puratan_proof_lut_eval_opaque (lut, straight);
  return (a << 24) | (premultiply ((out >> 16) & 255u, a) << 16) |
         (premultiply ((out >> 8) & 255u, a) << 8) | premultiply (out & 255u, a);
}

/**
 * puratan_proof_lut_run_scalar:
 * @lut: a filled table
 * @src: premultiplied ARGB32 pixels
 * @dst: where the proofed pixels go; may be @src
 * @n_pixels: number of pixels
 * @force_opaque: treat every pixel as opaque (Cairo RGB24, whose alpha byte is undefined)
 *
 * The portable kernel. Runs of one colour are computed once.
 */
void
puratan_proof_lut_run_scalar (const PuratanProofLut *lut,
                              const guint32 *src,
                              guint32 *dst,
                              gsize n_pixels,
                              gboolean force_opaque)
{
  guint32 mask = force_opaque ? 0xff000000u : 0u;
  guint32 last_in = 0u, last_out = 0u;

  for (gsize i = 0; i < n_pixels; i++)
    {
      guint32 pixel = src[i] | mask;

      if (i == 0 || pixel != last_in)
        {
          last_in = pixel;
          last_out = eval_any (lut, pixel);
        }
      dst[i] = last_out;
    }
}

/**
 * puratan_proof_lut_run:
 * @lut: a filled table
 * @src: premultiplied ARGB32 pixels
 * @dst: where the proofed pixels go; may be @src
 * @n_pixels: number of pixels
 * @force_opaque: treat every pixel as opaque
 *
 * Runs the AVX2 kernel where the processor has it, else the scalar one. Both give the
 * same bytes. Setting PURATAN_NO_SIMD in the environment forces the scalar kernel.
 */
void
puratan_proof_lut_run (const PuratanProofLut *lut,
                       const guint32 *src,
                       guint32 *dst,
                       gsize n_pixels,
                       gboolean force_opaque)
{
  static gsize use_avx2 = 0;

  if (g_once_init_enter (&use_avx2))
    {
      gboolean avx2 = puratan_proof_lut_have_avx2 () && g_getenv ("PURATAN_NO_SIMD") == NULL;
      g_once_init_leave (&use_avx2, avx2 ? 2 : 1);
    }

  if (use_avx2 == 2)
    puratan_proof_lut_run_avx2 (lut, src, dst, n_pixels, force_opaque);
  else
    puratan_proof_lut_run_scalar (lut, src, dst, n_pixels, force_opaque);
}

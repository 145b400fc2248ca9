/* puratan-proof-lut-avx2.c: the AVX2 kernel of the soft-proof table
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Eight opaque pixels at a time: indices and tetrahedral weights in 32-bit lanes, the four
 * vertices of each pixel fetched with 64-bit loads (one node = four 16-bit lanes), then
 * weighted with unsigned high multiplies and packed straight back to ARGB32 bytes.
 * On random pixels about half the time goes to these loads, which miss L1 and hit L2;
 * AVX2 gather instructions were slower than plain loads on the processors measured. Blocks
 * with any non-opaque pixel go through the scalar code, which unpremultiplies; blocks
 * equal to the previous colour reuse its result. The arithmetic matches
 * puratan_proof_lut_eval_opaque() exactly.
 */
#include "puratan-proof-lut-private.h"

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

#define AVX2 __attribute__ ((target ("avx2")))

gboolean
puratan_proof_lut_have_avx2 (void)
{
  __builtin_cpu_init ();
  return __builtin_cpu_supports ("avx2");
}

AVX2 static inline __m128i
load2 (const guint64 *nodes, guint32 first, guint32 second)
{
  return _mm_insert_epi64 (_mm_loadl_epi64 ((const __m128i *) (nodes + first)),
                           (long long) nodes[second], 1);
}

/* Adds the nodes at @index weighted by @pair (each pixel's 16-bit weight in both halves of
 * its 32-bit lane) to the sums: @even gets pixels 0, 1, 4 and 5 (one per 64-bit lane), @odd
 * pixels 2, 3, 6 and 7, the order in which packing them puts them back. */
AVX2 static inline void
accumulate (const guint64 *nodes, __m256i index, __m256i pair, __m256i *even, __m256i *odd)
{
  guint32 idx[8] __attribute__ ((aligned (32)));
  __m256i n_even, n_odd;

  _mm256_store_si256 ((__m256i *) idx, index);
  n_even = _mm256_inserti128_si256 (_mm256_castsi128_si256 (load2 (nodes, idx[0], idx[1])),
                                    load2 (nodes, idx[4], idx[5]), 1);
  n_odd = _mm256_inserti128_si256 (_mm256_castsi128_si256 (load2 (nodes, idx[2], idx[3])),
                                   load2 (nodes, idx[6], idx[7]), 1);
  *even = _mm256_add_epi16 (*even, _mm256_mulhi_epu16 (n_even, _mm256_unpacklo_epi32 (pair, pair)));
  *odd = _mm256_add_epi16 (*odd, _mm256_mulhi_epu16 (n_odd, _mm256_unpackhi_epi32 (pair, pair)));
}

/* A weight of 0 to 256 as the 16-bit multiplier w << 8 (256 saturated to 65535), in both
 * halves of each 32-bit lane. */
AVX2 static inline __m256i
weight_pair (__m256i w)
{
  __m256i w16 = _mm256_min_epi32 (_mm256_slli_epi32 (w, 8), _mm256_set1_epi32 (65535));

  return _mm256_or_si256 (w16, _mm256_slli_epi32 (w16, 16));
}

/* The same for a weight known to be at most 255, which needs no saturation. */
AVX2 static inline __m256i
small_weight_pair (__m256i w)
{
  __m256i w16 = _mm256_slli_epi32 (w, 8);

  return _mm256_or_si256 (w16, _mm256_slli_epi32 (w16, 16));
}

/* x = v * LUT_SCALE >> 16 for channel values v of 0 to 255 in 32-bit lanes, with 16-bit
 * multiplies, as 32-bit ones proved slow: v * (LUT_GRID - 1) plus the high half of v times
 * the rest of the scale. */
AVX2 static inline __m256i
scale_channel (__m256i v)
{
  G_STATIC_ASSERT (LUT_SCALE - ((LUT_GRID - 1) << 16) < 65536);
  G_STATIC_ASSERT (LUT_STRIDE_R < 32768);

  return _mm256_add_epi32 (
      _mm256_mullo_epi16 (v, _mm256_set1_epi32 (LUT_GRID - 1)),
      _mm256_mulhi_epu16 (v, _mm256_set1_epi32 ((int) (LUT_SCALE - ((LUT_GRID - 1) << 16)))));
}

AVX2 static inline __m256i
eval8 (const PuratanProofLut *lut, __m256i p)
{
  /* Byte shuffles that zero-extend one channel of each pixel to 32 bits. */
  const __m256i blue = _mm256_setr_epi32 ((int) 0x80808000u, (int) 0x80808004u, (int) 0x80808008u,
                                          (int) 0x8080800cu, (int) 0x80808000u, (int) 0x80808004u,
                                          (int) 0x80808008u, (int) 0x8080800cu);
  const __m256i green = _mm256_add_epi32 (blue, _mm256_set1_epi32 (1));
  const __m256i red = _mm256_add_epi32 (blue, _mm256_set1_epi32 (2));
  const __m256i k255 = _mm256_set1_epi32 (255);
  const __m256i high_half = _mm256_set1_epi32 ((int) 0xffff0000u);
  const __m256i strides_gr = _mm256_set1_epi32 ((int) (LUT_STRIDE_G | (LUT_STRIDE_R << 16)));
  const __m256i alpha = _mm256_set1_epi32 ((int) 0xff000000u);
  const __m256i stride_r = _mm256_set1_epi32 (LUT_STRIDE_R);
  const __m256i stride_g = _mm256_set1_epi32 (LUT_STRIDE_G);
  const __m256i stride_b = _mm256_set1_epi32 (LUT_STRIDE_B);
  const guint64 *nodes = lut->nodes;
  __m256i xr, xg, xb, fr, fg, fb, base, fmax, fmin, fmid, g_gt_r, b_gt_r, b_gt_g;
  __m256i off_max, off_min, far, lo, hi, packed, out;

  xr = scale_channel (_mm256_shuffle_epi8 (p, red));
  xg = scale_channel (_mm256_shuffle_epi8 (p, green));
  xb = scale_channel (_mm256_shuffle_epi8 (p, blue));
  fr = _mm256_and_si256 (xr, k255);
  fg = _mm256_and_si256 (xg, k255);
  fb = _mm256_and_si256 (xb, k255);
  /* Red and green cells as 16-bit pairs, multiplied by their strides and summed at once. */
  base = _mm256_or_si256 (_mm256_srli_epi32 (xg, 8),
                          _mm256_and_si256 (_mm256_slli_epi32 (xr, 8), high_half));
  base = _mm256_add_epi32 (_mm256_madd_epi16 (base, strides_gr), _mm256_srli_epi32 (xb, 8));

  fmax = _mm256_max_epi32 (_mm256_max_epi32 (fr, fg), fb);
  fmin = _mm256_min_epi32 (_mm256_min_epi32 (fr, fg), fb);
  fmid = _mm256_sub_epi32 (_mm256_add_epi32 (_mm256_add_epi32 (fr, fg), fb),
                           _mm256_add_epi32 (fmax, fmin));

  g_gt_r = _mm256_cmpgt_epi32 (fg, fr);
  b_gt_r = _mm256_cmpgt_epi32 (fb, fr);
  b_gt_g = _mm256_cmpgt_epi32 (fb, fg);
  /* off_max: red if fr >= fg and fr >= fb, else green if fg >= fb, else blue. */
  off_max = _mm256_blendv_epi8 (stride_g, stride_b, b_gt_g);
  off_max = _mm256_blendv_epi8 (stride_r, off_max, _mm256_or_si256 (g_gt_r, b_gt_r));
  /* off_min: blue if fb <= fr and fb <= fg, else green if fg <= fr, else red. */
  off_min = _mm256_blendv_epi8 (stride_g, stride_r, g_gt_r);
  off_min = _mm256_blendv_epi8 (stride_b, off_min, _mm256_or_si256 (b_gt_r, b_gt_g));

  /* Only the first weight can reach 256 (all fractions 0); the rounding term starts the sums. */
  far = _mm256_add_epi32 (base, _mm256_set1_epi32 (LUT_STRIDE_ALL));
  lo = _mm256_set1_epi16 (128);
  hi = lo;
  accumulate (nodes, base, weight_pair (_mm256_sub_epi32 (_mm256_set1_epi32 (256), fmax)), &lo,
              &hi);
  accumulate (nodes, _mm256_add_epi32 (base, off_max),
              small_weight_pair (_mm256_sub_epi32 (fmax, fmid)), &lo, &hi);
  accumulate (nodes, _mm256_sub_epi32 (far, off_min),
              small_weight_pair (_mm256_sub_epi32 (fmid, fmin)), &lo, &hi);
  accumulate (nodes, far, small_weight_pair (fmin), &lo, &hi);

  lo = _mm256_srli_epi16 (lo, 8);
  hi = _mm256_srli_epi16 (hi, 8);
  packed = _mm256_packus_epi16 (lo, hi);

  out = _mm256_or_si256 (packed, alpha);
  if (lut->gamut_warning)
    out = _mm256_blendv_epi8 (
        _mm256_set1_epi32 ((int) lut->warning_pixel), out,
        _mm256_cmpeq_epi32 (_mm256_and_si256 (packed, alpha), _mm256_setzero_si256 ()));
  return out;
}

/**
 * puratan_proof_lut_run_avx2:
 * @lut: a filled table
 * @src: premultiplied ARGB32 pixels
 * @dst: where the proofed pixels go; may be @src
 * @n_pixels: number of pixels
 * @force_opaque: treat every pixel as opaque
 *
 * The AVX2 kernel; call only where puratan_proof_lut_have_avx2() is true.
 */
AVX2 void
puratan_proof_lut_run_avx2 (const PuratanProofLut *lut,
                            const guint32 *src,
                            guint32 *dst,
                            gsize n_pixels,
                            gboolean force_opaque)
{
  const __m256i alpha = _mm256_set1_epi32 ((int) 0xff000000u);
  const __m256i last_lane = _mm256_set1_epi32 (7);
  const __m256i force = force_opaque ? alpha : _mm256_setzero_si256 ();
  __m256i last_in, last_out;
  gsize i = 0;

  if (n_pixels < 8)
    {
      puratan_proof_lut_run_scalar (lut, src, dst, n_pixels, force_opaque);
      return;
    }

  /* Seed the run detector with a value no premultiplied pixel can take (alpha 0, colour). */
  last_in = _mm256_set1_epi32 (0x00ffffff);
  last_out = _mm256_setzero_si256 ();

  for (; i + 8 <= n_pixels; i += 8)
    {
      __m256i p = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *) (src + i)), force);
      __m256i out;

      if (_mm256_movemask_epi8 (_mm256_cmpeq_epi32 (p, last_in)) == -1)
        {
          _mm256_storeu_si256 ((__m256i *) (dst + i), last_out);
          continue;
        }
      if (_mm256_movemask_epi8 (_mm256_cmpeq_epi32 (_mm256_and_si256 (p, alpha), alpha)) != -1)
        {
          guint32 block[8];

          _mm256_storeu_si256 ((__m256i *) block, p);
          puratan_proof_lut_run_scalar (lut, block, dst + i, 8, FALSE);
          last_in = _mm256_set1_epi32 (0x00ffffff);
          last_out = _mm256_setzero_si256 ();
          continue;
        }
      out = eval8 (lut, p);
      _mm256_storeu_si256 ((__m256i *) (dst + i), out);
      last_in = _mm256_permutevar8x32_epi32 (p, last_lane);
      last_out = _mm256_permutevar8x32_epi32 (out, last_lane);
    }
  if (i < n_pixels)
    puratan_proof_lut_run_scalar (lut, src + i, dst + i, n_pixels - i, force_opaque);
}

#else

gboolean
puratan_proof_lut_have_avx2 (void)
{
  return FALSE;
}

void
puratan_proof_lut_run_avx2 (const PuratanProofLut *lut,
                            const guint32 *src,
                            guint32 *dst,
                            gsize n_pixels,
                            gboolean force_opaque)
{
  puratan_proof_lut_run_scalar (lut, src, dst, n_pixels, force_opaque);
}

#endif

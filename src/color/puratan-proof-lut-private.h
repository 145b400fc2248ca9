/* puratan-proof-lut-private.h: the 3D table behind the fast soft proof
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The soft-proofing transform (working RGB -> press CMYK -> display RGB) is sampled by
 * Little CMS on a LUT_GRID^3 grid of input colours. Each node holds four 16-bit lanes in
 * the byte order of a Cairo ARGB32 pixel: blue, green, red and the gamut excess, each the
 * 8-bit value times 256 (8.8 fixed point). The excess is 0 for printable colours, else how
 * far out the colour lies (see puratan-gamut-private.h); a pixel whose interpolated excess
 * rounds to 1 or more is out of gamut, as in Little CMS's own check.
 * A pixel is evaluated by tetrahedral interpolation between four nodes with 8-bit
 * fractions; the arithmetic is the same in the scalar and the AVX2 kernel, so both give
 * identical bytes. One padding node at the end of each axis keeps the far vertex of the
 * last cell in bounds (its weight is zero there).
 * The grid is 41 nodes a side. At 8 bytes a node the table is 579 KiB and stays in a
 * core's L2 cache even when every pixel lands in a different cell (random noise), which a
 * 49-node grid (1 MiB) did not: that made the kernel about a quarter slower on noise. A
 * 33-node grid (307 KiB) is a few per cent faster again but its worst ΔE2000 against
 * Little CMS's full-precision pipeline rises from 1.66 to 1.87 over the RGB cube, with
 * single pixels of a photograph past 2, all in dark tones, where one output step is worth
 * up to 2 ΔE2000.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LUT_GRID       41
#define LUT_DIM        (LUT_GRID + 1)
#define LUT_STRIDE_R   (LUT_DIM * LUT_DIM)
#define LUT_STRIDE_G   LUT_DIM
#define LUT_STRIDE_B   1u
#define LUT_STRIDE_ALL (LUT_STRIDE_R + LUT_STRIDE_G + LUT_STRIDE_B)
#define LUT_N_NODES    (LUT_STRIDE_R * LUT_DIM)
/* x = v * (LUT_GRID - 1) / 255 in 8.8 fixed point is (v * LUT_SCALE) >> 16; exact at 255. */
#define LUT_SCALE ((((guint32) (LUT_GRID - 1)) << 24) / 255u + 1u)

typedef struct
{
  guint64 *nodes; /* LUT_N_NODES entries */
  gboolean gamut_warning;
  guint32 warning_pixel; /* opaque 0xffRRGGBB shown where a colour is out of gamut */
} PuratanProofLut;

static inline guint64
puratan_proof_lut_node (guint16 red, guint16 green, guint16 blue, guint8 gamut_excess)
{
  /* 16-bit Little CMS output to 8.8 fixed point of the 8-bit value: v * 255 * 256 / 65535. */
#define LUT_FIX(v) ((guint64) (((guint32) (v) *65280u + 32767u) / 65535u))
  return LUT_FIX (blue) | (LUT_FIX (green) << 16) | (LUT_FIX (red) << 32) |
         ((guint64) gamut_excess << 56);
#undef LUT_FIX
}

guint32 puratan_proof_lut_eval_opaque (const PuratanProofLut *lut, guint32 pixel);
void puratan_proof_lut_run_scalar (const PuratanProofLut *lut,
                                   const guint32 *src,
                                   guint32 *dst,
                                   gsize n_pixels,
                                   gboolean force_opaque);
gboolean puratan_proof_lut_have_avx2 (void);
void puratan_proof_lut_run_avx2 (const PuratanProofLut *lut,
                                 const guint32 *src,
                                 guint32 *dst,
                                 gsize n_pixels,
                                 gboolean force_opaque);
/* Runs the fastest kernel this processor supports. */
void puratan_proof_lut_run (const PuratanProofLut *lut,
                            const guint32 *src,
                            guint32 *dst,
                            gsize n_pixels,
                            gboolean force_opaque);

G_END_DECLS

/* puratan-soft-proof.h: showing on screen how the press will print
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "puratan-icc-profile.h"
#include "puratan-rendering-intent.h"

G_BEGIN_DECLS

/**
 * PuratanProofOptions:
 * @intent: rendering intent from the working space to the press
 * @black_point_compensation: map the working black to the press black
 * @simulate_paper: show the paper's own white and the ink's black (absolute colorimetric
 *   to the display) instead of mapping paper white to screen white
 * @gamut_warning: paint colours the press cannot print in @warning_color
 * @warning_color: the gamut warning colour as 0xRRGGBB
 *
 * How a soft proof is made. Fill with puratan_proof_options_init().
 */
typedef struct
{
  PuratanRenderingIntent intent;
  gboolean black_point_compensation;
  gboolean simulate_paper;
  gboolean gamut_warning;
  guint32 warning_color;
} PuratanProofOptions;

void puratan_proof_options_init (PuratanProofOptions *options);

#define PURATAN_TYPE_SOFT_PROOF (puratan_soft_proof_get_type ())

G_DECLARE_FINAL_TYPE (PuratanSoftProof, puratan_soft_proof, PURATAN, SOFT_PROOF, GObject)

PuratanSoftProof *puratan_soft_proof_new (PuratanIccProfile *working,
                                          PuratanIccProfile *press,
                                          PuratanIccProfile *display,
                                          const PuratanProofOptions *options,
                                          GError **error);
void puratan_soft_proof_new_async (PuratanIccProfile *working,
                                   PuratanIccProfile *press,
                                   PuratanIccProfile *display,
                                   const PuratanProofOptions *options,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
PuratanSoftProof *puratan_soft_proof_new_finish (GAsyncResult *result, GError **error);

void puratan_soft_proof_get_options (PuratanSoftProof *self, PuratanProofOptions *options);
void puratan_soft_proof_process (PuratanSoftProof *self,
                                 const guint8 *src,
                                 int src_stride,
                                 guint8 *dst,
                                 int dst_stride,
                                 int width,
                                 int height,
                                 gboolean opaque);
gboolean
puratan_soft_proof_apply (PuratanSoftProof *self, cairo_surface_t *surface, GError **error);

G_END_DECLS

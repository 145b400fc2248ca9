/* puratan-ink-coverage-private.h: total ink measured on separations
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-pdf-facts-private.h"
#include "puratan-preflight-report.h"

G_BEGIN_DECLS

/* Resolution of the first pass; a 15 mm square is 21 × 21 pixels at this resolution. */
#define PURATAN_INK_DEFAULT_DPI 36.0
/* Resolution for pages close to the limit. */
#define PURATAN_INK_RECHECK_DPI 144.0
/* Resolutions are lowered for pages so large that a render would exceed this many pixels. */
#define PURATAN_INK_MAX_PIXELS (16.0 * 1024 * 1024)
/* How far under the limit a first-pass reading still gets measured again, in percent. */
#define PURATAN_INK_RECHECK_MARGIN 40.0

typedef struct
{
  const char *pdf_path;
  guint n_pages;
  const PuratanRect *boxes; /* n_pages bleed boxes (the rendered area), to place results */
  const int *rotate;        /* n_pages /Rotate values */
  double dpi;
  double recheck_dpi;   /* resolution of the second pass */
  double recheck_above; /* pages reading above this get a second pass; 0: none */
  double area_mm;
  guint n_workers;
  guint pages_per_run;
  double timeout_seconds;
} PuratanInkJob;

GPtrArray *
puratan_ink_measure (const PuratanInkJob *job, GCancellable *cancellable, GError **error);

G_END_DECLS

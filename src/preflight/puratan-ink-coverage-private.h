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
/* How far under the limit a first-pass reading still gets measured again, in percent. */
#define PURATAN_INK_RECHECK_MARGIN 40.0

typedef struct
{
  const char *pdf_path;
  guint n_pages;
  const PuratanRect *media; /* n_pages media boxes, to place results in PDF points */
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

/* puratan-job-private.h: the resolved job, shared by option checks and the cost model
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-catalog-private.h"
#include "puratan-job.h"

G_BEGIN_DECLS

/* One way to print the job: a press, the imposition on its sheet and the
 * cuts from the stock's parent sheet. */
typedef struct
{
  const PuratanPress *press;
  PuratanImposition imposition;
  guint cuts;
} PuratanRoute;

struct _PuratanJob
{
  PuratanCatalog *catalog;
  const PuratanProduct *product;
  GHashTable *options; /* every option key → value, defaults filled in */
  const PuratanSizeChoice *size;
  const PuratanStock *stock;
  const PuratanSides *sides;
  const PuratanTurnaround *turnaround;
  gint64 pages;
  gint64 pieces_per_copy;
  guint n_finishing;
  const PuratanFinishing *finishing[PURATAN_JOB_MAX_FINISHING];
  guint n_routes;
  PuratanRoute *routes;
};

G_END_DECLS

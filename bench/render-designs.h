/* render-designs.h: designs for the export and render benchmarks
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-render.h"

PuratanDocument *bench_design_pages (guint n_pages);
PuratanDocument *bench_design_items (guint n_items);
double bench_best_ms (double *samples, guint n);
double bench_median_ms (double *samples, guint n);

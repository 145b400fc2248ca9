/* puratan-gs-pool-private.h: the process's Ghostscript workers, shared by every preflight
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-gs-worker-private.h"

G_BEGIN_DECLS

PuratanGsWorker *
puratan_gs_pool_acquire (gint64 deadline, GCancellable *cancellable, GError **error);

void puratan_gs_pool_release (PuratanGsWorker *worker, gboolean reusable);

guint puratan_gs_pool_get_capacity (void);

guint puratan_gs_pool_get_n_idle (void);

void puratan_gs_pool_warm_up (void);

void puratan_gs_pool_warm_up_sync (void);

void puratan_gs_pool_stop_idle (void);

G_END_DECLS

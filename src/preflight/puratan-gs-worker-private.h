/* puratan-gs-worker-private.h: one long-lived Ghostscript process rendering CMYK pages
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PuratanGsWorker PuratanGsWorker;

PuratanGsWorker *puratan_gs_worker_new (GError **error);

gboolean puratan_gs_worker_render (PuratanGsWorker *worker,
                                   const char *pdf_path,
                                   guint first,
                                   guint last,
                                   double dpi,
                                   gint64 deadline,
                                   GCancellable *cancellable,
                                   GPtrArray **page_paths,
                                   GError **error);

guint puratan_gs_worker_get_n_jobs (PuratanGsWorker *worker);

void puratan_gs_worker_free (PuratanGsWorker *worker);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanGsWorker, puratan_gs_worker_free)

G_END_DECLS

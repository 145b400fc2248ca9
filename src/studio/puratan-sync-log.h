/* puratan-sync-log.h: the Admin view's sync log, read on a worker
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-store.h"

G_BEGIN_DECLS

/* How many of the newest entries the Admin view lists. */
#define PURATAN_SYNC_LOG_SHOWN 200

void puratan_sync_log_load_async (PuratanDatabase *database,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
GPtrArray *puratan_sync_log_load_finish (GAsyncResult *result, GError **error);

GtkWidget *puratan_sync_log_row_new (const PuratanSyncLogEntry *entry);

G_END_DECLS

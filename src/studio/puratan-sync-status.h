/* puratan-sync-status.h: the header bar's sync status: online, offline or syncing, and what waits
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "puratan-application.h"

G_BEGIN_DECLS

#define PURATAN_TYPE_SYNC_STATUS (puratan_sync_status_get_type ())

G_DECLARE_FINAL_TYPE (PuratanSyncStatus, puratan_sync_status, PURATAN, SYNC_STATUS, AdwBin)

GtkWidget *puratan_sync_status_new (void);

void puratan_sync_status_set_application (PuratanSyncStatus *self, PuratanApplication *application);
const char *puratan_sync_status_get_summary (PuratanSyncStatus *self);
const char *puratan_sync_status_get_label (PuratanSyncStatus *self);
void puratan_sync_status_show_conflicts (PuratanSyncStatus *self);
gboolean puratan_sync_status_is_busy (PuratanSyncStatus *self);

G_END_DECLS

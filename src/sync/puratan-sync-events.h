/* puratan-sync-events.h: the server's events WebSocket, as a wake-up for the engine
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PuratanSyncEvents PuratanSyncEvents;

typedef void (*PuratanSyncEventsHeard) (gpointer user_data);

PuratanSyncEvents *
puratan_sync_events_new (const char *server_url, PuratanSyncEventsHeard heard, gpointer user_data);

void puratan_sync_events_connect (PuratanSyncEvents *events, const char *access_token);

gboolean puratan_sync_events_is_connected (PuratanSyncEvents *events);

void puratan_sync_events_disconnect (PuratanSyncEvents *events);

void puratan_sync_events_free (PuratanSyncEvents *events);

G_END_DECLS

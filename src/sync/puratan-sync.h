/* puratan-sync.h: the sync layer, the one header included from outside it
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workstation works on its own SQLite database; every change is written with an outbox row
 * in the same transaction (the store layer). The sync layer keeps that database and the
 * shop's server in step:
 *
 * - PuratanSyncEngine runs on a worker thread: it sends the outbox in order, each change with
 *   its idempotency key, and marks a change sent only with the server's answer; then it reads
 *   the server's change feed from the stored cursor, one transaction per page. It listens on
 *   the server's events socket while online, backs off with jitter when the server cannot be
 *   reached or is busy, and tries again at once when the network comes back. Its properties
 *   (state, pending, conflicts, last-error, role) are what the header bar shows.
 * - Tokens are kept by a PuratanSyncCredentialStore: the keyring (PuratanSyncKeyring), never a
 *   file or GSettings.
 * - A change the server refuses as stale (412) becomes a conflict (the store's
 *   puratan_sync_conflict_list()); puratan_sync_engine_resolve_conflict_async() applies the
 *   person's choice.
 * - The sync log (the store's puratan_sync_log_list()) lists what was sent, received and
 *   refused, with the server's problem detail.
 *
 * Files: outbox entries of files ("file" records and "attach_file") are left queued for the
 * resumable uploader (tus), which is the next part; the engine neither sends nor counts them.
 */
#pragma once

#include "puratan-store.h"
#include "puratan-sync-credentials.h"
#include "puratan-sync-engine.h"
#include "puratan-sync-error.h"
#include "puratan-sync-http.h"

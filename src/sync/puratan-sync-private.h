/* puratan-sync-private.h: one sync run's context, shared by push and pull
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-store.h"
#include "puratan-sync-credentials.h"
#include "puratan-sync-http.h"

G_BEGIN_DECLS

/* Everything one run needs; owned by the thread running it. @tokens are loaded from @store
 * at the start and rotated in place. */
typedef struct
{
  PuratanDatabase *database;
  PuratanSyncHttp *http;
  PuratanSyncCredentialStore *store;
  PuratanSyncTokens *tokens;
  GCancellable *cancellable;
  /* The server's Retry-After of the last busy answer, -1 for none. */
  gint64 retry_after;
  /* Changes sent per batch request; 0 for the default, 1 for one request per change. */
  guint batch_size;
} PuratanSyncRun;

PuratanSyncResponse *puratan_sync_run_request (PuratanSyncRun *run,
                                               const char *method,
                                               const char *path,
                                               const char *idempotency_key,
                                               const char *if_match,
                                               const char *json_body,
                                               GError **error);

gboolean puratan_sync_run_push (PuratanSyncRun *run, guint *sent, GError **error);

gboolean puratan_sync_run_pull (PuratanSyncRun *run, guint *received, GError **error);

gboolean puratan_sync_run_upload (PuratanSyncRun *run, guint *uploaded, GError **error);

gboolean puratan_sync_run_get_order (PuratanSyncRun *run,
                                     const char *server_id,
                                     JsonObject **order,
                                     GError **error);

G_END_DECLS

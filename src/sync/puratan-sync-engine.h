/* puratan-sync-engine.h: keeps a workstation's database and the shop's server in step
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "puratan-sync-credentials.h"

G_BEGIN_DECLS

/**
 * PuratanSyncState:
 * @PURATAN_SYNC_STATE_OFFLINE: the server cannot be reached (or no one is signed in); changes
 *   wait in the outbox
 * @PURATAN_SYNC_STATE_ONLINE: the last sync succeeded; nothing is being sent right now
 * @PURATAN_SYNC_STATE_SYNCING: sending the outbox or pulling the change feed
 *
 * What the header bar shows.
 */
typedef enum
{
  PURATAN_SYNC_STATE_OFFLINE,
  PURATAN_SYNC_STATE_ONLINE,
  PURATAN_SYNC_STATE_SYNCING,
} PuratanSyncState;

GType puratan_sync_state_get_type (void);
#define PURATAN_TYPE_SYNC_STATE (puratan_sync_state_get_type ())

#define PURATAN_TYPE_SYNC_ENGINE (puratan_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (PuratanSyncEngine, puratan_sync_engine, PURATAN, SYNC_ENGINE, GObject)

PuratanSyncEngine *puratan_sync_engine_new (const char *database_path,
                                            const char *server_url,
                                            PuratanSyncCredentialStore *store,
                                            GError **error);

const char *puratan_sync_engine_get_server_url (PuratanSyncEngine *self);
const char *puratan_sync_engine_get_database_path (PuratanSyncEngine *self);
PuratanSyncCredentialStore *puratan_sync_engine_get_store (PuratanSyncEngine *self);

void puratan_sync_engine_start (PuratanSyncEngine *self);
void puratan_sync_engine_stop (PuratanSyncEngine *self);
void puratan_sync_engine_stop_async (PuratanSyncEngine *self,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean
puratan_sync_engine_stop_finish (PuratanSyncEngine *self, GAsyncResult *result, GError **error);
void puratan_sync_engine_sync_now (PuratanSyncEngine *self);
void puratan_sync_engine_set_poll_interval (PuratanSyncEngine *self, guint seconds);

void puratan_sync_engine_set_batch_size (PuratanSyncEngine *self, guint changes);

guint puratan_sync_engine_get_batch_size (PuratanSyncEngine *self);

PuratanSyncState puratan_sync_engine_get_state (PuratanSyncEngine *self);
gint64 puratan_sync_engine_get_pending (PuratanSyncEngine *self);
gint64 puratan_sync_engine_get_conflicts (PuratanSyncEngine *self);
char *puratan_sync_engine_dup_last_error (PuratanSyncEngine *self);
char *puratan_sync_engine_dup_role (PuratanSyncEngine *self);

gboolean puratan_sync_engine_run_until_idle (PuratanSyncEngine *self,
                                             gint64 give_up_after_seconds,
                                             GCancellable *cancellable,
                                             GError **error);

void puratan_sync_engine_sign_in_async (PuratanSyncEngine *self,
                                        const char *email,
                                        const char *password,
                                        const char *totp_code,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
PuratanSyncTokens *
puratan_sync_engine_sign_in_finish (PuratanSyncEngine *self, GAsyncResult *result, GError **error);

void puratan_sync_engine_sign_out_async (PuratanSyncEngine *self,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer user_data);
gboolean
puratan_sync_engine_sign_out_finish (PuratanSyncEngine *self, GAsyncResult *result, GError **error);

void puratan_sync_engine_resolve_conflict_async (PuratanSyncEngine *self,
                                                 gint64 conflict_id,
                                                 gboolean keep_mine,
                                                 GCancellable *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer user_data);
gboolean puratan_sync_engine_resolve_conflict_finish (PuratanSyncEngine *self,
                                                      GAsyncResult *result,
                                                      GError **error);

gboolean puratan_sync_resolve_conflict (const char *database_path,
                                        const char *server_url,
                                        PuratanSyncCredentialStore *store,
                                        gint64 conflict_id,
                                        gboolean keep_mine,
                                        GCancellable *cancellable,
                                        GError **error);

G_END_DECLS

/* puratan-sync-upload.h: the sync engine's resumable uploads of attached files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanSyncUpload:
 * @idempotency_key: the `attach_file` outbox entry the upload answers
 * @order_id: the local order the file is attached to
 * @sha256: the file's SHA-256 (its name in the content-addressed store)
 * @name: the file's name as attached
 * @size: the file's size in bytes, -1 when the file is no longer in the store
 * @path: where the content is on this workstation
 * @server_order_id: (nullable): the server's id of the order, %NULL while it is not there
 * @order_waiting: the order's creation is still queued (the upload waits for it)
 * @url: (nullable): the server's path of the tus upload once created
 * @mismatches: how many chunks the server found damaged (460) so far
 *
 * One attached file waiting to go up.
 */
typedef struct
{
  char *idempotency_key;
  char *order_id;
  char *sha256;
  char *name;
  gint64 size;
  char *path;
  char *server_order_id;
  gboolean order_waiting;
  char *url;
  guint mismatches;
} PuratanSyncUpload;

void puratan_sync_upload_free (PuratanSyncUpload *upload);

GPtrArray *puratan_sync_upload_list_waiting (PuratanDatabase *database, GError **error);

gboolean puratan_sync_upload_set_url (PuratanDatabase *database,
                                      const char *idempotency_key,
                                      const char *url,
                                      GError **error);

gint64 puratan_sync_upload_add_mismatch (PuratanDatabase *database,
                                         const char *idempotency_key,
                                         GError **error);

gint64 puratan_sync_upload_settle_files (PuratanDatabase *database, GError **error);

gint64 puratan_sync_count_files_waiting (PuratanDatabase *database, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanSyncUpload, puratan_sync_upload_free)

G_END_DECLS

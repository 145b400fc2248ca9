/* puratan-sync-state.h: what the sync engine keeps in the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanSyncOutcome:
 * @PURATAN_SYNC_OUTCOME_SENT: the server applied the change
 * @PURATAN_SYNC_OUTCOME_REFUSED: the server refused it for good (a 4xx other than 412)
 * @PURATAN_SYNC_OUTCOME_CONFLICT: the server's record changed meanwhile (412): kept as a
 *   conflict for a person to resolve
 * @PURATAN_SYNC_OUTCOME_LOCAL: nothing to send (the server makes customers with their first
 *   order)
 *
 * How an outbox entry left the queue.
 */
typedef enum
{
  PURATAN_SYNC_OUTCOME_SENT,
  PURATAN_SYNC_OUTCOME_REFUSED,
  PURATAN_SYNC_OUTCOME_CONFLICT,
  PURATAN_SYNC_OUTCOME_LOCAL,
} PuratanSyncOutcome;

/**
 * PuratanSyncAnswer:
 * @keys: (array zero-terminated=1): the idempotency keys of the outbox entries answered
 *   together (an order's creation carries its lines' entries along)
 * @outcome: how they left the queue
 * @entity: the record kind for the log and the link ("order", "payment", "customer")
 * @local_id: the local record's id
 * @server_id: (nullable): the server's id of the record, to link the two
 * @server_version: the server record's version after the answer (0 when it has none)
 * @server_data: (nullable): the server's record as answered, JSON
 * @customer_local_id: (nullable): a local customer the server made with the order
 * @customer_server_id: (nullable): that customer's server id
 * @status: the HTTP status of the answer
 * @detail: (nullable): the server's problem detail, or a note
 *
 * One answer of the server, recorded by puratan_sync_record_answer().
 */
typedef struct
{
  const char *const *keys;
  PuratanSyncOutcome outcome;
  const char *entity;
  const char *local_id;
  const char *server_id;
  gint64 server_version;
  const char *server_data;
  const char *customer_local_id;
  const char *customer_server_id;
  guint status;
  const char *detail;
} PuratanSyncAnswer;

gboolean puratan_sync_record_answer (PuratanDatabase *database,
                                     const PuratanSyncAnswer *answer,
                                     GError **error);

gboolean puratan_sync_link_lookup (PuratanDatabase *database,
                                   const char *entity,
                                   const char *local_id,
                                   char **server_id,
                                   gint64 *server_version,
                                   GError **error);

char *puratan_sync_link_local_id (PuratanDatabase *database,
                                  const char *entity,
                                  const char *server_id,
                                  GError **error);

char *puratan_sync_cursor_get (PuratanDatabase *database, GError **error);

gboolean puratan_sync_apply_changes (PuratanDatabase *database,
                                     JsonArray *changes,
                                     const char *next_cursor,
                                     guint *applied,
                                     GError **error);

gboolean puratan_sync_apply_order (PuratanDatabase *database, JsonObject *order, GError **error);

gint64 puratan_sync_count_waiting (PuratanDatabase *database, GError **error);

/**
 * PuratanSyncLogEntry:
 * @id: position in the log
 * @at: when (UTC, ISO 8601)
 * @direction: "sent", "received", "refused", "conflict" or "local"
 * @entity: the record kind ("order", "payment", "customer", or "changes" for a pulled batch)
 * @entity_id: the local record's id (for a batch, the cursor it reached)
 * @status: the HTTP status, 0 for none
 * @detail: the server's problem detail or a note
 */
typedef struct
{
  gint64 id;
  char *at;
  char *direction;
  char *entity;
  char *entity_id;
  guint status;
  char *detail;
} PuratanSyncLogEntry;

void puratan_sync_log_entry_free (PuratanSyncLogEntry *entry);

gboolean puratan_sync_log_append (PuratanDatabase *database,
                                  const char *direction,
                                  const char *entity,
                                  const char *entity_id,
                                  guint status,
                                  const char *detail,
                                  GError **error);

GPtrArray *puratan_sync_log_list (PuratanDatabase *database, guint limit, GError **error);

/**
 * PuratanSyncConflict:
 * @id: the conflict's number
 * @order_id: the local order
 * @server_id: the server's id of the order
 * @idempotency_key: the outbox entry that met the conflict
 * @mine: the local edit, a JSON object (`due_date`, `notes`)
 * @theirs: the server's order when the edit was refused, a JSON object
 * @server_version: the version of @theirs, the If-Match of a "keep mine"
 * @created_at: when the conflict was met
 * @resolved_at: (nullable): when a person resolved it
 * @resolution: (nullable): "mine" or "theirs"
 */
typedef struct
{
  gint64 id;
  char *order_id;
  char *server_id;
  char *idempotency_key;
  char *mine;
  char *theirs;
  gint64 server_version;
  char *created_at;
  char *resolved_at;
  char *resolution;
} PuratanSyncConflict;

void puratan_sync_conflict_free (PuratanSyncConflict *conflict);

gboolean puratan_sync_conflict_add (PuratanDatabase *database,
                                    const char *idempotency_key,
                                    const char *order_id,
                                    const char *server_id,
                                    const char *mine,
                                    const char *theirs,
                                    gint64 server_version,
                                    const char *detail,
                                    GError **error);

GPtrArray *
puratan_sync_conflict_list (PuratanDatabase *database, gboolean open_only, GError **error);

PuratanSyncConflict *
puratan_sync_conflict_get (PuratanDatabase *database, gint64 id, GError **error);

gboolean puratan_sync_conflict_update_theirs (PuratanDatabase *database,
                                              gint64 id,
                                              const char *theirs,
                                              gint64 server_version,
                                              GError **error);

gboolean puratan_sync_conflict_resolve (PuratanDatabase *database,
                                        gint64 id,
                                        const char *resolution,
                                        JsonObject *server_order,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanSyncLogEntry, puratan_sync_log_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanSyncConflict, puratan_sync_conflict_free)

G_END_DECLS

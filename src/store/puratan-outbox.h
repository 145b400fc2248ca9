/* puratan-outbox.h: changes waiting to be pushed to the shop server
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanOutboxEntry:
 * @id: position in the outbox, increasing
 * @idempotency_key: the key the server applies the change under exactly once
 * @entity: "customer", "order", "payment" or "file"
 * @entity_id: the changed record's id
 * @operation: what happened ("create", "update", "transition", "record", ...)
 * @payload: the change as a JSON object
 * @created_at: when the change was written (UTC, ISO 8601)
 * @pushed_at: (nullable): when the server acknowledged it
 */
typedef struct
{
  gint64 id;
  char *idempotency_key;
  char *entity;
  char *entity_id;
  char *operation;
  char *payload;
  char *created_at;
  char *pushed_at;
} PuratanOutboxEntry;

void puratan_outbox_entry_free (PuratanOutboxEntry *entry);

GPtrArray *puratan_outbox_list_pending (PuratanDatabase *database, guint limit, GError **error);

GPtrArray *puratan_outbox_list_pending_after (PuratanDatabase *database,
                                              gint64 after_id,
                                              guint limit,
                                              GError **error);

GStrv puratan_outbox_pending_keys (PuratanDatabase *database,
                                   const char *entity,
                                   const char *entity_id,
                                   const char *operation,
                                   GError **error);

gint64 puratan_outbox_count_pending (PuratanDatabase *database, GError **error);

gboolean
puratan_outbox_mark_pushed (PuratanDatabase *database, const char *idempotency_key, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanOutboxEntry, puratan_outbox_entry_free)

G_END_DECLS

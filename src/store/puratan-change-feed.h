/* puratan-change-feed.h: every change to orders, payments and files, in commit order
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-database.h"

G_BEGIN_DECLS

/**
 * PuratanChange:
 * @seq: the change's place in commit order; the feed's cursor
 * @entity: "order", "payment" or "file"
 * @entity_id: the record changed
 * @operation: "upsert" (@data is the whole record after the change) or "delete" (@data is
 *   its key)
 * @customer_id: the customer whose record it is
 * @data: the record (an order's as it is when the feed is read), as one valid JSON value
 *   written by SQLite's JSON functions, which the feed may pass on as it is
 * @at: when, ISO 8601 UTC
 *
 * One row of the change feed.
 */
typedef struct
{
  gint64 seq;
  char *entity;
  char *entity_id;
  char *operation;
  char *customer_id;
  char *data;
  char *at;
} PuratanChange;

void puratan_change_free (PuratanChange *change);

GPtrArray *puratan_change_list (PuratanDatabase *database,
                                gint64 after_seq,
                                const char *customer_id,
                                guint limit,
                                gint64 *next_seq,
                                gboolean *has_more,
                                GError **error);

gint64 puratan_change_last_seq (PuratanDatabase *database, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanChange, puratan_change_free)

G_END_DECLS

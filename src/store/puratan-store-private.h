/* puratan-store-private.h: helpers shared by the store's repositories
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "puratan-database-private.h"

/* An order as the change feed carries it: the row o, with its totals from its lines (schema
 * step 8 wrote it into each change's row; the feed now reads it, see puratan_change_list()). */
#define PURATAN_CHANGE_ORDER_JSON                                                             \
  "json_object ('id', o.id, 'number', o.number, 'customer_id', o.customer_id,"                \
  " 'status', o.status, 'resume_status', o.resume_status, 'delivery', o.delivery,"            \
  " 'credit_approved', json (CASE o.credit_approved WHEN 1 THEN 'true' ELSE 'false' END),"    \
  " 'due_date', o.due_date, 'notes', o.notes, 'version', o.version,"                          \
  " 'total', json_object ('amount_minor', (SELECT coalesce (sum (l.line_total_paise"          \
  " + l.tax_paise), 0) FROM order_lines l WHERE l.order_id = o.id), 'currency', o.currency)," \
  " 'created_at', o.created_at, 'updated_at', o.updated_at)"

G_BEGIN_DECLS

sqlite3_stmt *puratan_store_prepare (PuratanDatabase *database, const char *sql, GError **error);

void puratan_store_release (sqlite3_stmt *stmt);

gboolean puratan_store_fail (PuratanDatabase *database, const char *doing, GError **error);

gboolean puratan_store_end_write (PuratanDatabase *database, gboolean ok, GError **error);

gboolean puratan_store_step_done (PuratanDatabase *database,
                                  sqlite3_stmt *stmt,
                                  const char *doing,
                                  GError **error);

void puratan_store_bind_text (sqlite3_stmt *stmt, int index, const char *value);

char *puratan_store_column_text (sqlite3_stmt *stmt, int index);

char *puratan_store_now (void);
char *puratan_store_time_ago (gint64 seconds);

char *puratan_store_new_id (GError **error);

gboolean puratan_store_check_text (
    const char *field, const char *value, gboolean required, gsize max_length, GError **error);

gboolean puratan_store_check_version (PuratanDatabase *database,
                                      const char *table,
                                      const char *label,
                                      const char *id,
                                      gint64 expected,
                                      GError **error);

gboolean puratan_outbox_append (PuratanDatabase *database,
                                const char *entity,
                                const char *entity_id,
                                const char *operation,
                                JsonBuilder *payload,
                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, puratan_store_release)

G_END_DECLS

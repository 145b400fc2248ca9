/* puratan-store-private.h: helpers shared by the store's repositories
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "puratan-database-private.h"

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

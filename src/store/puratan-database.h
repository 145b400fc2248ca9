/* puratan-database.h: the shop's embedded SQLite database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PURATAN_TYPE_DATABASE (puratan_database_get_type ())

G_DECLARE_FINAL_TYPE (PuratanDatabase, puratan_database, PURATAN, DATABASE, GObject)

char *puratan_database_default_path (void);

PuratanDatabase *puratan_database_open (const char *path, GError **error);

void puratan_database_open_async (const char *path,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);

PuratanDatabase *puratan_database_open_finish (GAsyncResult *result, GError **error);

const char *puratan_database_get_path (PuratanDatabase *self);
void puratan_database_set_outbox (PuratanDatabase *self, gboolean keep);
gboolean puratan_database_get_outbox (PuratanDatabase *self);

int puratan_database_get_schema_version (PuratanDatabase *self);

int puratan_database_get_latest_schema_version (void);

gboolean puratan_database_backup (PuratanDatabase *self, const char *destination, GError **error);

gboolean puratan_database_check (PuratanDatabase *self, char ***out_problems, GError **error);

/**
 * PuratanTransactionFunc:
 * @database: the database, with a write transaction open
 * @user_data: data given to puratan_database_run_in_transaction()
 * @error: return location for a #GError
 *
 * Returns: %TRUE to commit, %FALSE (with @error set) to roll back
 */
typedef gboolean (*PuratanTransactionFunc) (PuratanDatabase *database,
                                            gpointer user_data,
                                            GError **error);

gboolean puratan_database_begin (PuratanDatabase *self, GError **error);

gboolean puratan_database_commit (PuratanDatabase *self, GError **error);

void puratan_database_rollback (PuratanDatabase *self);

gboolean puratan_database_run_in_transaction (PuratanDatabase *self,
                                              PuratanTransactionFunc func,
                                              gpointer user_data,
                                              GError **error);

G_END_DECLS

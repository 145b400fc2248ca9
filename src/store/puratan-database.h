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

int puratan_database_get_schema_version (PuratanDatabase *self);

int puratan_database_get_latest_schema_version (void);

G_END_DECLS

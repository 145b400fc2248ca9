/* puratan-database-private.h: store-internal access to the database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "puratan-database.h"
#include "puratan-migration-private.h"

G_BEGIN_DECLS

PuratanDatabase *puratan_database_open_with_migrations (const char *path,
                                                        const PuratanMigration *migrations,
                                                        gsize n_migrations,
                                                        GError **error);

sqlite3 *puratan_database_get_handle (PuratanDatabase *self);

void puratan_store_keep_statements (sqlite3 *db);

void puratan_store_forget_statements (sqlite3 *db);

G_END_DECLS

/* puratan-migration-private.h: forward-only schema migrations
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/*
 * PuratanMigration:
 * @version: the schema version the database has after this step; steps are numbered 1, 2, 3…
 * @summary: what the step changes, for logs and error messages
 * @sql: statements run in one transaction together with the version bump
 *
 * One forward step of the schema. Steps are never edited once released: a change to the
 * schema is always a new step.
 */
typedef struct
{
  int version;
  const char *summary;
  const char *sql;
} PuratanMigration;

const PuratanMigration *puratan_migrations_builtin (gsize *n_migrations);

gboolean puratan_migrations_apply (sqlite3 *db,
                                   const char *path,
                                   const PuratanMigration *migrations,
                                   gsize n_migrations,
                                   GError **error);

G_END_DECLS

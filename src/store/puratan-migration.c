/* puratan-migration.c: forward-only schema migrations
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-migration-private.h"

/* The released schema steps, oldest first. Append only. */
static const PuratanMigration builtin_migrations[] = {
  {
      1,
      "shop settings",
      "CREATE TABLE settings ("
      "  key TEXT PRIMARY KEY NOT NULL CHECK (length (key) BETWEEN 1 AND 128),"
      "  value TEXT NOT NULL,"
      "  updated_at TEXT NOT NULL DEFAULT (strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'))"
      ") STRICT;"
      "INSERT INTO settings (key, value)"
      "  VALUES ('created_at', strftime ('%Y-%m-%dT%H:%M:%fZ', 'now'));",
  },
};

/**
 * puratan_migrations_builtin:
 * @n_migrations: (out): number of steps returned
 *
 * Returns: (transfer none): the project's schema steps, oldest first
 */
const PuratanMigration *
puratan_migrations_builtin (gsize *n_migrations)
{
  g_return_val_if_fail (n_migrations != NULL, NULL);

  *n_migrations = G_N_ELEMENTS (builtin_migrations);
  return builtin_migrations;
}

static gboolean
read_user_version (sqlite3 *db, const char *path, int *version, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "Cannot read the schema version of “%s”: %s", path, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
exec_sql (sqlite3 *db, const char *sql, char **message)
{
  char *errmsg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) == SQLITE_OK)
    return TRUE;
  *message = g_strdup (errmsg != NULL ? errmsg : sqlite3_errmsg (db));
  sqlite3_free (errmsg);
  return FALSE;
}

/* Runs one step and its version bump in a single transaction: the database is left either
 * fully at the old version or fully at the new one. */
static gboolean
apply_one (sqlite3 *db, const char *path, const PuratanMigration *step, GError **error)
{
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", step->version);
  g_autofree char *message = NULL;

  if (!exec_sql (db, "BEGIN IMMEDIATE", &message))
    goto fail;
  if (!exec_sql (db, step->sql, &message) || !exec_sql (db, bump, &message) ||
      !exec_sql (db, "COMMIT", &message))
    {
      g_autofree char *ignored = NULL;
      exec_sql (db, "ROLLBACK", &ignored);
      goto fail;
    }
  return TRUE;

fail:
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
               "Upgrading “%s” to schema version %d (%s) failed: %s", path, step->version,
               step->summary, message);
  return FALSE;
}

/**
 * puratan_migrations_apply:
 * @db: an open connection
 * @path: the file's path, for messages
 * @migrations: (array length=n_migrations): steps, oldest first, numbered 1…n_migrations
 * @n_migrations: number of steps
 * @error: return location for a #GError
 *
 * Brings @db forward to the last step. A database written by a newer version of Puratan
 * Studio (a schema version past the last step) is refused with
 * %PURATAN_ERROR_UNSUPPORTED_VERSION and left untouched.
 *
 * Returns: %TRUE when the database is at the last step
 */
gboolean
puratan_migrations_apply (sqlite3 *db,
                          const char *path,
                          const PuratanMigration *migrations,
                          gsize n_migrations,
                          GError **error)
{
  int version = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_user_version (db, path, &version, error))
    return FALSE;

  if (version < 0 || (gsize) version > n_migrations)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION,
                   "“%s” has schema version %d, but this version of Puratan Studio knows "
                   "versions up to %" G_GSIZE_FORMAT "; update Puratan Studio to open it",
                   path, version, n_migrations);
      return FALSE;
    }

  for (gsize i = (gsize) version; i < n_migrations; i++)
    {
      g_assert (migrations[i].version == (int) i + 1);
      if (!apply_one (db, path, &migrations[i], error))
        return FALSE;
    }
  return TRUE;
}

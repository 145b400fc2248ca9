/* puratan-database.c: the shop's embedded SQLite database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gstdio.h>

#include "puratan-core.h"
#include "puratan-database-private.h"

/* PRAGMA application_id of every Puratan shop database: "PURT" in ASCII. */
#define PURATAN_APPLICATION_ID 0x50555254
#define BUSY_TIMEOUT_MS        5000

struct _PuratanDatabase
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int schema_version;
};

G_DEFINE_FINAL_TYPE (PuratanDatabase, puratan_database, G_TYPE_OBJECT)

static void
puratan_database_finalize (GObject *object)
{
  PuratanDatabase *self = PURATAN_DATABASE (object);

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (puratan_database_parent_class)->finalize (object);
}

static void
puratan_database_class_init (PuratanDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = puratan_database_finalize;
}

static void
puratan_database_init (PuratanDatabase *self)
{
}

/**
 * puratan_database_default_path:
 *
 * Returns: (transfer full): where the shop database lives for this user:
 *   `$XDG_DATA_HOME/puratan-studio/shop.sqlite3`
 */
char *
puratan_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "puratan-studio", "shop.sqlite3", NULL);
}

static gboolean
ensure_parent_directory (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;

  int saved_errno = errno;
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot create the folder “%s”: %s", dir,
               g_strerror (saved_errno));
  return FALSE;
}

/* Runs a pragma that returns one integer row. */
static gboolean
query_int (sqlite3 *db, const char *sql, int *value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
set_error_from_sqlite (sqlite3 *db, const char *path, const char *doing, GError **error)
{
  int code = sqlite3_errcode (db);

  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                 "“%s” is damaged or is not a database (%s); restore it from a backup or move it "
                 "aside to start a new one",
                 path, sqlite3_errmsg (db));
  else
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot %s “%s”: %s", doing, path,
                 sqlite3_errmsg (db));
  return FALSE;
}

/* A fresh file is claimed for Puratan; any other SQLite file is refused untouched. */
static gboolean
check_ownership (sqlite3 *db, const char *path, GError **error)
{
  int application_id = 0;
  int n_objects = 0;

  if (!query_int (db, "PRAGMA application_id", &application_id) ||
      !query_int (db, "SELECT count(*) FROM sqlite_schema", &n_objects))
    return set_error_from_sqlite (db, path, "read", error);

  if (application_id == PURATAN_APPLICATION_ID)
    return TRUE;

  if (application_id == 0 && n_objects == 0)
    {
      g_autofree char *claim =
          g_strdup_printf ("PRAGMA application_id = %d", PURATAN_APPLICATION_ID);
      if (sqlite3_exec (db, claim, NULL, NULL, NULL) != SQLITE_OK)
        return set_error_from_sqlite (db, path, "write", error);
      return TRUE;
    }

  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
               "“%s” is a database of another program, not a Puratan shop database; "
               "choose another file",
               path);
  return FALSE;
}

/* WAL keeps readers and the writer apart; FULL sync makes a committed sale survive power loss. */
static gboolean
configure_connection (sqlite3 *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;
  int foreign_keys = 0;

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db, 1);

  if (sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (!wal)
    return set_error_from_sqlite (db, path, "switch to write-ahead logging in", error);

  if (sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL", NULL, NULL, NULL) !=
          SQLITE_OK ||
      !query_int (db, "PRAGMA foreign_keys", &foreign_keys) || foreign_keys != 1)
    return set_error_from_sqlite (db, path, "configure", error);

  return TRUE;
}

/**
 * puratan_database_open_with_migrations:
 * @path: the database file; created with its folder when missing
 * @migrations: (array length=n_migrations): schema steps to bring it forward
 * @n_migrations: number of steps
 * @error: return location for a #GError
 *
 * Store-internal form of puratan_database_open() that takes the schema steps, so tests can
 * exercise migration from every earlier version.
 *
 * Returns: (transfer full) (nullable): the open database, or %NULL with @error set
 */
PuratanDatabase *
puratan_database_open_with_migrations (const char *path,
                                       const PuratanMigration *migrations,
                                       gsize n_migrations,
                                       GError **error)
{
  g_autoptr (PuratanDatabase) self = NULL;
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*path == '\0')
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "No database file was given");
      return NULL;
    }
  if (!ensure_parent_directory (path, error))
    return NULL;

  self = g_object_new (PURATAN_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot open “%s”: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  self->db = db;

  if (!check_ownership (db, path, error) || !configure_connection (db, path, error) ||
      !puratan_migrations_apply (db, path, migrations, n_migrations, error))
    return NULL;

  self->schema_version = (int) n_migrations;
  return g_steal_pointer (&self);
}

/**
 * puratan_database_open:
 * @path: the database file; created with its folder (mode 0700) when missing
 * @error: return location for a #GError
 *
 * Opens the shop database in WAL mode with foreign keys on, and migrates it forward to
 * the current schema. Blocking: call it from a worker thread, or use
 * puratan_database_open_async() from a main loop.
 *
 * Errors: %PURATAN_ERROR_CORRUPT for a damaged file or one that is not SQLite,
 * %PURATAN_ERROR_INVALID_INPUT for another program's database,
 * %PURATAN_ERROR_UNSUPPORTED_VERSION for a database from a newer Puratan Studio,
 * %PURATAN_ERROR_IO when the file or folder cannot be created or written.
 * An existing file is never modified when opening fails before migration.
 *
 * Returns: (transfer full) (nullable): the open database, or %NULL with @error set
 */
PuratanDatabase *
puratan_database_open (const char *path, GError **error)
{
  gsize n_migrations = 0;
  const PuratanMigration *migrations = puratan_migrations_builtin (&n_migrations);

  return puratan_database_open_with_migrations (path, migrations, n_migrations, error);
}

static void
open_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  PuratanDatabase *database = puratan_database_open (task_data, &error);

  if (database == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, database, g_object_unref);
}

/**
 * puratan_database_open_async:
 * @path: the database file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Opens the database as puratan_database_open() does, on a worker thread.
 */
void
puratan_database_open_async (const char *path,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, puratan_database_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_in_thread);
}

/**
 * puratan_database_open_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the open database, or %NULL with @error set
 */
PuratanDatabase *
puratan_database_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * puratan_database_get_path:
 * @self: a #PuratanDatabase
 *
 * Returns: (transfer none): the file this database was opened from
 */
const char *
puratan_database_get_path (PuratanDatabase *self)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (self), NULL);

  return self->path;
}

/**
 * puratan_database_get_schema_version:
 * @self: a #PuratanDatabase
 *
 * Returns: the schema version the open database is at
 */
int
puratan_database_get_schema_version (PuratanDatabase *self)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (self), 0);

  return self->schema_version;
}

/**
 * puratan_database_get_latest_schema_version:
 *
 * Returns: the schema version this build of Puratan Studio writes
 */
int
puratan_database_get_latest_schema_version (void)
{
  gsize n_migrations = 0;

  puratan_migrations_builtin (&n_migrations);
  return (int) n_migrations;
}

/**
 * puratan_database_get_handle:
 * @self: a #PuratanDatabase
 *
 * Returns: (transfer none): the SQLite connection, for the store's repositories only
 */
sqlite3 *
puratan_database_get_handle (PuratanDatabase *self)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (self), NULL);

  return self->db;
}

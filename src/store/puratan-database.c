/* puratan-database.c: the shop's embedded SQLite database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gstdio.h>

#include "puratan-core.h"
#include "puratan-database-private.h"
#include "puratan-store-private.h"

/* PRAGMA application_id of every Puratan shop database: "PURT" in ASCII. */
#define PURATAN_APPLICATION_ID 0x50555254
#define BUSY_TIMEOUT_MS        5000

struct _PuratanDatabase
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  int schema_version;

  /* Held from the outermost begin to its commit or rollback, so one thread's transaction
   * never interleaves with another's on the shared connection. */
  GRecMutex lock;
  guint depth;

  /* Whether changes are queued in the outbox for a server (see puratan_database_set_outbox()). */
  gboolean outbox_off;
};

G_DEFINE_FINAL_TYPE (PuratanDatabase, puratan_database, G_TYPE_OBJECT)

static void
puratan_database_finalize (GObject *object)
{
  PuratanDatabase *self = PURATAN_DATABASE (object);

  if (self->db != NULL)
    puratan_store_forget_statements (self->db);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

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
  g_rec_mutex_init (&self->lock);
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

/* WAL keeps readers and the writer apart; FULL sync makes a committed sale survive power loss.
 * A page cache of up to 16 MiB (SQLite's default is 2 MiB) holds a large transaction, such as
 * a batch of synced orders or a page of the change feed, without spilling pages to the WAL
 * before its commit. Temporary storage, including the statement journals that let a savepoint
 * inside a transaction roll back alone, stays in memory: each change of a synced batch runs in
 * its own savepoint, and on disk those journals would be written page by page to a temporary
 * file that is never read unless the change fails. */
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

  if (sqlite3_exec (
          db,
          "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -16384; "
          "PRAGMA temp_store = MEMORY",
          NULL, NULL, NULL) != SQLITE_OK ||
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
  puratan_store_keep_statements (db);

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
 * puratan_database_set_outbox:
 * @self: a #PuratanDatabase
 * @keep: whether changes are queued in the outbox
 *
 * A workstation's database queues every change in its outbox for the shop's server (the
 * default). The server's own database is where changes arrive and is read through the change
 * feed, so it keeps no outbox: the server turns it off right after opening.
 */
void
puratan_database_set_outbox (PuratanDatabase *self, gboolean keep)
{
  g_return_if_fail (PURATAN_IS_DATABASE (self));

  self->outbox_off = !keep;
}

/**
 * puratan_database_get_outbox:
 * @self: a #PuratanDatabase
 *
 * Returns: whether changes are queued in the outbox (puratan_database_set_outbox())
 */
gboolean
puratan_database_get_outbox (PuratanDatabase *self)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (self), FALSE);

  return !self->outbox_off;
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

/* Runs one transaction statement, kept compiled for the next time (puratan_store_prepare()):
 * a batch opens and releases a savepoint for every change it applies. */
static gboolean
exec_step (PuratanDatabase *self, const char *sql, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (self, sql, NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  return set_error_from_sqlite (self->db, self->path, "write to", error);
}

/**
 * puratan_database_begin:
 * @self: a #PuratanDatabase
 * @error: return location for a #GError
 *
 * Starts a write transaction (BEGIN IMMEDIATE), or a savepoint nested in the transaction the
 * calling thread already holds. Every successful call must be paired with
 * puratan_database_commit() or puratan_database_rollback() on the same thread.
 *
 * Returns: %TRUE when the transaction is open
 */
gboolean
puratan_database_begin (PuratanDatabase *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  sql = self->depth == 0 ? g_strdup ("BEGIN IMMEDIATE")
                         : g_strdup_printf ("SAVEPOINT puratan_%u", self->depth);
  if (!exec_step (self, sql, error))
    {
      g_rec_mutex_unlock (&self->lock);
      return FALSE;
    }
  self->depth++;
  return TRUE;
}

/**
 * puratan_database_commit:
 * @self: a #PuratanDatabase
 * @error: return location for a #GError
 *
 * Commits the innermost transaction opened by puratan_database_begin(). The outermost commit
 * is durable when it returns %TRUE (synchronous = FULL). On failure the transaction has been
 * rolled back and is closed.
 *
 * Returns: %TRUE when committed
 */
gboolean
puratan_database_commit (PuratanDatabase *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  sql = self->depth == 1 ? g_strdup ("COMMIT")
                         : g_strdup_printf ("RELEASE puratan_%u", self->depth - 1);
  if (!exec_step (self, sql, error))
    {
      puratan_database_rollback (self);
      return FALSE;
    }
  self->depth--;
  g_rec_mutex_unlock (&self->lock);
  return TRUE;
}

/**
 * puratan_database_rollback:
 * @self: a #PuratanDatabase
 *
 * Undoes and closes the innermost transaction opened by puratan_database_begin().
 */
void
puratan_database_rollback (PuratanDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (PURATAN_IS_DATABASE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO puratan_%u; RELEASE puratan_%u", self->depth - 1,
                           self->depth - 1);
  /* A failed ROLLBACK means SQLite already rolled back on its own (e.g. after SQLITE_FULL). */
  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  self->depth--;
  g_rec_mutex_unlock (&self->lock);
}

/**
 * puratan_database_run_in_transaction:
 * @self: a #PuratanDatabase
 * @func: (scope call): the work; returns %FALSE with its error set to roll everything back
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Runs @func inside one write transaction: every repository write @func makes commits
 * together, or none does. Nests as a savepoint inside a transaction already open on this
 * thread. Blocking.
 *
 * Returns: %TRUE when @func succeeded and its writes are committed
 */
gboolean
puratan_database_run_in_transaction (PuratanDatabase *self,
                                     PuratanTransactionFunc func,
                                     gpointer user_data,
                                     GError **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!puratan_database_begin (self, error))
    return FALSE;
  if (!func (self, user_data, &local_error))
    {
      puratan_database_rollback (self);
      if (local_error == NULL)
        g_set_error_literal (&local_error, PURATAN_ERROR, PURATAN_ERROR_IO,
                             "The change was abandoned and nothing was saved");
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return puratan_database_commit (self, error);
}

/**
 * puratan_database_backup:
 * @self: an open database
 * @destination: the backup file to create; must not exist yet
 * @error: return location for a #GError
 *
 * Copies the database with SQLite's online backup while it stays in use: the copy is a
 * consistent snapshot. It is written beside @destination under a temporary name and renamed
 * into place only when complete, so a failed backup never leaves a half-written file under
 * the real name. Blocking.
 *
 * Returns: %TRUE when @destination holds the complete backup; %PURATAN_ERROR_INVALID_INPUT
 *   when it already exists, %PURATAN_ERROR_IO when it cannot be written
 */
gboolean
puratan_database_backup (PuratanDatabase *self, const char *destination, GError **error)
{
  g_autofree char *partial = NULL;
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*destination == '\0' || g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "“%s” already exists or is empty; give a new file name for the backup",
                   destination);
      return FALSE;
    }
  partial = g_strconcat (destination, ".partial", NULL);
  g_unlink (partial);
  if (sqlite3_open_v2 (partial, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
      SQLITE_OK)
    {
      set_error_from_sqlite (target, destination, "create the backup", error);
      sqlite3_close (target);
      return FALSE;
    }

  backup = sqlite3_backup_init (target, "main", self->db, "main");
  if (backup == NULL)
    {
      set_error_from_sqlite (target, destination, "start the backup to", error);
      sqlite3_close (target);
      g_unlink (partial);
      return FALSE;
    }
  /* Copy in slices so writers on other connections are not locked out for long. */
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE || sqlite3_close (target) != SQLITE_OK)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "The backup to “%s” failed: %s",
                   destination, sqlite3_errstr (rc));
      sqlite3_close (target);
      g_unlink (partial);
      return FALSE;
    }
  if (g_rename (partial, destination) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot move the backup to “%s”: %s",
                   destination, g_strerror (saved_errno));
      g_unlink (partial);
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_database_check:
 * @self: an open database
 * @out_problems: (out) (transfer full) (array zero-terminated=1): what is wrong, one line
 *   each; empty when the database is sound
 * @error: return location for a #GError
 *
 * Runs SQLite's `PRAGMA integrity_check` and `PRAGMA foreign_key_check`. Blocking; reads the
 * whole file.
 *
 * Returns: %TRUE when the checks ran (whatever they found), %FALSE with @error set when they
 *   could not run
 */
gboolean
puratan_database_check (PuratanDatabase *self, char ***out_problems, GError **error)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (out_problems != NULL, FALSE);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    return set_error_from_sqlite (self->db, self->path, "check", error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf ("integrity: %s", line));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_error_from_sqlite (self->db, self->path, "check", error);

  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    return set_error_from_sqlite (self->db, self->path, "check", error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (problems,
                     g_strdup_printf ("foreign key: row %lld of %s points to a missing row in %s",
                                      (long long) sqlite3_column_int64 (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_error_from_sqlite (self->db, self->path, "check", error);

  g_ptr_array_add (problems, NULL);
  *out_problems = (char **) g_ptr_array_free (g_steal_pointer (&problems), FALSE);
  return TRUE;
}

/* puratan-store-util.c: helpers shared by the store's repositories
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-store-private.h"

/* The most statements kept per connection. */
#define MAX_CACHED_STATEMENTS 256

/* The characters at each end of a statement's SQL that its hash reads. */
#define SQL_HASH_EDGE 48

/* Statements kept for reuse: connection → (SQL → statement), keyed by each statement's own
 * text (sqlite3_sql()), which lives as long as the statement. A statement is taken out while
 * in use, so two users never share one, whatever their thread. */
static GMutex statement_lock;
static GHashTable *statement_caches;

/* Hashes a statement's SQL by its length and the characters at each end: the store's
 * statements run to hundreds of characters and a statement is looked up at every use; texts
 * with equal hashes are still told apart by comparing them whole. */
static guint
sql_hash (gconstpointer key)
{
  const char *sql = key;
  gsize length = strlen (sql);
  gsize edge = MIN (length, SQL_HASH_EDGE);
  guint hash = (guint) length;

  for (gsize i = 0; i < edge; i++)
    hash = hash * 31 + (guchar) sql[i];
  for (gsize i = length - edge; i < length; i++)
    hash = hash * 31 + (guchar) sql[i];
  return hash;
}

/**
 * puratan_store_fail:
 * @database: the database whose last statement failed
 * @doing: what was being done, for the message ("save the order")
 * @error: return location for a #GError
 *
 * Turns the connection's last SQLite error into a #GError: a broken rule of the schema is
 * %PURATAN_ERROR_INVALID_INPUT, damage is %PURATAN_ERROR_CORRUPT, anything else
 * %PURATAN_ERROR_IO.
 *
 * Returns: %FALSE, always
 */
gboolean
puratan_store_fail (PuratanDatabase *database, const char *doing, GError **error)
{
  sqlite3 *db = puratan_database_get_handle (database);
  int code = sqlite3_errcode (db) & 0xff;
  const char *message = sqlite3_errmsg (db);

  if (code == SQLITE_CONSTRAINT)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "Cannot %s: %s", doing,
                 message);
  else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                 "Cannot %s: the shop database is damaged (%s); run “puratan db check”", doing,
                 message);
  else
    g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, "Cannot %s: %s", doing, message);
  return FALSE;
}

/**
 * puratan_store_prepare:
 * @database: an open database
 * @sql: one statement with `?` parameters
 * @error: return location for a #GError
 *
 * Returns a statement kept from an earlier use of the same SQL on this connection when there
 * is one (reset, without bindings), or prepares it. Declare it `g_autoptr (sqlite3_stmt)`,
 * which gives it back (puratan_store_release()).
 *
 * Returns: (transfer full) (nullable): the statement, or %NULL with @error set
 */
sqlite3_stmt *
puratan_store_prepare (PuratanDatabase *database, const char *sql, GError **error)
{
  sqlite3 *db = puratan_database_get_handle (database);
  sqlite3_stmt *stmt = NULL;

  g_mutex_lock (&statement_lock);
  if (statement_caches != NULL)
    {
      GHashTable *cache = g_hash_table_lookup (statement_caches, db);

      if (cache != NULL)
        g_hash_table_steal_extended (cache, sql, NULL, (gpointer *) &stmt);
    }
  g_mutex_unlock (&statement_lock);
  if (stmt != NULL)
    return stmt;
  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      puratan_store_fail (database, "read the shop database", error);
      return NULL;
    }
  return stmt;
}

/**
 * puratan_store_release:
 * @stmt: (nullable) (transfer full): a statement
 *
 * Gives a statement back once used (the cleanup of `g_autoptr (sqlite3_stmt)`): it is reset
 * and kept for the next puratan_store_prepare() of the same SQL on its connection, so the
 * store's hot statements are compiled once per connection. A statement of a connection
 * being closed, or one more than the cache keeps, is finalized.
 */
void
puratan_store_release (sqlite3_stmt *stmt)
{
  sqlite3 *db;
  const char *sql;
  GHashTable *cache;

  if (stmt == NULL)
    return;
  db = sqlite3_db_handle (stmt);
  sql = sqlite3_sql (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  g_mutex_lock (&statement_lock);
  cache = statement_caches != NULL ? g_hash_table_lookup (statement_caches, db) : NULL;
  if (cache != NULL && sql != NULL && g_hash_table_size (cache) < MAX_CACHED_STATEMENTS &&
      !g_hash_table_contains (cache, sql))
    {
      g_hash_table_insert (cache, (gpointer) sql, stmt);
      stmt = NULL;
    }
  g_mutex_unlock (&statement_lock);
  if (stmt != NULL)
    sqlite3_finalize (stmt);
}

/**
 * puratan_store_keep_statements:
 * @db: a connection just opened
 *
 * Starts keeping @db's statements for reuse (puratan_store_release()).
 */
void
puratan_store_keep_statements (sqlite3 *db)
{
  g_mutex_lock (&statement_lock);
  if (statement_caches == NULL)
    statement_caches =
        g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  g_hash_table_insert (
      statement_caches, db,
      g_hash_table_new_full (sql_hash, g_str_equal, NULL, (GDestroyNotify) sqlite3_finalize));
  g_mutex_unlock (&statement_lock);
}

/**
 * puratan_store_forget_statements:
 * @db: a connection about to be closed
 *
 * Finalizes the statements kept for @db, and keeps no more of them.
 */
void
puratan_store_forget_statements (sqlite3 *db)
{
  g_mutex_lock (&statement_lock);
  if (statement_caches != NULL)
    g_hash_table_remove (statement_caches, db);
  g_mutex_unlock (&statement_lock);
}

/**
 * puratan_store_step_done:
 * @database: the statement's database
 * @stmt: a statement that returns no rows
 * @doing: what the statement does, for the message
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the statement ran to completion
 */
gboolean
puratan_store_step_done (PuratanDatabase *database,
                         sqlite3_stmt *stmt,
                         const char *doing,
                         GError **error)
{
  if (sqlite3_step (stmt) == SQLITE_DONE)
    return TRUE;
  return puratan_store_fail (database, doing, error);
}

/**
 * puratan_store_bind_text:
 * @stmt: a statement
 * @index: the parameter, from 1
 * @value: (nullable): text, bound as SQL NULL when %NULL
 */
void
puratan_store_bind_text (sqlite3_stmt *stmt, int index, const char *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/**
 * puratan_store_column_text:
 * @stmt: a statement on a row
 * @index: the column, from 0
 *
 * Returns: (transfer full) (nullable): the column's text, %NULL for SQL NULL
 */
char *
puratan_store_column_text (sqlite3_stmt *stmt, int index)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, index));
}

/**
 * puratan_store_now:
 *
 * Returns: (transfer full): the current UTC time as ISO 8601 with milliseconds
 */
char *
puratan_store_now (void)
{
  return puratan_store_time_ago (0);
}

/**
 * puratan_store_time_ago:
 * @seconds: how long ago
 *
 * Returns: (transfer full): the time @seconds before now as the store writes times
 *   (puratan_store_now()), so that the two compare as text
 */
char *
puratan_store_time_ago (gint64 seconds)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_seconds (now, (gdouble) -seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S.%fZ");
}

/**
 * puratan_store_new_id:
 * @error: return location for a #GError
 *
 * Makes a record id with the core layer's secure random UUIDs, so ids made on different
 * workstations while offline never collide.
 *
 * Returns: (transfer full) (nullable): the UUID in lower-case text, or %NULL with @error set
 */
char *
puratan_store_new_id (GError **error)
{
  return puratan_id_new (error);
}

/**
 * puratan_store_check_text:
 * @field: the field's name as a person knows it ("customer name")
 * @value: (nullable): the value
 * @required: whether %NULL or blank is refused
 * @max_length: the longest allowed value in characters
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @value is valid UTF-8 within the limits
 */
gboolean
puratan_store_check_text (
    const char *field, const char *value, gboolean required, gsize max_length, GError **error)
{
  const char *p = value;

  while (p != NULL && g_ascii_isspace (*p))
    p++;
  if (p == NULL || *p == '\0')
    {
      if (!required)
        return TRUE;
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "The %s is required", field);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The %s is not valid UTF-8 text", field);
      return FALSE;
    }
  if ((gsize) g_utf8_strlen (value, -1) > max_length)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "The %s is longer than %" G_GSIZE_FORMAT " characters", field, max_length);
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_store_check_version:
 * @database: the database
 * @table: "customers" or "orders" (a constant, never user input)
 * @label: the record as a person names it
 * @id: the record's id
 * @expected: the version the caller read
 * @error: return location for a #GError
 *
 * Explains why an update guarded by `version = ?` changed no row.
 *
 * Returns: %FALSE, always, with %PURATAN_ERROR_NOT_FOUND or %PURATAN_ERROR_CONFLICT
 */
gboolean
puratan_store_check_version (PuratanDatabase *database,
                             const char *table,
                             const char *label,
                             const char *id,
                             gint64 expected,
                             GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = ?", table);
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "There is no %s with id %s",
                   label, id);
      return FALSE;
    }
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
               "The %s was changed elsewhere (it is at version %" G_GINT64_FORMAT
               ", this edit was based on version %" G_GINT64_FORMAT
               "); reload it and apply the change again",
               label, (gint64) sqlite3_column_int64 (stmt, 0), expected);
  return FALSE;
}

/**
 * puratan_store_end_write:
 * @database: a database with a transaction opened by puratan_database_begin()
 * @ok: whether the writes in it succeeded
 * @error: return location for a #GError; set already when @ok is %FALSE
 *
 * Commits when @ok, else rolls back. Single-statement writes use a transaction too, so that
 * another thread's statement never lands inside another transaction on the shared
 * connection and sqlite3_changes() reads this statement's count.
 *
 * Returns: whether the writes were committed
 */
gboolean
puratan_store_end_write (PuratanDatabase *database, gboolean ok, GError **error)
{
  if (!ok)
    {
      puratan_database_rollback (database);
      return FALSE;
    }
  return puratan_database_commit (database, error);
}

/* puratan-store-util.c: helpers shared by the store's repositories
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-store-private.h"

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
 * Returns: (transfer full) (nullable): the statement, or %NULL with @error set
 */
sqlite3_stmt *
puratan_store_prepare (PuratanDatabase *database, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (puratan_database_get_handle (database), sql, -1, &stmt, NULL) !=
      SQLITE_OK)
    {
      puratan_store_fail (database, "read the shop database", error);
      return NULL;
    }
  return stmt;
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
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
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

/* puratan-login-failure.c: counters of failed sign-ins
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per key (the server uses "account:EMAIL" and "client:ADDRESS"): how many sign-ins
 * failed, and when the last one did. A count whose last failure is older than the window is
 * stale and starts again from one. The policy (how long to wait) is the auth layer's.
 */
#include "puratan-login-failure.h"

#include "puratan-core.h"
#include "puratan-store-private.h"

/**
 * puratan_login_failures_get:
 * @database: an open database
 * @key: the counter's key
 * @now: the current Unix time in seconds
 * @window_seconds: failures older than this (from the last one) no longer count
 * @failures: (out): the failures that count, 0 when none
 * @last_failure: (out): the Unix time of the last failure, 0 when none
 * @error: return location for a #GError
 *
 * Returns: %TRUE unless the database fails
 */
gboolean
puratan_login_failures_get (PuratanDatabase *database,
                            const char *key,
                            gint64 now,
                            guint window_seconds,
                            guint *failures,
                            gint64 *last_failure,
                            GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (key != NULL && failures != NULL && last_failure != NULL, FALSE);

  *failures = 0;
  *last_failure = 0;
  stmt = puratan_store_prepare (
      database, "SELECT failures, last_failure_at FROM login_failures WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return puratan_store_fail (database, "read the sign-in failures", error);
  if (now - sqlite3_column_int64 (stmt, 1) > (gint64) window_seconds)
    return TRUE;
  *failures = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
  *last_failure = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

static gboolean
login_failures_record_unlocked (PuratanDatabase *database,
                                const char *key,
                                gint64 now,
                                guint window_seconds,
                                guint *failures,
                                GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = puratan_store_prepare (
      database,
      "INSERT INTO login_failures (key, failures, last_failure_at) VALUES (?1, 1, ?2)"
      " ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN ?2 - last_failure_at > ?3 THEN 1"
      " ELSE failures + 1 END, last_failure_at = ?2 RETURNING failures",
      error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, window_seconds);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return puratan_store_fail (database, "count the sign-in failure", error);
  if (failures != NULL)
    *failures = (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT);
  return puratan_store_step_done (database, stmt, "count the sign-in failure", error);
}

/**
 * puratan_login_failures_record:
 * @database: an open database
 * @key: the counter's key
 * @now: the current Unix time in seconds
 * @window_seconds: as for puratan_login_failures_get()
 * @failures: (out) (optional): the count including this failure
 * @error: return location for a #GError
 *
 * Counts one more failure, in one statement (so concurrent failures are all counted).
 *
 * Returns: %TRUE unless the database fails
 */
gboolean
puratan_login_failures_record (PuratanDatabase *database,
                               const char *key,
                               gint64 now,
                               guint window_seconds,
                               guint *failures,
                               GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  if (!puratan_database_begin (database, error))
    return FALSE;
  return puratan_store_end_write (
      database,
      login_failures_record_unlocked (database, key, now, window_seconds, failures, error), error);
}

static gboolean
login_failures_clear_unlocked (PuratanDatabase *database, const char *key, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  stmt = puratan_store_prepare (database, "DELETE FROM login_failures WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, key);
  return puratan_store_step_done (database, stmt, "clear the sign-in failures", error);
}

/**
 * puratan_login_failures_clear:
 * @database: an open database
 * @key: the counter's key
 * @error: return location for a #GError
 *
 * Forgets the failures of @key, after a successful sign-in.
 *
 * Returns: %TRUE unless the database fails
 */
gboolean
puratan_login_failures_clear (PuratanDatabase *database, const char *key, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  if (!puratan_database_begin (database, error))
    return FALSE;
  return puratan_store_end_write (database, login_failures_clear_unlocked (database, key, error),
                                  error);
}

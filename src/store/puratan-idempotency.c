/* puratan-idempotency.c: stored answers of requests sent with an Idempotency-Key
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A key belongs to the account that sent it. Its row is written 'running' in a transaction
 * of its own before the work starts, and turned 'done' with the answer in the transaction of
 * the work itself (puratan_idempotency_finish() called inside it), so a key is done exactly
 * when its work is committed. A server that stops mid-request leaves a 'running' row whose
 * work never committed; puratan_idempotency_release_running() clears those at start-up.
 */
#include "puratan-idempotency.h"
#include "puratan-core.h"
#include "puratan-store-private.h"

/**
 * puratan_stored_answer_free:
 * @answer: (nullable): an answer
 */
void
puratan_stored_answer_free (PuratanStoredAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->response);
  g_free (answer->location);
  g_free (answer);
}

typedef struct
{
  const char *account_id;
  const char *key;
  const char *request_hash;
  PuratanIdempotencyOutcome outcome;
  PuratanStoredAnswer *answer;
} Begin;

static gboolean
begin_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  Begin *begin = user_data;
  g_autoptr (sqlite3_stmt) find = NULL;
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autofree char *now = puratan_store_now ();
  int rc;

  find = puratan_store_prepare (database,
                                "SELECT request_hash, state, status, response, location"
                                " FROM idempotency_keys WHERE account_id = ? AND key = ?",
                                error);
  if (find == NULL)
    return FALSE;
  puratan_store_bind_text (find, 1, begin->account_id);
  puratan_store_bind_text (find, 2, begin->key);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (find, 0), begin->request_hash) != 0)
        begin->outcome = PURATAN_IDEMPOTENCY_MISMATCH;
      else if (g_strcmp0 ((const char *) sqlite3_column_text (find, 1), "done") != 0)
        begin->outcome = PURATAN_IDEMPOTENCY_RUNNING;
      else
        {
          begin->outcome = PURATAN_IDEMPOTENCY_DONE;
          begin->answer = g_new0 (PuratanStoredAnswer, 1);
          begin->answer->status = (guint) sqlite3_column_int64 (find, 2);
          begin->answer->response = puratan_store_column_text (find, 3);
          begin->answer->location = puratan_store_column_text (find, 4);
        }
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    return puratan_store_fail (database, "look up the idempotency key", error);

  insert = puratan_store_prepare (database,
                                  "INSERT INTO idempotency_keys (account_id, key, request_hash,"
                                  " state, created_at) VALUES (?, ?, ?, 'running', ?)",
                                  error);
  if (insert == NULL)
    return FALSE;
  puratan_store_bind_text (insert, 1, begin->account_id);
  puratan_store_bind_text (insert, 2, begin->key);
  puratan_store_bind_text (insert, 3, begin->request_hash);
  puratan_store_bind_text (insert, 4, now);
  begin->outcome = PURATAN_IDEMPOTENCY_NEW;
  return puratan_store_step_done (database, insert, "record the idempotency key", error);
}

/**
 * puratan_idempotency_begin:
 * @database: an open database
 * @account_id: the account that sent the request
 * @key: the request's `Idempotency-Key`
 * @request_hash: the SHA-256, in lower-case hex, of what identifies the request (method, path
 *   and body)
 * @out_answer: (out) (transfer full) (optional): the stored answer, for
 *   %PURATAN_IDEMPOTENCY_DONE
 * @error: return location for a #GError
 *
 * Looks the key up and, when it is new, records it as running in its own transaction.
 *
 * Returns: what was found; %PURATAN_IDEMPOTENCY_NEW with @error set when it failed
 */
PuratanIdempotencyOutcome
puratan_idempotency_begin (PuratanDatabase *database,
                           const char *account_id,
                           const char *key,
                           const char *request_hash,
                           PuratanStoredAnswer **out_answer,
                           GError **error)
{
  Begin begin = { account_id, key, request_hash, PURATAN_IDEMPOTENCY_NEW, NULL };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), PURATAN_IDEMPOTENCY_NEW);
  g_return_val_if_fail (account_id != NULL && key != NULL && request_hash != NULL,
                        PURATAN_IDEMPOTENCY_NEW);

  if (!puratan_database_run_in_transaction (database, begin_in_transaction, &begin, error))
    {
      puratan_stored_answer_free (begin.answer);
      return PURATAN_IDEMPOTENCY_NEW;
    }
  if (out_answer != NULL)
    *out_answer = begin.answer;
  else
    puratan_stored_answer_free (begin.answer);
  return begin.outcome;
}

/**
 * puratan_idempotency_finish:
 * @database: an open database, best inside the transaction of the key's work
 * @account_id: the account
 * @key: a key puratan_idempotency_begin() found new
 * @answer: the answer given, to be given again for the same key and request
 * @error: return location for a #GError
 *
 * Marks the key done with its answer.
 *
 * Returns: %TRUE when stored
 */
gboolean
puratan_idempotency_finish (PuratanDatabase *database,
                            const char *account_id,
                            const char *key,
                            const PuratanStoredAnswer *answer,
                            GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (account_id != NULL && key != NULL && answer != NULL, FALSE);

  stmt = puratan_store_prepare (database,
                                "UPDATE idempotency_keys SET state = 'done', status = ?,"
                                " response = ?, location = ? WHERE account_id = ? AND key = ?"
                                " AND state = 'running'",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, answer->status);
  puratan_store_bind_text (stmt, 2, answer->response);
  puratan_store_bind_text (stmt, 3, answer->location);
  puratan_store_bind_text (stmt, 4, account_id);
  puratan_store_bind_text (stmt, 5, key);
  if (!puratan_store_step_done (database, stmt, "store the answer of an idempotency key", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                           "The idempotency key is not running");
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_where (PuratanDatabase *database,
              const char *sql,
              const char *account_id,
              const char *key,
              GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (account_id != NULL)
    {
      puratan_store_bind_text (stmt, 1, account_id);
      puratan_store_bind_text (stmt, 2, key);
    }
  return puratan_store_step_done (database, stmt, "release an idempotency key", error);
}

/**
 * puratan_idempotency_release:
 * @database: an open database
 * @account_id: the account
 * @key: a running key
 * @error: return location for a #GError
 *
 * Forgets a running key whose work failed without an answer worth keeping (the server's own
 * failure), so the client may send the request again.
 *
 * Returns: %TRUE when done
 */
gboolean
puratan_idempotency_release (PuratanDatabase *database,
                             const char *account_id,
                             const char *key,
                             GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (account_id != NULL && key != NULL, FALSE);

  return delete_where (database,
                       "DELETE FROM idempotency_keys WHERE account_id = ? AND key = ?"
                       " AND state = 'running'",
                       account_id, key, error);
}

/**
 * puratan_idempotency_release_running:
 * @database: an open database that no request is using yet
 * @error: return location for a #GError
 *
 * Forgets every running key: at start-up these are of requests a previous run did not finish,
 * whose work was never committed.
 *
 * Returns: %TRUE when done
 */
gboolean
puratan_idempotency_release_running (PuratanDatabase *database, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  return delete_where (database, "DELETE FROM idempotency_keys WHERE state = 'running'", NULL, NULL,
                       error);
}

/**
 * puratan_idempotency_lookup:
 * @database: an open database
 * @account_id: the sender's account
 * @key: the key
 * @out_answer: (out) (transfer full) (nullable): the stored answer, when done
 * @error: return location for a #GError
 *
 * Reads what a key holds, without taking it: %PURATAN_IDEMPOTENCY_NEW for an unknown key,
 * %PURATAN_IDEMPOTENCY_RUNNING or %PURATAN_IDEMPOTENCY_DONE (with @out_answer). Inside a
 * transaction it sees that transaction's own keys.
 *
 * Returns: what the key holds; %PURATAN_IDEMPOTENCY_NEW with @error set on failure
 */
PuratanIdempotencyOutcome
puratan_idempotency_lookup (PuratanDatabase *database,
                            const char *account_id,
                            const char *key,
                            PuratanStoredAnswer **out_answer,
                            GError **error)
{
  g_autoptr (sqlite3_stmt) find = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), PURATAN_IDEMPOTENCY_NEW);
  g_return_val_if_fail (account_id != NULL && key != NULL && out_answer != NULL,
                        PURATAN_IDEMPOTENCY_NEW);

  *out_answer = NULL;
  find = puratan_store_prepare (database,
                                "SELECT state, status, response, location FROM idempotency_keys"
                                " WHERE account_id = ? AND key = ?",
                                error);
  if (find == NULL)
    return PURATAN_IDEMPOTENCY_NEW;
  puratan_store_bind_text (find, 1, account_id);
  puratan_store_bind_text (find, 2, key);
  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    return PURATAN_IDEMPOTENCY_NEW;
  if (rc != SQLITE_ROW)
    {
      puratan_store_fail (database, "look up the idempotency key", error);
      return PURATAN_IDEMPOTENCY_NEW;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (find, 0), "done") != 0)
    return PURATAN_IDEMPOTENCY_RUNNING;
  *out_answer = g_new0 (PuratanStoredAnswer, 1);
  (*out_answer)->status = (guint) sqlite3_column_int64 (find, 1);
  (*out_answer)->response = puratan_store_column_text (find, 2);
  (*out_answer)->location = puratan_store_column_text (find, 3);
  return PURATAN_IDEMPOTENCY_DONE;
}

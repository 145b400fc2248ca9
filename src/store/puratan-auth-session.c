/* puratan-auth-session.c: sign-in sessions and their rotating refresh tokens
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A session is a family of refresh tokens. Each refresh spends the presented token and adds
 * its successor to the family, in one transaction. A spent token presented again means two
 * parties hold the family (one of them stole a token), and the whole family is revoked: the
 * thief and the owner both have to sign in again, and the access tokens of the session are
 * refused from then on, as the server checks the session on every request. Tokens are
 * stored and looked up by their SHA-256 only.
 *
 * One exception keeps a lost answer from ending the session: the token presented was
 * spent at most retry_grace seconds ago and the successor it was exchanged for has never
 * been presented. That is the client retrying a refresh whose answer it never saw; it gets
 * a new successor, and the unused one is spent with no successor of its own, so whoever
 * presents it later (a thief who took the lost answer, or a client that did see it after
 * all) revokes the family as any reuse does. The grace is measured from the first
 * rotation, so retries cannot stretch it.
 */
#include "puratan-auth-session.h"

#include "puratan-core.h"
#include "puratan-store-private.h"

/**
 * puratan_auth_session_free:
 * @session: (nullable): a session
 */
void
puratan_auth_session_free (PuratanAuthSession *session)
{
  if (session == NULL)
    return;
  g_free (session->id);
  g_free (session->account_id);
  g_free (session->role);
  g_free (session);
}

static gboolean
insert_token (PuratanDatabase *database,
              const char *hash,
              const char *session_id,
              gint64 now,
              gint64 expires_at,
              GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (
      database,
      "INSERT INTO refresh_tokens (hash, session_id, issued_at, expires_at) VALUES (?, ?, ?, ?)",
      error);

  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, hash);
  puratan_store_bind_text (stmt, 2, session_id);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, expires_at);
  return puratan_store_step_done (database, stmt, "save the refresh token", error);
}

typedef struct
{
  const char *account_id;
  gboolean second_factor;
  const char *token_hash;
  gint64 now;
  gint64 expires_at;
  char *session_id;
} StartData;

static gboolean
start_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  StartData *data = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = puratan_store_prepare (database,
                                "INSERT INTO auth_sessions (id, account_id, second_factor,"
                                " created_at) VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, data->session_id);
  puratan_store_bind_text (stmt, 2, data->account_id);
  sqlite3_bind_int (stmt, 3, data->second_factor ? 1 : 0);
  sqlite3_bind_int64 (stmt, 4, data->now);
  if (!puratan_store_step_done (database, stmt, "start the session", error))
    return FALSE;
  return insert_token (database, data->token_hash, data->session_id, data->now, data->expires_at,
                       error);
}

/**
 * puratan_auth_session_start:
 * @database: an open database
 * @account_id: the account that signed in
 * @second_factor: whether it signed in with a TOTP code
 * @token_hash: the SHA-256 (hex) of the session's first refresh token
 * @now: the current Unix time in seconds
 * @expires_at: when the first refresh token expires
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new session's id, or %NULL with @error set
 */
char *
puratan_auth_session_start (PuratanDatabase *database,
                            const char *account_id,
                            gboolean second_factor,
                            const char *token_hash,
                            gint64 now,
                            gint64 expires_at,
                            GError **error)
{
  StartData data = { account_id, second_factor, token_hash, now, expires_at, NULL };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (account_id != NULL && token_hash != NULL, NULL);

  data.session_id = puratan_store_new_id (error);
  if (data.session_id == NULL)
    return NULL;
  if (!puratan_database_run_in_transaction (database, start_in_transaction, &data, error))
    {
      g_free (data.session_id);
      return NULL;
    }
  return data.session_id;
}

static gboolean
revoke_session (PuratanDatabase *database,
                const char *session_id,
                const char *reason,
                gint64 now,
                GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
      puratan_store_prepare (database,
                             "UPDATE auth_sessions SET revoked_at = ?, revoked_reason = ?"
                             " WHERE id = ? AND revoked_at IS NULL",
                             error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  puratan_store_bind_text (stmt, 2, reason);
  puratan_store_bind_text (stmt, 3, session_id);
  return puratan_store_step_done (database, stmt, "end the session", error);
}

typedef struct
{
  const char *old_hash;
  const char *new_hash;
  gint64 now;
  gint64 expires_at;
  gint64 retry_grace;
  PuratanRefreshOutcome outcome;
  PuratanAuthSession *session;
} RotateData;

/* Runs a fixed statement binding @now and @hash, in the caller's transaction. */
static gboolean
update_token (PuratanDatabase *database,
              const char *sql,
              gint64 now,
              const char *hash,
              const char *successor,
              GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  puratan_store_bind_text (stmt, 2, hash);
  if (successor != NULL)
    puratan_store_bind_text (stmt, 3, successor);
  if (!puratan_store_step_done (database, stmt, "spend the refresh token", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) != 1)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                           "The refresh token changed while it was being spent");
      return FALSE;
    }
  return TRUE;
}

static gboolean
rotate_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  RotateData *data = user_data;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (PuratanAuthSession) session = g_new0 (PuratanAuthSession, 1);
  g_autofree char *successor = NULL;
  gboolean rotated, revoked, successor_unused;
  gint64 expires_at, rotated_at;
  int rc;

  stmt = puratan_store_prepare (
      database,
      "SELECT s.id, s.account_id, a.role, s.second_factor,"
      " t.expires_at, t.rotated_at IS NOT NULL, s.revoked_at IS NOT NULL, t.rotated_at,"
      " t.successor, coalesce ((SELECT n.rotated_at IS NULL FROM refresh_tokens n"
      "   WHERE n.hash = t.successor AND n.session_id = t.session_id), 0)"
      " FROM refresh_tokens t JOIN auth_sessions s ON s.id = t.session_id"
      " JOIN accounts a ON a.id = s.account_id WHERE t.hash = ?",
      error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, data->old_hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      data->outcome = PURATAN_REFRESH_UNKNOWN;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return puratan_store_fail (database, "read the refresh token", error);

  session->id = puratan_store_column_text (stmt, 0);
  session->account_id = puratan_store_column_text (stmt, 1);
  session->role = puratan_store_column_text (stmt, 2);
  session->second_factor = sqlite3_column_int (stmt, 3) != 0;
  expires_at = sqlite3_column_int64 (stmt, 4);
  rotated = sqlite3_column_int (stmt, 5) != 0;
  revoked = sqlite3_column_int (stmt, 6) != 0;
  rotated_at = sqlite3_column_int64 (stmt, 7);
  successor = puratan_store_column_text (stmt, 8);
  successor_unused = sqlite3_column_int (stmt, 9) != 0;
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (revoked)
    data->outcome = PURATAN_REFRESH_REVOKED;
  else if (rotated && successor != NULL && successor_unused && data->retry_grace > 0 &&
           data->now >= rotated_at && data->now - rotated_at <= data->retry_grace &&
           data->now < expires_at)
    {
      /* A refresh retried after its answer was lost: the unused successor is spent with no
       * successor of its own, and the new one takes its place. */
      if (!update_token (database,
                         "UPDATE refresh_tokens SET rotated_at = ?1 WHERE hash = ?2"
                         " AND rotated_at IS NULL",
                         data->now, successor, NULL, error) ||
          !update_token (database, "UPDATE refresh_tokens SET successor = ?3 WHERE hash = ?2",
                         data->now, data->old_hash, data->new_hash, error) ||
          !insert_token (database, data->new_hash, session->id, data->now, data->expires_at, error))
        return FALSE;
      data->outcome = PURATAN_REFRESH_RETRIED;
    }
  else if (rotated)
    {
      data->outcome = PURATAN_REFRESH_REUSED;
      if (!revoke_session (database, session->id, "reuse", data->now, error))
        return FALSE;
    }
  else if (data->now >= expires_at)
    data->outcome = PURATAN_REFRESH_EXPIRED;
  else
    {
      if (!update_token (database,
                         "UPDATE refresh_tokens SET rotated_at = ?1, successor = ?3"
                         " WHERE hash = ?2 AND rotated_at IS NULL",
                         data->now, data->old_hash, data->new_hash, error) ||
          !insert_token (database, data->new_hash, session->id, data->now, data->expires_at, error))
        return FALSE;
      data->outcome = PURATAN_REFRESH_ROTATED;
    }
  data->session = g_steal_pointer (&session);
  return TRUE;
}

/**
 * puratan_auth_session_rotate:
 * @database: an open database
 * @old_hash: the SHA-256 (hex) of the refresh token presented
 * @new_hash: the SHA-256 (hex) of its successor
 * @now: the current Unix time in seconds
 * @expires_at: when the successor expires
 * @retry_grace: seconds after a rotation during which the same token may be presented
 *   again while its successor was never used (a retry after a lost answer); 0 for none
 * @outcome: (out): what happened
 * @session: (out) (transfer full) (optional) (nullable): the token's session, unless the
 *   token is unknown
 * @error: return location for a #GError
 *
 * Spends a refresh token and stores its successor, all in one transaction; a reused token
 * revokes its whole session (see #PuratanRefreshOutcome), unless it is a retry within
 * @retry_grace. Only %PURATAN_REFRESH_ROTATED and %PURATAN_REFRESH_RETRIED make the
 * successor valid.
 *
 * Returns: %TRUE with @outcome set; %FALSE with @error set only when the database fails
 */
gboolean
puratan_auth_session_rotate (PuratanDatabase *database,
                             const char *old_hash,
                             const char *new_hash,
                             gint64 now,
                             gint64 expires_at,
                             gint64 retry_grace,
                             PuratanRefreshOutcome *outcome,
                             PuratanAuthSession **session,
                             GError **error)
{
  RotateData data = { old_hash, new_hash, now, expires_at, retry_grace, PURATAN_REFRESH_UNKNOWN,
                      NULL };

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (old_hash != NULL && new_hash != NULL && outcome != NULL, FALSE);

  if (!puratan_database_run_in_transaction (database, rotate_in_transaction, &data, error))
    {
      puratan_auth_session_free (data.session);
      return FALSE;
    }
  *outcome = data.outcome;
  if (session != NULL)
    *session = data.session;
  else
    puratan_auth_session_free (data.session);
  return TRUE;
}

static gboolean
auth_session_revoke_unlocked (PuratanDatabase *database,
                              const char *session_id,
                              gint64 now,
                              GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);

  return revoke_session (database, session_id, "logout", now, error);
}

/**
 * puratan_auth_session_revoke:
 * @database: an open database
 * @session_id: the session to end
 * @now: the current Unix time in seconds
 * @error: return location for a #GError
 *
 * Ends a session (sign-out): its refresh tokens and access tokens are refused from now on.
 * Ending a session that has ended already changes nothing.
 *
 * Returns: %TRUE unless the database fails
 */
gboolean
puratan_auth_session_revoke (PuratanDatabase *database,
                             const char *session_id,
                             gint64 now,
                             GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  if (!puratan_database_begin (database, error))
    return FALSE;
  return puratan_store_end_write (
      database, auth_session_revoke_unlocked (database, session_id, now, error), error);
}

/**
 * puratan_auth_session_get_active:
 * @database: an open database
 * @session_id: the session named by an access token
 * @account_id: the account named by the same token
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the session with the account's current role, or
 *   %NULL with %PURATAN_ERROR_NOT_FOUND when the session is unknown, ended, or not the
 *   account's
 */
PuratanAuthSession *
puratan_auth_session_get_active (PuratanDatabase *database,
                                 const char *session_id,
                                 const char *account_id,
                                 GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  PuratanAuthSession *session = NULL;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (session_id != NULL && account_id != NULL, NULL);

  /* Every signed-in request asks this; puratan_store_prepare() keeps it compiled. */
  stmt = puratan_store_prepare (database,
                                "SELECT s.id, s.account_id, a.role, s.second_factor"
                                " FROM auth_sessions s JOIN accounts a ON a.id = s.account_id"
                                " WHERE s.id = ? AND s.account_id = ? AND s.revoked_at IS NULL",
                                error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, session_id);
  puratan_store_bind_text (stmt, 2, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "The session has ended");
  else if (rc != SQLITE_ROW)
    puratan_store_fail (database, "read the session", error);
  else
    {
      session = g_new0 (PuratanAuthSession, 1);
      session->id = puratan_store_column_text (stmt, 0);
      session->account_id = puratan_store_column_text (stmt, 1);
      session->role = puratan_store_column_text (stmt, 2);
      session->second_factor = sqlite3_column_int (stmt, 3) != 0;
    }
  return session;
}

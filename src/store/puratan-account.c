/* puratan-account.c: the server's accounts and their TOTP secrets
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accounts live only on the server: they have no outbox rows and are never synced. The
 * store keeps what the auth layer computes (argon2id hashes, TOTP secrets and steps) and
 * never sees a password or a code.
 */
#include "puratan-account.h"

#include <string.h>

#include "puratan-core.h"
#include "puratan-store-private.h"

#define ACCOUNT_COLUMNS "id, email, password_hash, role, created_at, updated_at"

/**
 * puratan_account_free:
 * @account: (nullable): an account
 */
void
puratan_account_free (PuratanAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->id);
  g_free (account->email);
  g_free (account->password_hash);
  g_free (account->role);
  g_free (account->created_at);
  g_free (account->updated_at);
  g_free (account);
}

/**
 * puratan_account_totp_free:
 * @totp: (nullable): an enrolment
 */
void
puratan_account_totp_free (PuratanAccountTotp *totp)
{
  if (totp == NULL)
    return;
  g_clear_pointer (&totp->secret, g_bytes_unref);
  g_free (totp);
}

/**
 * puratan_account_normalize_email:
 * @email: (nullable): an email address as typed
 * @error: return location for a #GError
 *
 * Trims @email and lower-cases its ASCII letters, then checks its form: 3 to 254 bytes of
 * printable ASCII, exactly one "@" with text on both sides, a dot in the domain.
 *
 * Returns: (transfer full) (nullable): the address as stored, or %NULL with
 *   %PURATAN_ERROR_INVALID_INPUT
 */
char *
puratan_account_normalize_email (const char *email, GError **error)
{
  g_autofree char *trimmed = NULL;
  const char *at;
  gsize length;

  if (email == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "An email address is required");
      return NULL;
    }
  trimmed = g_ascii_strdown (email, -1);
  g_strstrip (trimmed);
  length = strlen (trimmed);
  for (gsize i = 0; i < length; i++)
    if ((guchar) trimmed[i] <= ' ' || (guchar) trimmed[i] >= 0x7f)
      goto malformed;
  at = strchr (trimmed, '@');
  if (length < 3 || length > 254 || at == NULL || at == trimmed || at[1] == '\0' ||
      strchr (at + 1, '@') != NULL || strchr (at + 1, '.') == NULL)
    goto malformed;
  return g_steal_pointer (&trimmed);

malformed:
  g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                       "The email address is not valid: use the form name@example.in");
  return NULL;
}

static PuratanAccount *
read_account (sqlite3_stmt *stmt)
{
  PuratanAccount *account = g_new0 (PuratanAccount, 1);

  account->id = puratan_store_column_text (stmt, 0);
  account->email = puratan_store_column_text (stmt, 1);
  account->password_hash = puratan_store_column_text (stmt, 2);
  account->role = puratan_store_column_text (stmt, 3);
  account->created_at = puratan_store_column_text (stmt, 4);
  account->updated_at = puratan_store_column_text (stmt, 5);
  return account;
}

static PuratanAccount *
get_by (PuratanDatabase *database, const char *sql, const char *value, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_account (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "There is no such account");
  else
    puratan_store_fail (database, "read the account", error);
  return NULL;
}

static PuratanAccount *
account_insert_unlocked (PuratanDatabase *database,
                         const char *email,
                         const char *password_hash,
                         const char *role,
                         GError **error)
{
  g_autoptr (PuratanAccount) account = g_new0 (PuratanAccount, 1);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (password_hash != NULL && role != NULL, NULL);

  account->email = puratan_account_normalize_email (email, error);
  if (account->email == NULL)
    return NULL;
  account->id = puratan_store_new_id (error);
  if (account->id == NULL)
    return NULL;
  account->password_hash = g_strdup (password_hash);
  account->role = g_strdup (role);
  account->created_at = puratan_store_now ();
  account->updated_at = g_strdup (account->created_at);

  stmt =
      puratan_store_prepare (database,
                             "INSERT INTO accounts (" ACCOUNT_COLUMNS ") VALUES (?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (email) DO NOTHING",
                             error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, account->id);
  puratan_store_bind_text (stmt, 2, account->email);
  puratan_store_bind_text (stmt, 3, account->password_hash);
  puratan_store_bind_text (stmt, 4, account->role);
  puratan_store_bind_text (stmt, 5, account->created_at);
  puratan_store_bind_text (stmt, 6, account->updated_at);
  if (!puratan_store_step_done (database, stmt, "save the account", error))
    return NULL;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                   "An account with the email address %s exists already", account->email);
      return NULL;
    }
  return g_steal_pointer (&account);
}

/**
 * puratan_account_insert:
 * @database: an open database
 * @email: the sign-in address (normalised with puratan_account_normalize_email())
 * @password_hash: an argon2id hash made by the auth layer
 * @role: one of the five role names
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new account, or %NULL with
 *   %PURATAN_ERROR_CONFLICT when an account has this email address already, or
 *   %PURATAN_ERROR_INVALID_INPUT for a malformed address, hash or role
 */
PuratanAccount *
puratan_account_insert (PuratanDatabase *database,
                        const char *email,
                        const char *password_hash,
                        const char *role,
                        GError **error)
{
  PuratanAccount *result;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  if (!puratan_database_begin (database, error))
    return NULL;
  result = account_insert_unlocked (database, email, password_hash, role, error);
  if (!puratan_store_end_write (database, result != NULL, error))
    g_clear_pointer (&result, puratan_account_free);
  return result;
}

/**
 * puratan_account_get:
 * @database: an open database
 * @id: the account's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with %PURATAN_ERROR_NOT_FOUND
 */
PuratanAccount *
puratan_account_get (PuratanDatabase *database, const char *id, GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return get_by (database, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE id = ?", id, error);
}

/**
 * puratan_account_get_by_email:
 * @database: an open database
 * @email: an email address, normalised here
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account, or %NULL with %PURATAN_ERROR_NOT_FOUND,
 *   or %PURATAN_ERROR_INVALID_INPUT for a malformed address
 */
PuratanAccount *
puratan_account_get_by_email (PuratanDatabase *database, const char *email, GError **error)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  normal = puratan_account_normalize_email (email, error);
  if (normal == NULL)
    return NULL;
  return get_by (database, "SELECT " ACCOUNT_COLUMNS " FROM accounts WHERE email = ?", normal,
                 error);
}

static gboolean
account_set_password_hash_unlocked (PuratanDatabase *database,
                                    const char *id,
                                    const char *password_hash,
                                    GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = puratan_store_now ();

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (id != NULL && password_hash != NULL, FALSE);

  stmt = puratan_store_prepare (
      database, "UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  puratan_store_bind_text (stmt, 1, password_hash);
  puratan_store_bind_text (stmt, 2, now);
  puratan_store_bind_text (stmt, 3, id);
  if (!puratan_store_step_done (database, stmt, "save the password", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                           "There is no such account");
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_account_set_password_hash:
 * @database: an open database
 * @id: the account's id
 * @password_hash: a new argon2id hash
 * @error: return location for a #GError
 *
 * Returns: %TRUE when saved; %FALSE with %PURATAN_ERROR_NOT_FOUND for an unknown account
 */
gboolean
puratan_account_set_password_hash (PuratanDatabase *database,
                                   const char *id,
                                   const char *password_hash,
                                   GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  if (!puratan_database_begin (database, error))
    return FALSE;
  return puratan_store_end_write (
      database, account_set_password_hash_unlocked (database, id, password_hash, error), error);
}

/**
 * puratan_account_totp_get:
 * @database: an open database
 * @account_id: the account's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the account's enrolment, pending or confirmed, or
 *   %NULL with %PURATAN_ERROR_NOT_FOUND when it has none
 */
PuratanAccountTotp *
puratan_account_totp_get (PuratanDatabase *database, const char *account_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  PuratanAccountTotp *totp;
  int rc;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);
  g_return_val_if_fail (account_id != NULL, NULL);

  stmt = puratan_store_prepare (
      database, "SELECT secret, confirmed, last_step FROM account_totp WHERE account_id = ?",
      error);
  if (stmt == NULL)
    return NULL;
  puratan_store_bind_text (stmt, 1, account_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                           "The account has no authenticator app");
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      puratan_store_fail (database, "read the authenticator enrolment", error);
      return NULL;
    }
  totp = g_new0 (PuratanAccountTotp, 1);
  totp->secret =
      g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
  totp->confirmed = sqlite3_column_int (stmt, 1) != 0;
  totp->last_step = sqlite3_column_int64 (stmt, 2);
  return totp;
}

static gboolean
account_totp_begin_unlocked (PuratanDatabase *database,
                             const char *account_id,
                             GBytes *secret,
                             GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (PuratanAccountTotp) existing = NULL;
  g_autofree char *now = puratan_store_now ();
  gsize length = 0;
  gconstpointer data;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (account_id != NULL && secret != NULL, FALSE);

  stmt = puratan_store_prepare (
      database,
      "INSERT INTO account_totp (account_id, secret, confirmed, last_step, created_at)"
      " SELECT id, ?, 0, -1, ? FROM accounts WHERE id = ?"
      " ON CONFLICT (account_id) DO UPDATE SET secret = excluded.secret,"
      " created_at = excluded.created_at, last_step = -1 WHERE confirmed = 0",
      error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (secret, &length);
  sqlite3_bind_blob (stmt, 1, data, (int) length, SQLITE_TRANSIENT);
  puratan_store_bind_text (stmt, 2, now);
  puratan_store_bind_text (stmt, 3, account_id);
  if (!puratan_store_step_done (database, stmt, "save the authenticator enrolment", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 1)
    return TRUE;

  /* Nothing changed: either no such account or a confirmed enrolment. */
  existing = puratan_account_totp_get (database, account_id, NULL);
  if (existing != NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                           "The account has an authenticator app already");
      return FALSE;
    }
  g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "There is no such account");
  return FALSE;
}

/**
 * puratan_account_totp_begin:
 * @database: an open database
 * @account_id: the account's id
 * @secret: a new secret from the auth layer
 * @error: return location for a #GError
 *
 * Stores a pending enrolment, replacing an earlier pending one.
 *
 * Returns: %TRUE when stored; %FALSE with %PURATAN_ERROR_CONFLICT when the account has a
 *   confirmed authenticator already, %PURATAN_ERROR_NOT_FOUND for an unknown account
 */
gboolean
puratan_account_totp_begin (PuratanDatabase *database,
                            const char *account_id,
                            GBytes *secret,
                            GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);

  if (!puratan_database_begin (database, error))
    return FALSE;
  return puratan_store_end_write (
      database, account_totp_begin_unlocked (database, account_id, secret, error), error);
}

static gboolean
update_step_unlocked (
    PuratanDatabase *database, const char *sql, const char *account_id, gint64 step, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = puratan_store_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, step);
  puratan_store_bind_text (stmt, 2, account_id);
  sqlite3_bind_int64 (stmt, 3, step);
  if (!puratan_store_step_done (database, stmt, "save the authenticator code's use", error))
    return FALSE;
  if (sqlite3_changes (puratan_database_get_handle (database)) == 1)
    return TRUE;
  g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                       "This authenticator code has been used already; wait for the next one");
  return FALSE;
}

static gboolean
update_step (
    PuratanDatabase *database, const char *sql, const char *account_id, gint64 step, GError **error)
{
  if (!puratan_database_begin (database, error))
    return FALSE;
  return puratan_store_end_write (
      database, update_step_unlocked (database, sql, account_id, step, error), error);
}

/**
 * puratan_account_totp_confirm:
 * @database: an open database
 * @account_id: the account's id
 * @step: the time step of the code that confirmed the enrolment
 * @error: return location for a #GError
 *
 * Makes a pending enrolment required from now on, with @step as its last used step.
 *
 * Returns: %TRUE when confirmed; %FALSE with %PURATAN_ERROR_CONFLICT when there is no
 *   pending enrolment (none, or confirmed already)
 */
gboolean
puratan_account_totp_confirm (PuratanDatabase *database,
                              const char *account_id,
                              gint64 step,
                              GError **error)
{
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  if (update_step (database,
                   "UPDATE account_totp SET confirmed = 1, last_step = ?"
                   " WHERE account_id = ? AND confirmed = 0 AND last_step < ?",
                   account_id, step, &local_error))
    return TRUE;
  if (g_error_matches (local_error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT))
    g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_CONFLICT,
                         "There is no authenticator enrolment waiting for confirmation");
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * puratan_account_totp_use_step:
 * @database: an open database
 * @account_id: the account's id
 * @step: the time step of a code the auth layer accepted
 * @error: return location for a #GError
 *
 * Records @step as used, in one statement that succeeds only when @step is later than the
 * last used one, so that of two sign-ins with one code only one passes.
 *
 * Returns: %TRUE when recorded; %FALSE with %PURATAN_ERROR_CONFLICT when @step (or a later
 *   one) was used already or the enrolment is not confirmed
 */
gboolean
puratan_account_totp_use_step (PuratanDatabase *database,
                               const char *account_id,
                               gint64 step,
                               GError **error)
{
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (account_id != NULL, FALSE);

  return update_step (database,
                      "UPDATE account_totp SET last_step = ?"
                      " WHERE account_id = ? AND confirmed = 1 AND last_step < ?",
                      account_id, step, error);
}

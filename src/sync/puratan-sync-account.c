/* puratan-sync-account.c: signing in and out, and resolving conflicts, off the UI thread
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-core.h"
#include "puratan-sync-engine.h"
#include "puratan-sync-error.h"
#include "puratan-sync-private.h"

typedef struct
{
  char *email;
  char *password;
  char *totp_code;
  gint64 conflict_id;
  gboolean keep_mine;
} Work;

static void
work_free (Work *work)
{
  if (work->password != NULL)
    memset (work->password, 0, strlen (work->password));
  g_free (work->email);
  g_free (work->password);
  g_free (work->totp_code);
  g_free (work);
}

static void
sign_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PuratanSyncEngine *self = source;
  Work *work = data;
  g_autoptr (PuratanSyncHttp) http = NULL;
  PuratanSyncCredentialStore *store = puratan_sync_engine_get_store (self);
  PuratanSyncTokens *tokens;
  GError *error = NULL;

  http = puratan_sync_http_new (puratan_sync_engine_get_server_url (self), &error);
  tokens = http == NULL ? NULL
                        : puratan_sync_sign_in (http, store, work->email, work->password,
                                                work->totp_code, cancellable, &error);
  if (tokens == NULL)
    g_task_return_error (task, error);
  else
    {
      g_task_return_pointer (task, tokens, (GDestroyNotify) puratan_sync_tokens_free);
      puratan_sync_engine_sync_now (self);
    }
}

/**
 * puratan_sync_engine_sign_in_async:
 * @self: an engine
 * @email: the account's email address
 * @password: its password
 * @totp_code: (nullable): the authenticator app's six digits, when the account has them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when done
 * @user_data: for @callback
 *
 * Signs in to the engine's server on a worker thread and keeps the tokens in the keyring;
 * the engine then syncs. A sign-in dialog calls it without @totp_code first and, on
 * %PURATAN_SYNC_ERROR_TOTP_REQUIRED, asks for the code and calls it again.
 */
void
puratan_sync_engine_sign_in_async (PuratanSyncEngine *self,
                                   const char *email,
                                   const char *password,
                                   const char *totp_code,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  Work *work = g_new0 (Work, 1);

  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (self));
  g_return_if_fail (email != NULL && password != NULL);

  work->email = g_strdup (email);
  work->password = g_strdup (password);
  work->totp_code = g_strdup (totp_code);
  g_task_set_source_tag (task, puratan_sync_engine_sign_in_async);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, sign_in_thread);
}

/**
 * puratan_sync_engine_sign_in_finish:
 * @self: an engine
 * @result: the result
 * @error: return location for a #GError (see puratan_sync_sign_in() for the codes)
 *
 * Returns: (transfer full) (nullable): the tokens (the account's role is in them); never log
 *   or store them
 */
PuratanSyncTokens *
puratan_sync_engine_sign_in_finish (PuratanSyncEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sign_out_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PuratanSyncEngine *self = source;
  g_autoptr (PuratanSyncHttp) http = NULL;
  PuratanSyncCredentialStore *store = puratan_sync_engine_get_store (self);
  GError *error = NULL;

  http = puratan_sync_http_new (puratan_sync_engine_get_server_url (self), &error);
  if (http == NULL || !puratan_sync_sign_out (http, store, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * puratan_sync_engine_sign_out_async:
 * @self: an engine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Ends the session on the server when it can be reached, and forgets the tokens in any case.
 * Local changes stay in the outbox for the next sign-in.
 */
void
puratan_sync_engine_sign_out_async (PuratanSyncEngine *self,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (self));
  g_task_set_source_tag (task, puratan_sync_engine_sign_out_async);
  g_task_run_in_thread (task, sign_out_thread);
}

/**
 * puratan_sync_engine_sign_out_finish:
 * @self: an engine
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the tokens are gone from the keyring
 */
gboolean
puratan_sync_engine_sign_out_finish (PuratanSyncEngine *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
patch_body (JsonObject *mine)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, mine);
  return puratan_json_to_string (node, FALSE);
}

/**
 * puratan_sync_resolve_conflict:
 * @database_path: the workstation's shop database
 * @server_url: the server's base URL
 * @store: where the tokens are kept
 * @conflict_id: an open conflict's number
 * @keep_mine: %TRUE to send the local edit again over the server's version, %FALSE to take
 *   the server's version
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Resolves a conflict as a person chose. "Keep mine" sends the local edit again with the
 * server's version (as the conflict recorded it) as If-Match; if the server's order changed
 * yet again meanwhile, the conflict is updated with that version and stays open
 * (%PURATAN_SYNC_ERROR_REFUSED says so), so nothing is ever overwritten unseen. "Take theirs"
 * reads the server's current order and applies it locally. Blocks: run it on a worker.
 *
 * Returns: %TRUE when resolved
 */
gboolean
puratan_sync_resolve_conflict (const char *database_path,
                               const char *server_url,
                               PuratanSyncCredentialStore *store,
                               gint64 conflict_id,
                               gboolean keep_mine,
                               GCancellable *cancellable,
                               GError **error)
{
  PuratanSyncRun run = { 0 };
  g_autoptr (PuratanSyncConflict) conflict = NULL;
  g_autoptr (JsonObject) server_order = NULL;
  g_autoptr (JsonObject) mine = NULL;
  g_autoptr (PuratanSyncResponse) response = NULL;
  g_autofree char *path = NULL;
  g_autofree char *if_match = NULL;
  g_autofree char *body = NULL;
  gboolean ok = FALSE;

  run.store = store;
  run.cancellable = cancellable;
  run.retry_after = -1;
  run.http = puratan_sync_http_new (server_url, error);
  if (run.http == NULL)
    return FALSE;
  run.database = puratan_database_open (database_path, error);
  if (run.database == NULL)
    goto out;
  run.tokens = puratan_sync_credential_store_load (store, puratan_sync_http_get_url (run.http),
                                                   cancellable, error);
  if (run.tokens == NULL)
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_NOT_SIGNED_IN,
                     "Not signed in to %s; sign in to resolve conflicts", server_url);
      goto out;
    }
  conflict = puratan_sync_conflict_get (run.database, conflict_id, error);
  if (conflict == NULL)
    goto out;
  if (!keep_mine)
    {
      ok = puratan_sync_run_get_order (&run, conflict->server_id, &server_order, error) &&
           puratan_sync_conflict_resolve (run.database, conflict_id, "theirs", server_order, error);
      goto out;
    }

  mine = puratan_json_parse_object (conflict->mine, -1, error);
  if (mine == NULL)
    goto out;
  path = g_strconcat ("/api/v1/orders/", conflict->server_id, NULL);
  if_match = g_strdup_printf ("%" G_GINT64_FORMAT, conflict->server_version);
  body = patch_body (mine);
  response = puratan_sync_run_request (&run, "PATCH", path, NULL, if_match, body, error);
  if (response == NULL)
    goto out;
  if (response->status == 412)
    {
      /* Changed again while the person chose: show them the newest version. */
      g_autofree char *theirs = NULL;
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      if (!puratan_sync_run_get_order (&run, conflict->server_id, &server_order, error))
        goto out;
      json_node_set_object (node, server_order);
      theirs = puratan_json_to_string (node, FALSE);
      if (puratan_sync_conflict_update_theirs (
              run.database, conflict_id, theirs,
              json_object_get_int_member_with_default (server_order, "version", 1), error))
        g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_REFUSED,
                     "The order was changed on the server again while you chose; compare the "
                     "versions once more");
      goto out;
    }
  if (!puratan_sync_response_check (response, error))
    goto out;
  server_order = puratan_sync_response_object (response, error);
  ok = server_order != NULL &&
       puratan_sync_conflict_resolve (run.database, conflict_id, "mine", server_order, error);

out:
  g_clear_object (&run.database);
  g_clear_pointer (&run.http, puratan_sync_http_free);
  g_clear_pointer (&run.tokens, puratan_sync_tokens_free);
  return ok;
}

static void
resolve_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PuratanSyncEngine *self = source;
  Work *work = data;
  PuratanSyncCredentialStore *store = puratan_sync_engine_get_store (self);
  GError *error = NULL;

  if (!puratan_sync_resolve_conflict (puratan_sync_engine_get_database_path (self),
                                      puratan_sync_engine_get_server_url (self), store,
                                      work->conflict_id, work->keep_mine, cancellable, &error))
    g_task_return_error (task, error);
  else
    {
      g_task_return_boolean (task, TRUE);
      puratan_sync_engine_sync_now (self);
    }
}

/**
 * puratan_sync_engine_resolve_conflict_async:
 * @self: an engine
 * @conflict_id: an open conflict (puratan_sync_conflict_list())
 * @keep_mine: %TRUE for the local edit, %FALSE for the server's version
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * puratan_sync_resolve_conflict() on a worker thread, for a dialog that shows both versions.
 */
void
puratan_sync_engine_resolve_conflict_async (PuratanSyncEngine *self,
                                            gint64 conflict_id,
                                            gboolean keep_mine,
                                            GCancellable *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  Work *work = g_new0 (Work, 1);

  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (self));

  work->conflict_id = conflict_id;
  work->keep_mine = keep_mine;
  g_task_set_source_tag (task, puratan_sync_engine_resolve_conflict_async);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, resolve_thread);
}

/**
 * puratan_sync_engine_resolve_conflict_finish:
 * @self: an engine
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the chosen version is on both sides
 */
gboolean
puratan_sync_engine_resolve_conflict_finish (PuratanSyncEngine *self,
                                             GAsyncResult *result,
                                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* puratan-sync-run.c: authorised requests and the change feed's pull
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"
#include "puratan-sync-error.h"
#include "puratan-sync-private.h"

/* An access token closer than this to its expiry is refreshed before use. */
#define REFRESH_MARGIN_SECONDS 60

/* Changes asked for per page of the feed (the server's maximum). */
#define FEED_PAGE 1000

static gboolean
ensure_fresh (PuratanSyncRun *run, gboolean force, GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (run->tokens == NULL)
    {
      g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_NOT_SIGNED_IN,
                   "Not signed in to %s; sign in first", puratan_sync_http_get_url (run->http));
      return FALSE;
    }
  if (!force && run->tokens->access_expires_at - REFRESH_MARGIN_SECONDS > now)
    return TRUE;
  return puratan_sync_refresh (run->http, run->store, run->tokens, run->cancellable, error);
}

/**
 * puratan_sync_run_request:
 * @run: the run
 * @method: the HTTP method
 * @path: the path from the server's root
 * @idempotency_key: (nullable): the request's key
 * @if_match: (nullable): the version the change is based on
 * @json_body: (nullable): the body
 * @error: return location for a #GError
 *
 * Sends one request with the access token, refreshing it first when it is about to expire,
 * and once more after a 401 (the server may have been given a new key). Busy answers (429,
 * 503) fail with %PURATAN_SYNC_ERROR_BUSY and leave their Retry-After in @run. Other answers
 * are returned whatever their status.
 *
 * Returns: (transfer full) (nullable): the answer
 */
PuratanSyncResponse *
puratan_sync_run_request (PuratanSyncRun *run,
                          const char *method,
                          const char *path,
                          const char *idempotency_key,
                          const char *if_match,
                          const char *json_body,
                          GError **error)
{
  g_autoptr (PuratanSyncResponse) response = NULL;

  for (int attempt = 0; attempt < 2; attempt++)
    {
      if (!ensure_fresh (run, attempt > 0, error))
        return NULL;
      g_clear_pointer (&response, puratan_sync_response_free);
      response =
          puratan_sync_http_request (run->http, method, path, run->tokens->access_token,
                                     idempotency_key, if_match, json_body, run->cancellable, error);
      if (response == NULL)
        return NULL;
      if (response->status != 401)
        break;
    }
  if (response->status == 401)
    {
      puratan_sync_response_check (response, error);
      return NULL;
    }
  if (response->status == 429 || response->status == 503 || response->status >= 500)
    {
      run->retry_after = response->retry_after;
      puratan_sync_response_check (response, error);
      return NULL;
    }
  return g_steal_pointer (&response);
}

/**
 * puratan_sync_run_get_order:
 * @run: the run
 * @server_id: the server's id of an order
 * @order: (out) (transfer full): the order as the server has it now
 * @error: return location for a #GError
 *
 * Returns: %TRUE when read
 */
gboolean
puratan_sync_run_get_order (PuratanSyncRun *run,
                            const char *server_id,
                            JsonObject **order,
                            GError **error)
{
  g_autofree char *path = g_strconcat ("/api/v1/orders/", server_id, NULL);
  g_autoptr (PuratanSyncResponse) response =
      puratan_sync_run_request (run, "GET", path, NULL, NULL, NULL, error);

  if (response == NULL || !puratan_sync_response_check (response, error))
    return FALSE;
  *order = puratan_sync_response_object (response, error);
  return *order != NULL;
}

/**
 * puratan_sync_run_pull:
 * @run: the run
 * @received: (out): how many orders and payments were applied
 * @error: return location for a #GError
 *
 * Pulls the change feed from the stored cursor, one page per transaction with its cursor,
 * until the server has no more.
 *
 * Returns: %TRUE when caught up
 */
gboolean
puratan_sync_run_pull (PuratanSyncRun *run, guint *received, GError **error)
{
  gboolean more = TRUE;

  *received = 0;
  while (more)
    {
      g_autofree char *cursor = puratan_sync_cursor_get (run->database, error);
      g_autofree char *path = NULL;
      g_autofree char *escaped = NULL;
      g_autoptr (PuratanSyncResponse) response = NULL;
      g_autoptr (JsonObject) page = NULL;
      g_autoptr (GError) member_error = NULL;
      JsonArray *changes;
      const char *next;
      guint applied = 0;

      if (cursor == NULL)
        return FALSE;
      escaped = g_uri_escape_string (cursor, NULL, FALSE);
      path = g_strdup_printf ("/api/v1/changes?since=%s&limit=%d", escaped, FEED_PAGE);
      response = puratan_sync_run_request (run, "GET", path, NULL, NULL, NULL, error);
      if (response == NULL || !puratan_sync_response_check (response, error))
        return FALSE;
      page = puratan_sync_response_object (response, error);
      if (page == NULL)
        return FALSE;
      if (!json_object_has_member (page, "changes") ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (page, "changes")) ||
          !puratan_json_get_string (page, "next_cursor", &next, &member_error) ||
          !puratan_json_get_bool (page, "has_more", &more, &member_error))
        {
          g_set_error (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_PROTOCOL,
                       "The server's change feed is not as the API describes it%s%s",
                       member_error != NULL ? ": " : "",
                       member_error != NULL ? member_error->message : "");
          return FALSE;
        }
      changes = json_object_get_array_member (page, "changes");
      if (!puratan_sync_apply_changes (run->database, changes, next, &applied, error))
        return FALSE;
      *received += applied;
      if (json_array_get_length (changes) == 0)
        more = FALSE;
    }
  return TRUE;
}

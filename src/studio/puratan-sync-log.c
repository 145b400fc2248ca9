/* puratan-sync-log.c: the Admin view's sync log, read on a worker
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-sync-log.h"

static void
load_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *entries = puratan_sync_log_list (task_data, PURATAN_SYNC_LOG_SHOWN, &error);

  if (entries != NULL)
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_sync_log_load_async:
 * @database: the shop database
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on this thread's main context with the entries
 * @user_data: for @callback
 *
 * Reads the newest entries of the sync log (what was sent, received and refused) on a worker.
 */
void
puratan_sync_log_load_async (PuratanDatabase *database,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (PURATAN_IS_DATABASE (database));

  g_task_set_source_tag (task, puratan_sync_log_load_async);
  g_task_set_task_data (task, g_object_ref (database), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

/**
 * puratan_sync_log_load_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type PuratanSyncLogEntry): the entries, newest first
 */
GPtrArray *
puratan_sync_log_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
direction_words (const char *direction)
{
  if (g_strcmp0 (direction, "sent") == 0)
    return _ ("Sent");
  if (g_strcmp0 (direction, "received") == 0)
    return _ ("Received");
  if (g_strcmp0 (direction, "refused") == 0)
    return _ ("Refused by the server");
  if (g_strcmp0 (direction, "conflict") == 0)
    return _ ("Changed on both sides");
  if (g_strcmp0 (direction, "local") == 0)
    return _ ("Kept on this workstation");
  return direction;
}

static const char *
entity_words (const char *entity)
{
  if (g_strcmp0 (entity, "order") == 0)
    return _ ("order");
  if (g_strcmp0 (entity, "payment") == 0)
    return _ ("payment");
  if (g_strcmp0 (entity, "customer") == 0)
    return _ ("customer");
  if (g_strcmp0 (entity, "changes") == 0)
    return _ ("changes from the server");
  return entity;
}

/**
 * puratan_sync_log_row_new:
 * @entry: a sync log entry
 *
 * Returns: (transfer floating): a row: when, what happened to which record, and the server's
 *   answer with its problem detail
 */
GtkWidget *
puratan_sync_log_row_new (const PuratanSyncLogEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (entry->at, utc);
  g_autoptr (GDateTime) local = at != NULL ? g_date_time_to_local (at) : NULL;
  g_autofree char *when =
      local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup (entry->at);
  const char *detail = entry->detail != NULL && entry->detail[0] != '\0' ? entry->detail : "—";

  /* TRANSLATORS: e.g. "Refused by the server: order" */
  title = g_strdup_printf (_ ("%s: %s"), direction_words (entry->direction),
                           entity_words (entry->entity));
  if (entry->status != 0)
    /* TRANSLATORS: when, the server's HTTP status, and its detail */
    subtitle = g_strdup_printf (_ ("%s · status %u · %s"), when, entry->status, detail);
  else
    subtitle = g_strdup_printf ("%s · %s", when, detail);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_set_name (row, entry->direction);
  return row;
}

/* puratan-shop-catalog.c: the shop's shipped catalog, read on a worker for the studio's views
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-core.h"
#include "puratan-shop-catalog.h"

static void
load_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_autofree char *directory = puratan_data_dir_get_path ("catalog");
  GError *error = NULL;
  PuratanCatalog *catalog = puratan_catalog_load_dir (directory, &error);

  if (catalog == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, catalog, (GDestroyNotify) puratan_catalog_unref);
}

/**
 * puratan_shop_catalog_load_async:
 * @cancellable: (nullable): cancels the load; the callback then gets %G_IO_ERROR_CANCELLED
 * @callback: called on the calling thread's main context when the catalog is read
 * @user_data: for @callback
 *
 * Reads the shop's catalog from the shipped data (`$PURATAN_DATA_DIR/catalog`, else the
 * installed one; see puratan_data_dir_get_path()) on a worker thread, so a view never waits
 * on the disk.
 */
void
puratan_shop_catalog_load_async (GCancellable *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, puratan_shop_catalog_load_async);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

/**
 * puratan_shop_catalog_load_finish:
 * @result: the result given to the callback
 * @error: where to put why the catalog could not be read
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL with @error set
 */
PuratanCatalog *
puratan_shop_catalog_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

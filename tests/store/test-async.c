/* test-async.c: the store's _async/_finish pairs, run from a main loop
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-core.h"
#include "puratan-store.h"

static PuratanDatabase *
open_shop (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);
  database = puratan_database_open (path, &error);
  g_assert_no_error (error);
  return database;
}

static void
keep_result_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_customers_async (void)
{
  g_autoptr (PuratanDatabase) database = open_shop ();
  g_autoptr (PuratanCustomer) draft = puratan_customer_new ("Asha Traders");
  g_autoptr (PuratanCustomer) saved = NULL;
  g_autoptr (PuratanCustomer) read = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GAsyncResult) inserted = NULL;
  g_autoptr (GAsyncResult) got = NULL;
  g_autoptr (GAsyncResult) missing = NULL;
  g_autoptr (GAsyncResult) searched = NULL;
  g_autoptr (GAsyncResult) cancelled = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  draft->phone = g_strdup ("9820012345");
  puratan_customer_insert_async (database, draft, NULL, keep_result_cb, &inserted);
  saved = puratan_customer_insert_finish (wait_for (&inserted), &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved->id);
  /* The caller's copy is left alone. */
  g_assert_null (draft->id);

  puratan_customer_get_async (database, saved->id, NULL, keep_result_cb, &got);
  read = puratan_customer_get_finish (wait_for (&got), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->name, ==, "Asha Traders");

  puratan_customer_get_async (database, "no-such-customer", NULL, keep_result_cb, &missing);
  g_assert_null (puratan_customer_get_finish (wait_for (&missing), &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  puratan_customer_search_async (database, "9820", 8, NULL, keep_result_cb, &searched);
  found = puratan_customer_search_finish (wait_for (&searched), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((PuratanCustomer *) found->pdata[0])->id, ==, saved->id);

  /* A search cancelled before its result is read reports that, never stale matches. */
  puratan_customer_search_async (database, "Asha", 8, cancellable, keep_result_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  g_assert_null (puratan_customer_search_finish (wait_for (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_write_waits_off_the_loop (void)
{
  g_autoptr (PuratanDatabase) database = open_shop ();
  g_autoptr (PuratanDatabase) other = open_shop ();
  g_autoptr (PuratanCustomer) draft = puratan_customer_new ("Meera Prints");
  g_autoptr (PuratanCustomer) saved = NULL;
  g_autoptr (GAsyncResult) inserted = NULL;
  g_autoptr (GError) error = NULL;
  guint ticks = 0;
  guint source;

  /* Another connection holds the write lock: the insert waits on its worker while the loop
   * keeps dispatching, and goes through once the lock is released. */
  g_assert_true (puratan_database_begin (other, &error));
  source = g_timeout_add (5, tick_cb, &ticks);
  puratan_customer_insert_async (database, draft, NULL, keep_result_cb, &inserted);
  while (ticks < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (inserted);
  puratan_database_rollback (other);
  saved = puratan_customer_insert_finish (wait_for (&inserted), &error);
  g_source_remove (source);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->name, ==, "Meera Prints");
}

static void
test_order_get_async_missing (void)
{
  g_autoptr (PuratanDatabase) database = open_shop ();
  g_autoptr (GAsyncResult) got = NULL;
  g_autoptr (GError) error = NULL;

  puratan_order_get_async (database, "no-such-order", NULL, keep_result_cb, &got);
  g_assert_null (puratan_order_get_finish (wait_for (&got), &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/async/customers", test_customers_async);
  g_test_add_func ("/store/async/write-waits-off-the-loop", test_write_waits_off_the_loop);
  g_test_add_func ("/store/async/order-get-missing", test_order_get_async_missing);

  return g_test_run ();
}

/* test-counter-async.c: the Counter keeps the main loop running while the store waits
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "puratan-application.h"
#include "puratan-counter-view-private.h"
#include "puratan-window.h"

static char *database_path;
static char *temp_dir;

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

static void
wait_for_database (PuratanApplication *app)
{
  while (puratan_application_is_opening_database (app))
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until the Counter's workers have reported back. */
static void
wait_for_counter (PuratanCounterView *view)
{
  while (puratan_counter_view_is_busy (view))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* Types @text in the customer search and reports it at once, as after a pause in typing. */
static void
search (PuratanCounterView *view, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (view->customer_search), text);
  g_signal_emit_by_name (view->customer_search, "search-changed");
}

static const char *
first_row_title (PuratanCounterView *view)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (view->customer_list, 0);

  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

static void
price_custom_job (PuratanCounterView *view)
{
  adw_combo_row_set_selected (view->catalog_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (view->product_row), "Letterheads");
  gtk_spin_button_set_value (view->quantity_spin, 100);
  gtk_editable_set_text (GTK_EDITABLE (view->price_row), "2.00");
}

static void
serve_while_locked (PuratanWindow *window)
{
  AdwViewStack *stack = puratan_window_get_stack (window);
  PuratanCounterView *view;
  g_autoptr (PuratanDatabase) other = NULL;
  g_autoptr (GError) error = NULL;
  guint ticks = 0;
  guint source;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "counter"));
  view = PURATAN_COUNTER_VIEW (adw_view_stack_get_child_by_name (stack, "counter"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.new-order", NULL));
  wait_for_counter (view);

  /* Only the newest search fills the list: a slower, older one is dropped. */
  search (view, "Nobody by this name");
  search (view, "Asha");
  g_assert_true (puratan_counter_view_is_busy (view));
  wait_for_counter (view);
  g_assert_cmpstr (first_row_title (view), ==, "Asha Traders");
  g_assert_null (gtk_list_box_get_row_at_index (view->customer_list, 1));
  g_signal_emit_by_name (view->customer_list, "row-activated",
                         gtk_list_box_get_row_at_index (view->customer_list, 0));
  g_assert_nonnull (view->customer);
  g_assert_cmpstr (view->customer->name, ==, "Asha Traders");
  price_custom_job (view);

  /* A second connection holds the write lock, as another program on the shop's database may. */
  other = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_database_begin (other, &error));
  g_assert_no_error (error);

  /* The order cannot be placed while the lock is held, yet the loop keeps dispatching: a
   * timeout source fires again and again, and the search entry still takes typing. */
  source = g_timeout_add (10, tick_cb, &ticks);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.place-order", NULL));
  g_assert_true (puratan_counter_view_is_busy (view));
  g_assert_false (gtk_widget_get_sensitive (view->place_button));
  g_assert_cmpstr (gtk_label_get_text (view->message_label), ==, "Placing the order…");
  search (view, "Zzz");
  search (view, "Asha");
  while (ticks < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (puratan_counter_view_is_busy (view));
  g_assert_null (puratan_counter_view_get_order (view));
  /* A second Place Order while the first runs does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (view), "counter.place-order", NULL);

  /* Released, the order is placed once and the newest search is shown. */
  puratan_database_rollback (other);
  wait_for_counter (view);
  g_source_remove (source);
  g_assert_nonnull (puratan_counter_view_get_order (view));
  g_assert_cmpint (puratan_counter_view_get_order (view)->total_paise, ==, 23600);
  g_assert_nonnull (strstr (gtk_label_get_text (view->message_label), "placed"));
  g_assert_cmpstr (first_row_title (view), ==, "Asha Traders");
  g_assert_true (gtk_widget_get_sensitive (view->payment_group));

  /* Held past the busy timeout, the payment fails with the store's own message and can be
   * taken again; the kept attempt means it is recorded once. */
  g_assert_true (puratan_database_begin (other, &error));
  gtk_editable_set_text (GTK_EDITABLE (view->tendered_row), "300");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.take-payment", NULL));
  g_assert_false (gtk_widget_get_sensitive (view->payment_group));
  wait_for_counter (view);
  g_assert_nonnull (strstr (gtk_label_get_text (view->message_label), "locked"));
  g_assert_cmpint (puratan_counter_view_get_order (view)->paid_paise, ==, 0);
  g_assert_true (gtk_widget_get_sensitive (view->payment_group));
  puratan_database_rollback (other);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.take-payment", NULL));
  wait_for_counter (view);
  g_assert_cmpint (puratan_counter_view_get_order (view)->paid_paise, ==, 23600);
  g_assert_true (g_str_has_suffix (gtk_label_get_text (view->message_label), "64.00"));
}

static void
activate_cb (GApplication *app, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  PuratanWindow *window;

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = PURATAN_WINDOW (windows->data);
  wait_for_database (PURATAN_APPLICATION (app));
  serve_while_locked (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_counter_locked_store (void)
{
  g_autoptr (PuratanApplication) app = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Asha Traders");
  g_autoptr (GPtrArray) payments = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GError) error = NULL;
  PuratanShopSettings shop = { (char *) "Puratan Printers", (char *) "12 Station Road, Pune",
                               (char *) "27AAPFU0939F1ZV", NULL, (char *) "puratan@okaxis" };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  database_path = g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);
  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_shop_settings_save (database, &shop, &error));
  customer->phone = g_strdup ("9820012345");
  g_assert_true (puratan_customer_insert (database, customer, &error));
  g_clear_object (&database);

  app = puratan_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  puratan_application_set_database_path (app, database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);

  /* One order, one payment: neither the second click nor the retry wrote twice. */
  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  order = puratan_order_get_by_number (database, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (order->paid_paise, ==, 23600);
  g_assert_null (puratan_order_get_by_number (database, 2, NULL));
  payments = puratan_payment_list_for_order (database, order->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payments->len, ==, 1);
  g_free (database_path);
}

int
main (int argc, char **argv)
{
  g_autoptr (GFile) dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  int status;

  /* Private data and config folders, so nothing lands in the user's own. */
  temp_dir = g_dir_make_tmp ("puratan-counter-async-XXXXXX", NULL);
  g_assert_nonnull (temp_dir);
  data = g_build_filename (temp_dir, "data", NULL);
  config = g_build_filename (temp_dir, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/studio/counter/locked-store", test_counter_locked_store);
  status = g_test_run ();

  dir = g_file_new_for_path (temp_dir);
  remove_tree (dir);
  g_free (temp_dir);
  return status;
}

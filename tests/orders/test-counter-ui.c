/* test-counter-ui.c: the Counter view driven under Xvfb, new customer to receipt PDF
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-application.h"
#include "puratan-counter-view-private.h"
#include "puratan-orders-view.h"
#include "puratan-window.h"

static char *database_path;
static char *temp_dir;
static gboolean also_print;

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

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static void
set_text (gpointer editable, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* Saves the order's receipt as a person does: the action asks with the file chooser, which is
 * answered with @path and accepted. */
static void
save_receipt_as (PuratanCounterView *view, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr (GFile) chosen = NULL;
  GtkFileChooser *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.save-receipt", NULL));
  g_assert_nonnull (view->save_chooser);
  g_assert_true (gtk_native_dialog_get_visible (view->save_chooser));
  chooser = GTK_FILE_CHOOSER (view->save_chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  /* It offers a name after the order. */
  g_assert_true (g_str_has_suffix (gtk_file_chooser_get_current_name (chooser), "-receipt.pdf"));
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
  gtk_file_chooser_set_current_name (chooser, name);
  /* The chooser changes folder in the background; the bound keeps a hang a failure. */
  for (guint i = 0; i < 5000 && chosen == NULL; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      chosen = gtk_file_chooser_get_file (chooser);
      if (chosen == NULL)
        g_usleep (1000);
    }
  g_assert_nonnull (chosen);
  g_assert_cmpstr (g_file_peek_path (chosen), ==, path);
  /* What the chooser reports when the person presses Save. */
  g_signal_emit_by_name (view->save_chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (view->save_chooser);
  /* The PDF is written on a worker. */
  for (guint i = 0; i < 10000 && g_strcmp0 (puratan_counter_view_get_last_document (view), path);
       i++)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
serve_walk_in (PuratanWindow *window)
{
  AdwViewStack *stack = puratan_window_get_stack (window);
  PuratanCounterView *view;
  AdwMessageDialog *dialog;
  const PuratanOrder *order;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "counter"));
  view = PURATAN_COUNTER_VIEW (adw_view_stack_get_child_by_name (stack, "counter"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->pages), ==, "empty");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.new-order", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (view->pages), ==, "order");

  /* Placing an order without a customer is refused with a hint. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.place-order", NULL));
  g_assert_cmpstr (gtk_label_get_text (view->message_label), ==,
                   "Choose or add the customer first");

  /* New customer, in one dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.new-customer", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  set_text (g_object_get_data (G_OBJECT (dialog), "name"), "Asha Traders");
  set_text (g_object_get_data (G_OBJECT (dialog), "phone"), "9820012345");
  adw_message_dialog_response (dialog, "create");
  wait_for_counter (view);
  if (find_dialog () != NULL)
    gtk_window_destroy (GTK_WINDOW (find_dialog ()));
  g_assert_nonnull (view->customer);
  g_assert_cmpstr (gtk_label_get_text (view->customer_label), ==, "Asha Traders · 9820012345");

  /* Searching finds them as you type. */
  set_text (view->customer_search, "9820");
  /* GtkSearchEntry reports a change after a pause in typing; report it now instead. */
  g_signal_emit_by_name (view->customer_search, "search-changed");
  wait_for_counter (view);
  g_assert_nonnull (gtk_list_box_get_row_at_index (view->customer_list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (view->customer_list, 1));

  /* A catalog product is priced live from the catalog, with its options. */
  g_assert_nonnull (view->catalog);
  for (guint i = 0; i < puratan_catalog_get_n_products (view->catalog); i++)
    if (g_strcmp0 (puratan_catalog_get_product_id (view->catalog, i), "business-cards") == 0)
      adw_combo_row_set_selected (view->catalog_row, i + 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->options_group)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (view->price_row)));
  gtk_spin_button_set_value (view->quantity_spin, 500);
  g_assert_nonnull (strstr (gtk_label_get_text (view->total_label), "GST"));

  /* A custom job: 500 × ₹1.00 + 18 % GST, with the live total. */
  adw_combo_row_set_selected (view->catalog_row, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->price_row)));
  set_text (view->product_row, "Visiting cards");
  gtk_spin_button_set_value (view->quantity_spin, 500);
  set_text (view->price_row, "1.00");
  g_assert_nonnull (strstr (gtk_label_get_text (view->total_label), "590.00"));
  g_assert_nonnull (strstr (gtk_label_get_text (view->total_label), "90.00 GST"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.place-order", NULL));
  wait_for_counter (view);
  order = puratan_counter_view_get_order (view);
  g_assert_nonnull (order);
  g_assert_cmpstr (order->status, ==, "placed");
  g_assert_cmpint (order->total_paise, ==, 59000);
  g_assert_true (gtk_widget_get_sensitive (view->payment_group));

  /* Cash: a ₹600 note for ₹590 leaves ₹10 change. */
  set_text (view->tendered_row, "600");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (view->change_label), "Change due: "));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (view->change_label), "10.00"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.take-payment", NULL));
  wait_for_counter (view);
  order = puratan_counter_view_get_order (view);
  g_assert_cmpint (order->paid_paise, ==, 59000);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (view->message_label), "Payment recorded"));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (view->message_label), "10.00"));
  g_assert_false (gtk_widget_get_sensitive (view->payment_group));

  /* The receipt lands on disk as a PDF, where the file chooser was told. */
  {
    g_autofree char *receipt = g_build_filename (temp_dir, "walk-in-receipt.pdf", NULL);

    save_receipt_as (view, receipt);
    g_assert_cmpstr (puratan_counter_view_get_last_document (view), ==, receipt);
  }
  g_assert_true (g_file_test (puratan_counter_view_get_last_document (view), G_FILE_TEST_EXISTS));
  text = pdf_text (puratan_counter_view_get_last_document (view));
  g_assert_nonnull (strstr (text, "RECEIPT"));
  g_assert_nonnull (strstr (text, "ORDER-000001"));
  g_assert_nonnull (strstr (text, "Asha Traders"));
  g_assert_nonnull (strstr (text, "Visiting cards"));
  g_assert_nonnull (strstr (text, "590.00"));

  /* Printing goes through GtkPrintOperation; exported to a file, the print holds the receipt. */
  if (also_print)
    {
      g_autofree char *printed = g_build_filename (temp_dir, "printed.pdf", NULL);
      g_autofree char *printed_text = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_true (
          puratan_counter_view_print_pdf (view, puratan_counter_view_get_last_document (view),
                                          GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error));
      g_assert_no_error (error);
      printed_text = pdf_text (printed);
      g_assert_nonnull (strstr (printed_text, "RECEIPT"));
      g_assert_nonnull (strstr (printed_text, "ORDER-000001"));
    }
}

static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Runs the main loop until the Orders view's workers have reported back. */
static void
wait_for_orders (PuratanOrdersView *view)
{
  while (puratan_orders_view_is_busy (view))
    g_main_context_iteration (NULL, TRUE);
}

/* The order placed at the counter is on the board, with the steps the role allows. */
static void
follow_on_board (PuratanWindow *window)
{
  AdwViewStack *stack = puratan_window_get_stack (window);
  PuratanOrdersView *view;
  const PuratanOrder *order;
  GtkWidget *request_files;
  GtkListBoxRow *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "orders"));
  view = PURATAN_ORDERS_VIEW (adw_view_stack_get_child_by_name (stack, "orders"));
  puratan_orders_view_refresh (view);
  wait_for_orders (view);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (find_named (GTK_WIDGET (view), "order-list")),
                                       0);
  g_assert_nonnull (row);
  puratan_orders_view_select (view, g_object_get_data (G_OBJECT (row), "order-id"));
  wait_for_orders (view);
  order = puratan_orders_view_get_selected (view);
  g_assert_nonnull (order);
  g_assert_cmpstr (order->status, ==, "placed");

  /* As the counter: request files is offered, start production is not. */
  request_files = find_named (GTK_WIDGET (view), "request_files");
  g_assert_nonnull (request_files);
  g_assert_null (find_named (GTK_WIDGET (view), "start_production"));
  g_signal_emit_by_name (request_files, "clicked");
  wait_for_orders (view);
  order = puratan_orders_view_get_selected (view);
  g_assert_cmpstr (order->status, ==, "awaiting_files");
  g_assert_nonnull (find_named (GTK_WIDGET (view), "hold"));
}

static void
activate_cb (GApplication *app, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  PuratanWindow *window;

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = PURATAN_WINDOW (windows->data);
  wait_for_database (PURATAN_APPLICATION (app));
  serve_walk_in (window);
  follow_on_board (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_counter_flow (gconstpointer data)
{
  g_autoptr (PuratanApplication) app = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  PuratanShopSettings shop = { (char *) "Puratan Printers", (char *) "12 Station Road, Pune",
                               (char *) "27AAPFU0939F1ZV", NULL, (char *) "puratan@okaxis" };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  also_print = GPOINTER_TO_INT (data);
  database_path = g_build_filename (g_get_user_data_dir (),
                                    also_print ? "print.sqlite3" : "shop.sqlite3", NULL);
  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_shop_settings_save (database, &shop, &error));
  g_clear_object (&database);

  app = puratan_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  puratan_application_set_database_path (app, database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);

  /* Everything the counter did is in the database. */
  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  {
    g_autoptr (PuratanOrder) order = puratan_order_get_by_number (database, 1, &error);
    g_autoptr (GPtrArray) history = NULL;
    g_assert_no_error (error);
    g_assert_cmpint (order->paid_paise, ==, 59000);
    history = puratan_audit_list (database, "order", order->id, &error);
    g_assert_cmpuint (history->len, ==, 3);
    g_assert_cmpstr (order->status, ==, "awaiting_files");
  }
  g_free (database_path);
}

int
main (int argc, char **argv)
{
  g_autoptr (GFile) dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  int status;

  /* Private data and config folders, so receipts never land in the user's Documents. The
   * system data folders stay: the MIME database tells GTK that the icons are SVG. */
  temp_dir = g_dir_make_tmp ("puratan-counter-ui-XXXXXX", NULL);
  g_assert_nonnull (temp_dir);
  data = g_build_filename (temp_dir, "data", NULL);
  config = g_build_filename (temp_dir, "config", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/orders/counter-ui/walk-in-to-receipt", GINT_TO_POINTER (FALSE),
                        test_counter_flow);
  /* Printing waits for idle callbacks that a sanitized, software-rendered frame clock starves,
   * so meson runs this case in the e2e suite, outside the sanitizer pass. */
  g_test_add_data_func ("/orders/counter-ui/walk-in-and-print", GINT_TO_POINTER (TRUE),
                        test_counter_flow);
  status = g_test_run ();

  dir = g_file_new_for_path (temp_dir);
  remove_tree (dir);
  g_free (temp_dir);
  return status;
}

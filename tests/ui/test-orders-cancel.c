/* test-orders-cancel.c: the Orders view attaches files, cancels a paid order with a refund,
 * and keeps its rows across reloads
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-application.h"
#include "puratan-orders-view.h"
#include "puratan-orders.h"
#include "puratan-test-tmpdir.h"
#include "puratan-window.h"

static char *temp_dir;
static char *database_path;
static char *order_id;

static void
wait_until (gboolean (*done) (gpointer), gpointer data)
{
  for (guint i = 0; i < 10000 && !done (data); i++)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_true (done (data));
}

static gboolean
database_open (gpointer data)
{
  return !puratan_application_is_opening_database (data);
}

static gboolean
not_busy (gpointer data)
{
  return !puratan_orders_view_is_busy (data);
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

static const char *
label_text (PuratanOrdersView *view, const char *name)
{
  return gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (view), name)));
}

static void
press (PuratanOrdersView *view, const char *name)
{
  GtkWidget *button = find_named (GTK_WIDGET (view), name);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  /* The step, and the board and the detail after it, are read on workers. */
  wait_until (not_busy, view);
}

/* A placed order of ₹590.00 (500 × ₹1.00 + 18 % GST), paid in cash. */
static void
make_paid_order (void)
{
  const char *snapshot =
      "{\"source\":\"counter\",\"product\":\"Visiting cards\",\"hsn_sac\":\"4911\","
      "\"quantity\":500,\"unit_price_paise\":100,\"line_total_paise\":50000,"
      "\"tax_rate_bp\":1800,\"tax_paise\":9000,\"currency\":\"INR\"}";
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Asha Traders");
  g_autoptr (PuratanOrder) draft = NULL;
  g_autoptr (PuratanOrder) placed = NULL;
  g_autoptr (PuratanOrderLine) line = NULL;
  g_autoptr (PuratanPayment) payment = NULL;
  g_autoptr (PuratanPayment) stored = NULL;
  g_autoptr (GError) error = NULL;
  PuratanShopSettings shop = { (char *) "Puratan Printers",
                               (char *) "12 Station Road, Pune",
                               (char *) "27AAPFU0939F1ZV",
                               NULL,
                               NULL,
                               (char *) "27" };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_shop_settings_save (database, &shop, &error));
  g_assert_true (puratan_customer_insert (database, customer, &error));
  draft = puratan_orders_create (database, customer->id, NULL, NULL, "asha", PURATAN_ROLE_COUNTER,
                                 &error);
  g_assert_no_error (error);
  line = puratan_order_line_from_snapshot (snapshot, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_order_add_line (database, draft, line, &error));
  placed = puratan_orders_transition (database, draft->id, PURATAN_ANY_VERSION,
                                      PURATAN_ORDER_ACTION_PLACE, "asha", PURATAN_ROLE_COUNTER,
                                      NULL, NULL, &error);
  g_assert_no_error (error);
  payment = puratan_payment_new (placed->id, "payment", "cash", 59000, "asha", &error);
  g_assert_no_error (error);
  stored = puratan_payments_take (database, payment, PURATAN_ROLE_COUNTER, NULL, &error);
  g_assert_no_error (error);
  order_id = g_strdup (placed->id);
}

static void
attach_and_cancel (PuratanWindow *window)
{
  AdwViewStack *stack = puratan_window_get_stack (window);
  PuratanOrdersView *view;
  AdwMessageDialog *dialog;
  g_autofree char *artwork = g_build_filename (temp_dir, "cards-artwork.pdf", NULL);
  g_autoptr (GFile) artwork_file = g_file_new_for_path (artwork);
  g_autoptr (GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr (GRegex) minute =
      g_regex_new ("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}  \\S", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanOrder) newer = NULL;
  g_autoptr (GError) error = NULL;
  GtkListBox *list;
  GtkWidget *row;
  const char *timeline;
  const char *detail;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "orders"));
  view = PURATAN_ORDERS_VIEW (adw_view_stack_get_child_by_name (stack, "orders"));
  puratan_orders_view_refresh (view);
  puratan_orders_view_select (view, order_id);
  wait_until (not_busy, view);
  list = GTK_LIST_BOX (find_named (GTK_WIDGET (view), "order-list"));
  row = g_object_ref (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Placed"));

  /* Statuses read as words, and the timeline's times are local, to the minute. */
  detail = label_text (view, "order-detail");
  g_assert_nonnull (strstr (detail, "ORDER-000001 — Placed"));
  timeline = label_text (view, "order-timeline");
  g_assert_true (g_regex_match (minute, timeline, 0, NULL));
  g_assert_nonnull (strstr (timeline, "Payment of ₹590.00 by cash"));
  g_assert_null (strstr (timeline, "placed →"));

  /* Files attached here let an order waiting for them be submitted by the counter. */
  press (view, "request_files");
  g_assert_cmpstr (puratan_orders_view_get_selected (view)->status, ==, "awaiting_files");
  g_assert_null (find_named (GTK_WIDGET (view), "submit_files"));
  g_assert_true (g_file_set_contents (artwork, "%PDF-1.4\n%%EOF\n", -1, NULL));
  g_list_store_append (files, artwork_file);
  puratan_orders_view_attach_files (view, G_LIST_MODEL (files));
  wait_until (not_busy, view);
  g_assert_nonnull (strstr (label_text (view, "order-detail"), "cards-artwork.pdf (artwork)"));
  g_assert_nonnull (find_named (GTK_WIDGET (view), "submit_files"));

  /* Cancelling asks first; without a reason nothing happens. */
  press (view, "cancel");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cancel ORDER-000001?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "keep");
  adw_message_dialog_response (dialog, "cancel-order");
  wait_until (not_busy, view);
  g_assert_cmpstr (puratan_orders_view_get_selected (view)->status, ==, "awaiting_files");
  g_assert_nonnull (strstr (label_text (view, "orders-message"), "why"));
  if (find_dialog () != NULL)
    gtk_window_destroy (GTK_WINDOW (find_dialog ()));

  /* With a reason, refunded by UPI. */
  press (view, "cancel");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "reason"),
                         "Customer changed the design");
  adw_combo_row_set_selected (g_object_get_data (G_OBJECT (dialog), "method"), 1);
  adw_message_dialog_response (dialog, "cancel-order");
  wait_until (not_busy, view);
  if (find_dialog () != NULL)
    gtk_window_destroy (GTK_WINDOW (find_dialog ()));

  g_assert_cmpstr (puratan_orders_view_get_selected (view)->status, ==, "cancelled");
  timeline = label_text (view, "order-timeline");
  g_assert_nonnull (strstr (timeline, "Refund of ₹590.00 by UPI"));
  g_assert_nonnull (strstr (timeline, "Awaiting files → Cancelled — Customer changed the design"));
  g_assert_true (g_regex_match (minute, timeline, 0, NULL));
  detail = label_text (view, "order-detail");
  g_assert_nonnull (strstr (detail, "ORDER-000001 — Cancelled"));
  g_assert_nonnull (strstr (detail, "paid ₹590.00 · refunded ₹590.00 · balance ₹0.00"));
  g_assert_null (find_named (GTK_WIDGET (view), "cancel"));

  /* The board was read again after every step: the order kept its row, whose line says what
   * the order is now. */
  g_assert_true (gtk_widget_get_parent (row) == GTK_WIDGET (list));
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)) == row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Cancelled"));

  /* A new order gets a row of its own, above (newest first); the old row stays. */
  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  newer = puratan_orders_create (database, puratan_orders_view_get_selected (view)->customer_id,
                                 NULL, NULL, "asha", PURATAN_ROLE_COUNTER, &error);
  g_assert_no_error (error);
  puratan_orders_view_refresh (view);
  wait_until (not_busy, view);
  g_assert_cmpstr (
      g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (list, 0)), "order-id"), ==,
      newer->id);
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)) == row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 2));
  g_object_unref (row);
}

static void
activate_cb (GApplication *app, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  wait_until (database_open, app);
  attach_and_cancel (PURATAN_WINDOW (windows->data));
  gtk_window_destroy (GTK_WINDOW (windows->data));
}

static void
test_cancel_paid_order (void)
{
  g_autoptr (PuratanApplication) app = puratan_application_new ();
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanOrder) order = NULL;
  g_autoptr (GPtrArray) payments = NULL;
  g_autoptr (GError) error = NULL;
  PuratanPayment *refund;

  database_path = g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);
  make_paid_order ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  puratan_application_set_database_path (app, database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);

  /* The refund is its own payment line, and nothing is left paid on the cancelled order. */
  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  order = puratan_order_get (database, order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (order->status, ==, "cancelled");
  g_assert_cmpint (order->paid_paise, ==, 0);
  payments = puratan_payment_list_for_order (database, order_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (payments->len, ==, 2);
  refund = payments->pdata[1];
  g_assert_cmpstr (refund->kind, ==, "refund");
  g_assert_cmpstr (refund->method, ==, "upi");
  g_assert_cmpint (refund->amount_paise, ==, 59000);
  g_free (database_path);
  g_free (order_id);
}

int
main (int argc, char **argv)
{
  const char *variables[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                              "XDG_STATE_HOME" };
  int status;

  temp_dir = puratan_test_use_private_tmpdir ();
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *dir = g_build_filename (temp_dir, variables[i], NULL);
      g_setenv (variables[i], dir, TRUE);
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/studio/orders/cancel-paid-order", test_cancel_paid_order);
  status = g_test_run ();
  puratan_test_remove_tree (temp_dir);
  g_free (temp_dir);
  return status;
}

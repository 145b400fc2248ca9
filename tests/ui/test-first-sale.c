/* test-first-sale.c: a first sale on a fresh studio, as `make run` starts it
 *
 * A fresh data folder and nothing else set but what `meson devenv` sets: the studio asks for
 * the shop's details, the clerk finds no customer by phone and creates one from the no-match
 * row, sells 500 business cards on a stock chosen by its label, takes cash, saves the receipt
 * through the file chooser and starts on the next customer.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-admin-view.h"
#include "puratan-application.h"
#include "puratan-counter-view-private.h"
#include "puratan-shop-dialog-private.h"
#include "puratan-test-tmpdir.h"
#include "puratan-window.h"

static char *temp_dir;

/* Runs the main loop until the Counter's workers have reported back. */
static void
wait_for_counter (PuratanCounterView *view)
{
  while (puratan_counter_view_is_busy (view))
    g_main_context_iteration (NULL, TRUE);
}

static void
document_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Writes the receipt or the job ticket into the documents folder and waits for it. */
static char *
save_document_and_wait (PuratanCounterView *view, gboolean receipt, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  puratan_counter_view_save_document_async (view, receipt, NULL, NULL, document_written_cb,
                                            &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return puratan_counter_view_save_document_finish (result, error);
}

/* Runs the main loop until @done says so; the bound turns a hang into a failure. */
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

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static gboolean
shop_dialog_shown (gpointer data)
{
  return find_toplevel (PURATAN_TYPE_SHOP_DIALOG) != NULL;
}

static gboolean
shop_dialog_gone (gpointer data)
{
  return find_toplevel (PURATAN_TYPE_SHOP_DIALOG) == NULL;
}

static gboolean
shop_dialog_has_error (gpointer data)
{
  return *gtk_label_get_text (PURATAN_SHOP_DIALOG (data)->error_label) != '\0';
}

static gboolean
database_open (gpointer data)
{
  return !puratan_application_is_opening_database (data);
}

static void
set_text (gpointer editable, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

/* Presses Enter in an entry row of a dialog whose default button is @expected. The button
 * shows itself pressed for a moment before it acts, as it does for a real Enter. */
static void
press_enter (GtkWindow *window, gpointer row, GtkWidget *expected)
{
  g_assert_true (adw_entry_row_get_activates_default (ADW_ENTRY_ROW (row)));
  g_assert_true (gtk_window_get_default_widget (window) == expected);
  g_assert_true (gtk_widget_activate (expected));
}

static void
fill_shop_details (PuratanWindow *window)
{
  PuratanShopDialog *dialog;
  AdwViewStack *stack = puratan_window_get_stack (window);
  PuratanAdminView *admin;
  GtkStringObject *state;

  /* A fresh shop database: the studio asks for the shop's details on its own. */
  wait_until (shop_dialog_shown, NULL);
  dialog = find_toplevel (PURATAN_TYPE_SHOP_DIALOG);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  set_text (dialog->name_row, "Puratan Printers");
  set_text (dialog->address_row, "12 Station Road, Pune 411001");
  set_text (dialog->phone_row, "020 2555 0101");
  set_text (dialog->upi_row, "puratan@okaxis");

  /* A GSTIN with a wrong check digit is refused by the validator, and the dialog stays. */
  set_text (dialog->gstin_row, "27AAPFU0939F1ZX");
  state = adw_combo_row_get_selected_item (dialog->state_row);
  g_assert_true (g_str_has_prefix (gtk_string_object_get_string (state), "Maharashtra"));
  press_enter (GTK_WINDOW (dialog), dialog->upi_row, GTK_WIDGET (dialog->save_button));
  wait_until (shop_dialog_has_error, dialog);
  g_assert_true (shop_dialog_shown (NULL));
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->error_label), "27AAPFU0939F1ZX"));

  set_text (dialog->gstin_row, "27aapfu0939f1zv");
  press_enter (GTK_WINDOW (dialog), dialog->gstin_row, GTK_WIDGET (dialog->save_button));
  wait_until (shop_dialog_gone, NULL);

  admin = PURATAN_ADMIN_VIEW (adw_view_stack_get_child_by_name (stack, "admin"));
  g_assert_nonnull (strstr (puratan_admin_view_get_shop_summary (admin), "Puratan Printers"));
  g_assert_nonnull (strstr (puratan_admin_view_get_shop_summary (admin), "27AAPFU0939F1ZV"));
  g_assert_nonnull (strstr (puratan_admin_view_get_shop_summary (admin), "Maharashtra"));
}

static AdwComboRow *
option_row (PuratanCounterView *view, const char *title)
{
  for (guint i = 0; i < view->option_rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (view->option_rows->pdata[i]), title) == 0)
      return view->option_rows->pdata[i];
  return NULL;
}

static const char *
selected_label (AdwComboRow *row)
{
  return gtk_string_object_get_string (adw_combo_row_get_selected_item (row));
}

static void
select_label (AdwComboRow *row, const char *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);
      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (data));
  return file != NULL;
}

static const char *saving_to;

static gboolean
document_saved (gpointer data)
{
  return g_strcmp0 (puratan_counter_view_get_last_document (data), saving_to) == 0;
}

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
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, "ORDER-000001-receipt.pdf");
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
  gtk_file_chooser_set_current_name (chooser, name);
  wait_until (chooser_has_file, chooser);
  chosen = gtk_file_chooser_get_file (chooser);
  g_assert_cmpstr (g_file_peek_path (chosen), ==, path);
  /* What the chooser reports when the clerk presses Save. */
  g_signal_emit_by_name (view->save_chooser, "response", GTK_RESPONSE_ACCEPT);
  g_assert_null (view->save_chooser);
  /* The PDF is written on a worker. */
  saving_to = path;
  wait_until (document_saved, view);
}

/* The PDF's text with every run of white space made one space, so wrapped lines still match. */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

static void
sell_business_cards (PuratanWindow *window)
{
  AdwViewStack *stack = puratan_window_get_stack (window);
  PuratanCounterView *view;
  AdwMessageDialog *dialog;
  AdwComboRow *stock;
  GtkListBoxRow *row;
  g_autofree char *receipt = g_build_filename (temp_dir, "first-receipt.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *tendered = NULL;
  const PuratanOrder *order;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "counter"));
  view = PURATAN_COUNTER_VIEW (adw_view_stack_get_child_by_name (stack, "counter"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.new-order", NULL));
  wait_for_counter (view);

  /* The catalog came from the shipped data, so there is no banner and no custom job first. */
  g_assert_null (puratan_counter_view_get_catalog_problem (view));
  g_assert_cmpstr (puratan_counter_view_selected_product (view), ==, "business-cards");

  /* A phone number nobody has: one "No match" row, and Enter takes it to New Customer. */
  set_text (view->customer_search, "98200 12345");
  g_signal_emit_by_name (view->customer_search, "search-changed");
  wait_for_counter (view);
  row = gtk_list_box_get_row_at_index (view->customer_list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (view->customer_list, 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "No match — new customer");
  g_signal_emit_by_name (view->customer_search, "activate");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "phone")), ==,
                   "98200 12345");
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "name")), ==, "");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "create");
  g_assert_true (
      adw_entry_row_get_activates_default (g_object_get_data (G_OBJECT (dialog), "name")));
  set_text (g_object_get_data (G_OBJECT (dialog), "name"), "Asha Traders");
  adw_message_dialog_response (dialog, "create");
  wait_for_counter (view);
  g_assert_nonnull (view->customer);
  g_assert_cmpstr (view->customer->phone, ==, "98200 12345");
  if (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_destroy (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* The options read as the catalog names them; the card is the Indian 90 × 55 mm. */
  g_assert_cmpstr (selected_label (option_row (view, "Size")), ==, "90 × 55 mm");
  stock = option_row (view, "Stock");
  g_assert_nonnull (stock);
  select_label (stock, "Art card 300 gsm matt");
  select_label (stock, "Art card 350 gsm matt");
  g_assert_nonnull (strstr (gtk_editable_get_text (GTK_EDITABLE (view->due_row)), "-"));

  /* The price follows the quantity as it is typed, before the field is left. */
  set_text (view->quantity_spin, "50");
  g_assert_nonnull (strstr (gtk_label_get_text (view->summary_total_label), "GST"));
  {
    g_autofree char *for_fifty = g_strdup (gtk_label_get_text (view->summary_total_label));
    set_text (view->quantity_spin, "500");
    g_assert_cmpstr (gtk_label_get_text (view->summary_total_label), !=, for_fifty);
  }

  /* Place Order from the summary bar, which then takes the payment. */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (view->place_button)), ==, "Place Order");
  g_signal_emit_by_name (view->place_button, "clicked");
  /* Placed on a worker: the button waits for it. */
  g_assert_true (puratan_counter_view_is_busy (view));
  g_assert_false (gtk_widget_get_sensitive (view->place_button));
  wait_for_counter (view);
  order = puratan_counter_view_get_order (view);
  g_assert_nonnull (order);
  g_assert_cmpint (order->lines->len, ==, 1);
  g_assert_cmpint (((PuratanOrderLine *) order->lines->pdata[0])->quantity, ==, 500);
  g_assert_nonnull (order->due_date);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (view->place_button)), ==, "Take Payment");
  g_assert_nonnull (strstr (gtk_label_get_text (view->summary_status_label), "ORDER-000001"));
  g_assert_nonnull (strstr (gtk_label_get_text (view->summary_status_label), "Placed"));

  /* Cash, rounded up to the next hundred rupees; Enter in the field takes it. */
  tendered = g_strdup_printf ("%" G_GINT64_FORMAT, (order->total_paise + 9999) / 10000 * 100);
  set_text (view->tendered_row, tendered);
  g_signal_emit_by_name (view->tendered_row, "entry-activated");
  wait_for_counter (view);
  order = puratan_counter_view_get_order (view);
  g_assert_cmpint (order->paid_paise, ==, order->total_paise);
  g_assert_false (gtk_widget_get_visible (view->place_button));
  g_assert_true (gtk_widget_get_visible (view->next_button));
  g_assert_nonnull (strstr (gtk_label_get_text (view->summary_status_label), "ORDER-000001"));
  g_assert_nonnull (strstr (gtk_label_get_text (view->summary_status_label), "Paid in full"));

  /* The receipt, where the file chooser was told, with the labels and the CGST/SGST split. */
  save_receipt_as (view, receipt);
  g_assert_cmpstr (puratan_counter_view_get_last_document (view), ==, receipt);
  text = pdf_text (receipt);
  g_assert_nonnull (strstr (text, "RECEIPT"));
  g_assert_nonnull (strstr (text, "Asha Traders"));
  g_assert_nonnull (strstr (text, "Stock: Art card 350 gsm matt"));
  g_assert_nonnull (strstr (text, "Size: 90 × 55 mm"));
  g_assert_nonnull (strstr (text, "Printed sides: Full colour, both sides"));
  g_assert_null (strstr (text, "stock=art-350-matt"));
  g_assert_null (strstr (text, "4/4"));
  g_assert_nonnull (strstr (text, "CGST"));
  g_assert_nonnull (strstr (text, "SGST"));
  g_assert_nonnull (strstr (text, "27AAPFU0939F1ZV"));

  /* The job ticket: the status in words, the due date, the specs and the stock by name. */
  {
    g_autofree char *ticket_path = NULL;
    g_autofree char *ticket = NULL;
    g_autoptr (GError) error = NULL;
    g_autofree char *due = g_strdup_printf ("Due: %s", order->due_date);

    ticket_path = save_document_and_wait (view, FALSE, &error);
    g_assert_no_error (error);
    g_assert_nonnull (ticket_path);
    ticket = pdf_text (ticket_path);
    g_assert_nonnull (strstr (ticket, "Status: Placed"));
    g_assert_nonnull (strstr (ticket, due));
    g_assert_nonnull (strstr (ticket, "1. Business cards Specs: Size: 90 × 55 mm"));
    g_assert_nonnull (strstr (ticket, "Stock: Art card 350 gsm matt"));
  }

  /* Next customer: Ctrl+N's action starts a fresh order on the same form. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (view->next_button)), ==,
                   "counter.new-order");
  g_signal_emit_by_name (view->next_button, "clicked");
  g_assert_null (puratan_counter_view_get_order (view));
  g_assert_null (view->customer);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (view->place_button)), ==, "Place Order");
  g_assert_true (gtk_widget_get_visible (view->place_button));
  g_assert_cmpstr (puratan_counter_view_selected_product (view), ==, "business-cards");
}

static void
activate_cb (GApplication *app, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  PuratanWindow *window;

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = PURATAN_WINDOW (windows->data);
  wait_until (database_open, app);
  g_assert_nonnull (puratan_application_get_database (PURATAN_APPLICATION (app)));
  fill_shop_details (window);
  sell_business_cards (window);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_first_sale (void)
{
  g_autoptr (PuratanApplication) app = puratan_application_new ();
  g_autofree char *database = NULL;
  char *argv[] = { (char *) "puratan-studio", NULL };

  /* No --database: the shop database is made in the fresh data folder, as on first start. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  database = g_build_filename (g_get_user_data_dir (), "puratan-studio", "shop.sqlite3", NULL);
  g_assert_true (g_file_test (database, G_FILE_TEST_IS_REGULAR));
}

static void
missing_catalog_cb (GApplication *app, gpointer user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  AdwViewStack *stack = puratan_window_get_stack (PURATAN_WINDOW (windows->data));
  PuratanCounterView *view =
      PURATAN_COUNTER_VIEW (adw_view_stack_get_child_by_name (stack, "counter"));
  const char *problem;

  wait_until (database_open, app);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "counter.new-order", NULL));
  wait_for_counter (view);
  /* The banner at the top of the form says why only custom jobs can be sold. */
  problem = puratan_counter_view_get_catalog_problem (view);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "catalog"));
  g_assert_nonnull (strstr (problem, "custom jobs"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->catalog_banner)));
  g_assert_null (puratan_counter_view_selected_product (view));
  gtk_window_destroy (GTK_WINDOW (windows->data));
}

/* Shipped data without a catalog: the Counter still sells custom jobs, and says why. */
static void
test_missing_catalog (void)
{
  g_autoptr (PuratanApplication) app = puratan_application_new ();
  g_autofree char *empty = g_build_filename (temp_dir, "empty-data", NULL);
  g_autofree char *database = g_build_filename (temp_dir, "no-catalog.sqlite3", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("PURATAN_DATA_DIR"));

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  g_setenv ("PURATAN_DATA_DIR", empty, TRUE);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  puratan_application_set_database_path (app, database);
  g_signal_connect_after (app, "activate", G_CALLBACK (missing_catalog_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  if (saved != NULL)
    g_setenv ("PURATAN_DATA_DIR", saved, TRUE);
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
  g_test_add_func ("/studio/first-sale/fresh-shop-to-next-customer", test_first_sale);
  g_test_add_func ("/studio/first-sale/missing-catalog", test_missing_catalog);
  status = g_test_run ();
  puratan_test_remove_tree (temp_dir);
  g_free (temp_dir);
  return status;
}

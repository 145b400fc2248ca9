/* puratan-counter-view.c: the Counter view: walk-in orders and payments
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-application.h"
#include "puratan-counter-view-private.h"

/* GST rates offered by gst_row, in basis points, in its order. */
static const gint64 gst_rates_bp[] = { 0, 500, 1200, 1800, 2800 };

G_DEFINE_FINAL_TYPE (PuratanCounterView, puratan_counter_view, ADW_TYPE_BIN)

char *
puratan_counter_view_money_text (gint64 paise)
{
  PuratanMoney money;
  char *text = NULL;

  if (puratan_money_init (&money, paise, "INR", NULL))
    text = puratan_money_format (money, NULL, NULL);
  return text != NULL ? text : g_strdup_printf ("%" G_GINT64_FORMAT " paise", paise);
}

/* The shop database of the application this view's window belongs to. */
PuratanDatabase *
puratan_counter_view_get_database (PuratanCounterView *self, GError **error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app =
      GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  PuratanDatabase *database = PURATAN_IS_APPLICATION (app)
                                  ? puratan_application_get_database (PURATAN_APPLICATION (app))
                                  : NULL;

  if (database == NULL)
    g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                         _ ("The shop database is not open; see the Admin view"));
  return database;
}

static PuratanApplication *
get_application (PuratanCounterView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app =
      GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return PURATAN_IS_APPLICATION (app) ? PURATAN_APPLICATION (app) : NULL;
}

/* Who the sale is recorded as: the signed-in account, else the computer's user. */
const char *
puratan_counter_view_actor (PuratanCounterView *self)
{
  PuratanApplication *app = get_application (self);

  return app != NULL ? puratan_application_get_actor (app) : g_get_user_name ();
}

/* A change was saved: the sync engine sends it at once. */
void
puratan_counter_view_changed (PuratanCounterView *self)
{
  PuratanApplication *app = get_application (self);

  if (app != NULL)
    puratan_application_sync_soon (app);
}

void
puratan_counter_view_show_message (PuratanCounterView *self, const char *text)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
}

void
puratan_counter_view_show_error (PuratanCounterView *self, const GError *error)
{
  puratan_counter_view_show_message (self, error->message);
}

void
puratan_counter_view_select_customer (PuratanCounterView *self, PuratanCustomer *customer)
{
  g_autofree char *text = NULL;

  g_clear_pointer (&self->customer, puratan_customer_free);
  self->customer = customer;
  text = g_strdup_printf ("%s%s%s", customer->name, customer->phone != NULL ? " · " : "",
                          customer->phone != NULL ? customer->phone : "");
  gtk_label_set_text (self->customer_label, text);
  puratan_counter_view_update_summary (self);
}

typedef struct
{
  PuratanCounterView *self; /* valid unless the search was cancelled */
  char *typed;
} SearchRequest;

static void
search_request_free (SearchRequest *request)
{
  g_free (request->typed);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchRequest, search_request_free)

/* A newer search or dispose cancels this one, which then reports G_IO_ERROR_CANCELLED. */
static void
customer_search_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SearchRequest) request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = puratan_customer_search_finish (result, &error);
  PuratanCounterView *self = request->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->search_cancellable);
  gtk_widget_remove_css_class (GTK_WIDGET (self->customer_list), "dim-label");
  if (found == NULL)
    {
      puratan_counter_view_show_error (self, error);
      return;
    }
  puratan_counter_view_list_customers (self, request->typed, found);
}

static void
customer_search_changed_cb (PuratanCounterView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->customer_search));
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database;
  SearchRequest *request;

  /* Only the newest search may fill the list. */
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  gtk_widget_remove_css_class (GTK_WIDGET (self->customer_list), "dim-label");
  if (*text == '\0')
    {
      puratan_counter_view_list_customers (self, text, NULL);
      return;
    }
  database = puratan_counter_view_get_database (self, &error);
  if (database == NULL)
    {
      puratan_counter_view_show_error (self, error);
      return;
    }
  /* The matches of the previous text stay, dimmed, until the new ones arrive. */
  gtk_widget_add_css_class (GTK_WIDGET (self->customer_list), "dim-label");
  self->search_cancellable = g_cancellable_new ();
  request = g_new0 (SearchRequest, 1);
  request->self = self;
  request->typed = g_strdup (text);
  puratan_customer_search_async (database, text, 8, self->search_cancellable,
                                 customer_search_done_cb, request);
}

static void
customer_row_activated_cb (PuratanCounterView *self, GtkListBoxRow *row)
{
  const PuratanCustomer *customer = g_object_get_data (G_OBJECT (row), "customer");

  if (g_object_get_data (G_OBJECT (row), "new-customer") != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "counter.new-customer", NULL);
      return;
    }
  /* The row holds the customer as the search read it: choosing needs no second query. */
  if (customer != NULL)
    puratan_counter_view_select_customer (self, puratan_customer_copy (customer));
}

/**
 * puratan_counter_view_is_busy:
 * @self: the view
 *
 * Returns: %TRUE while the catalog is read, or a customer search, placing the order, taking a
 *   payment or writing a document is running on a worker
 */
gboolean
puratan_counter_view_is_busy (PuratanCounterView *self)
{
  return self->catalog_loading || self->search_cancellable != NULL || self->working;
}

/* Marks a job as running: the summary bar's button and the documents wait for it. */
void
puratan_counter_view_set_working (PuratanCounterView *self, gboolean working)
{
  /* A new order waits too, so a job's result never lands on the next customer's form. */
  static const char *const actions[] = { "counter.print-receipt", "counter.print-ticket",
                                         "counter.save-receipt", "counter.save-ticket" };
  /* Only a role that may take orders and payments is offered them. */
  static const char *const selling[] = { "counter.place-order", "counter.take-payment",
                                         "counter.new-order", "counter.new-customer" };

  self->working = working;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !working);
  for (guint i = 0; i < G_N_ELEMENTS (selling); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), selling[i], !working && self->may_sell);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "counter.attach-files", self->may_sell);
  puratan_counter_view_update_payment (self);
}

/* Reads the job fields: the line total and its GST, explicitly rounded half up. */
gboolean
puratan_counter_view_read_price (PuratanCounterView *self,
                                 gint64 *unit,
                                 gint64 *total,
                                 gint64 *rate_bp,
                                 gint64 *tax,
                                 GError **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->price_row));
  gint64 quantity = puratan_counter_view_quantity (self);
  guint selected = adw_combo_row_get_selected (self->gst_row);
  g_autoptr (PuratanQuote) quote = NULL;
  GError *quote_error = NULL;
  PuratanMoney price, line, gst;

  /* A catalog product is priced by the quote; a custom job by the typed price. */
  quote = puratan_counter_view_quote (self, &quote_error);
  if (quote_error != NULL)
    {
      g_propagate_error (error, quote_error);
      return FALSE;
    }
  if (quote != NULL)
    {
      const PuratanQuoteLine *quoted = quote->lines->pdata[0];
      *total = quoted->taxable.minor;
      *unit = (*total + quantity / 2) / MAX (quantity, 1);
      *rate_bp = quoted->gst_bp;
      *tax = quoted->cgst.minor + quoted->sgst.minor + quoted->igst.minor;
      return TRUE;
    }

  if (!puratan_money_parse (text, "INR", NULL, &price, error) ||
      !puratan_money_multiply (price, quantity, &line, error))
    return FALSE;
  if (price.minor < 0)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           _ ("The price cannot be negative"));
      return FALSE;
    }
  *rate_bp = gst_rates_bp[MIN (selected, G_N_ELEMENTS (gst_rates_bp) - 1)];
  if (!puratan_money_apply_basis_points (line, *rate_bp, PURATAN_ROUNDING_HALF_UP, &gst, error))
    return FALSE;
  *unit = price.minor;
  *total = line.minor;
  *tax = gst.minor;
  return TRUE;
}

static void
price_changed_cb (PuratanCounterView *self)
{
  gint64 unit, total, rate, tax;
  g_autofree char *sum = NULL;
  g_autofree char *gst = NULL;
  g_autofree char *text = NULL;

  if (!puratan_counter_view_read_price (self, &unit, &total, &rate, &tax, NULL))
    {
      gtk_label_set_text (self->total_label, "—");
      if (self->order == NULL)
        gtk_label_set_text (self->summary_total_label, "—");
      return;
    }
  sum = puratan_counter_view_money_text (total + tax);
  gst = puratan_counter_view_money_text (tax);
  text = g_strdup_printf (_ ("%s incl. %s GST"), sum, gst);
  gtk_label_set_text (self->total_label, text);
  /* Once placed, the bar shows the order's own total. */
  if (self->order == NULL)
    gtk_label_set_text (self->summary_total_label, text);
}

gint64
puratan_counter_view_balance_due (PuratanCounterView *self)
{
  return self->order != NULL ? MAX (self->order->total_paise - self->order->paid_paise, 0) : 0;
}

void
puratan_counter_view_update_payment (PuratanCounterView *self)
{
  g_autofree char *due = puratan_counter_view_money_text (puratan_counter_view_balance_due (self));

  gtk_label_set_text (self->balance_label, due);
  gtk_widget_set_sensitive (self->payment_group, !self->working && self->order != NULL &&
                                                     puratan_counter_view_balance_due (self) > 0);
  gtk_widget_set_sensitive (self->documents_box, !self->working && self->order != NULL);
  puratan_counter_view_update_summary (self);
}

/* The view is still there unless the wait was cancelled, which dispose does. */
static void
upi_shop_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanShopSettings) shop = puratan_shop_settings_load_finish (result, &error);
  PuratanCounterView *self = user_data;
  g_autofree char *note = NULL;
  g_autofree char *uri = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int size = 264;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The method or the order may have changed while the settings were read. */
  if (self->order == NULL || adw_combo_row_get_selected (self->method_row) != 1)
    return;
  if (shop == NULL || shop->upi_vpa == NULL)
    {
      puratan_counter_view_show_message (
          self, _ ("Set the shop's UPI address to show a payment QR code"));
      return;
    }
  note = puratan_order_format_number (self->order->number);
  uri = puratan_upi_uri (shop->upi_vpa, shop->name, puratan_counter_view_balance_due (self), note,
                         &error);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);
  if (uri != NULL && puratan_qr_draw (cr, uri, 0, 0, size, &error))
    {
      cairo_surface_flush (surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                           (gsize) cairo_image_surface_get_stride (surface) * size);
      texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes,
                                        cairo_image_surface_get_stride (surface));
      gtk_picture_set_paintable (self->upi_picture, GDK_PAINTABLE (texture));
      gtk_widget_set_visible (GTK_WIDGET (self->upi_picture), TRUE);
    }
  else if (error != NULL)
    puratan_counter_view_show_error (self, error);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Reads the shop's UPI address on a worker, then draws the QR code for the balance. */
static void
show_upi_qr (PuratanCounterView *self)
{
  PuratanDatabase *database = puratan_counter_view_get_database (self, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->upi_picture), FALSE);
  if (database == NULL || self->order == NULL)
    return;
  puratan_shop_settings_load_async (database, self->cancellable, upi_shop_loaded_cb, self);
}

static void
method_changed_cb (PuratanCounterView *self)
{
  guint method = adw_combo_row_get_selected (self->method_row);

  gtk_widget_set_visible (GTK_WIDGET (self->tendered_row), method == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->reference_row), method != 0);
  gtk_label_set_text (self->change_label, "");
  /* A new method is a new payment attempt. */
  g_clear_pointer (&self->attempt, puratan_payment_free);
  if (method == 1)
    show_upi_qr (self);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->upi_picture), FALSE);
}

static void
tendered_changed_cb (PuratanCounterView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tendered_row));
  PuratanMoney tendered;
  gint64 applied, change;
  g_autofree char *change_text = NULL;
  g_autofree char *label = NULL;

  g_clear_pointer (&self->attempt, puratan_payment_free);
  if (!puratan_money_parse (text, "INR", NULL, &tendered, NULL) ||
      !puratan_cash_apply (puratan_counter_view_balance_due (self), tendered.minor, &applied,
                           &change, NULL))
    {
      gtk_label_set_text (self->change_label, "");
      return;
    }
  change_text = puratan_counter_view_money_text (change);
  label = g_strdup_printf (_ ("Change due: %s"), change_text);
  gtk_label_set_text (self->change_label, label);
}

static void
reset (PuratanCounterView *self)
{
  puratan_counter_view_clear_files (self);
  g_clear_pointer (&self->customer, puratan_customer_free);
  g_clear_pointer (&self->order, puratan_order_free);
  g_clear_pointer (&self->attempt, puratan_payment_free);
  gtk_editable_set_text (GTK_EDITABLE (self->customer_search), "");
  gtk_label_set_text (self->customer_label, _ ("No customer chosen"));
  gtk_editable_set_text (GTK_EDITABLE (self->product_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->price_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->tendered_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), "");
  gtk_widget_set_sensitive (self->place_button, TRUE);
  gtk_label_set_text (self->change_label, "");
  puratan_counter_view_show_message (self, NULL);
  puratan_counter_view_update_payment (self);
}

static void
catalog_product_changed_cb (PuratanCounterView *self)
{
  puratan_counter_view_catalog_product_changed (self);
}

static void
new_order_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanCounterView *self = PURATAN_COUNTER_VIEW (widget);

  reset (self);
  if (self->catalog == NULL)
    puratan_counter_view_load_catalog (self);
  else
    puratan_counter_view_catalog_product_changed (self);
  gtk_stack_set_visible_child_name (self->pages, "order");
  gtk_widget_grab_focus (GTK_WIDGET (self->customer_search));
}

static void
puratan_counter_view_dispose (GObject *object)
{
  PuratanCounterView *self = PURATAN_COUNTER_VIEW (object);

  g_clear_pointer (&self->customer, puratan_customer_free);
  g_clear_pointer (&self->order, puratan_order_free);
  g_clear_pointer (&self->attempt, puratan_payment_free);
  g_clear_pointer (&self->last_document, g_free);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->save_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->save_chooser, self);
      gtk_native_dialog_destroy (self->save_chooser);
      g_clear_object (&self->save_chooser);
    }
  g_clear_pointer (&self->option_rows, g_ptr_array_unref);
  g_clear_pointer (&self->catalog, puratan_catalog_unref);
  puratan_counter_view_clear_files (self);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_COUNTER_VIEW);

  G_OBJECT_CLASS (puratan_counter_view_parent_class)->dispose (object);
}

static void
puratan_counter_view_class_init (PuratanCounterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_counter_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-counter-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, catalog_banner);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, catalog_banner_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, customer_search);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, customer_list);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, customer_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, catalog_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, product_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, options_group);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, attachments_group);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, hsn_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, price_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, gst_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, total_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, place_button);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, next_button);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, summary_total_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, summary_status_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, due_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, payment_group);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, balance_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, method_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, tendered_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, reference_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, upi_picture);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, change_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, documents_box);
  gtk_widget_class_bind_template_child (widget_class, PuratanCounterView, message_label);
  gtk_widget_class_bind_template_callback (widget_class, customer_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, customer_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, price_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, catalog_product_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, method_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tendered_changed_cb);

  gtk_widget_class_install_action (widget_class, "counter.new-order", NULL, new_order_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "counter.new-order", NULL);
  gtk_widget_class_install_action (widget_class, "counter.new-customer", NULL,
                                   puratan_counter_view_new_customer_action);
  gtk_widget_class_install_action (widget_class, "counter.place-order", NULL,
                                   puratan_counter_view_place_order_action);
  gtk_widget_class_install_action (widget_class, "counter.attach-files", NULL,
                                   puratan_counter_view_attach_files_action);
  gtk_widget_class_install_action (widget_class, "counter.take-payment", NULL,
                                   puratan_counter_view_take_payment_action);
  gtk_widget_class_install_action (widget_class, "counter.save-receipt", NULL,
                                   puratan_counter_view_save_document_action);
  gtk_widget_class_install_action (widget_class, "counter.save-ticket", NULL,
                                   puratan_counter_view_save_document_action);
  gtk_widget_class_install_action (widget_class, "counter.print-receipt", NULL,
                                   puratan_counter_view_print_action);
  gtk_widget_class_install_action (widget_class, "counter.print-ticket", NULL,
                                   puratan_counter_view_print_action);
}

static void
puratan_counter_view_init (PuratanCounterView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->may_sell = TRUE;
  self->role = PURATAN_ROLE_ADMIN;
  /* The bin's own child is not a bound template child: AdwBin releases it itself. */
  self->pages = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  puratan_counter_view_init_files (self);
  puratan_counter_view_init_sale (self);
  puratan_counter_view_update_payment (self);
}

/**
 * puratan_counter_view_new:
 *
 * Creates the Counter view. It shows an empty state until the user starts a walk-in order,
 * then a form to find or add the customer, price the job, place the order, take payment and
 * save the receipt and the job ticket. Everything is written to the local shop database, so
 * it works without a network.
 *
 * Returns: (transfer floating): a new #PuratanCounterView
 */
GtkWidget *
puratan_counter_view_new (void)
{
  return g_object_new (PURATAN_TYPE_COUNTER_VIEW, NULL);
}

/**
 * puratan_counter_view_get_order:
 * @self: a #PuratanCounterView
 *
 * Returns: (transfer none) (nullable): the order being served, once placed
 */
const PuratanOrder *
puratan_counter_view_get_order (PuratanCounterView *self)
{
  g_return_val_if_fail (PURATAN_IS_COUNTER_VIEW (self), NULL);

  return self->order;
}

/**
 * puratan_counter_view_get_last_document:
 * @self: a #PuratanCounterView
 *
 * Returns: (transfer none) (nullable): the receipt or job ticket PDF saved last
 */
const char *
puratan_counter_view_get_last_document (PuratanCounterView *self)
{
  g_return_val_if_fail (PURATAN_IS_COUNTER_VIEW (self), NULL);

  return self->last_document;
}

/**
 * puratan_counter_view_set_role:
 * @self: a #PuratanCounterView
 * @has_role: %FALSE when the studio acts as no one (signed out of its server)
 * @role: the role the studio acts as, when @has_role
 *
 * Offers taking orders and payments only to a role that may (counter or admin), and takes
 * them as @role; the orders layer checks it again.
 */
void
puratan_counter_view_set_role (PuratanCounterView *self, gboolean has_role, PuratanRole role)
{
  g_return_if_fail (PURATAN_IS_COUNTER_VIEW (self));
  g_return_if_fail (!has_role || role < PURATAN_N_ROLES);

  self->role = has_role ? role : PURATAN_ROLE_CUSTOMER;
  self->may_sell = has_role && (role == PURATAN_ROLE_COUNTER || role == PURATAN_ROLE_ADMIN);
  puratan_counter_view_set_working (self, self->working);
  if (!self->may_sell && !self->working)
    puratan_counter_view_show_message (
        self, has_role ? _ ("This account's role does not take orders or payments at the counter.")
                       : _ ("Sign in to the shop's server to take orders and payments."));
}

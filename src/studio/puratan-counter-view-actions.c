/* puratan-counter-view-actions.c: what the Counter view's buttons do
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "puratan-counter-view-private.h"

static const char *const methods[] = { "cash", "upi", "card" };

static const char *
row_text (GtkWidget *dialog, const char *name)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (dialog), name);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return *text != '\0' ? text : NULL;
}

/* The view is still there unless the wait was cancelled, which dispose does. */
static void
customer_inserted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  PuratanCustomer *customer = puratan_customer_insert_finish (result, &error);
  PuratanCounterView *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  puratan_counter_view_set_working (self, FALSE);
  if (customer == NULL)
    {
      puratan_counter_view_show_error (self, error);
      return;
    }
  puratan_counter_view_select_customer (self, customer);
  puratan_counter_view_show_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->customer_search), "");
}

static void
new_customer_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  PuratanCounterView *self = PURATAN_COUNTER_VIEW (user_data);
  g_autoptr (PuratanCustomer) customer = NULL;
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database;

  if (g_strcmp0 (response, "create") != 0)
    return;
  database = puratan_counter_view_get_database (self, &error);
  if (database == NULL)
    {
      puratan_counter_view_show_error (self, error);
      return;
    }
  customer = puratan_customer_new (row_text (GTK_WIDGET (dialog), "name"));
  customer->phone = g_strdup (row_text (GTK_WIDGET (dialog), "phone"));
  customer->gstin = g_strdup (row_text (GTK_WIDGET (dialog), "gstin"));
  puratan_counter_view_set_working (self, TRUE);
  puratan_counter_view_show_message (self, _ ("Saving the customer…"));
  puratan_customer_insert_async (database, customer, self->cancellable, customer_inserted_cb, self);
}

/* A phone number as people type it: digits with spaces, dashes, brackets or a leading +. */
static gboolean
looks_like_phone (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" -()", *p) == NULL && !(*p == '+' && p == text))
        return FALSE;
    }
  return digits >= 6;
}

static GtkWidget *
add_entry (GtkWidget *dialog, GtkWidget *group, const char *key, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Enter in any field creates the customer. */
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_widget_set_name (row, key);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_object_set_data (G_OBJECT (dialog), key, row);
  return row;
}

/**
 * puratan_counter_view_new_customer_action:
 * @widget: the view
 * @action_name: "counter.new-customer"
 * @parameter: unused
 *
 * Asks for a new customer's name, phone and GSTIN in one dialog, saves the customer and
 * chooses them for the order. What was typed in the customer search comes along: a phone
 * number into Phone, anything else into Name.
 */
void
puratan_counter_view_new_customer_action (GtkWidget *widget,
                                          const char *action_name,
                                          GVariant *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *name;
  GtkWidget *phone;
  g_autofree char *typed =
      g_strstrip (g_strdup (puratan_counter_view_get_search_text (PURATAN_COUNTER_VIEW (widget))));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("New Customer"), NULL);
  name = add_entry (dialog, group, "name", _ ("Name"));
  phone = add_entry (dialog, group, "phone", _ ("Phone"));
  add_entry (dialog, group, "gstin", _ ("GSTIN (for businesses)"));
  gtk_editable_set_text (GTK_EDITABLE (looks_like_phone (typed) ? phone : name), typed);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "create",
                                    _ ("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_customer_response_cb), widget,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name);
}

/* Placing an order, done on a worker: everything it reads was copied from the view. */
typedef struct
{
  PuratanDatabase *database;
  char *customer_id;
  char *due_date;
  char *actor;
  char *note;
  PuratanOrderLine *line;
  GPtrArray *links; /* (element-type CounterAttachment) the files stored so far */
  PuratanOrder *order;
  PuratanRole role;
} PlaceJob;

static void
place_job_free (PlaceJob *job)
{
  g_clear_object (&job->database);
  g_free (job->customer_id);
  g_free (job->due_date);
  g_free (job->actor);
  g_free (job->note);
  g_clear_pointer (&job->line, puratan_order_line_free);
  g_clear_pointer (&job->links, g_ptr_array_unref);
  g_clear_pointer (&job->order, puratan_order_free);
  g_free (job);
}

static gboolean
place_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  PlaceJob *job = user_data;
  g_autoptr (PuratanOrder) draft = NULL;

  draft = puratan_orders_create (database, job->customer_id, job->due_date, NULL, job->actor,
                                 job->role, error);
  if (draft == NULL || !puratan_order_add_line (database, draft, job->line, error))
    return FALSE;
  g_clear_pointer (&job->order, puratan_order_free);
  job->order =
      puratan_orders_transition (database, draft->id, draft->version, PURATAN_ORDER_ACTION_PLACE,
                                 job->actor, job->role, job->note, NULL, error);
  /* The files attached so far belong to the order from the moment it exists. */
  return job->order != NULL &&
         puratan_counter_view_attach_links (database, job->order->id, job->links, error);
}

static void
place_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PlaceJob *job = task_data;
  GError *error = NULL;

  if (puratan_database_run_in_transaction (job->database, place_in_transaction, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    {
      g_clear_pointer (&job->order, puratan_order_free);
      g_task_return_error (task, error);
    }
}

/* The view is still there unless the wait was cancelled, which dispose does. */
static void
placed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PlaceJob *job = g_task_get_task_data (G_TASK (result));
  PuratanCounterView *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      puratan_counter_view_set_working (self, FALSE);
      puratan_counter_view_show_error (self, error);
      return;
    }
  g_clear_pointer (&self->order, puratan_order_free);
  self->order = g_steal_pointer (&job->order);
  puratan_counter_view_changed (self);
  puratan_counter_view_files_linked (job->links);
  /* Files stored while the order was being placed. */
  puratan_counter_view_link_late_files (self);
  puratan_counter_view_set_working (self, FALSE);
  gtk_widget_set_sensitive (self->place_button, FALSE);
  number = puratan_order_format_number (self->order->number);
  message = g_strdup_printf (_ ("Order %s placed"), number);
  puratan_counter_view_show_message (self, message);
  puratan_counter_view_update_payment (self);
}

static char *
line_snapshot (const char *product,
               const char *hsn,
               gint64 quantity,
               gint64 unit,
               gint64 total,
               gint64 rate,
               gint64 tax)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, "counter");
  json_builder_set_member_name (builder, "product");
  json_builder_add_string_value (builder, product);
  json_builder_set_member_name (builder, "hsn_sac");
  json_builder_add_string_value (builder, hsn);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, quantity);
  json_builder_set_member_name (builder, "unit_price_paise");
  json_builder_add_int_value (builder, unit);
  json_builder_set_member_name (builder, "line_total_paise");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "tax_rate_bp");
  json_builder_add_int_value (builder, rate);
  json_builder_set_member_name (builder, "tax_paise");
  json_builder_add_int_value (builder, tax);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, "INR");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return puratan_json_to_string (root, FALSE);
}

/**
 * puratan_counter_view_place_order_action:
 * @widget: the view
 * @action_name: "counter.place-order"
 * @parameter: unused
 *
 * Places the order: the draft, its line, the move to placed and the files attached so far are
 * saved in one transaction, which freezes the price.
 */
void
puratan_counter_view_place_order_action (GtkWidget *widget,
                                         const char *action_name,
                                         GVariant *parameter)
{
  PuratanCounterView *self = PURATAN_COUNTER_VIEW (widget);
  const char *product = gtk_editable_get_text (GTK_EDITABLE (self->product_row));
  const char *hsn = gtk_editable_get_text (GTK_EDITABLE (self->hsn_row));
  gint64 quantity = puratan_counter_view_quantity (self);
  g_autofree char *due_date = NULL;
  g_autoptr (PuratanOrderLine) line = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *snapshot = NULL;
  g_autoptr (GTask) task = NULL;
  PuratanDatabase *database;
  gint64 unit, total, rate, tax;
  PlaceJob *job;

  if (self->order != NULL || self->working)
    return;

  if (self->customer == NULL)
    {
      puratan_counter_view_show_message (self, _ ("Choose or add the customer first"));
      return;
    }
  if (!puratan_counter_view_read_price (self, &unit, &total, &rate, &tax, &error) ||
      !puratan_counter_view_read_due_date (self, &due_date, &error))
    {
      puratan_counter_view_show_error (self, error);
      return;
    }
  database = puratan_counter_view_get_database (self, &error);
  quote = puratan_counter_view_quote (self, &error);
  if (quote != NULL)
    line = puratan_order_line_from_quote (quote, 0, &error);
  else if (error == NULL)
    {
      snapshot = line_snapshot (product, hsn, quantity, unit, total, rate, tax);
      line = puratan_order_line_from_snapshot (snapshot, &error);
    }
  if (database == NULL || line == NULL)
    {
      puratan_counter_view_show_error (self, error);
      return;
    }

  job = g_new0 (PlaceJob, 1);
  job->database = g_object_ref (database);
  job->customer_id = g_strdup (self->customer->id);
  job->due_date = g_steal_pointer (&due_date);
  job->actor = g_strdup (puratan_counter_view_actor (self));
  job->role = self->role;
  job->note = g_strdup (_ ("walk-in order"));
  job->line = g_steal_pointer (&line);
  job->links = puratan_counter_view_dup_links (self);
  task = g_task_new (NULL, self->cancellable, placed_cb, self);
  g_task_set_source_tag (task, puratan_counter_view_place_order_action);
  g_task_set_task_data (task, job, (GDestroyNotify) place_job_free);
  puratan_counter_view_set_working (self, TRUE);
  puratan_counter_view_show_message (self, _ ("Placing the order…"));
  g_task_run_in_thread (task, place_in_thread);
}

/* The view is still there unless the wait was cancelled, which dispose does. */
static void
reloaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  PuratanOrder *reloaded = puratan_order_get_finish (result, &error);
  PuratanCounterView *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  puratan_counter_view_set_working (self, FALSE);
  if (reloaded == NULL)
    {
      puratan_counter_view_show_error (self, error);
      return;
    }
  g_clear_pointer (&self->order, puratan_order_free);
  self->order = reloaded;
  puratan_counter_view_update_payment (self);
}

static void
payment_taken_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPayment) stored = puratan_payments_take_finish (result, &error);
  PuratanCounterView *self = user_data;
  g_autofree char *change_text = NULL;
  g_autofree char *message = NULL;
  gint64 change;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (stored == NULL)
    {
      /* The attempt is kept: taking it again reuses its key and never charges twice. */
      puratan_counter_view_set_working (self, FALSE);
      puratan_counter_view_show_error (self, error);
      return;
    }
  change = stored->tendered_paise > 0 ? MAX (stored->tendered_paise - stored->amount_paise, 0) : 0;
  g_clear_pointer (&self->attempt, puratan_payment_free);
  puratan_counter_view_changed (self);
  change_text = puratan_counter_view_money_text (change);
  message = g_strdup_printf (_ ("Payment recorded. Change due: %s"), change_text);
  puratan_counter_view_show_message (self, message);
  gtk_editable_set_text (GTK_EDITABLE (self->tendered_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->reference_row), "");
  gtk_label_set_text (self->change_label, "");
  puratan_order_get_async (PURATAN_DATABASE (source), stored->order_id, self->cancellable,
                           reloaded_cb, self);
}

/**
 * puratan_counter_view_take_payment_action:
 * @widget: the view
 * @action_name: "counter.take-payment"
 * @parameter: unused
 *
 * Records a cash, UPI or card payment against the placed order. Cash applies what was handed
 * over, up to the balance, and shows the change; UPI and card need the transaction reference.
 */
void
puratan_counter_view_take_payment_action (GtkWidget *widget,
                                          const char *action_name,
                                          GVariant *parameter)
{
  PuratanCounterView *self = PURATAN_COUNTER_VIEW (widget);
  guint method = MIN (adw_combo_row_get_selected (self->method_row), G_N_ELEMENTS (methods) - 1);
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database = puratan_counter_view_get_database (self, &error);
  gint64 applied = puratan_counter_view_balance_due (self), change = 0;

  if (database == NULL || self->order == NULL || self->working)
    {
      if (error != NULL)
        puratan_counter_view_show_error (self, error);
      return;
    }
  if (method == 0)
    {
      PuratanMoney tendered;
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tendered_row));
      if (!puratan_money_parse (text, "INR", NULL, &tendered, &error) ||
          !puratan_cash_apply (applied, tendered.minor, &applied, &change, &error))
        {
          puratan_counter_view_show_error (self, error);
          return;
        }
      if (self->attempt == NULL)
        {
          self->attempt = puratan_payment_new (self->order->id, "payment", "cash", applied,
                                               puratan_counter_view_actor (self), &error);
          if (self->attempt != NULL)
            self->attempt->tendered_paise = tendered.minor;
        }
    }
  else if (self->attempt == NULL)
    {
      const char *reference = gtk_editable_get_text (GTK_EDITABLE (self->reference_row));
      self->attempt = puratan_payment_new (self->order->id, "payment", methods[method], applied,
                                           puratan_counter_view_actor (self), &error);
      if (self->attempt != NULL && *reference != '\0')
        self->attempt->reference = g_strdup (reference);
    }
  if (self->attempt == NULL)
    {
      puratan_counter_view_show_error (self, error);
      return;
    }
  puratan_counter_view_set_working (self, TRUE);
  puratan_counter_view_show_message (self, _ ("Recording the payment…"));
  puratan_payments_take_async (database, self->attempt, self->role, self->cancellable,
                               payment_taken_cb, self);
}

/* The folder of puratan_counter_view_documents_folder(), which may not exist yet. */
char *
puratan_counter_view_documents_path (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  return documents != NULL
             ? g_build_filename (documents, "Puratan Studio", NULL)
             : g_build_filename (g_get_user_data_dir (), "puratan-studio", "documents", NULL);
}

/* Where receipts and tickets go: Documents/Puratan Studio, or the data folder without one.
 * Creates the folder, so call it on a worker. */
char *
puratan_counter_view_documents_folder (GError **error)
{
  g_autofree char *folder = puratan_counter_view_documents_path ();

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO, _ ("Cannot create the folder “%s”"),
                   folder);
      return NULL;
    }
  return g_steal_pointer (&folder);
}

/* The view is still there unless the wait was cancelled, which dispose does. */
static void
document_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = puratan_counter_view_save_document_finish (result, &error);
  g_autofree char *message = NULL;
  PuratanCounterView *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  puratan_counter_view_set_working (self, FALSE);
  if (path == NULL)
    {
      puratan_counter_view_show_error (self, error);
      return;
    }
  g_free (self->last_document);
  self->last_document = g_steal_pointer (&path);
  message = g_strdup_printf (_ ("Saved %s"), self->last_document);
  puratan_counter_view_show_message (self, message);
}

static void
save_chooser_response_cb (PuratanCounterView *self, int response, GtkNativeDialog *chooser)
{
  gboolean receipt = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "receipt"));
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_signal_handlers_disconnect_by_data (chooser, self);
  gtk_native_dialog_destroy (chooser);
  if (self->save_chooser == chooser)
    g_clear_object (&self->save_chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      puratan_counter_view_show_message (self, _ ("Choose a file on this computer to save to"));
      return;
    }
  puratan_counter_view_show_message (self, _ ("Saving…"));
  puratan_counter_view_set_working (self, TRUE);
  puratan_counter_view_save_document_async (self, receipt, path, self->cancellable,
                                            document_saved_cb, self);
}

/**
 * puratan_counter_view_save_document_action:
 * @widget: the view
 * @action_name: "counter.save-receipt" or "counter.save-ticket"
 * @parameter: unused
 *
 * Asks where to save the order's receipt or its job ticket, through the file chooser (in the
 * documents folder, named after the order, to begin with), saves it there as a PDF on a
 * worker and says where.
 */
void
puratan_counter_view_save_document_action (GtkWidget *widget,
                                           const char *action_name,
                                           GVariant *parameter)
{
  PuratanCounterView *self = PURATAN_COUNTER_VIEW (widget);
  gboolean receipt = g_strcmp0 (action_name, "counter.save-receipt") == 0;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *folder = NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->order == NULL)
    {
      puratan_counter_view_show_message (self, _ ("Place the order first"));
      return;
    }
  if (self->save_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->save_chooser, self);
      gtk_native_dialog_destroy (self->save_chooser);
      g_clear_object (&self->save_chooser);
    }

  chooser = gtk_file_chooser_native_new (receipt ? _ ("Save Receipt") : _ ("Save Job Ticket"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* The folder is created when a document is written there, on a worker. */
  folder = puratan_counter_view_documents_path ();
  {
    g_autoptr (GFile) start = g_file_new_for_path (folder);
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  }
  number = puratan_order_format_number (self->order->number);
  name = g_strdup_printf ("%s-%s.pdf", number, receipt ? "receipt" : "job-ticket");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "receipt", GINT_TO_POINTER (receipt));
  self->save_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (save_chooser_response_cb), self);
  gtk_native_dialog_show (self->save_chooser);
}

/* puratan-orders-view.c: the Orders view: the board of every order and its timeline
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-application.h"
#include "puratan-core.h"
#include "puratan-orders-view-private.h"
#include "puratan-orders-view.h"
#include "puratan-orders.h"

struct _PuratanOrdersView
{
  AdwBin parent_instance;

  GtkStack *pages; /* (not owned) the bin's child */
  AdwComboRow *status_row;
  AdwEntryRow *due_row;
  AdwEntryRow *customer_row;
  GtkListBox *order_list;
  GtkWidget *detail_box;
  GtkLabel *detail_label;
  GtkLabel *timeline_label;
  GtkEntry *reason_entry;
  GtkFlowBox *actions_box;
  GtkLabel *message_label;

  PuratanOrder *selected;
  gboolean has_facts; /* facts holds the selected order's workflow facts */
  PuratanWorkflowFacts facts;
  GCancellable *cancellable; /* cancelled in dispose: work running on workers for the view */
  /* (owned) (nullable) the board and the detail being read; a newer read cancels the older
   * one, so a late result never overwrites a newer one */
  GCancellable *board_cancellable;
  GCancellable *detail_cancellable;
  GtkNativeDialog *file_chooser;
  guint importing;
  gboolean stepping; /* a workflow step is being taken; the step buttons wait for it */
  /* The role the studio acts as (puratan_application_get_role()); no steps without one. */
  gboolean has_role;
  PuratanRole role;
};

G_DEFINE_FINAL_TYPE (PuratanOrdersView, puratan_orders_view, ADW_TYPE_BIN)

static PuratanApplication *
get_application (PuratanOrdersView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app =
      GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return PURATAN_IS_APPLICATION (app) ? PURATAN_APPLICATION (app) : NULL;
}

static PuratanDatabase *
get_database (PuratanOrdersView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app =
      GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  return PURATAN_IS_APPLICATION (app) ? puratan_application_get_database (PURATAN_APPLICATION (app))
                                      : NULL;
}

static char *
money_text (gint64 paise)
{
  PuratanMoney money;
  char *text = NULL;

  if (puratan_money_init (&money, paise, "INR", NULL))
    text = puratan_money_format (money, NULL, NULL);
  return text != NULL ? text : g_strdup_printf ("%" G_GINT64_FORMAT " paise", paise);
}

static void
show_message (PuratanOrdersView *self, const char *text)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
}

/* Writes @order's line of the board on @row, changing only what differs. */
static void
set_row_text (AdwActionRow *row, PuratanOrder *order, const char *name)
{
  g_autofree char *number = puratan_order_format_number (order->number);
  g_autofree char *total = money_text (order->total_paise);
  g_autofree char *title = g_strdup_printf ("%s · %s", number, name);
  g_autofree char *subtitle =
      g_strdup_printf (_ ("%s · due %s · %s"), puratan_order_status_label (order->status),
                       order->due_date != NULL ? order->due_date : "—", total);

  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (adw_action_row_get_subtitle (row), subtitle) != 0)
    adw_action_row_set_subtitle (row, subtitle);
}

static GtkWidget *
order_row (PuratanOrder *order, const char *name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  set_row_text (ADW_ACTION_ROW (row), order, name);
  g_object_set_data_full (G_OBJECT (row), "order-id", g_strdup (order->id), g_free);
  return row;
}

/* Shows @board's orders in its order. A row already shown for an order is kept, and only its
 * text updated, so a reload after a sync (once a second while one runs) makes rows only for
 * new orders and keeps the selection, instead of rebuilding hundreds of rows on the main loop. */
static void
show_orders (PuratanOrdersView *self, OrdersBoard *board)
{
  g_autoptr (GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  GtkListBoxRow *stale;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->order_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_object_get_data (G_OBJECT (child), "order-id") != NULL)
      g_hash_table_insert (shown, g_object_get_data (G_OBJECT (child), "order-id"), child);
  for (guint i = 0; i < board->orders->len; i++)
    {
      PuratanOrder *order = board->orders->pdata[i];
      GtkWidget *row = g_hash_table_lookup (shown, order->id);

      if (row == NULL)
        {
          gtk_list_box_insert (self->order_list, order_row (order, board->names->pdata[i]),
                               (int) i);
          continue;
        }
      set_row_text (ADW_ACTION_ROW (row), order, board->names->pdata[i]);
      if (GTK_WIDGET (gtk_list_box_get_row_at_index (self->order_list, (int) i)) != row)
        {
          g_object_ref (row);
          gtk_list_box_remove (self->order_list, row);
          gtk_list_box_insert (self->order_list, row, (int) i);
          g_object_unref (row);
        }
    }
  /* What is left after the board's rows is no longer on it. */
  while ((stale = gtk_list_box_get_row_at_index (self->order_list, (int) board->orders->len)) !=
         NULL)
    gtk_list_box_remove (self->order_list, GTK_WIDGET (stale));
}

/* A newer refresh or dispose cancels this one, which then reports G_IO_ERROR_CANCELLED. */
static void
board_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OrdersBoard) board = puratan_orders_view_load_board_finish (result, &error);
  PuratanOrdersView *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->board_cancellable);
  gtk_widget_remove_css_class (GTK_WIDGET (self->order_list), "dim-label");
  if (board == NULL)
    {
      show_message (self, error->message);
      return;
    }
  if (board->empty)
    {
      gtk_stack_set_visible_child_name (self->pages, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->pages, "board");
  show_message (self, NULL);
  show_orders (self, board);
}

/**
 * puratan_orders_view_refresh:
 * @self: a #PuratanOrdersView
 *
 * Reloads the board from the shop database with the current filters. Shows the empty state
 * while the shop has no orders at all.
 */
void
puratan_orders_view_refresh (PuratanOrdersView *self)
{
  PuratanDatabase *database;
  guint selected;
  const char *status;
  const char *due;
  const char *customer;

  g_return_if_fail (PURATAN_IS_ORDERS_VIEW (self));

  database = get_database (self);
  selected = adw_combo_row_get_selected (self->status_row);
  status = selected > 0 && selected <= PURATAN_ORDER_N_STATES
               ? puratan_order_state_to_string (selected - 1)
               : NULL;
  due = gtk_editable_get_text (GTK_EDITABLE (self->due_row));
  customer = gtk_editable_get_text (GTK_EDITABLE (self->customer_row));
  if (database == NULL)
    return;
  g_cancellable_cancel (self->board_cancellable);
  g_clear_object (&self->board_cancellable);
  self->board_cancellable = g_cancellable_new ();
  /* The rows shown stay, dimmed, until the new ones arrive. */
  gtk_widget_add_css_class (GTK_WIDGET (self->order_list), "dim-label");
  puratan_orders_view_load_board_async (database, status, *due != '\0' ? due : NULL,
                                        *customer != '\0' ? customer : NULL,
                                        self->board_cancellable, board_loaded_cb, self);
}

static void
filter_changed_cb (PuratanOrdersView *self)
{
  puratan_orders_view_refresh (self);
}

static void show_detail (PuratanOrdersView *self, const char *order_id);

static void fill_actions (PuratanOrdersView *self);

/* The view is still there unless the wait was cancelled, which dispose does. */
static void
step_taken_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanOrder) after = puratan_orders_transition_finish (result, &error);
  PuratanOrdersView *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->stepping = FALSE;
  fill_actions (self);
  if (after == NULL)
    {
      show_message (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  if (get_application (self) != NULL)
    puratan_application_sync_soon (get_application (self));
  puratan_orders_view_refresh (self);
  show_detail (self, after->id);
}

/* Takes @action on the selected order as the chosen role, on a worker; a cancel refunds what
 * was paid by @refund_method in the same transaction. */
static void
take_step (PuratanOrdersView *self,
           PuratanOrderAction action,
           const char *reason,
           const char *refund_method)
{
  PuratanDatabase *database = get_database (self);

  if (database == NULL || self->selected == NULL || self->stepping || !self->has_role)
    return;
  self->stepping = TRUE;
  /* The buttons wait for the step. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->actions_box), FALSE);
  show_message (self, _ ("Saving…"));
  puratan_orders_transition_async (database, self->selected->id, self->selected->version, action,
                                   get_application (self) != NULL
                                       ? puratan_application_get_actor (get_application (self))
                                       : g_get_user_name (),
                                   self->role, reason != NULL && *reason != '\0' ? reason : NULL,
                                   refund_method, self->cancellable, step_taken_cb, self);
}

/* The refund methods offered when a paid order is cancelled, in the dialog's order. */
static const char *const refund_methods[] = { "cash", "upi", "card", "store_credit" };

static void
cancel_response_cb (AdwMessageDialog *dialog, const char *response, PuratanOrdersView *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  AdwComboRow *method = g_object_get_data (G_OBJECT (dialog), "method");
  g_autofree char *text = NULL;
  guint chosen;

  if (g_strcmp0 (response, "cancel-order") != 0)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));
  if (*text == '\0')
    {
      show_message (self, _ ("Say why the order is cancelled; it was not cancelled"));
      return;
    }
  chosen = adw_combo_row_get_selected (method);
  take_step (self, PURATAN_ORDER_ACTION_CANCEL, text,
             refund_methods[MIN (chosen, G_N_ELEMENTS (refund_methods) - 1)]);
}

/* Cancelling cannot be undone: it asks first, for a reason, and for how to refund. */
static void
confirm_cancel (PuratanOrdersView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *number = puratan_order_format_number (self->selected->number);
  g_autofree char *paid = money_text (self->selected->paid_paise);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *reason = adw_entry_row_new ();
  GtkWidget *method = adw_combo_row_new ();
  g_autoptr (GtkStringList) methods = gtk_string_list_new (NULL);

  body = self->selected->paid_paise > 0
             ? g_strdup_printf (_ ("The %s paid is refunded, and the job stops. This cannot be "
                                   "undone."),
                                paid)
             : g_strdup (_ ("Nothing was paid, so nothing is refunded. This cannot be undone."));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, body);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _ ("Cancel %s?"), number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _ ("Reason"));
  gtk_widget_set_name (reason, "cancel-reason");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), reason);
  gtk_string_list_append (methods, _ ("Cash"));
  gtk_string_list_append (methods, _ ("UPI"));
  gtk_string_list_append (methods, _ ("Card"));
  gtk_string_list_append (methods, _ ("Store credit"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (method), _ ("Refund By"));
  adw_combo_row_set_model (ADW_COMBO_ROW (method), G_LIST_MODEL (methods));
  gtk_widget_set_visible (method, self->selected->paid_paise > 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), method);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "method", method);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _ ("_Keep Order"),
                                    "cancel-order", _ ("_Cancel Order"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-order",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self,
                           G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

static void
action_clicked_cb (GtkButton *button, PuratanOrdersView *self)
{
  PuratanOrderAction action = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "action"));

  if (self->selected == NULL)
    return;
  if (action == PURATAN_ORDER_ACTION_CANCEL)
    {
      confirm_cancel (self);
      return;
    }
  take_step (self, action, gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)), NULL);
}

typedef struct
{
  PuratanDatabase *database;
  char *order_id;
  GPtrArray *paths; /* (element-type utf8) the files to store and attach */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->database);
  g_free (job->order_id);
  g_ptr_array_unref (job->paths);
  g_free (job);
}

/* Stores each file by its content and links it to the order: PDFs as artwork, which lets the
 * order's files be submitted. Runs on a worker. */
static void
import_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ImportJob *job = task_data;

  for (guint i = 0; i < job->paths->len; i++)
    {
      const char *path = job->paths->pdata[i];
      g_autofree char *type = g_content_type_guess (path, NULL, 0, NULL);
      g_autofree char *media = g_content_type_get_mime_type (type);
      g_autofree char *name = g_path_get_basename (path);
      gboolean pdf = g_strcmp0 (media, "application/pdf") == 0;
      g_autofree char *sha256 = NULL;
      GError *error = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      sha256 = puratan_file_store_import (
          job->database, path, media != NULL ? media : "application/octet-stream", &error);
      if (sha256 == NULL || !puratan_file_store_attach (job->database, job->order_id, sha256, name,
                                                        pdf ? "artwork" : "other", &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
imported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanOrdersView *self = user_data;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->importing--;
  if (error != NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  if (self->selected != NULL && g_strcmp0 (self->selected->id, job->order_id) == 0)
    show_detail (self, job->order_id);
}

/**
 * puratan_orders_view_attach_files:
 * @self: a #PuratanOrdersView
 * @files: (element-type GFile): local files to attach to the order shown
 *
 * Stores the files (content-addressed, on a worker) and attaches them to the order shown in
 * detail: PDFs as its artwork, so an order waiting for files can move on. The detail is shown
 * again when they are in.
 */
void
puratan_orders_view_attach_files (PuratanOrdersView *self, GListModel *files)
{
  PuratanDatabase *database = get_database (self);
  g_autoptr (GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (PURATAN_IS_ORDERS_VIEW (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));

  if (database == NULL || self->selected == NULL)
    return;
  job = g_new0 (ImportJob, 1);
  job->database = g_object_ref (database);
  job->order_id = g_strdup (self->selected->id);
  job->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr (GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);

      if (path == NULL)
        {
          show_message (self, _ ("Only files on this computer can be attached"));
          import_job_free (job);
          return;
        }
      g_ptr_array_add (job->paths, path);
    }
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  self->importing++;
  show_message (self, _ ("Attaching files…"));
  task = g_task_new (NULL, self->cancellable, imported_cb, self);
  g_task_set_source_tag (task, puratan_orders_view_attach_files);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_in_thread);
}

/**
 * puratan_orders_view_is_busy:
 * @self: a #PuratanOrdersView
 *
 * Returns: %TRUE while attached files are being stored, a workflow step is being taken, or
 *   the board or an order's detail is being read
 */
gboolean
puratan_orders_view_is_busy (PuratanOrdersView *self)
{
  g_return_val_if_fail (PURATAN_IS_ORDERS_VIEW (self), FALSE);

  return self->importing > 0 || self->stepping || self->board_cancellable != NULL ||
         self->detail_cancellable != NULL;
}

static void
chooser_response_cb (PuratanOrdersView *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_signal_handlers_disconnect_by_data (chooser, self);
  gtk_native_dialog_destroy (chooser);
  if (self->file_chooser == chooser)
    g_clear_object (&self->file_chooser);
  if (files != NULL)
    puratan_orders_view_attach_files (self, files);
}

static void
attach_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanOrdersView *self = PURATAN_ORDERS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  if (self->selected == NULL || self->file_chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (
      _ ("Attach Files"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Attach"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_swapped (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->file_chooser);
}

static void
fill_actions (PuratanOrdersView *self)
{
  PuratanOrderState state;
  GtkWidget *child;

  gtk_widget_set_sensitive (GTK_WIDGET (self->actions_box), !self->stepping);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_flow_box_remove (self->actions_box, child);
  if (self->selected == NULL || !self->has_facts || !self->has_role ||
      !puratan_order_state_from_string (self->selected->status, &state, NULL))
    return;

  for (PuratanOrderAction action = 0; action < PURATAN_ORDER_N_ACTIONS; action++)
    {
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (!puratan_workflow_is_allowed (state, action, self->role, &self->facts))
        continue;
      label = g_strdelimit (g_strdup (puratan_order_action_to_string (action)), "_", ' ');
      label[0] = g_ascii_toupper (label[0]);
      button = gtk_button_new_with_label (label);
      gtk_widget_set_tooltip_text (button, label);
      gtk_widget_set_name (button, puratan_order_action_to_string (action));
      g_object_set_data (G_OBJECT (button), "action", GUINT_TO_POINTER (action));
      g_signal_connect (button, "clicked", G_CALLBACK (action_clicked_cb), self);
      gtk_flow_box_append (self->actions_box, button);
    }
}

/* A stored UTC time as local time to the minute, e.g. "2026-12-06 20:21". */
static char *
local_minute (const char *stored)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) at = stored != NULL ? g_date_time_new_from_iso8601 (stored, utc) : NULL;
  g_autoptr (GDateTime) local = at != NULL ? g_date_time_to_local (at) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                       : g_strdup (stored != NULL ? stored : "—");
}

static const char *
method_words (const char *method)
{
  if (g_strcmp0 (method, "cash") == 0)
    return _ ("cash");
  if (g_strcmp0 (method, "upi") == 0)
    return _ ("UPI");
  if (g_strcmp0 (method, "card") == 0)
    return _ ("card");
  if (g_strcmp0 (method, "store_credit") == 0)
    return _ ("store credit");
  return method;
}

typedef struct
{
  const char *at; /* stored UTC, so entries sort by time as text */
  char *text;
} TimelineLine;

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  const TimelineLine *x = a, *y = b;

  return g_strcmp0 (x->at, y->at);
}

/* The order's steps and its payments and refunds, one line each, oldest first. */
static void
append_timeline (GString *timeline, GPtrArray *history, GPtrArray *payments)
{
  g_autoptr (GArray) lines = g_array_new (FALSE, TRUE, sizeof (TimelineLine));

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      PuratanAuditEntry *entry = history->pdata[i];
      g_autofree char *step = g_strdelimit (g_strdup (entry->action), "_", ' ');
      TimelineLine line = { entry->at, NULL };

      step[0] = g_ascii_toupper (step[0]);
      line.text = g_strdup_printf (
          "%s (%s): %s, %s → %s%s%s", entry->actor, entry->role, step,
          entry->from_state != NULL ? puratan_order_status_label (entry->from_state) : "—",
          entry->to_state != NULL ? puratan_order_status_label (entry->to_state) : "—",
          *entry->reason != '\0' ? " — " : "", entry->reason);
      g_array_append_val (lines, line);
    }
  for (guint i = 0; payments != NULL && i < payments->len; i++)
    {
      PuratanPayment *payment = payments->pdata[i];
      g_autofree char *amount = money_text (payment->amount_paise);
      TimelineLine line = { payment->created_at, NULL };

      line.text = g_strcmp0 (payment->kind, "refund") == 0
                      ? g_strdup_printf (_ ("%s: Refund of %s by %s"), payment->recorded_by, amount,
                                         method_words (payment->method))
                      : g_strdup_printf (_ ("%s: Payment of %s by %s"), payment->recorded_by,
                                         amount, method_words (payment->method));
      g_array_append_val (lines, line);
    }
  g_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    {
      TimelineLine *line = &g_array_index (lines, TimelineLine, i);
      g_autofree char *when = local_minute (line->at);

      g_string_append_printf (timeline, "%s  %s\n", when, line->text);
      g_free (line->text);
    }
}

/* A newer selection or dispose cancels this read, which then reports G_IO_ERROR_CANCELLED. */
static void
detail_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OrdersDetail) loaded = puratan_orders_view_load_detail_finish (result, &error);
  PuratanOrdersView *self = user_data;
  g_autoptr (GString) detail = g_string_new (NULL);
  g_autoptr (GString) timeline = g_string_new (NULL);
  g_autofree char *number = NULL;
  g_autofree char *total = NULL;
  g_autofree char *paid = NULL;
  g_autofree char *refunded = NULL;
  g_autofree char *balance = NULL;
  gint64 refunded_paise = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->detail_cancellable);
  g_clear_pointer (&self->selected, puratan_order_free);
  self->has_facts = FALSE;
  gtk_widget_set_visible (self->detail_box, loaded != NULL);
  if (loaded == NULL)
    {
      show_message (self, error->message);
      return;
    }
  self->selected = g_steal_pointer (&loaded->order);
  self->has_facts = loaded->has_facts;
  self->facts = loaded->facts;

  for (guint i = 0; loaded->payments != NULL && i < loaded->payments->len; i++)
    {
      PuratanPayment *payment = loaded->payments->pdata[i];
      if (g_strcmp0 (payment->kind, "refund") == 0)
        refunded_paise += payment->amount_paise;
    }
  number = puratan_order_format_number (self->selected->number);
  total = money_text (self->selected->total_paise);
  paid = money_text (self->selected->paid_paise + refunded_paise);
  refunded = money_text (refunded_paise);
  /* A cancelled order owes nothing: what was paid is refunded with it. */
  balance = money_text (g_strcmp0 (self->selected->status, "cancelled") == 0
                            ? 0
                            : MAX (self->selected->total_paise - self->selected->paid_paise, 0));
  g_string_append_printf (detail, _ ("%s — %s\nTotal %s · paid %s · refunded %s · balance %s\n"),
                          number, puratan_order_status_label (self->selected->status), total, paid,
                          refunded, balance);
  if (self->selected->due_date != NULL)
    g_string_append_printf (detail, _ ("Due %s\n"), self->selected->due_date);
  for (guint i = 0; i < self->selected->lines->len; i++)
    {
      PuratanOrderLine *line = self->selected->lines->pdata[i];
      g_string_append_printf (detail, "%" G_GINT64_FORMAT ". %s × %" G_GINT64_FORMAT "\n",
                              line->position, line->product, line->quantity);
      if (*line->description != '\0')
        g_string_append_printf (detail, "    %s\n", line->description);
    }
  for (guint i = 0; loaded->files != NULL && i < loaded->files->len; i++)
    {
      PuratanOrderFile *file = loaded->files->pdata[i];
      g_string_append_printf (detail, _ ("File: %s (%s)\n"), file->name,
                              g_strcmp0 (file->role, "artwork") == 0 ? _ ("artwork") : _ ("other"));
    }
  gtk_label_set_text (self->detail_label, detail->str);

  append_timeline (timeline, loaded->history, loaded->payments);
  gtk_label_set_text (self->timeline_label, timeline->str);
  fill_actions (self);
}

/* Reads the order's detail on a worker; the pane shows it when it arrives. */
static void
show_detail (PuratanOrdersView *self, const char *order_id)
{
  PuratanDatabase *database = get_database (self);

  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  if (database == NULL || order_id == NULL)
    return;
  self->detail_cancellable = g_cancellable_new ();
  puratan_orders_view_load_detail_async (database, order_id, self->detail_cancellable,
                                         detail_loaded_cb, self);
}

static void
order_selected_cb (PuratanOrdersView *self, GtkListBoxRow *row)
{
  if (row != NULL)
    show_detail (self, g_object_get_data (G_OBJECT (row), "order-id"));
}

static void
puratan_orders_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (puratan_orders_view_parent_class)->map (widget);
  puratan_orders_view_refresh (PURATAN_ORDERS_VIEW (widget));
}

static void
puratan_orders_view_dispose (GObject *object)
{
  PuratanOrdersView *self = PURATAN_ORDERS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->board_cancellable);
  g_clear_object (&self->board_cancellable);
  g_cancellable_cancel (self->detail_cancellable);
  g_clear_object (&self->detail_cancellable);
  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }
  g_clear_pointer (&self->selected, puratan_order_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_ORDERS_VIEW);

  G_OBJECT_CLASS (puratan_orders_view_parent_class)->dispose (object);
}

static void
puratan_orders_view_class_init (PuratanOrdersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_orders_view_dispose;
  widget_class->map = puratan_orders_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-orders-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, status_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, due_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, customer_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, order_list);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, detail_box);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, timeline_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, message_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, order_selected_cb);

  gtk_widget_class_install_action (widget_class, "orders.attach-files", NULL, attach_action_cb);
}

static void
puratan_orders_view_init (PuratanOrdersView *self)
{
  g_autoptr (GtkStringList) states = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->has_role = TRUE;
  self->role = PURATAN_ROLE_ADMIN;
  self->pages = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  gtk_string_list_append (states, _ ("All"));
  for (PuratanOrderState state = 0; state < PURATAN_ORDER_N_STATES; state++)
    gtk_string_list_append (states,
                            puratan_order_status_label (puratan_order_state_to_string (state)));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (states));
  adw_combo_row_set_selected (self->status_row, 0);
}

/**
 * puratan_orders_view_new:
 *
 * Creates the Orders view: every order of the shop, filtered by status, due date and
 * customer; an order's lines, totals and timeline; and the workflow steps the studio's role
 * may take (puratan_orders_view_set_role()). It shows an empty state while the shop has no orders.
 *
 * Returns: (transfer floating): a new #PuratanOrdersView
 */
GtkWidget *
puratan_orders_view_new (void)
{
  return g_object_new (PURATAN_TYPE_ORDERS_VIEW, NULL);
}

/**
 * puratan_orders_view_select:
 * @self: a #PuratanOrdersView
 * @order_id: an order's id
 *
 * Shows one order's detail, timeline and allowed steps.
 */
void
puratan_orders_view_select (PuratanOrdersView *self, const char *order_id)
{
  g_return_if_fail (PURATAN_IS_ORDERS_VIEW (self));
  g_return_if_fail (order_id != NULL);

  show_detail (self, order_id);
}

/**
 * puratan_orders_view_get_selected:
 * @self: a #PuratanOrdersView
 *
 * Returns: (transfer none) (nullable): the order shown in detail
 */
const PuratanOrder *
puratan_orders_view_get_selected (PuratanOrdersView *self)
{
  g_return_val_if_fail (PURATAN_IS_ORDERS_VIEW (self), NULL);

  return self->selected;
}

/**
 * puratan_orders_view_set_role:
 * @self: a #PuratanOrdersView
 * @has_role: %FALSE when the studio acts as no one (signed out of its server)
 * @role: the role the studio acts as, when @has_role
 *
 * Offers only the workflow steps @role may take on the order shown (none without a role),
 * and takes steps as @role; the workflow layer checks it again.
 */
void
puratan_orders_view_set_role (PuratanOrdersView *self, gboolean has_role, PuratanRole role)
{
  g_return_if_fail (PURATAN_IS_ORDERS_VIEW (self));
  g_return_if_fail (!has_role || role < PURATAN_N_ROLES);

  self->has_role = has_role;
  self->role = role;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.attach-files", has_role);
  fill_actions (self);
}

/* puratan-counter-view-sale.c: the quick path through a sale at the counter
 *
 * The customer rows with the "No match" row, the live quantity, the due date from the
 * product's turnaround, and the summary bar that stays in sight with the total, the next step
 * and, once paid, the order's number and status beside "Next Customer".
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-counter-view-private.h"

/**
 * puratan_counter_view_quantity:
 * @self: the view
 *
 * Returns: the quantity as typed so far, so prices follow each keystroke; the spin button's
 *   committed value while the text is not a whole number in its range
 */
gint64
puratan_counter_view_quantity (PuratanCounterView *self)
{
  g_autofree char *text =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quantity_spin))));
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->quantity_spin);
  guint64 value;

  if (g_ascii_string_to_unsigned (text, 10, (guint64) gtk_adjustment_get_lower (adjustment),
                                  (guint64) gtk_adjustment_get_upper (adjustment), &value, NULL))
    return (gint64) value;
  return gtk_spin_button_get_value_as_int (self->quantity_spin);
}

/**
 * puratan_counter_view_update_summary:
 * @self: the view
 *
 * Brings the summary bar up to date with the order: before it is placed, its main button
 * places it; while money is due, it takes payment; once paid, the order's number and status
 * stay on show beside "Next Customer".
 */
void
puratan_counter_view_update_summary (PuratanCounterView *self)
{
  g_autofree char *number = NULL;
  g_autofree char *total = NULL;
  g_autofree char *due = NULL;
  g_autofree char *status = NULL;
  gint64 balance = puratan_counter_view_balance_due (self);
  gboolean paid = self->order != NULL && balance == 0;

  gtk_widget_set_visible (self->next_button, paid);
  gtk_widget_set_visible (self->place_button, !paid);
  if (self->order == NULL)
    {
      gtk_button_set_label (GTK_BUTTON (self->place_button), _ ("Place Order"));
      gtk_widget_set_tooltip_text (self->place_button, _ ("Place the order at this price"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->place_button), "counter.place-order");
      gtk_label_set_text (self->summary_status_label,
                          self->customer != NULL ? self->customer->name : _ ("No customer chosen"));
      return;
    }

  number = puratan_order_format_number (self->order->number);
  total = puratan_counter_view_money_text (self->order->total_paise);
  gtk_label_set_text (self->summary_total_label, total);
  if (paid)
    /* TRANSLATORS: order number · its status, e.g. "ORDER-000001 · Placed · Paid in full" */
    status = g_strdup_printf (_ ("%s · %s · Paid in full"), number,
                              puratan_order_status_label (self->order->status));
  else
    {
      due = puratan_counter_view_money_text (balance);
      /* TRANSLATORS: order number · its status · the balance, e.g. "… · Placed · ₹590.00 due" */
      status = g_strdup_printf (_ ("%s · %s · %s due"), number,
                                puratan_order_status_label (self->order->status), due);
      gtk_button_set_label (GTK_BUTTON (self->place_button), _ ("Take Payment"));
      gtk_widget_set_tooltip_text (self->place_button, _ ("Record the payment against the order"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->place_button), "counter.take-payment");
    }
  gtk_label_set_text (self->summary_status_label, status);
}

static const char *
selected_option (PuratanCounterView *self, const char *key)
{
  for (guint i = 0; self->option_rows != NULL && i < self->option_rows->len; i++)
    {
      AdwComboRow *row = self->option_rows->pdata[i];
      const char *const *values = g_object_get_data (G_OBJECT (row), "values");
      guint selected = adw_combo_row_get_selected (row);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "key"), key) == 0 && values != NULL &&
          selected < g_strv_length ((char **) values))
        return values[selected];
    }
  return NULL;
}

/**
 * puratan_counter_view_suggest_due_date:
 * @self: the view
 *
 * Fills the due date from the chosen turnaround: that many working days (Monday to Saturday)
 * from today. A custom job has no turnaround, so its due date is left to be typed.
 */
void
puratan_counter_view_suggest_due_date (PuratanCounterView *self)
{
  const char *turnaround = selected_option (self, "turnaround");
  g_autoptr (GDateTime) day = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  gint64 days = turnaround != NULL && self->catalog != NULL
                    ? puratan_catalog_get_turnaround_days (self->catalog, turnaround)
                    : -1;

  if (days < 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->due_row), "");
      return;
    }
  while (days > 0)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
      if (g_date_time_get_day_of_week (day) != 7)
        days--;
    }
  text = g_date_time_format (day, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), text);
}

/**
 * puratan_counter_view_read_due_date:
 * @self: the view
 * @due_date: (out) (transfer full) (nullable): YYYY-MM-DD, or %NULL when the field is empty
 * @error: return location for a #GError
 *
 * Returns: %TRUE for an empty field or a real date from today on
 */
gboolean
puratan_counter_view_read_due_date (PuratanCounterView *self, char **due_date, GError **error)
{
  g_autofree char *text =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->due_row))));
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint year = 0, month = 0, day = 0;
  char extra;

  *due_date = NULL;
  if (*text == '\0')
    return TRUE;
  if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &extra) != 3 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   _ ("The due date “%s” is not a date written like %s"), text, today);
      return FALSE;
    }
  if (strcmp (text, today) < 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   _ ("The due date %s has already passed"), text);
      return FALSE;
    }
  *due_date = g_steal_pointer (&text);
  return TRUE;
}

/**
 * puratan_counter_view_list_customers:
 * @self: the view
 * @typed: what was typed in the search
 * @found: (element-type PuratanCustomer): the customers it matched
 *
 * Lists the matches; with none, one "No match — new customer" row that opens the New Customer
 * dialog with what was typed.
 */
void
puratan_counter_view_list_customers (PuratanCounterView *self, const char *typed, GPtrArray *found)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->customer_list))) != NULL)
    gtk_list_box_remove (self->customer_list, child);
  if (*typed == '\0')
    return;

  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      PuratanCustomer *customer = found->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), customer->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), customer->gstin != NULL   ? customer->gstin
                                                         : customer->phone != NULL ? customer->phone
                                                                                   : "");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "customer", puratan_customer_copy (customer),
                              (GDestroyNotify) puratan_customer_free);
      gtk_list_box_append (self->customer_list, row);
    }
  if (found == NULL || found->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf (_ ("Add “%s” as a new customer"), typed);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("No match — new customer"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("contact-new-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "new-customer", GINT_TO_POINTER (TRUE));
      gtk_list_box_append (self->customer_list, row);
    }
}

/**
 * puratan_counter_view_get_search_text:
 * @self: the view
 *
 * Returns: (transfer none): what is typed in the customer search
 */
const char *
puratan_counter_view_get_search_text (PuratanCounterView *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->customer_search));
}

/* Enter in the search takes the first row: the only match, or the new customer. */
static void
search_activate_cb (PuratanCounterView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->customer_list, 0);

  if (row != NULL)
    g_signal_emit_by_name (self->customer_list, "row-activated", row);
}

/* Enter in the quantity places the order; in the cash or the reference, takes the payment. */
static void
quantity_activate_cb (PuratanCounterView *self)
{
  if (self->order == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "counter.place-order", NULL);
}

static void
payment_entry_activated_cb (PuratanCounterView *self)
{
  if (self->order != NULL && puratan_counter_view_balance_due (self) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "counter.take-payment", NULL);
}

static void
quantity_typed_cb (PuratanCounterView *self)
{
  g_signal_emit_by_name (self->quantity_spin, "value-changed");
}

/**
 * puratan_counter_view_init_sale:
 * @self: the view
 *
 * Connects what makes a sale quick: Enter on the search, the quantity and the payment fields,
 * and the price following the quantity as it is typed.
 */
void
puratan_counter_view_init_sale (PuratanCounterView *self)
{
  g_signal_connect_swapped (self->customer_search, "activate", G_CALLBACK (search_activate_cb),
                            self);
  /* GtkSpinButton has no activate signal before GTK 4.14; its text field has. */
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (self->quantity_spin)),
                            "activate", G_CALLBACK (quantity_activate_cb), self);
  g_signal_connect_swapped (self->quantity_spin, "changed", G_CALLBACK (quantity_typed_cb), self);
  g_signal_connect_swapped (self->tendered_row, "entry-activated",
                            G_CALLBACK (payment_entry_activated_cb), self);
  g_signal_connect_swapped (self->reference_row, "entry-activated",
                            G_CALLBACK (payment_entry_activated_cb), self);
  puratan_counter_view_update_summary (self);
}

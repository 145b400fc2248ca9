/* puratan-orders-view.c: the Orders view: the board of every order and its timeline
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-application.h"
#include "puratan-core.h"
#include "puratan-orders-view.h"
#include "puratan-orders.h"

#define MAX_ORDERS 500

struct _PuratanOrdersView
{
  AdwBin parent_instance;

  GtkStack *pages; /* (not owned) the bin's child */
  AdwComboRow *status_row;
  AdwEntryRow *due_row;
  AdwEntryRow *customer_row;
  AdwComboRow *role_row;
  GtkListBox *order_list;
  GtkWidget *detail_box;
  GtkLabel *detail_label;
  GtkLabel *timeline_label;
  GtkEntry *reason_entry;
  GtkFlowBox *actions_box;
  GtkLabel *message_label;

  PuratanOrder *selected;
};

G_DEFINE_FINAL_TYPE (PuratanOrdersView, puratan_orders_view, ADW_TYPE_BIN)

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

/* Ids of the customers the customer filter matches, or %NULL when it is empty. */
static GHashTable *
matching_customers (PuratanOrdersView *self, PuratanDatabase *database, GError **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->customer_row));
  g_autoptr (GPtrArray) found = NULL;
  GHashTable *ids;

  if (*text == '\0')
    return NULL;
  found = puratan_customer_search (database, text, MAX_ORDERS, error);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; found != NULL && i < found->len; i++)
    g_hash_table_add (ids, g_strdup (((PuratanCustomer *) found->pdata[i])->id));
  return ids;
}

static GtkWidget *
order_row (PuratanDatabase *database, PuratanOrder *order)
{
  g_autoptr (PuratanCustomer) customer = puratan_customer_get (database, order->customer_id, NULL);
  g_autofree char *number = puratan_order_format_number (order->number);
  g_autofree char *title = NULL;
  g_autofree char *total = money_text (order->total_paise);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  title = g_strdup_printf ("%s · %s", number, customer != NULL ? customer->name : "?");
  subtitle = g_strdup_printf (_ ("%s · due %s · %s"), order->status,
                              order->due_date != NULL ? order->due_date : "—", total);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "order-id", g_strdup (order->id), g_free);
  return row;
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
  PuratanDatabase *database = get_database (self);
  guint selected = adw_combo_row_get_selected (self->status_row);
  const char *status = selected > 0 && selected <= PURATAN_ORDER_N_STATES
                           ? puratan_order_state_to_string (selected - 1)
                           : NULL;
  const char *due = gtk_editable_get_text (GTK_EDITABLE (self->due_row));
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) orders = NULL;
  g_autoptr (GHashTable) customers = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  g_return_if_fail (PURATAN_IS_ORDERS_VIEW (self));

  if (database == NULL)
    return;
  all = puratan_order_list (database, NULL, NULL, NULL, 1, &error);
  if (all == NULL || all->len == 0)
    {
      gtk_stack_set_visible_child_name (self->pages, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->pages, "board");

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->order_list))) != NULL)
    gtk_list_box_remove (self->order_list, child);
  customers = matching_customers (self, database, &error);
  orders =
      puratan_order_list (database, status, NULL, *due != '\0' ? due : NULL, MAX_ORDERS, &error);
  if (orders == NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  for (guint i = 0; i < orders->len; i++)
    {
      PuratanOrder *order = orders->pdata[i];
      if (customers == NULL || g_hash_table_contains (customers, order->customer_id))
        gtk_list_box_append (self->order_list, order_row (database, order));
    }
}

static void
filter_changed_cb (PuratanOrdersView *self)
{
  puratan_orders_view_refresh (self);
}

static void show_detail (PuratanOrdersView *self, const char *order_id);

static void
action_clicked_cb (GtkButton *button, PuratanOrdersView *self)
{
  PuratanOrderAction action = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "action"));
  PuratanRole role = adw_combo_row_get_selected (self->role_row);
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
  PuratanDatabase *database = get_database (self);
  g_autoptr (PuratanOrder) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (database == NULL || self->selected == NULL)
    return;
  id = g_strdup (self->selected->id);
  /* A cancelled order refunds what was paid in cash, at the counter. */
  after = puratan_orders_transition (database, id, self->selected->version, action,
                                     g_get_user_name (), MIN (role, PURATAN_N_ROLES - 1),
                                     *reason != '\0' ? reason : NULL, "cash", &error);
  if (after == NULL)
    {
      show_message (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  puratan_orders_view_refresh (self);
  show_detail (self, id);
}

static void
fill_actions (PuratanOrdersView *self, PuratanDatabase *database)
{
  PuratanRole role = MIN (adw_combo_row_get_selected (self->role_row), PURATAN_N_ROLES - 1);
  PuratanWorkflowFacts facts;
  PuratanOrderState state;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_flow_box_remove (self->actions_box, child);
  if (self->selected == NULL ||
      !puratan_order_state_from_string (self->selected->status, &state, NULL) ||
      !puratan_orders_get_facts (database, self->selected, &facts, NULL))
    return;

  for (PuratanOrderAction action = 0; action < PURATAN_ORDER_N_ACTIONS; action++)
    {
      g_autofree char *label = NULL;
      GtkWidget *button;

      if (!puratan_workflow_is_allowed (state, action, role, &facts))
        continue;
      label = g_strdelimit (g_strdup (puratan_order_action_to_string (action)), "_", ' ');
      label[0] = g_ascii_toupper (label[0]);
      button = gtk_button_new_with_label (label);
      gtk_widget_set_name (button, puratan_order_action_to_string (action));
      g_object_set_data (G_OBJECT (button), "action", GUINT_TO_POINTER (action));
      g_signal_connect (button, "clicked", G_CALLBACK (action_clicked_cb), self);
      gtk_flow_box_append (self->actions_box, button);
    }
}

static void
show_detail (PuratanOrdersView *self, const char *order_id)
{
  PuratanDatabase *database = get_database (self);
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GString) detail = g_string_new (NULL);
  g_autoptr (GString) timeline = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *total = NULL;
  g_autofree char *paid = NULL;

  g_clear_pointer (&self->selected, puratan_order_free);
  if (database != NULL && order_id != NULL)
    self->selected = puratan_order_get (database, order_id, &error);
  gtk_widget_set_visible (self->detail_box, self->selected != NULL);
  if (self->selected == NULL)
    {
      if (error != NULL)
        show_message (self, error->message);
      return;
    }

  number = puratan_order_format_number (self->selected->number);
  total = money_text (self->selected->total_paise);
  paid = money_text (self->selected->paid_paise);
  g_string_append_printf (detail, _ ("%s — %s\nTotal %s, paid %s\n"), number,
                          self->selected->status, total, paid);
  for (guint i = 0; i < self->selected->lines->len; i++)
    {
      PuratanOrderLine *line = self->selected->lines->pdata[i];
      g_string_append_printf (detail, "%" G_GINT64_FORMAT ". %s × %" G_GINT64_FORMAT "\n",
                              line->position, line->product, line->quantity);
    }
  gtk_label_set_text (self->detail_label, detail->str);

  history = puratan_audit_list (database, "order", self->selected->id, NULL);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      PuratanAuditEntry *entry = history->pdata[i];
      g_string_append_printf (timeline, "%s  %s (%s): %s %s → %s%s%s\n", entry->at, entry->actor,
                              entry->role, entry->action,
                              entry->from_state != NULL ? entry->from_state : "—",
                              entry->to_state != NULL ? entry->to_state : "—",
                              *entry->reason != '\0' ? " — " : "", entry->reason);
    }
  gtk_label_set_text (self->timeline_label, timeline->str);
  fill_actions (self, database);
}

static void
order_selected_cb (PuratanOrdersView *self, GtkListBoxRow *row)
{
  if (row != NULL)
    show_detail (self, g_object_get_data (G_OBJECT (row), "order-id"));
}

static void
role_changed_cb (PuratanOrdersView *self)
{
  PuratanDatabase *database = get_database (self);

  if (database != NULL)
    fill_actions (self, database);
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
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, role_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, order_list);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, detail_box);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, timeline_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, actions_box);
  gtk_widget_class_bind_template_child (widget_class, PuratanOrdersView, message_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, order_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);
}

static void
puratan_orders_view_init (PuratanOrdersView *self)
{
  g_autoptr (GtkStringList) states = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  gtk_string_list_append (states, _ ("All"));
  for (PuratanOrderState state = 0; state < PURATAN_ORDER_N_STATES; state++)
    gtk_string_list_append (states, puratan_order_state_to_string (state));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (states));
  adw_combo_row_set_selected (self->status_row, 0);
}

/**
 * puratan_orders_view_new:
 *
 * Creates the Orders view: every order of the shop, filtered by status, due date and
 * customer; an order's lines, totals and timeline; and the workflow steps the chosen role
 * may take. It shows an empty state while the shop has no orders.
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

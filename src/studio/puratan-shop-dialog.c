/* puratan-shop-dialog.c: the shop's own details, asked on first start and edited from Admin
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-shop-dialog-private.h"

G_DEFINE_FINAL_TYPE (PuratanShopDialog, puratan_shop_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The GST state codes, in the order the state row lists them after "Choose…". */
static const char *const state_codes[] = {
  "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13",
  "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26",
  "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37", "38", "97",
};

static char *
row_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
select_state (PuratanShopDialog *self, const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (state_codes); i++)
    if (strncmp (code, state_codes[i], 2) == 0)
      {
        adw_combo_row_set_selected (self->state_row, i + 1);
        return;
      }
}

/* A GSTIN names its state in its first two digits: choose it as it is typed. */
static void
gstin_changed_cb (PuratanShopDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->gstin_row));

  if (strlen (text) >= 2 && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]))
    select_state (self, text);
}

static void
fill (PuratanShopDialog *self, const PuratanShopSettings *shop)
{
  if (shop == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), shop->name != NULL ? shop->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row),
                         shop->address != NULL ? shop->address : "");
  gtk_editable_set_text (GTK_EDITABLE (self->gstin_row), shop->gstin != NULL ? shop->gstin : "");
  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), shop->phone != NULL ? shop->phone : "");
  gtk_editable_set_text (GTK_EDITABLE (self->upi_row), shop->upi_vpa != NULL ? shop->upi_vpa : "");
  select_state (self, shop->state);
}

static void
show_error (PuratanShopDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
}

static void
save_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PuratanShopDialog *self = source;
  GError *error = NULL;

  if (puratan_shop_settings_save (self->database, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanShopDialog *self = PURATAN_SHOP_DIALOG (source);
  g_autoptr (GError) error = NULL;

  self->saving = FALSE;
  /* Closed while saving: the details are saved, and there is no one left to tell. */
  if (self->database == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, g_task_get_task_data (G_TASK (result)));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Checks what a person can fix at once here; the GSTIN, the state against it and the UPI id are
 * checked by puratan_shop_settings_save() on the worker, whose messages are shown as they are. */
static void
save_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanShopDialog *self = PURATAN_SHOP_DIALOG (widget);
  g_autoptr (GTask) task = NULL;
  PuratanShopSettings *shop;
  guint state = adw_combo_row_get_selected (self->state_row);

  if (self->saving)
    return;
  shop = g_new0 (PuratanShopSettings, 1);
  shop->name = row_text (self->name_row);
  shop->address = row_text (self->address_row);
  shop->gstin = row_text (self->gstin_row);
  shop->phone = row_text (self->phone_row);
  shop->upi_vpa = row_text (self->upi_row);
  if (shop->gstin != NULL)
    shop->gstin = g_ascii_strup (g_steal_pointer (&shop->gstin), -1);
  if (state >= 1 && state <= G_N_ELEMENTS (state_codes))
    shop->state = g_strdup (state_codes[state - 1]);

  if (shop->name == NULL || shop->address == NULL || shop->gstin == NULL || shop->state == NULL)
    {
      show_error (self, shop->name == NULL      ? _ ("Enter the shop's name")
                        : shop->address == NULL ? _ ("Enter the shop's address")
                        : shop->gstin == NULL   ? _ ("Enter the shop's GSTIN")
                                                : _ ("Choose the shop's state"));
      puratan_shop_settings_free (shop);
      return;
    }

  show_error (self, NULL);
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  task = g_task_new (self, NULL, saved_cb, NULL);
  g_task_set_source_tag (task, save_action_cb);
  g_task_set_task_data (task, shop, (GDestroyNotify) puratan_shop_settings_free);
  g_task_run_in_thread (task, save_in_thread);
}

static void
puratan_shop_dialog_dispose (GObject *object)
{
  PuratanShopDialog *self = PURATAN_SHOP_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PURATAN_TYPE_SHOP_DIALOG);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (puratan_shop_dialog_parent_class)->dispose (object);
}

static void
puratan_shop_dialog_class_init (PuratanShopDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_shop_dialog_dispose;

  /**
   * PuratanShopDialog::saved:
   * @dialog: the dialog
   * @shop: (type gpointer): the #PuratanShopSettings just saved, valid during the emission
   *
   * Emitted once the details are saved in the shop database, before the dialog closes.
   */
  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-shop-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, gstin_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, state_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, upi_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PuratanShopDialog, details_group);
  gtk_widget_class_bind_template_callback (widget_class, gstin_changed_cb);

  gtk_widget_class_install_action (widget_class, "shop.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
puratan_shop_dialog_init (PuratanShopDialog *self)
{
  g_autoptr (GtkStringList) states = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (states, _ ("Choose…"));
  for (guint i = 0; i < G_N_ELEMENTS (state_codes); i++)
    {
      const char *name = NULL;
      g_autofree char *label = NULL;

      puratan_gst_state_lookup (state_codes[i], &name);
      label = g_strdup_printf ("%s (%s)", name != NULL ? name : "", state_codes[i]);
      gtk_string_list_append (states, label);
    }
  adw_combo_row_set_model (self->state_row, G_LIST_MODEL (states));
}

/**
 * puratan_shop_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @database: the open shop database the details are kept in
 * @shop: (nullable): the details saved so far, shown for editing
 * @first_run: %TRUE when the studio asks for the details on its first start
 *
 * Creates a modal dialog for the shop's name, address, state, GSTIN, phone and UPI id. Save
 * checks them (the GSTIN with its check digit, the state against the GSTIN) and writes them
 * on a worker thread; Enter in any field saves.
 *
 * Returns: (transfer none): the dialog, owned by GTK's list of toplevels until it closes
 */
PuratanShopDialog *
puratan_shop_dialog_new (GtkWindow *parent,
                         PuratanDatabase *database,
                         const PuratanShopSettings *shop,
                         gboolean first_run)
{
  PuratanShopDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PURATAN_IS_DATABASE (database), NULL);

  self = g_object_new (PURATAN_TYPE_SHOP_DIALOG, "transient-for", parent, NULL);
  self->database = g_object_ref (database);
  fill (self, shop);
  if (first_run)
    {
      gtk_window_set_title (GTK_WINDOW (self), _ ("Welcome to Puratan Studio"));
      adw_preferences_group_set_description (
          self->details_group,
          _ ("Before the first sale, enter the shop's details: receipts, tax invoices and job "
             "tickets carry them. The Admin view can change them later."));
    }
  return self;
}

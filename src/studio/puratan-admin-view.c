/* puratan-admin-view.c: the Admin view: products, prices, users and the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-admin-view.h"
#include "puratan-shop-dialog.h"
#include "puratan-sync-log.h"

struct _PuratanAdminView
{
  AdwBin parent_instance;

  AdwActionRow *location_row;
  AdwActionRow *status_row;
  AdwActionRow *display_profile_row;
  AdwActionRow *shop_row;
  GtkLabel *sync_log_message;
  GtkListBox *sync_log_list;

  PuratanDatabase *database;
  PuratanShopSettings *shop; /* (nullable) as saved, once loaded */
  GCancellable *cancellable;
  gboolean asked_first_run;
  gboolean is_admin; /* the studio acts as admin: the shop's details may be changed */
  /* (owned) (nullable) the sync log being read; a newer read cancels it */
  GCancellable *sync_log_cancellable;
};

G_DEFINE_FINAL_TYPE (PuratanAdminView, puratan_admin_view, ADW_TYPE_BIN)

static void
show_shop (PuratanAdminView *self)
{
  g_autofree char *text = NULL;
  const char *state = NULL;

  if (self->shop == NULL)
    {
      adw_action_row_set_subtitle (self->shop_row, _ ("Not set yet: receipts and job tickets "
                                                      "cannot be printed until they are"));
      return;
    }
  if (self->shop->state != NULL)
    puratan_gst_state_lookup (self->shop->state, &state);
  text = g_strdup_printf ("%s\n%s%s%s\nGSTIN %s%s%s%s%s", self->shop->name, self->shop->address,
                          state != NULL ? ", " : "", state != NULL ? state : "", self->shop->gstin,
                          self->shop->phone != NULL ? " · " : "",
                          self->shop->phone != NULL ? self->shop->phone : "",
                          self->shop->upi_vpa != NULL ? " · UPI " : "",
                          self->shop->upi_vpa != NULL ? self->shop->upi_vpa : "");
  adw_action_row_set_subtitle (self->shop_row, text);
}

static void
shop_saved_cb (PuratanAdminView *self, const PuratanShopSettings *saved, gpointer dialog)
{
  PuratanShopSettings *copy = g_new0 (PuratanShopSettings, 1);

  copy->name = g_strdup (saved->name);
  copy->address = g_strdup (saved->address);
  copy->gstin = g_strdup (saved->gstin);
  copy->phone = g_strdup (saved->phone);
  copy->upi_vpa = g_strdup (saved->upi_vpa);
  copy->state = g_strdup (saved->state);
  g_clear_pointer (&self->shop, puratan_shop_settings_free);
  self->shop = copy;
  show_shop (self);
}

static void
open_shop_dialog (PuratanAdminView *self, gboolean first_run)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PuratanShopDialog *dialog;

  if (self->database == NULL)
    return;
  dialog = puratan_shop_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->database,
                                    self->shop, first_run);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (shop_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_shop_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_shop_dialog (PURATAN_ADMIN_VIEW (widget), FALSE);
}

static void
load_shop_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  PuratanShopSettings *shop = puratan_shop_settings_load (task_data, &error);

  if (shop != NULL)
    g_task_return_pointer (task, shop, (GDestroyNotify) puratan_shop_settings_free);
  else
    g_task_return_error (task, error);
}

/* The window may be gone by now: the task's cancellable is cancelled in dispose. */
static void
shop_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  PuratanShopSettings *shop = g_task_propagate_pointer (G_TASK (result), &error);
  PuratanAdminView *self = user_data;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_pointer (&self->shop, puratan_shop_settings_free);
  self->shop = shop;
  show_shop (self);
  /* Nothing saved yet: a first start, so ask once. */
  if (shop == NULL && g_error_matches (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND) &&
      !self->asked_first_run && self->is_admin)
    {
      self->asked_first_run = TRUE;
      open_shop_dialog (self, TRUE);
    }
  else if (shop == NULL && error != NULL)
    adw_action_row_set_subtitle (self->shop_row, error->message);
}

static void
puratan_admin_view_dispose (GObject *object)
{
  PuratanAdminView *self = PURATAN_ADMIN_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->sync_log_cancellable);
  g_clear_object (&self->sync_log_cancellable);
  g_clear_object (&self->database);
  g_clear_pointer (&self->shop, puratan_shop_settings_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_ADMIN_VIEW);

  G_OBJECT_CLASS (puratan_admin_view_parent_class)->dispose (object);
}

static void
puratan_admin_view_class_init (PuratanAdminViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_admin_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-admin-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanAdminView, location_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanAdminView, status_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanAdminView, display_profile_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanAdminView, shop_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanAdminView, sync_log_message);
  gtk_widget_class_bind_template_child (widget_class, PuratanAdminView, sync_log_list);

  gtk_widget_class_install_action (widget_class, "admin.edit-shop", NULL, edit_shop_action_cb);
}

static void
puratan_admin_view_init (PuratanAdminView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->is_admin = TRUE;

  gtk_label_set_text (self->sync_log_message, _ ("Nothing synced yet."));
  gtk_widget_set_visible (GTK_WIDGET (self->sync_log_list), FALSE);
  adw_action_row_set_subtitle (self->location_row, _ ("Not chosen yet"));
  adw_action_row_set_subtitle (self->status_row, _ ("Not open"));
  adw_action_row_set_subtitle (self->display_profile_row, _ ("Not looked up yet"));
  adw_action_row_set_subtitle (self->shop_row, _ ("Not loaded yet"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.edit-shop", FALSE);
}

/**
 * puratan_admin_view_new:
 *
 * Creates the Admin view. It shows an empty state that tells the user what
 * the view is for, and where the shop database lives and whether it is open.
 *
 * Returns: (transfer floating): a new #PuratanAdminView
 */
GtkWidget *
puratan_admin_view_new (void)
{
  return g_object_new (PURATAN_TYPE_ADMIN_VIEW, NULL);
}

/**
 * puratan_admin_view_set_database_location:
 * @self: a #PuratanAdminView
 * @path: the file name of the shop database, in the GLib file name encoding
 *
 * Shows where the shop database lives. The path is shown as text, never as
 * markup, and converted for display if it is not valid UTF-8.
 */
void
puratan_admin_view_set_database_location (PuratanAdminView *self, const char *path)
{
  g_autofree char *display = NULL;

  g_return_if_fail (PURATAN_IS_ADMIN_VIEW (self));
  g_return_if_fail (path != NULL);

  display = g_filename_display_name (path);
  adw_action_row_set_subtitle (self->location_row, display);
}

/**
 * puratan_admin_view_get_database_location:
 * @self: a #PuratanAdminView
 *
 * Returns: (transfer none): the location text shown for the shop database
 */
const char *
puratan_admin_view_get_database_location (PuratanAdminView *self)
{
  g_return_val_if_fail (PURATAN_IS_ADMIN_VIEW (self), NULL);

  return adw_action_row_get_subtitle (self->location_row);
}

/**
 * puratan_admin_view_set_database_status:
 * @self: a #PuratanAdminView
 * @status: a sentence for people saying whether the shop database is open
 *
 * Shows the state of the shop database, for example that it is being opened,
 * which schema version it has, or why it could not be opened.
 */
void
puratan_admin_view_set_database_status (PuratanAdminView *self, const char *status)
{
  g_return_if_fail (PURATAN_IS_ADMIN_VIEW (self));
  g_return_if_fail (status != NULL);

  adw_action_row_set_subtitle (self->status_row, status);
}

/**
 * puratan_admin_view_get_database_status:
 * @self: a #PuratanAdminView
 *
 * Returns: (transfer none): the status text shown for the shop database
 */
const char *
puratan_admin_view_get_database_status (PuratanAdminView *self)
{
  g_return_val_if_fail (PURATAN_IS_ADMIN_VIEW (self), NULL);

  return adw_action_row_get_subtitle (self->status_row);
}

/**
 * puratan_admin_view_set_display_profile:
 * @self: a #PuratanAdminView
 * @description: a line for people naming the display profile and where it came from
 *
 * Shows which colour profile the studio assumes for the screen. The text is shown as
 * text, never as markup.
 */
void
puratan_admin_view_set_display_profile (PuratanAdminView *self, const char *description)
{
  g_return_if_fail (PURATAN_IS_ADMIN_VIEW (self));
  g_return_if_fail (description != NULL);

  adw_action_row_set_subtitle (self->display_profile_row, description);
}

/**
 * puratan_admin_view_get_display_profile:
 * @self: a #PuratanAdminView
 *
 * Returns: (transfer none): the text shown for the display profile
 */
const char *
puratan_admin_view_get_display_profile (PuratanAdminView *self)
{
  g_return_val_if_fail (PURATAN_IS_ADMIN_VIEW (self), NULL);

  return adw_action_row_get_subtitle (self->display_profile_row);
}

/**
 * puratan_admin_view_set_database:
 * @self: a #PuratanAdminView
 * @database: the open shop database
 *
 * Loads the shop's details from @database on a worker and shows them. When none are saved yet
 * (the studio's first start on this database), asks for them once in the first-run dialog.
 * Later calls with the same database do nothing.
 */
void
puratan_admin_view_set_database (PuratanAdminView *self, PuratanDatabase *database)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PURATAN_IS_ADMIN_VIEW (self));
  g_return_if_fail (PURATAN_IS_DATABASE (database));

  if (self->database == database)
    return;
  g_set_object (&self->database, database);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.edit-shop", self->is_admin);
  puratan_admin_view_refresh_sync_log (self);
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, shop_loaded_cb, self);
  g_task_set_source_tag (task, puratan_admin_view_set_database);
  g_task_set_task_data (task, g_object_ref (database), g_object_unref);
  g_task_run_in_thread (task, load_shop_in_thread);
}

/**
 * puratan_admin_view_get_shop_summary:
 * @self: a #PuratanAdminView
 *
 * Returns: (transfer none): the text shown for the shop's details
 */
const char *
puratan_admin_view_get_shop_summary (PuratanAdminView *self)
{
  g_return_val_if_fail (PURATAN_IS_ADMIN_VIEW (self), NULL);

  return adw_action_row_get_subtitle (self->shop_row);
}

/* A newer read or dispose cancels this one, which then reports G_IO_ERROR_CANCELLED. */
static void
sync_log_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = puratan_sync_log_load_finish (result, &error);
  PuratanAdminView *self = user_data;
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->sync_log_cancellable);
  if (entries == NULL)
    {
      gtk_label_set_text (self->sync_log_message, error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sync_log_list))) != NULL)
    gtk_list_box_remove (self->sync_log_list, child);
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->sync_log_list, puratan_sync_log_row_new (entries->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->sync_log_list), entries->len > 0);
  gtk_label_set_text (self->sync_log_message, entries->len > 0 ? "" : _ ("Nothing synced yet."));
  gtk_widget_set_visible (GTK_WIDGET (self->sync_log_message), entries->len == 0);
}

/**
 * puratan_admin_view_refresh_sync_log:
 * @self: a #PuratanAdminView
 *
 * Reads the sync log's newest entries on a worker and lists them: what was sent to the
 * server, received from it and refused, with the server's problem detail.
 */
void
puratan_admin_view_refresh_sync_log (PuratanAdminView *self)
{
  g_return_if_fail (PURATAN_IS_ADMIN_VIEW (self));

  if (self->database == NULL)
    return;
  g_cancellable_cancel (self->sync_log_cancellable);
  g_clear_object (&self->sync_log_cancellable);
  self->sync_log_cancellable = g_cancellable_new ();
  puratan_sync_log_load_async (self->database, self->sync_log_cancellable, sync_log_loaded_cb,
                               self);
}

/**
 * puratan_admin_view_is_loading_sync_log:
 * @self: a #PuratanAdminView
 *
 * Returns: %TRUE while the sync log is being read
 */
gboolean
puratan_admin_view_is_loading_sync_log (PuratanAdminView *self)
{
  g_return_val_if_fail (PURATAN_IS_ADMIN_VIEW (self), FALSE);

  return self->sync_log_cancellable != NULL;
}

/**
 * puratan_admin_view_set_role:
 * @self: a #PuratanAdminView
 * @has_role: %FALSE when the studio acts as no one (signed out of its server)
 * @role: the role the studio acts as, when @has_role
 *
 * Only an admin changes the shop's details; other roles see them.
 */
void
puratan_admin_view_set_role (PuratanAdminView *self, gboolean has_role, PuratanRole role)
{
  g_return_if_fail (PURATAN_IS_ADMIN_VIEW (self));

  self->is_admin = has_role && role == PURATAN_ROLE_ADMIN;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.edit-shop",
                                 self->database != NULL && self->is_admin);
}

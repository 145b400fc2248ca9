/* puratan-admin-view.c: the Admin view: products, prices, users and the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-admin-view.h"

struct _PuratanAdminView
{
  AdwBin parent_instance;

  AdwActionRow *location_row;
  AdwActionRow *status_row;
  AdwActionRow *display_profile_row;
};

G_DEFINE_FINAL_TYPE (PuratanAdminView, puratan_admin_view, ADW_TYPE_BIN)

static void
puratan_admin_view_dispose (GObject *object)
{
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
}

static void
puratan_admin_view_init (PuratanAdminView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_action_row_set_subtitle (self->location_row, _ ("Not chosen yet"));
  adw_action_row_set_subtitle (self->status_row, _ ("Not open"));
  adw_action_row_set_subtitle (self->display_profile_row, _ ("Not looked up yet"));
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

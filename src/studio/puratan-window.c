/* puratan-window.c: the main window with the studio's five views
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-admin-view.h"
#include "puratan-counter-view.h"
#include "puratan-design-view.h"
#include "puratan-display-profile.h"
#include "puratan-orders-view.h"
#include "puratan-preflight-view.h"
#include "puratan-sync-status.h"
#include "puratan-window.h"

struct _PuratanWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  PuratanApplication *watched_app;
  PuratanIccProfile *display_profile;
  gboolean showed_database_error;

  AdwToastOverlay *toast_overlay;
  AdwHeaderBar *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  AdwViewStack *stack;
  PuratanDesignView *design_view;
  PuratanOrdersView *orders_view;
  PuratanCounterView *counter_view;
  PuratanAdminView *admin_view;
  PuratanSyncStatus *sync_status;
  PuratanSyncEngine *watched_engine; /* (owned) (nullable) */
  guint sync_refresh_id;             /* the lists' coalesced reload after syncs */
};

G_DEFINE_FINAL_TYPE (PuratanWindow, puratan_window, ADW_TYPE_APPLICATION_WINDOW)

/* Page names of the views, in the order of their Ctrl+1..5 shortcuts. */
static const char *const view_names[] = { "design", "preflight", "orders", "counter", "admin" };

static void
show_view_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanWindow *self = PURATAN_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) == NULL)
    {
      g_debug ("There is no view called “%s”; staying on the current one", name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, name);
}

/* A toast only has room for a short line: it names the problem, and its button
 * leads to the Admin view, which shows the full reason and the file. */
static void
show_database_error (PuratanWindow *self)
{
  AdwToast *toast;

  if (self->showed_database_error)
    return;
  self->showed_database_error = TRUE;

  toast = adw_toast_new (_ ("Cannot open the shop database"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, _ ("_Details"));
  adw_toast_set_action_name (toast, "win.show-view");
  adw_toast_set_action_target (toast, "s", "admin");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_database_state (PuratanWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  PuratanApplication *papp;
  PuratanDatabase *database;
  const GError *error;
  const char *path;
  g_autofree char *status = NULL;

  if (!PURATAN_IS_APPLICATION (app))
    return;

  papp = PURATAN_APPLICATION (app);
  database = puratan_application_get_database (papp);
  error = puratan_application_get_database_error (papp);
  path = puratan_application_get_database_path (papp);

  if (path != NULL)
    puratan_admin_view_set_database_location (self->admin_view, path);

  if (database != NULL)
    puratan_admin_view_set_database (self->admin_view, database);

  if (database != NULL)
    status = g_strdup_printf (_ ("Open, schema version %d"),
                              puratan_database_get_schema_version (database));
  else if (error != NULL)
    status = g_strdup_printf (_ ("Could not be opened: %s"), error->message);
  else if (puratan_application_is_opening_database (papp))
    status = g_strdup (_ ("Opening…"));
  else
    status = g_strdup (_ ("Not open"));

  puratan_admin_view_set_database_status (self->admin_view, status);

  if (error != NULL)
    show_database_error (self);
}

static void
database_notify_cb (PuratanWindow *self, GParamSpec *pspec, PuratanApplication *app)
{
  update_database_state (self);
}

/* Every view offers only what the studio's role may do; the workflow layer checks again. */
static void
update_role (PuratanWindow *self)
{
  PuratanRole role = PURATAN_ROLE_ADMIN;
  gboolean has_role =
      self->watched_app == NULL || puratan_application_get_role (self->watched_app, &role);

  puratan_orders_view_set_role (self->orders_view, has_role, role);
  puratan_counter_view_set_role (self->counter_view, has_role, role);
  puratan_admin_view_set_role (self->admin_view, has_role, role);
}

static gboolean
sync_refresh_cb (gpointer data)
{
  PuratanWindow *self = data;

  self->sync_refresh_id = 0;
  puratan_admin_view_refresh_sync_log (self->admin_view);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->orders_view)))
    puratan_orders_view_refresh (self->orders_view);
  return G_SOURCE_REMOVE;
}

/* After a sync the records may have changed: the lists read them again, at most once a
 * second however often the engine cycles (a long pull is many cycles). */
static void
sync_state_cb (PuratanWindow *self, GParamSpec *pspec, PuratanSyncEngine *engine)
{
  if (puratan_sync_engine_get_state (engine) == PURATAN_SYNC_STATE_SYNCING ||
      self->sync_refresh_id != 0)
    return;
  self->sync_refresh_id = g_timeout_add_seconds (1, sync_refresh_cb, self);
}

static void
engine_notify_cb (PuratanWindow *self)
{
  PuratanSyncEngine *engine =
      self->watched_app != NULL ? puratan_application_get_sync_engine (self->watched_app) : NULL;

  if (engine == self->watched_engine)
    return;
  if (self->watched_engine != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_engine, self);
  g_set_object (&self->watched_engine, engine);
  if (engine != NULL)
    g_signal_connect_swapped (engine, "notify::state", G_CALLBACK (sync_state_cb), self);
}

/* Orders changed on both sides wait for a person: a toast says so and leads to them. */
static void
conflicts_found_cb (PuratanWindow *self, gint64 count)
{
  int n = (int) MIN (count, G_MAXINT);
  g_autofree char *title =
      g_strdup_printf (ngettext ("%d order was changed here and on the server",
                                 "%d orders were changed here and on the server", (gulong) n),
                       n);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  adw_toast_set_button_label (toast, _ ("_Choose Versions"));
  adw_toast_set_action_name (toast, "win.resolve-conflicts");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
resolve_conflicts_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  puratan_sync_status_show_conflicts (PURATAN_WINDOW (widget)->sync_status);
}

/* Looks up the profile of the screen the window shows on, for the canvas's soft proof,
 * and says in the Admin view which one it is and where it came from. */
static void
look_up_display_profile (PuratanWindow *self)
{
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;

  g_clear_object (&self->display_profile);
  self->display_profile =
      puratan_display_profile_lookup (gtk_widget_get_display (GTK_WIDGET (self)), &source);

  if (g_strcmp0 (source, PURATAN_DISPLAY_PROFILE_SOURCE_DEFAULT) == 0)
    text = g_strdup (_ ("sRGB (no system display profile known)"));
  else
    /* TRANSLATORS: a colour profile's name, and where it was found, e.g. "X11 _ICC_PROFILE" */
    text = g_strdup_printf (_ ("%s (from %s)"),
                            puratan_icc_profile_get_description (self->display_profile), source);
  puratan_admin_view_set_display_profile (self->admin_view, text);
}

/* The window's title names the design open in the Design view, with its unsaved mark. */
static void
design_title_cb (PuratanWindow *self)
{
  const char *design = puratan_design_view_get_title (self->design_view);
  g_autofree char *title = NULL;

  if (design[0] == '\0')
    title = g_strdup (_ ("Puratan Studio"));
  else
    /* TRANSLATORS: the window title: a design's name, then the application's */
    title = g_strdup_printf (_ ("%s — Puratan Studio"), design);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, design);
}

static void
restore_window_state (PuratanWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
puratan_window_close_request (GtkWindow *window)
{
  PuratanWindow *self = PURATAN_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width;
  int height;

  if (!maximized)
    {
      gtk_window_get_default_size (window, &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  return GTK_WINDOW_CLASS (puratan_window_parent_class)->close_request (window);
}

/* Follows the shop database of the application the window belongs to. GtkWindow sets
 * its application after construction, so this runs on every change of it. */
static void
application_changed_cb (PuratanWindow *self, GParamSpec *pspec, gpointer user_data)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if ((gpointer) app == (gpointer) self->watched_app)
    return;

  if (self->watched_app != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_app, self);
  g_set_weak_pointer (&self->watched_app,
                      PURATAN_IS_APPLICATION (app) ? PURATAN_APPLICATION (app) : NULL);

  if (self->watched_app != NULL)
    {
      g_signal_connect_swapped (self->watched_app, "notify::database",
                                G_CALLBACK (database_notify_cb), self);
      g_signal_connect_swapped (self->watched_app, "notify::database-error",
                                G_CALLBACK (database_notify_cb), self);
      g_signal_connect_swapped (self->watched_app, "notify::role", G_CALLBACK (update_role), self);
      g_signal_connect_swapped (self->watched_app, "notify::sync-engine",
                                G_CALLBACK (engine_notify_cb), self);
    }

  puratan_sync_status_set_application (self->sync_status, self->watched_app);
  update_database_state (self);
  update_role (self);
  engine_notify_cb (self);
}

static void
puratan_window_dispose (GObject *object)
{
  PuratanWindow *self = PURATAN_WINDOW (object);

  /* Unbind first: tearing down the stack changes its visible child, which
   * must not overwrite the view the user left the window on. */
  if (self->stack != NULL)
    g_settings_unbind (self->stack, "visible-child-name");

  if (self->watched_app != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_app, self);
  g_clear_weak_pointer (&self->watched_app);
  if (self->watched_engine != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_engine, self);
  g_clear_object (&self->watched_engine);
  g_clear_handle_id (&self->sync_refresh_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), PURATAN_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->display_profile);

  G_OBJECT_CLASS (puratan_window_parent_class)->dispose (object);
}

static void
puratan_window_class_init (PuratanWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = puratan_window_dispose;
  window_class->close_request = puratan_window_close_request;

  g_type_ensure (PURATAN_TYPE_DESIGN_VIEW);
  g_type_ensure (PURATAN_TYPE_PREFLIGHT_VIEW);
  g_type_ensure (PURATAN_TYPE_ORDERS_VIEW);
  g_type_ensure (PURATAN_TYPE_COUNTER_VIEW);
  g_type_ensure (PURATAN_TYPE_ADMIN_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PuratanWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PuratanWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PuratanWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PuratanWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PuratanWindow, design_view);
  gtk_widget_class_bind_template_child (widget_class, PuratanWindow, orders_view);
  gtk_widget_class_bind_template_child (widget_class, PuratanWindow, counter_view);
  gtk_widget_class_bind_template_child (widget_class, PuratanWindow, admin_view);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action_cb);
  gtk_widget_class_install_action (widget_class, "win.resolve-conflicts", NULL,
                                   resolve_conflicts_action_cb);

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-view", "s", view_names[i]);
}

/* Gives the view switchers libadwaita builds inside @widget a name a person would say;
 * without one, assistive technologies read out the widget's type name. */
static void
name_view_switchers (GtkWidget *widget)
{
  if (ADW_IS_VIEW_SWITCHER (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _ ("Views"), -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_view_switchers (child);
}

static void
puratan_window_init (PuratanWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_view_switchers (GTK_WIDGET (self->switcher_title));
  name_view_switchers (GTK_WIDGET (self->switcher_bar));

  /* The Design view's undo, redo and soft-proof controls; they show with the view. */
  adw_header_bar_pack_start (
      self->header_bar, puratan_design_view_get_header_widget (self->design_view, GTK_PACK_START));
  adw_header_bar_pack_end (self->header_bar,
                           puratan_design_view_get_header_widget (self->design_view, GTK_PACK_END));
  /* The sync status sits at the end, left of the main menu. */
  self->sync_status = PURATAN_SYNC_STATUS (puratan_sync_status_new ());
  adw_header_bar_pack_end (self->header_bar, GTK_WIDGET (self->sync_status));
  g_signal_connect_object (self->sync_status, "conflicts-found", G_CALLBACK (conflicts_found_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->design_view, "notify::title", G_CALLBACK (design_title_cb), self,
                           G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APP_ID);
  restore_window_state (self);
  look_up_display_profile (self);
  g_settings_bind (self->settings, "last-view", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
}

/**
 * puratan_window_new:
 * @application: the application the window belongs to
 *
 * Creates the main window. It restores its size and last view from
 * GSettings and shows the state of the application's shop database.
 *
 * Returns: (transfer none): a new #PuratanWindow, owned by its toplevel list
 */
PuratanWindow *
puratan_window_new (PuratanApplication *application)
{
  g_return_val_if_fail (PURATAN_IS_APPLICATION (application), NULL);

  return g_object_new (PURATAN_TYPE_WINDOW, "application", application, NULL);
}

/**
 * puratan_window_get_stack:
 * @self: a #PuratanWindow
 *
 * Returns: (transfer none): the stack holding the five views
 */
AdwViewStack *
puratan_window_get_stack (PuratanWindow *self)
{
  g_return_val_if_fail (PURATAN_IS_WINDOW (self), NULL);

  return self->stack;
}

/**
 * puratan_window_get_display_profile:
 * @self: a #PuratanWindow
 *
 * The colour profile of the screen the window shows on, as
 * puratan_display_profile_lookup() found it when the window was made: the system's
 * display profile where one is known, else sRGB.
 *
 * Returns: (transfer none): the display profile
 */
PuratanIccProfile *
puratan_window_get_display_profile (PuratanWindow *self)
{
  g_return_val_if_fail (PURATAN_IS_WINDOW (self), NULL);

  return self->display_profile;
}

static gboolean
is_pdf (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *content_type = g_content_type_guess (name, NULL, 0, NULL);

  return g_content_type_is_mime_type (content_type, "application/pdf");
}

static void
open_in_preflight (GtkWidget *view, GFile *file)
{
  puratan_preflight_view_open_file (PURATAN_PREFLIGHT_VIEW (view), file);
}

static void
open_in_design (GtkWidget *view, GFile *file)
{
  puratan_design_view_open_file (PURATAN_DESIGN_VIEW (view), file);
}

/* Which view opens which kind of file, judged from its name. */
static const struct
{
  gboolean (*handles) (GFile *file);
  const char *view_name;
  void (*open) (GtkWidget *view, GFile *file);
} file_handlers[] = {
  { puratan_design_file_is_design, "design", open_in_design },
  { is_pdf, "preflight", open_in_preflight },
};

/**
 * puratan_window_open_file:
 * @self: a #PuratanWindow
 * @file: a file named on the command line or handed over by the desktop
 *
 * Opens @file in the view that handles its kind (judged from its name) and shows that
 * view: a design (.pdesign) opens in the Design view, a PDF is checked in the Preflight view. A
 * file of another kind is refused with a toast naming it.
 */
void
puratan_window_open_file (PuratanWindow *self, GFile *file)
{
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (PURATAN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  for (guint i = 0; i < G_N_ELEMENTS (file_handlers); i++)
    if (file_handlers[i].handles (file))
      {
        GtkWidget *view =
            adw_view_stack_get_child_by_name (self->stack, file_handlers[i].view_name);

        adw_view_stack_set_visible_child_name (self->stack, file_handlers[i].view_name);
        file_handlers[i].open (view, file);
        return;
      }

  message = g_strdup_printf (_ ("“%s” is not a kind of file Puratan Studio opens"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * puratan_window_get_sync_status:
 * @self: a #PuratanWindow
 *
 * Returns: (transfer none): the header bar's sync status
 */
PuratanSyncStatus *
puratan_window_get_sync_status (PuratanWindow *self)
{
  g_return_val_if_fail (PURATAN_IS_WINDOW (self), NULL);

  return self->sync_status;
}

/* test-window.c: the main window, its views, its settings and the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <X11/Xatom.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "puratan-core.h"
#include "puratan-admin-view.h"
#include "puratan-application.h"
#include "puratan-color.h"
#include "puratan-window.h"

typedef struct
{
  const char *name;
  const char *title;
  const char *icon_name;
  const char *empty_title;
} ViewInfo;

static const ViewInfo views[] = {
  { "design", "Design", "applications-graphics-symbolic", "No Job Open" },
  { "preflight", "Preflight", "emblem-ok-symbolic", "No PDF to Check" },
  { "orders", "Orders", "view-list-symbolic", "No Orders Yet" },
  { "counter", "Counter", "puratan-counter-symbolic", "No Walk-in Order" },
  { "admin", "Admin", "preferences-system-symbolic", "Shop Administration" },
};

typedef struct _Fixture Fixture;
typedef void (*FixtureFunc) (Fixture *fixture);

struct _Fixture
{
  PuratanApplication *app;
  PuratanWindow *window;
  GSettings *settings;
  FixtureFunc func;
};

static void
wait_for_database (PuratanApplication *app)
{
  while (puratan_application_is_opening_database (app))
    g_main_context_iteration (NULL, TRUE);
}

static void
activate_cb (GApplication *app, Fixture *fixture)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  fixture->window = PURATAN_WINDOW (windows->data);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);

  fixture->func (fixture);

  /* The application quits when its last window is gone. */
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_null (fixture->window);
}

/* Runs the application on @database_path (or the default) the way main() does, calls
 * @func with its window once it is up, and checks that everything is released after. */
static void
run_with_window (const char *database_path, FixtureFunc func)
{
  Fixture fixture = { 0 };
  int status;

  fixture.func = func;
  fixture.settings = g_settings_new (APP_ID);
  fixture.app = puratan_application_new ();
  g_object_add_weak_pointer (G_OBJECT (fixture.app), (gpointer *) &fixture.app);
  g_application_set_flags (G_APPLICATION (fixture.app), G_APPLICATION_NON_UNIQUE);
  if (database_path != NULL)
    puratan_application_set_database_path (fixture.app, database_path);
  g_signal_connect_after (fixture.app, "activate", G_CALLBACK (activate_cb), &fixture);

  status = g_application_run (G_APPLICATION (fixture.app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_false (puratan_application_is_opening_database (fixture.app));

  g_object_unref (fixture.app);
  g_assert_null (fixture.app);
  g_clear_object (&fixture.settings);
}

static GtkWidget *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
check_views_exist (Fixture *fixture)
{
  AdwViewStack *stack = puratan_window_get_stack (fixture->window);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, views[i].name);
      AdwViewStackPage *page;

      g_assert_nonnull (child);
      page = adw_view_stack_get_page (stack, child);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, views[i].title);
      g_assert_cmpstr (adw_view_stack_page_get_icon_name (page), ==, views[i].icon_name);
      g_assert_nonnull (find_status_page (child));
    }
}

static void
check_show_view (Fixture *fixture)
{
  AdwViewStack *stack = puratan_window_get_stack (fixture->window);

  /* Start from the first view, then visit the others backwards, so that every step
   * is a real change of the visible view. */
  adw_view_stack_set_visible_child_name (stack, views[0].name);
  for (int i = G_N_ELEMENTS (views) - 1; i >= 0; i--)
    {
      GtkWidget *visible;
      GtkWidget *status_page;
      g_autofree char *saved = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s",
                                                 views[i].name));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, views[i].name);

      visible = adw_view_stack_get_visible_child (stack);
      g_assert_true (visible == adw_view_stack_get_child_by_name (stack, views[i].name));
      status_page = find_status_page (visible);
      g_assert_nonnull (status_page);
      g_assert_true (gtk_widget_get_mapped (status_page));
      g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                       views[i].empty_title);
      g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status_page)), !=, "");

      saved = g_settings_get_string (fixture->settings, "last-view");
      g_assert_cmpstr (saved, ==, views[i].name);
    }
}

static void
check_unknown_view (Fixture *fixture)
{
  AdwViewStack *stack = puratan_window_get_stack (fixture->window);
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *saved = NULL;

  gtk_widget_activate_action (window, "win.show-view", "s", "orders");
  gtk_widget_activate_action (window, "win.show-view", "s", "no-such-view");
  gtk_widget_activate_action (window, "win.show-view", "s", "");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "orders");

  saved = g_settings_get_string (fixture->settings, "last-view");
  g_assert_cmpstr (saved, ==, "orders");
}

static void
check_restore_state (Fixture *fixture)
{
  g_autofree char *saved = NULL;
  int width;
  int height;

  g_assert_cmpstr (
      adw_view_stack_get_visible_child_name (puratan_window_get_stack (fixture->window)), ==,
      "counter");
  gtk_window_get_default_size (GTK_WINDOW (fixture->window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 640);

  /* Closing saves the size; tearing the window down keeps the last view. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_null (fixture->window);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));
  saved = g_settings_get_string (fixture->settings, "last-view");
  g_assert_cmpstr (saved, ==, "counter");
}

static PuratanAdminView *
get_admin_view (Fixture *fixture)
{
  AdwViewStack *stack = puratan_window_get_stack (fixture->window);

  return PURATAN_ADMIN_VIEW (adw_view_stack_get_child_by_name (stack, "admin"));
}

static void
check_database_opens (Fixture *fixture)
{
  g_autofree char *expected =
      g_build_filename (g_get_user_data_dir (), "puratan-studio", "shop.sqlite3", NULL);
  PuratanAdminView *admin = get_admin_view (fixture);
  PuratanDatabase *database;
  g_autofree char *status = NULL;

  g_assert_cmpstr (puratan_application_get_database_path (fixture->app), ==, expected);
  g_assert_cmpstr (puratan_admin_view_get_database_location (admin), ==, expected);

  wait_for_database (fixture->app);
  database = puratan_application_get_database (fixture->app);
  g_assert_nonnull (database);
  g_assert_null (puratan_application_get_database_error (fixture->app));
  g_assert_cmpstr (puratan_database_get_path (database), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));

  status =
      g_strdup_printf ("Open, schema version %d", puratan_database_get_schema_version (database));
  g_assert_cmpstr (puratan_admin_view_get_database_status (admin), ==, status);
}

static void
check_database_error (Fixture *fixture)
{
  PuratanAdminView *admin = get_admin_view (fixture);
  const GError *open_error;
  const char *status;

  wait_for_database (fixture->app);
  g_assert_null (puratan_application_get_database (fixture->app));
  open_error = puratan_application_get_database_error (fixture->app);
  g_assert_nonnull (open_error);
  g_assert_true (open_error->domain == PURATAN_ERROR);

  status = puratan_admin_view_get_database_status (admin);
  g_assert_true (g_str_has_prefix (status, "Could not be opened: "));
  g_assert_nonnull (strstr (status, open_error->message));
  g_assert_cmpstr (puratan_admin_view_get_database_location (admin), ==,
                   puratan_application_get_database_path (fixture->app));

  /* The toast's button leads to the details in the Admin view. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "admin"));
  g_assert_cmpstr (
      adw_view_stack_get_visible_child_name (puratan_window_get_stack (fixture->window)), ==,
      "admin");
}

static void
check_display_profile_default (Fixture *fixture)
{
  PuratanIccProfile *profile = puratan_window_get_display_profile (fixture->window);

  g_assert_cmpstr (puratan_admin_view_get_display_profile (get_admin_view (fixture)), ==,
                   "sRGB (no system display profile known)");
  g_assert_nonnull (profile);
  g_assert_cmpint (puratan_icc_profile_get_color_model (profile), ==, PURATAN_COLOR_MODEL_RGB);
}

static void
check_display_profile_x11 (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) expected = puratan_icc_profile_new_bundled ("sRGB.icc", &error);
  PuratanIccProfile *profile = puratan_window_get_display_profile (fixture->window);
  g_autofree char *row = NULL;

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (puratan_icc_profile_get_bytes (profile),
                                puratan_icc_profile_get_bytes (expected)));
  row = g_strdup_printf ("%s (from X11 _ICC_PROFILE)",
                         puratan_icc_profile_get_description (expected));
  g_assert_cmpstr (puratan_admin_view_get_display_profile (get_admin_view (fixture)), ==, row);
}

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        return ADW_ABOUT_WINDOW (toplevel);
    }

  return NULL;
}

static void
check_about_and_shortcuts (Fixture *fixture)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (fixture->window);
  AdwAboutWindow *about;

  /* The shortcuts window comes from the resources and lists every view. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (window));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));

  g_assert_null (find_about_window ());
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = find_about_window ();
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Puratan Studio");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_developer_name (about), ==, "Puratan Printers");
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (about), ==, "");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
check_nothing (Fixture *fixture)
{
}

static void
test_views_exist (void)
{
  run_with_window (NULL, check_views_exist);
}

static void
test_show_view (void)
{
  run_with_window (NULL, check_show_view);
}

static void
test_unknown_view (void)
{
  run_with_window (NULL, check_unknown_view);
}

static void
test_restore_state (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "last-view", "counter");
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  run_with_window (NULL, check_restore_state);
}

static void
test_database_opens (void)
{
  run_with_window (NULL, check_database_opens);
}

static void
test_database_error (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), "not-a-database.sqlite3", NULL);
  g_file_set_contents (path, "This is a price list, not a shop database.\n", -1, &error);
  g_assert_no_error (error);

  run_with_window (path, check_database_error);
}

static void
test_about_and_shortcuts (void)
{
  run_with_window (NULL, check_about_and_shortcuts);
}

static void
test_display_profile_default (void)
{
  run_with_window (NULL, check_display_profile_default);
}

/* The window shows the profile the X server publishes on its root window. */
static void
test_display_profile_x11 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanIccProfile) srgb = NULL;
  GdkDisplay *display;
  Display *xdisplay;
  Atom atom;
  GBytes *bytes;

  gtk_init ();
  display = gdk_display_get_default ();
  g_assert_true (GDK_IS_X11_DISPLAY (display));
  xdisplay = gdk_x11_display_get_xdisplay (display);
  atom = XInternAtom (xdisplay, "_ICC_PROFILE", False);

  srgb = puratan_icc_profile_new_bundled ("sRGB.icc", &error);
  g_assert_no_error (error);
  bytes = puratan_icc_profile_get_bytes (srgb);
  XChangeProperty (xdisplay, gdk_x11_display_get_xrootwindow (display), atom, XA_CARDINAL, 8,
                   PropModeReplace, g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes));
  XSync (xdisplay, False);

  run_with_window (NULL, check_display_profile_x11);

  XDeleteProperty (xdisplay, gdk_x11_display_get_xrootwindow (display), atom);
  XSync (xdisplay, False);
}

/* Closing the window at once must not leave the database open running past shutdown. */
static void
test_quit_while_opening (void)
{
  run_with_window (NULL, check_nothing);
}

/* Removes @path and everything below it. */
static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("puratan-studio-ui-XXXXXX", &error);
  int status;

  g_assert_no_error (error);

  /* The user's folders point into a fresh temporary folder, so the shop database
   * and settings of the person running the tests stay untouched. The system data
   * folders stay as they are: GTK needs the MIME database and the icon themes.
   * (G_TEST_OPTION_ISOLATE_DIRS would hide those too.) */
  for (guint i = 0; i < 4; i++)
    {
      static const char *const variables[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                               "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (home, variables[i], NULL);

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
      g_setenv (variables[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/window/views-exist", test_views_exist);
  g_test_add_func ("/studio/window/show-view", test_show_view);
  g_test_add_func ("/studio/window/unknown-view", test_unknown_view);
  g_test_add_func ("/studio/window/restore-state", test_restore_state);
  g_test_add_func ("/studio/window/database-opens", test_database_opens);
  g_test_add_func ("/studio/window/database-error", test_database_error);
  g_test_add_func ("/studio/window/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/studio/window/quit-while-opening", test_quit_while_opening);
  g_test_add_func ("/studio/window/display-profile-default", test_display_profile_default);
  g_test_add_func ("/studio/window/display-profile-x11", test_display_profile_x11);

  status = g_test_run ();
  remove_tree (home);

  return status;
}

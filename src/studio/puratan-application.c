/* puratan-application.c: the Puratan Studio application and its shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "puratan-application.h"
#include "puratan-design-view.h"
#include "puratan-preflight.h"
#include "puratan-window.h"

struct _PuratanApplication
{
  AdwApplication parent_instance;

  char *database_path;
  PuratanDatabase *database;
  GError *database_error;
  GCancellable *cancellable;
  gboolean opening;
};

G_DEFINE_FINAL_TYPE (PuratanApplication, puratan_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_DATABASE,
  PROP_DATABASE_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_ ("Use the shop database in FILE"),
    N_ ("FILE") },
  { NULL }
};

static void
database_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;

  self->opening = FALSE;
  database = puratan_database_open_finish (result, &error);

  if (database != NULL)
    {
      self->database = g_steal_pointer (&database);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_message ("Cannot open the shop database %s: %s", self->database_path, error->message);
      self->database_error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_ERROR]);
    }
}

static void
open_database (PuratanApplication *self)
{
  if (self->database_path == NULL)
    self->database_path = puratan_database_default_path ();

  self->cancellable = g_cancellable_new ();
  self->opening = TRUE;
  puratan_database_open_async (self->database_path, self->cancellable, database_opened_cb,
                               g_object_ref (self));
}

static void
about_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Puratan Printers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW, "transient-for",
                        gtk_application_get_active_window (app), "application-name",
                        _ ("Puratan Studio"), "application-icon", APP_ID, "developer-name",
                        "Puratan Printers", "developers", developers, "version", PACKAGE_VERSION,
                        "copyright", "© 2026 Puratan Printers", "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _ ("translator-credits"), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Quitting closes the windows as their close buttons do, so a window with unsaved work asks
 * first; the application ends with its last window. */
static void
quit_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action_cb, NULL, NULL, NULL, { 0 } },
};

static int
puratan_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  PuratanApplication *self = PURATAN_APPLICATION (app);
  g_autofree char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("puratan-studio %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "database", "^ay", &path))
    {
      if (path[0] == '\0')
        {
          g_printerr (_ ("The --database option needs the file name of a shop database.\n"));
          return EXIT_FAILURE;
        }

      /* The path belongs to this process: a second studio on another database
       * must not hand its window over to a running instance on the first one. */
      puratan_application_set_database_path (self, path);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
puratan_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  PuratanApplication *self = PURATAN_APPLICATION (app);

  G_APPLICATION_CLASS (puratan_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);

  open_database (self);
  /* The Preflight and Counter views check PDFs: start the ink renderer now, in the
   * background, so the first check is as quick as the ones after it. */
  puratan_preflight_warm_up ();
}

static void
puratan_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (puratan_window_new (PURATAN_APPLICATION (app)));

  gtk_window_present (window);
}

/* Files named on the command line or handed over by the desktop (`puratan-studio FILE.pdf`,
 * `FILE.pdesign`): each goes to the view that
 * handles its kind, in the one main window. */
static void
puratan_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (puratan_window_new (PURATAN_APPLICATION (app)));
  for (int i = 0; i < n_files; i++)
    puratan_window_open_file (PURATAN_WINDOW (window), files[i]);
  gtk_window_present (window);
}

static void
puratan_application_shutdown (GApplication *app)
{
  PuratanApplication *self = PURATAN_APPLICATION (app);

  /* Let a pending open finish or see the cancellation, so its callback never
   * runs after the application is gone. */
  if (self->opening)
    {
      g_cancellable_cancel (self->cancellable);
      while (self->opening)
        g_main_context_iteration (NULL, TRUE);
    }

  G_APPLICATION_CLASS (puratan_application_parent_class)->shutdown (app);
}

static void
puratan_application_finalize (GObject *object)
{
  PuratanApplication *self = PURATAN_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_object (&self->database);
  g_clear_error (&self->database_error);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (puratan_application_parent_class)->finalize (object);
}

static void
puratan_application_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanApplication *self = PURATAN_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_DATABASE_PATH:
        g_value_set_string (value, self->database_path);
        break;

      case PROP_DATABASE:
        g_value_set_object (value, self->database);
        break;

      case PROP_DATABASE_ERROR:
        g_value_set_boxed (value, self->database_error);
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_application_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  PuratanApplication *self = PURATAN_APPLICATION (object);

  switch (prop_id)
    {
      case PROP_DATABASE_PATH:
        if (g_value_get_string (value) != NULL)
          puratan_application_set_database_path (self, g_value_get_string (value));
        break;

      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_application_class_init (PuratanApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = puratan_application_finalize;
  object_class->get_property = puratan_application_get_property;
  object_class->set_property = puratan_application_set_property;

  app_class->handle_local_options = puratan_application_handle_local_options;
  app_class->startup = puratan_application_startup;
  app_class->activate = puratan_application_activate;
  app_class->open = puratan_application_open;
  app_class->shutdown = puratan_application_shutdown;

  /**
   * PuratanApplication:database-path:
   *
   * The file of the shop database. It can be changed until the application
   * starts up; then the database is opened from it.
   */
  properties[PROP_DATABASE_PATH] =
      g_param_spec_string ("database-path", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PuratanApplication:database:
   *
   * The open shop database, or %NULL while it is opening or after it failed.
   */
  properties[PROP_DATABASE] =
      g_param_spec_object ("database", NULL, NULL, PURATAN_TYPE_DATABASE,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PuratanApplication:database-error:
   *
   * Why the shop database could not be opened, or %NULL.
   */
  properties[PROP_DATABASE_ERROR] =
      g_param_spec_boxed ("database-error", NULL, NULL, G_TYPE_ERROR,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
puratan_application_init (PuratanApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (
      G_APPLICATION (self), _ ("The print shop's studio: design jobs, check customer PDFs, take "
                               "orders and payments, and run the shop."));
}

/**
 * puratan_application_new:
 *
 * Creates the application. It parses the command line when run, opens the
 * shop database off the main thread at startup and shows the main window. Files named on
 * the command line are opened in the view that handles them (see puratan_window_open_file()).
 *
 * Returns: (transfer full): a new #PuratanApplication
 */
PuratanApplication *
puratan_application_new (void)
{
  return g_object_new (PURATAN_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, "resource-base-path", "/in/puratan/Studio",
                       NULL);
}

/**
 * puratan_application_get_database_path:
 * @self: a #PuratanApplication
 *
 * Returns: (transfer none) (nullable): the file of the shop database, or %NULL
 *   before startup when none was chosen (startup then uses the default)
 */
const char *
puratan_application_get_database_path (PuratanApplication *self)
{
  g_return_val_if_fail (PURATAN_IS_APPLICATION (self), NULL);

  return self->database_path;
}

/**
 * puratan_application_set_database_path:
 * @self: a #PuratanApplication
 * @path: the file of the shop database, absolute or relative to the working folder
 *
 * Chooses the shop database to open at startup. Must be called before the
 * application is registered; a relative path is made absolute.
 */
void
puratan_application_set_database_path (PuratanApplication *self, const char *path)
{
  g_autofree char *absolute = NULL;

  g_return_if_fail (PURATAN_IS_APPLICATION (self));
  g_return_if_fail (path != NULL && path[0] != '\0');
  g_return_if_fail (!g_application_get_is_registered (G_APPLICATION (self)));

  absolute = g_canonicalize_filename (path, NULL);
  if (g_strcmp0 (absolute, self->database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_steal_pointer (&absolute);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

/**
 * puratan_application_get_database:
 * @self: a #PuratanApplication
 *
 * Returns: (transfer none) (nullable): the open shop database, or %NULL while
 *   it is being opened or when opening it failed
 */
PuratanDatabase *
puratan_application_get_database (PuratanApplication *self)
{
  g_return_val_if_fail (PURATAN_IS_APPLICATION (self), NULL);

  return self->database;
}

/**
 * puratan_application_get_database_error:
 * @self: a #PuratanApplication
 *
 * Returns: (transfer none) (nullable): why the shop database could not be
 *   opened, or %NULL if it is open or still opening
 */
const GError *
puratan_application_get_database_error (PuratanApplication *self)
{
  g_return_val_if_fail (PURATAN_IS_APPLICATION (self), NULL);

  return self->database_error;
}

/**
 * puratan_application_is_opening_database:
 * @self: a #PuratanApplication
 *
 * Returns: %TRUE while the shop database is being opened
 */
gboolean
puratan_application_is_opening_database (PuratanApplication *self)
{
  g_return_val_if_fail (PURATAN_IS_APPLICATION (self), FALSE);

  return self->opening;
}

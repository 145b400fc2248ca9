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
#include "puratan-serial-store.h"
#include "puratan-sync.h"
#include "puratan-window.h"

struct _PuratanApplication
{
  AdwApplication parent_instance;

  char *database_path;
  PuratanDatabase *database;
  GError *database_error;
  GCancellable *cancellable;
  gboolean opening;

  /* Sync with the shop's server: none until a server is configured (a local-only
   * workstation). The URL is kept in GSettings, the tokens only in the keyring. */
  GSettings *settings;
  PuratanSyncCredentialStore *credentials;
  PuratanSyncEngine *engine;
  char *role;  /* (nullable) the signed-in account's role, while an engine is in use */
  char *email; /* (nullable) and its email address, the actor of changes made here */
  gboolean engine_started;
  /* Engines replaced and still ending their work: the next one waits, so two engines never
   * write the shop database at once. */
  guint engines_stopping;
};

G_DEFINE_FINAL_TYPE (PuratanApplication, puratan_application, ADW_TYPE_APPLICATION)

enum
{
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_DATABASE,
  PROP_DATABASE_ERROR,
  PROP_SYNC_ENGINE,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_ ("Use the shop database in FILE"),
    N_ ("FILE") },
  { NULL }
};

static void puratan_application_sync_start (PuratanApplication *self);
static void puratan_application_sync_start_engine (PuratanApplication *self);
static void puratan_application_sync_shutdown (PuratanApplication *self);

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
      puratan_application_sync_start_engine (self);
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
  puratan_application_sync_start (self);
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

  puratan_application_sync_shutdown (self);

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
  g_clear_object (&self->engine);
  g_clear_object (&self->credentials);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->email, g_free);

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

      case PROP_SYNC_ENGINE:
        g_value_set_object (value, self->engine);
        break;

      case PROP_ROLE:
        g_value_set_string (value, self->engine != NULL ? self->role : "admin");
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

  /**
   * PuratanApplication:sync-engine:
   *
   * The engine keeping the shop database in step with the shop's server, or %NULL on a
   * local-only workstation (no server configured).
   */
  properties[PROP_SYNC_ENGINE] =
      g_param_spec_object ("sync-engine", NULL, NULL, PURATAN_TYPE_SYNC_ENGINE,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * PuratanApplication:role:
   *
   * The role the studio acts as ("counter", "admin", ...): the signed-in account's once a
   * server is configured, %NULL while no one is signed in to it; "admin" on a local-only
   * workstation (see puratan_application_get_role()).
   */
  properties[PROP_ROLE] =
      g_param_spec_string ("role", NULL, NULL, NULL,
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

/* The engine's notifications come on the main context; its role is published after its
 * first cycle has read the keyring. */
static void
engine_role_cb (PuratanApplication *self, GParamSpec *pspec, PuratanSyncEngine *engine)
{
  g_autofree char *role = puratan_sync_engine_dup_role (engine);

  /* No role: the server ended the session, and the studio offers nothing until a sign-in. */
  if (engine != self->engine || g_strcmp0 (role, self->role) == 0)
    return;
  g_free (self->role);
  self->role = g_steal_pointer (&role);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/* A replaced engine has ended its work: the one in use may start. */
static void
engine_stopped_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanApplication) self = user_data;

  puratan_sync_engine_stop_finish (PURATAN_SYNC_ENGINE (source), result, NULL);
  self->engines_stopping--;
  puratan_application_sync_start_engine (self);
}

/* Makes @engine (or none) the one in use, with @role until the engine publishes its own. */
static void
use_engine (PuratanApplication *self,
            PuratanSyncEngine *engine,
            const char *role,
            const char *email)
{
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      if (self->engine_started)
        {
          self->engines_stopping++;
          puratan_sync_engine_stop_async (self->engine, engine_stopped_cb, g_object_ref (self));
        }
      g_clear_object (&self->engine);
    }
  g_free (self->role);
  self->role = g_strdup (role);
  g_free (self->email);
  self->email = g_strdup (email);
  if (engine != NULL)
    {
      self->engine = g_object_ref (engine);
      self->engine_started = FALSE;
      g_signal_connect_object (engine, "notify::role", G_CALLBACK (engine_role_cb), self,
                               G_CONNECT_SWAPPED);
      puratan_application_sync_start_engine (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_ENGINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/* The engine opens the shop database itself: it starts once the studio has opened (and
 * migrated) it, so the two never race to create a new database. */
static void
puratan_application_sync_start_engine (PuratanApplication *self)
{
  if (self->engine == NULL || self->engine_started || self->database == NULL ||
      self->engines_stopping > 0)
    return;
  self->engine_started = TRUE;
  puratan_sync_engine_start (self->engine);
}

static void
load_role_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PuratanSyncEngine *engine = task_data;
  g_autoptr (PuratanSyncTokens) tokens = NULL;
  GError *error = NULL;

  tokens = puratan_sync_credential_store_load (puratan_sync_engine_get_store (engine),
                                               puratan_sync_engine_get_server_url (engine),
                                               cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&tokens),
                           (GDestroyNotify) puratan_sync_tokens_free);
}

static void
role_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanApplication *self = PURATAN_APPLICATION (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanSyncTokens) tokens = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    g_message ("Cannot read the sign-in from the keyring: %s", error->message);
  /* Only for the engine it was read for, and only if the engine has not said it first. */
  if (tokens == NULL || g_task_get_task_data (G_TASK (result)) != (gpointer) self->engine ||
      self->role != NULL)
    return;
  self->role = g_strdup (tokens->role);
  g_free (self->email);
  self->email = g_strdup (tokens->email);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

/* At startup: the server configured earlier, if any. The engine reads the keyring on its
 * worker; a workstation signed in before is signed in again without a word. */
static void
puratan_application_sync_start (PuratanApplication *self)
{
  g_autofree char *url = NULL;
  g_autoptr (PuratanSyncEngine) engine = NULL;
  g_autoptr (GError) error = NULL;

  self->settings = g_settings_new (APP_ID);
  url = g_settings_get_string (self->settings, "sync-server-url");
  if (url[0] == '\0')
    return;
  engine = puratan_sync_engine_new (self->database_path, url,
                                    puratan_application_get_credential_store (self), &error);
  if (engine == NULL)
    {
      g_message ("Not syncing with %s: %s", url, error->message);
      return;
    }
  use_engine (self, engine, NULL, NULL);
  /* The role is known from the keyring at once, not only after the engine's first cycle
   * (which may be a long pull). The keyring is a D-Bus service: read on a worker. */
  {
    g_autoptr (GTask) task = g_task_new (self, NULL, role_loaded_cb, NULL);

    g_task_set_source_tag (task, puratan_application_sync_start);
    g_task_set_task_data (task, g_object_ref (engine), g_object_unref);
    g_task_run_in_thread (task, load_role_in_thread);
  }
}

/* At quit: the engine in use ends its work, and so do the replaced ones still ending
 * theirs, so the application never leaves a worker writing the shop database. */
static void
puratan_application_sync_shutdown (PuratanApplication *self)
{
  if (self->engine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->engine, self);
      if (self->engine_started)
        puratan_sync_engine_stop (self->engine);
      /* Gone, so a replaced engine that ends below does not start it. */
      g_clear_object (&self->engine);
    }
  while (self->engines_stopping > 0)
    g_main_context_iteration (NULL, TRUE);
}

/**
 * puratan_application_get_credential_store:
 * @self: a #PuratanApplication
 *
 * Returns: (transfer none): where the studio keeps its tokens: the keyring, one call at a
 *   time (puratan_serial_store_new())
 */
PuratanSyncCredentialStore *
puratan_application_get_credential_store (PuratanApplication *self)
{
  g_return_val_if_fail (PURATAN_IS_APPLICATION (self), NULL);

  if (self->credentials == NULL)
    {
      g_autoptr (PuratanSyncCredentialStore) keyring = puratan_sync_keyring_new ();

      self->credentials = puratan_serial_store_new (keyring);
    }
  return self->credentials;
}

/**
 * puratan_application_get_sync_engine:
 * @self: a #PuratanApplication
 *
 * Returns: (transfer none) (nullable): the #PuratanApplication:sync-engine
 */
PuratanSyncEngine *
puratan_application_get_sync_engine (PuratanApplication *self)
{
  g_return_val_if_fail (PURATAN_IS_APPLICATION (self), NULL);

  return self->engine;
}

/**
 * puratan_application_signed_in:
 * @self: a #PuratanApplication
 * @engine: an engine that has just signed in (puratan_sync_engine_sign_in_finish())
 * @role: the account's role, from its tokens
 * @email: the account's email address, from its tokens
 *
 * Makes @engine the one in use and starts it: the studio now acts as @role. Its server's
 * address is remembered in GSettings for the next start; its tokens are in the keyring only.
 */
void
puratan_application_signed_in (PuratanApplication *self,
                               PuratanSyncEngine *engine,
                               const char *role,
                               const char *email)
{
  g_return_if_fail (PURATAN_IS_APPLICATION (self));
  g_return_if_fail (PURATAN_IS_SYNC_ENGINE (engine));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sync-server-url",
                           puratan_sync_engine_get_server_url (engine));
  use_engine (self, engine, role, email);
}

static void
signed_out_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PuratanApplication *self = g_task_get_source_object (task);
  PuratanSyncEngine *old = PURATAN_SYNC_ENGINE (source);
  g_autoptr (PuratanSyncEngine) fresh = NULL;
  GError *error = NULL;
  gboolean ok = puratan_sync_engine_sign_out_finish (old, result, &error);

  /* A fresh engine for the same server: the old one's worker still holds the tokens it read. */
  if (old == self->engine)
    {
      fresh =
          puratan_sync_engine_new (self->database_path, puratan_sync_engine_get_server_url (old),
                                   puratan_application_get_credential_store (self), NULL);
      use_engine (self, fresh, NULL, NULL);
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * puratan_application_sign_out_async:
 * @self: a #PuratanApplication
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Ends the session on the server (when it can be reached) and forgets the tokens, on a
 * worker. The server stays configured: until someone signs in again the studio has no role,
 * and changes made before wait in the outbox.
 */
void
puratan_application_sign_out_async (PuratanApplication *self,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_return_if_fail (PURATAN_IS_APPLICATION (self));

  g_task_set_source_tag (task, puratan_application_sign_out_async);
  if (self->engine == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  puratan_sync_engine_sign_out_async (self->engine, cancellable, signed_out_cb,
                                      g_steal_pointer (&task));
}

/**
 * puratan_application_sign_out_finish:
 * @self: a #PuratanApplication
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the tokens are forgotten
 */
gboolean
puratan_application_sign_out_finish (PuratanApplication *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * puratan_application_get_role:
 * @self: a #PuratanApplication
 * @role: (out): the role the studio acts as
 *
 * The role every view offers its actions for; the workflow layer checks it again. A
 * local-only workstation (no server configured) is the whole shop on one computer: whoever
 * can open it can change its database file anyway, so it acts as admin. Once a server is
 * configured the signed-in account's role counts, and while no one is signed in the studio
 * has no role: it shows the shop's records but changes nothing.
 *
 * Returns: %FALSE when the studio has no role (signed out of its server)
 */
gboolean
puratan_application_get_role (PuratanApplication *self, PuratanRole *role)
{
  g_return_val_if_fail (PURATAN_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (role != NULL, FALSE);

  if (self->engine == NULL)
    {
      *role = PURATAN_ROLE_ADMIN;
      return TRUE;
    }
  return self->role != NULL && puratan_role_from_string (self->role, role, NULL);
}

/**
 * puratan_application_get_actor:
 * @self: a #PuratanApplication
 *
 * Who changes made in the studio are recorded as: the signed-in account's email address, or
 * the computer's user name on a local-only workstation.
 *
 * Returns: (transfer none): the actor's name
 */
const char *
puratan_application_get_actor (PuratanApplication *self)
{
  g_return_val_if_fail (PURATAN_IS_APPLICATION (self), NULL);

  return self->engine != NULL && self->email != NULL ? self->email : g_get_user_name ();
}

/**
 * puratan_application_sync_soon:
 * @self: a #PuratanApplication
 *
 * Tells the sync engine, if any, that a change was saved here, so it is sent at once rather
 * than at the next poll. Views call it after each change they save.
 */
void
puratan_application_sync_soon (PuratanApplication *self)
{
  g_return_if_fail (PURATAN_IS_APPLICATION (self));

  if (self->engine != NULL && self->engine_started)
    puratan_sync_engine_sync_now (self->engine);
}

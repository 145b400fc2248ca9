/* puratan-sync-status.c: the header bar's sync status: online, offline or syncing, and what waits
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-conflict-dialog.h"
#include "puratan-sign-in-dialog.h"
#include "puratan-sync-status.h"

struct _PuratanSyncStatus
{
  AdwBin parent_instance;

  GtkMenuButton *button; /* (not owned) the bin's child, released by AdwBin itself */
  GtkImage *icon;
  GtkLabel *label;
  GtkLabel *account_label;
  GtkLabel *error_label;
  GtkWidget *sign_in_button;
  GtkWidget *sync_now_button;
  GtkWidget *conflicts_button;
  GtkWidget *sign_out_button;

  PuratanApplication *application; /* (nullable) weak */
  PuratanSyncEngine *engine;       /* (owned) (nullable) the engine whose notifications are shown */
  char *summary;                   /* the status as a sentence: the accessible name */
  gint64 conflicts_seen;
  GCancellable *cancellable; /* (owned) cancelled in dispose: a sign-out on its way */
  gboolean signing_out;
};

G_DEFINE_FINAL_TYPE (PuratanSyncStatus, puratan_sync_status, ADW_TYPE_BIN)

enum
{
  SIGNAL_CONFLICTS_FOUND,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Shows the engine's state as a word and a sentence: the label, and the tooltip and
 * accessible name, which read "Offline. 3 changes are waiting to be sent." */
static void
update (PuratanSyncStatus *self)
{
  g_autoptr (GString) sentence = g_string_new (NULL);
  g_autoptr (GString) label = g_string_new (NULL);
  g_autofree char *account = NULL;
  g_autofree char *last_error = NULL;
  g_autofree char *role = NULL;
  const char *icon = "computer-symbolic";
  gint64 pending = 0, conflicts = 0;
  PuratanSyncState state = PURATAN_SYNC_STATE_OFFLINE;

  if (self->engine == NULL)
    {
      g_string_append (label, _ ("Local Only"));
      g_string_append (sentence, _ ("Working on this computer only: no shop server is set up."));
      account = g_strdup (_ ("This workstation keeps the shop's records on its own. Sign in to "
                             "the shop's server to share them."));
    }
  else
    {
      const char *url = puratan_sync_engine_get_server_url (self->engine);

      state = puratan_sync_engine_get_state (self->engine);
      pending = puratan_sync_engine_get_pending (self->engine);
      conflicts = puratan_sync_engine_get_conflicts (self->engine);
      last_error = puratan_sync_engine_dup_last_error (self->engine);
      if (self->application != NULL)
        g_object_get (self->application, "role", &role, NULL);
      if (role == NULL)
        {
          icon = "system-lock-screen-symbolic";
          g_string_append (label, _ ("Signed Out"));
          g_string_append_printf (sentence, _ ("Not signed in to %s."), url);
          account = g_strdup_printf (_ ("Not signed in to %s: the shop's records can be read "
                                        "here, but not changed."),
                                     url);
        }
      else
        {
          /* TRANSLATORS: the server's address, then the account's role, e.g. "counter" */
          account = g_strdup_printf (_ ("Signed in to %s as %s."), url, role);
          switch (state)
            {
              case PURATAN_SYNC_STATE_ONLINE:
                icon = "network-transmit-receive-symbolic";
                g_string_append (label, _ ("Online"));
                g_string_append (sentence, _ ("Online."));
                break;
              case PURATAN_SYNC_STATE_SYNCING:
                icon = "emblem-synchronizing-symbolic";
                g_string_append (label, _ ("Syncing"));
                g_string_append (sentence, _ ("Syncing with the server."));
                break;
              case PURATAN_SYNC_STATE_OFFLINE:
              default:
                icon = "network-offline-symbolic";
                g_string_append (label, _ ("Offline"));
                g_string_append (sentence, _ ("Offline: the server cannot be reached."));
                break;
            }
        }
      g_string_append_c (sentence, ' ');
      if (pending == 0)
        g_string_append (sentence, _ ("No changes are waiting to be sent."));
      else
        {
          int n = (int) MIN (pending, G_MAXINT);

          g_string_append_printf (sentence,
                                  ngettext ("%d change is waiting to be sent.",
                                            "%d changes are waiting to be sent.", (gulong) n),
                                  n);
          /* TRANSLATORS: changes not yet sent to the server, after the status word */
          g_string_append_printf (label, _ (" · %d waiting"), n);
        }
      if (conflicts > 0)
        {
          int n = (int) MIN (conflicts, G_MAXINT);

          g_string_append_c (sentence, ' ');
          g_string_append_printf (sentence,
                                  ngettext ("%d order was changed both here and on the server.",
                                            "%d orders were changed both here and on the server.",
                                            (gulong) n),
                                  n);
          g_string_append_printf (label, ngettext (" · %d conflict", " · %d conflicts", (gulong) n),
                                  n);
        }
    }

  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_text (self->label, label->str);
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&sentence), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), self->summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->summary, -1);
  gtk_label_set_text (self->account_label, account);
  gtk_label_set_text (self->error_label,
                      state == PURATAN_SYNC_STATE_OFFLINE && last_error != NULL ? last_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label),
                          state == PURATAN_SYNC_STATE_OFFLINE && last_error != NULL);
  gtk_widget_set_visible (self->sign_in_button, self->engine == NULL || role == NULL);
  gtk_widget_set_visible (self->sign_out_button, self->engine != NULL && role != NULL);
  gtk_widget_set_visible (self->sync_now_button, self->engine != NULL && role != NULL);
  gtk_widget_set_visible (self->conflicts_button, conflicts > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.sign-out", !self->signing_out);
  if (conflicts > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "warning");

  if (conflicts > self->conflicts_seen)
    g_signal_emit (self, signals[SIGNAL_CONFLICTS_FOUND], 0, conflicts);
  self->conflicts_seen = conflicts;
}

static void
engine_changed_cb (PuratanSyncStatus *self)
{
  PuratanSyncEngine *engine =
      self->application != NULL ? puratan_application_get_sync_engine (self->application) : NULL;

  if (engine != self->engine)
    {
      if (self->engine != NULL)
        g_signal_handlers_disconnect_by_data (self->engine, self);
      g_set_object (&self->engine, engine);
      self->conflicts_seen = 0;
      if (engine != NULL)
        {
          g_signal_connect_swapped (engine, "notify::state", G_CALLBACK (update), self);
          g_signal_connect_swapped (engine, "notify::pending", G_CALLBACK (update), self);
          g_signal_connect_swapped (engine, "notify::conflicts", G_CALLBACK (update), self);
          g_signal_connect_swapped (engine, "notify::last-error", G_CALLBACK (update), self);
        }
    }
  update (self);
}

static GtkWindow *
parent_window (PuratanSyncStatus *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
sign_in_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanSyncStatus *self = PURATAN_SYNC_STATUS (widget);

  if (self->application == NULL)
    return;
  gtk_popover_popdown (gtk_menu_button_get_popover (self->button));
  gtk_window_present (
      GTK_WINDOW (puratan_sign_in_dialog_new (parent_window (self), self->application)));
}

/* The widget is still there unless the sign-out was cancelled, which dispose does. */
static void
signed_out_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  PuratanSyncStatus *self = user_data;

  if (!puratan_application_sign_out_finish (PURATAN_APPLICATION (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->signing_out = FALSE;
  update (self);
  /* The tokens are forgotten in any case; a server that could not be told is said so. */
  if (error != NULL)
    {
      g_autofree char *text =
          g_strdup_printf (_ ("Signed out here; the server could not be told: %s"), error->message);
      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
sign_out_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanSyncStatus *self = PURATAN_SYNC_STATUS (widget);

  if (self->application == NULL || self->signing_out)
    return;
  self->signing_out = TRUE;
  update (self);
  puratan_application_sign_out_async (self->application, self->cancellable, signed_out_cb, self);
}

static void
sync_now_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanSyncStatus *self = PURATAN_SYNC_STATUS (widget);

  if (self->engine != NULL)
    puratan_sync_engine_sync_now (self->engine);
}

static void
show_conflicts_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  puratan_sync_status_show_conflicts (PURATAN_SYNC_STATUS (widget));
}

static void
puratan_sync_status_dispose (GObject *object)
{
  PuratanSyncStatus *self = PURATAN_SYNC_STATUS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_clear_object (&self->engine);
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_clear_weak_pointer (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURATAN_TYPE_SYNC_STATUS);

  G_OBJECT_CLASS (puratan_sync_status_parent_class)->dispose (object);
}

static void
puratan_sync_status_finalize (GObject *object)
{
  PuratanSyncStatus *self = PURATAN_SYNC_STATUS (object);

  g_free (self->summary);

  G_OBJECT_CLASS (puratan_sync_status_parent_class)->finalize (object);
}

static void
puratan_sync_status_class_init (PuratanSyncStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_sync_status_dispose;
  object_class->finalize = puratan_sync_status_finalize;

  /**
   * PuratanSyncStatus::conflicts-found:
   * @self: the status
   * @count: how many orders now wait for a person's choice
   *
   * Emitted when more orders than before were found changed both here and on the server.
   */
  signals[SIGNAL_CONFLICTS_FOUND] =
      g_signal_new ("conflicts-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-sync-status.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanSyncStatus, icon);
  gtk_widget_class_bind_template_child (widget_class, PuratanSyncStatus, label);
  gtk_widget_class_bind_template_child (widget_class, PuratanSyncStatus, account_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanSyncStatus, error_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanSyncStatus, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, PuratanSyncStatus, sync_now_button);
  gtk_widget_class_bind_template_child (widget_class, PuratanSyncStatus, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, PuratanSyncStatus, sign_out_button);

  gtk_widget_class_install_action (widget_class, "sync.sign-in", NULL, sign_in_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.sign-out", NULL, sign_out_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.sync-now", NULL, sync_now_action_cb);
  gtk_widget_class_install_action (widget_class, "sync.show-conflicts", NULL,
                                   show_conflicts_action_cb);
}

static void
puratan_sync_status_init (PuratanSyncStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->button = GTK_MENU_BUTTON (adw_bin_get_child (ADW_BIN (self)));
  self->cancellable = g_cancellable_new ();
  update (self);
}

/**
 * puratan_sync_status_new:
 *
 * Creates the header bar's sync status: a button showing whether the studio is online,
 * offline or syncing and how many changes wait to be sent, with a popover to sign in or out,
 * sync now and resolve conflicts. It follows the engine's notifications.
 *
 * Returns: (transfer floating): a new #PuratanSyncStatus
 */
GtkWidget *
puratan_sync_status_new (void)
{
  return g_object_new (PURATAN_TYPE_SYNC_STATUS, NULL);
}

/**
 * puratan_sync_status_set_application:
 * @self: a #PuratanSyncStatus
 * @application: (nullable): the studio whose sync engine is shown
 */
void
puratan_sync_status_set_application (PuratanSyncStatus *self, PuratanApplication *application)
{
  g_return_if_fail (PURATAN_IS_SYNC_STATUS (self));

  if (self->application == application)
    return;
  if (self->application != NULL)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_set_weak_pointer (&self->application, application);
  if (application != NULL)
    {
      g_signal_connect_swapped (application, "notify::sync-engine", G_CALLBACK (engine_changed_cb),
                                self);
      g_signal_connect_swapped (application, "notify::role", G_CALLBACK (update), self);
    }
  engine_changed_cb (self);
}

/**
 * puratan_sync_status_get_summary:
 * @self: a #PuratanSyncStatus
 *
 * Returns: (transfer none): the status as a sentence, as the accessible name and tooltip
 *   read it, e.g. "Offline: the server cannot be reached. 3 changes are waiting to be sent."
 */
const char *
puratan_sync_status_get_summary (PuratanSyncStatus *self)
{
  g_return_val_if_fail (PURATAN_IS_SYNC_STATUS (self), NULL);

  return self->summary;
}

/**
 * puratan_sync_status_get_label:
 * @self: a #PuratanSyncStatus
 *
 * Returns: (transfer none): the short status the header bar shows, e.g. "Offline · 3 waiting"
 */
const char *
puratan_sync_status_get_label (PuratanSyncStatus *self)
{
  g_return_val_if_fail (PURATAN_IS_SYNC_STATUS (self), NULL);

  return gtk_label_get_text (self->label);
}

/**
 * puratan_sync_status_show_conflicts:
 * @self: a #PuratanSyncStatus
 *
 * Opens the conflict dialog: each order changed both here and on the server, both versions
 * side by side.
 */
void
puratan_sync_status_show_conflicts (PuratanSyncStatus *self)
{
  g_return_if_fail (PURATAN_IS_SYNC_STATUS (self));

  if (self->application == NULL)
    return;
  gtk_popover_popdown (gtk_menu_button_get_popover (self->button));
  gtk_window_present (
      GTK_WINDOW (puratan_conflict_dialog_new (parent_window (self), self->application)));
}

/**
 * puratan_sync_status_is_busy:
 * @self: a #PuratanSyncStatus
 *
 * Returns: %TRUE while a sign-out is on its way
 */
gboolean
puratan_sync_status_is_busy (PuratanSyncStatus *self)
{
  g_return_val_if_fail (PURATAN_IS_SYNC_STATUS (self), FALSE);

  return self->signing_out;
}

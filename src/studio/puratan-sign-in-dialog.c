/* puratan-sign-in-dialog.c: signing in to the shop's server (address, email, password, code)
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "puratan-sign-in-dialog.h"

struct _PuratanSignInDialog
{
  AdwWindow parent_instance;

  AdwEntryRow *url_row;
  AdwEntryRow *email_row;
  AdwPasswordEntryRow *password_row;
  AdwEntryRow *code_row;
  GtkLabel *message_label;

  PuratanApplication *application; /* (owned) */
  PuratanSyncEngine *engine;       /* (owned) (nullable) the engine signing in */
  GCancellable *cancellable; /* (owned) (nullable) the sign-in running; cancelled in dispose */
};

G_DEFINE_FINAL_TYPE (PuratanSignInDialog, puratan_sign_in_dialog, ADW_TYPE_WINDOW)

static void
show_message (PuratanSignInDialog *self, const char *text, gboolean is_error)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

/* While a sign-in is on its way, Sign In waits for it (the fields were read already). */
static void
set_busy (PuratanSignInDialog *self, gboolean busy)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", !busy);
}

/**
 * puratan_sign_in_error_text:
 * @error: a sign-in's error (the sync layer's domain)
 * @server_url: the address signed in to
 *
 * Words a failed sign-in for the person at the dialog: what went wrong and what to do. The
 * server's own detail is used where it says more (how long an account is locked).
 *
 * Returns: (transfer full): the message
 */
char *
puratan_sign_in_error_text (const GError *error, const char *server_url)
{
  gboolean has_detail = error->message != NULL && error->message[0] != '\0';

  if (error->domain != PURATAN_SYNC_ERROR)
    return g_strdup (error->message);
  switch ((PuratanSyncError) error->code)
    {
      case PURATAN_SYNC_ERROR_INVALID_URL:
        return g_strdup_printf (_ ("“%s” is not a server address: it starts with http:// or "
                                   "https:// and names the server, e.g. https://shop.example.in/"),
                                server_url);
      case PURATAN_SYNC_ERROR_OFFLINE:
        return g_strdup_printf (_ ("Cannot reach the server at %s: check the address and that "
                                   "this computer is online."),
                                server_url);
      case PURATAN_SYNC_ERROR_BAD_CREDENTIALS:
        return has_detail ? g_strdup (error->message)
                          : g_strdup (_ ("The email address or the password is wrong."));
      case PURATAN_SYNC_ERROR_TOTP_INVALID:
        return g_strdup_printf (_ ("The code is wrong or was used already: enter the six digits "
                                   "your authenticator app shows now. (%s)"),
                                error->message);
      case PURATAN_SYNC_ERROR_BUSY:
        /* The server says whether the account is locked and for how long. */
        return has_detail ? g_strdup (error->message)
                          : g_strdup (_ ("Too many failed sign-ins: wait a while and try again."));
      case PURATAN_SYNC_ERROR_KEYRING:
        return g_strdup_printf (_ ("Signed in, but the sign-in cannot be kept in the keyring: %s"),
                                error->message);
      case PURATAN_SYNC_ERROR_PROTOCOL:
        return g_strdup_printf (_ ("The server at %s did not answer as a shop server does: %s"),
                                server_url, error->message);
      case PURATAN_SYNC_ERROR_TOTP_REQUIRED:
        return g_strdup (_ ("This account has two-factor authentication: enter the six digits "
                            "your authenticator app shows."));
      case PURATAN_SYNC_ERROR_NOT_SIGNED_IN:
      case PURATAN_SYNC_ERROR_REFUSED:
      case PURATAN_SYNC_ERROR_CANCELLED:
      default:
        return g_strdup (error->message);
    }
}

/* The dialog is still there unless cancelled, which dispose does. */
static void
signed_in_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanSyncEngine *engine = PURATAN_SYNC_ENGINE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanSyncTokens) tokens =
      puratan_sync_engine_sign_in_finish (engine, result, &error);
  PuratanSignInDialog *self = user_data;
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (tokens == NULL)
    {
      text = puratan_sign_in_error_text (error, puratan_sync_engine_get_server_url (engine));
      show_message (self, text, TRUE);
      if (g_error_matches (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_TOTP_REQUIRED) ||
          g_error_matches (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_TOTP_INVALID))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->code_row), TRUE);
          gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
        }
      else if (g_error_matches (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_BAD_CREDENTIALS))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
        }
      return;
    }
  puratan_application_signed_in (self->application, engine, tokens->role, tokens->email);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
is_code (const char *text)
{
  if (strlen (text) != 6)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

static void
sign_in_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanSignInDialog *self = PURATAN_SIGN_IN_DIALOG (widget);
  g_autofree char *url =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  g_autofree char *email =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));
  gboolean asks_code = gtk_widget_get_visible (GTK_WIDGET (self->code_row));
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *database_path = puratan_application_get_database_path (self->application);

  if (self->cancellable != NULL)
    return;
  if (url[0] == '\0')
    {
      show_message (self, _ ("Enter the server's address, e.g. https://shop.example.in/"), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }
  if (email[0] == '\0' || password[0] == '\0')
    {
      show_message (self, _ ("Enter your email address and your password."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (email[0] == '\0' ? (gpointer) self->email_row
                                                          : (gpointer) self->password_row));
      return;
    }
  if (asks_code && !is_code (code))
    {
      show_message (self, _ ("The code is the six digits your authenticator app shows."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
      return;
    }

  g_clear_object (&self->engine);
  self->engine = puratan_sync_engine_new (
      database_path, url, puratan_application_get_credential_store (self->application), &error);
  if (self->engine == NULL)
    {
      text = puratan_sign_in_error_text (error, url);
      show_message (self, text, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  show_message (self, _ ("Signing in…"), FALSE);
  puratan_sync_engine_sign_in_async (self->engine, email, password, asks_code ? code : NULL,
                                     self->cancellable, signed_in_cb, self);
}

static void
row_activated_cb (PuratanSignInDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.sign-in", NULL);
}

static void
puratan_sign_in_dialog_dispose (GObject *object)
{
  PuratanSignInDialog *self = PURATAN_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);
  g_clear_object (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURATAN_TYPE_SIGN_IN_DIALOG);

  G_OBJECT_CLASS (puratan_sign_in_dialog_parent_class)->dispose (object);
}

static void
puratan_sign_in_dialog_class_init (PuratanSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_sign_in_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanSignInDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanSignInDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanSignInDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanSignInDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
puratan_sign_in_dialog_init (PuratanSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * puratan_sign_in_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @application: the studio
 *
 * Creates the sign-in dialog: the server's address (filled in with the one configured, if
 * any), an email address and a password; and the authenticator app's code when the server
 * says the account needs one. Signing in runs on a worker; on success the studio uses the
 * new session (puratan_application_signed_in()) and the dialog closes.
 *
 * Returns: (transfer none): the dialog, owned by the toplevel list
 */
PuratanSignInDialog *
puratan_sign_in_dialog_new (GtkWindow *parent, PuratanApplication *application)
{
  PuratanSignInDialog *self;
  PuratanSyncEngine *engine;

  g_return_val_if_fail (PURATAN_IS_APPLICATION (application), NULL);

  self = g_object_new (PURATAN_TYPE_SIGN_IN_DIALOG, "transient-for", parent, NULL);
  self->application = g_object_ref (application);
  engine = puratan_application_get_sync_engine (application);
  if (engine != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->url_row),
                             puratan_sync_engine_get_server_url (engine));
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
  return self;
}

/**
 * puratan_sign_in_dialog_get_message:
 * @self: a #PuratanSignInDialog
 *
 * Returns: (transfer none): what the dialog says about the last attempt, "" before one
 */
const char *
puratan_sign_in_dialog_get_message (PuratanSignInDialog *self)
{
  g_return_val_if_fail (PURATAN_IS_SIGN_IN_DIALOG (self), NULL);

  return gtk_label_get_text (self->message_label);
}

/**
 * puratan_sign_in_dialog_is_busy:
 * @self: a #PuratanSignInDialog
 *
 * Returns: %TRUE while a sign-in is on its way to the server
 */
gboolean
puratan_sign_in_dialog_is_busy (PuratanSignInDialog *self)
{
  g_return_val_if_fail (PURATAN_IS_SIGN_IN_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * puratan_sign_in_dialog_asks_for_code:
 * @self: a #PuratanSignInDialog
 *
 * Returns: %TRUE once the server said the account needs its authenticator app's code
 */
gboolean
puratan_sign_in_dialog_asks_for_code (PuratanSignInDialog *self)
{
  g_return_val_if_fail (PURATAN_IS_SIGN_IN_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->code_row));
}

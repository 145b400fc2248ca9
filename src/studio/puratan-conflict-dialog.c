/* puratan-conflict-dialog.c: orders changed here and on the server, both versions side by side
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-conflict-dialog.h"
#include "puratan-core.h"

struct _PuratanConflictDialog
{
  AdwWindow parent_instance;

  GtkLabel *message_label;
  GtkBox *conflict_list;

  PuratanApplication *application; /* (owned) */
  GCancellable *cancellable;       /* (owned) cancelled in dispose: work on workers */
  guint loading;                   /* reads of the conflicts on their way */
  gboolean resolving;              /* a choice is on its way to the server */
  guint n_conflicts;
};

G_DEFINE_FINAL_TYPE (PuratanConflictDialog, puratan_conflict_dialog, ADW_TYPE_WINDOW)

/* One open conflict as read on a worker: the order's number and both versions' fields. */
typedef struct
{
  gint64 id;
  char *number;
  char *mine_due;
  char *mine_notes;
  char *their_due;
  char *their_notes;
  char *their_status;
  gint64 server_version;
} Shown;

static void
shown_free (Shown *shown)
{
  g_free (shown->number);
  g_free (shown->mine_due);
  g_free (shown->mine_notes);
  g_free (shown->their_due);
  g_free (shown->their_notes);
  g_free (shown->their_status);
  g_free (shown);
}

/* A member as text, NULL when it is absent or null. */
static char *
member_text (JsonObject *object, const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static void
load_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  PuratanDatabase *database = task_data;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func ((GDestroyNotify) shown_free);
  GError *error = NULL;

  conflicts = puratan_sync_conflict_list (database, TRUE, &error);
  if (conflicts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < conflicts->len; i++)
    {
      PuratanSyncConflict *conflict = conflicts->pdata[i];
      g_autoptr (PuratanOrder) order = puratan_order_get (database, conflict->order_id, NULL);
      g_autoptr (JsonObject) mine = puratan_json_parse_object (conflict->mine, -1, NULL);
      g_autoptr (JsonObject) theirs = puratan_json_parse_object (conflict->theirs, -1, NULL);
      Shown *one = g_new0 (Shown, 1);

      one->id = conflict->id;
      one->number = order != NULL ? puratan_order_format_number (order->number)
                                  : g_strdup (conflict->order_id);
      one->mine_due = member_text (mine, "due_date");
      one->mine_notes = member_text (mine, "notes");
      one->their_due = member_text (theirs, "due_date");
      one->their_notes = member_text (theirs, "notes");
      one->their_status = member_text (theirs, "status");
      one->server_version = conflict->server_version;
      g_ptr_array_add (shown, one);
    }
  g_task_return_pointer (task, g_steal_pointer (&shown), (GDestroyNotify) g_ptr_array_unref);
}

static void resolve_clicked_cb (GtkButton *button, PuratanConflictDialog *self);

/* One side of a conflict: its heading, its fields and the button that keeps it. */
static GtkWidget *
version_card (PuratanConflictDialog *self,
              const Shown *shown,
              gboolean mine,
              const char *heading,
              const char *due,
              const char *notes)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (heading);
  g_autofree char *text = NULL;
  GtkWidget *fields;
  GtkWidget *button = gtk_button_new_with_label (_ ("Keep This Version"));
  g_autofree char *tooltip = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_hexpand (card, TRUE);
  gtk_widget_set_margin_top (title, 12);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (card), title);

  /* TRANSLATORS: an order's due date and notes, one per line */
  text = g_strdup_printf (_ ("Due: %s\nNotes: %s"), due != NULL ? due : _ ("none"),
                          notes != NULL && notes[0] != '\0' ? notes : _ ("none"));
  fields = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (fields), TRUE);
  gtk_label_set_selectable (GTK_LABEL (fields), TRUE);
  gtk_label_set_xalign (GTK_LABEL (fields), 0);
  gtk_widget_set_margin_start (fields, 12);
  gtk_widget_set_margin_end (fields, 12);
  gtk_widget_set_name (fields, mine ? "mine-version" : "theirs-version");
  gtk_box_append (GTK_BOX (card), fields);

  tooltip = mine ? g_strdup_printf (_ ("Keep this workstation's version of %s"), shown->number)
                 : g_strdup_printf (_ ("Keep the server's version of %s"), shown->number);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_name (button, mine ? "keep-mine" : "keep-theirs");
  gtk_widget_set_margin_start (button, 12);
  gtk_widget_set_margin_end (button, 12);
  gtk_widget_set_margin_bottom (button, 12);
  g_object_set_data_full (G_OBJECT (button), "conflict-id",
                          g_memdup2 (&shown->id, sizeof shown->id), g_free);
  g_object_set_data (G_OBJECT (button), "keep-mine", GINT_TO_POINTER (mine));
  g_signal_connect (button, "clicked", G_CALLBACK (resolve_clicked_cb), self);
  gtk_box_append (GTK_BOX (card), button);
  return card;
}

static GtkWidget *
conflict_group (PuratanConflictDialog *self, const Shown *shown)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *sides = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *server_heading = NULL;
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, shown->server_version);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), shown->number);
  gtk_box_set_homogeneous (GTK_BOX (sides), TRUE);
  gtk_box_append (GTK_BOX (sides), version_card (self, shown, TRUE, _ ("This Workstation"),
                                                 shown->mine_due, shown->mine_notes));
  /* TRANSLATORS: the server's version number of an order */
  server_heading = g_strdup_printf (_ ("The Server (version %s)"), version);
  gtk_box_append (GTK_BOX (sides), version_card (self, shown, FALSE, server_heading,
                                                 shown->their_due, shown->their_notes));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), sides);
  return group;
}

/* The dialog is still there unless the read was cancelled, which dispose does. */
static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) shown = g_task_propagate_pointer (G_TASK (result), &error);
  PuratanConflictDialog *self = user_data;
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading--;
  if (shown == NULL)
    {
      gtk_label_set_text (self->message_label, error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflict_list))) != NULL)
    gtk_box_remove (self->conflict_list, child);
  self->n_conflicts = shown->len;
  for (guint i = 0; i < shown->len; i++)
    gtk_box_append (self->conflict_list, conflict_group (self, shown->pdata[i]));
  if (shown->len == 0 && gtk_label_get_text (self->message_label)[0] == '\0')
    gtk_label_set_text (self->message_label, _ ("No orders wait for a choice."));
}

static void
load (PuratanConflictDialog *self)
{
  PuratanDatabase *database = puratan_application_get_database (self->application);
  g_autoptr (GTask) task = NULL;

  if (database == NULL)
    {
      gtk_label_set_text (self->message_label, _ ("The shop database is not open."));
      return;
    }
  self->loading++;
  task = g_task_new (NULL, self->cancellable, loaded_cb, self);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, g_object_ref (database), g_object_unref);
  g_task_run_in_thread (task, load_in_thread);
}

/* The dialog is still there unless the choice was cancelled, which dispose does. */
static void
resolved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanSyncEngine *engine = PURATAN_SYNC_ENGINE (source);
  g_autoptr (GError) error = NULL;
  gboolean ok = puratan_sync_engine_resolve_conflict_finish (engine, result, &error);
  PuratanConflictDialog *self = user_data;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self->resolving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->conflict_list), TRUE);
  if (ok)
    gtk_label_set_text (self->message_label, _ ("Kept; the server has the same version now."));
  else if (g_error_matches (error, PURATAN_SYNC_ERROR, PURATAN_SYNC_ERROR_REFUSED))
    {
      g_autofree char *text = g_strdup_printf (
          _ ("The server's order changed again while you chose; its newest version is shown. "
             "Choose again. (%s)"),
          error->message);
      gtk_label_set_text (self->message_label, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_ ("Nothing was changed: %s"), error->message);
      gtk_label_set_text (self->message_label, text);
    }
  /* The header bar's count follows at the engine's next cycle. */
  puratan_sync_engine_sync_now (engine);
  load (self);
}

static void
resolve_clicked_cb (GtkButton *button, PuratanConflictDialog *self)
{
  const gint64 *id = g_object_get_data (G_OBJECT (button), "conflict-id");
  gboolean keep_mine = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "keep-mine"));
  PuratanSyncEngine *engine = puratan_application_get_sync_engine (self->application);

  if (self->resolving || id == NULL)
    return;
  if (engine == NULL)
    {
      gtk_label_set_text (self->message_label,
                          _ ("Sign in to the shop's server to resolve conflicts."));
      return;
    }
  self->resolving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->conflict_list), FALSE);
  gtk_label_set_text (self->message_label, _ ("Sending your choice to the server…"));
  puratan_sync_engine_resolve_conflict_async (engine, *id, keep_mine, self->cancellable,
                                              resolved_cb, self);
}

static void
puratan_conflict_dialog_dispose (GObject *object)
{
  PuratanConflictDialog *self = PURATAN_CONFLICT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->application);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURATAN_TYPE_CONFLICT_DIALOG);

  G_OBJECT_CLASS (puratan_conflict_dialog_parent_class)->dispose (object);
}

static void
puratan_conflict_dialog_class_init (PuratanConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_conflict_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanConflictDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanConflictDialog, conflict_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
puratan_conflict_dialog_init (PuratanConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * puratan_conflict_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @application: the studio
 *
 * Creates the conflict dialog: each order changed both on this workstation and on the
 * server, this workstation's version beside the server's, each with a button that keeps it.
 * The choice is sent with puratan_sync_engine_resolve_conflict_async() and wins on both
 * sides. The conflicts are read on a worker.
 *
 * Returns: (transfer none): the dialog, owned by the toplevel list
 */
PuratanConflictDialog *
puratan_conflict_dialog_new (GtkWindow *parent, PuratanApplication *application)
{
  PuratanConflictDialog *self;

  g_return_val_if_fail (PURATAN_IS_APPLICATION (application), NULL);

  self = g_object_new (PURATAN_TYPE_CONFLICT_DIALOG, "transient-for", parent, NULL);
  self->application = g_object_ref (application);
  load (self);
  return self;
}

/**
 * puratan_conflict_dialog_is_busy:
 * @self: a #PuratanConflictDialog
 *
 * Returns: %TRUE while the conflicts are being read or a choice is on its way
 */
gboolean
puratan_conflict_dialog_is_busy (PuratanConflictDialog *self)
{
  g_return_val_if_fail (PURATAN_IS_CONFLICT_DIALOG (self), FALSE);

  return self->loading > 0 || self->resolving;
}

/**
 * puratan_conflict_dialog_get_n_conflicts:
 * @self: a #PuratanConflictDialog
 *
 * Returns: how many conflicts the dialog shows
 */
guint
puratan_conflict_dialog_get_n_conflicts (PuratanConflictDialog *self)
{
  g_return_val_if_fail (PURATAN_IS_CONFLICT_DIALOG (self), 0);

  return self->n_conflicts;
}

/**
 * puratan_conflict_dialog_get_message:
 * @self: a #PuratanConflictDialog
 *
 * Returns: (transfer none): what the dialog says about the last choice or read
 */
const char *
puratan_conflict_dialog_get_message (PuratanConflictDialog *self)
{
  g_return_val_if_fail (PURATAN_IS_CONFLICT_DIALOG (self), NULL);

  return gtk_label_get_text (self->message_label);
}

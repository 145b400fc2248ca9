/* puratan-counter-view-files.c: the Counter view's attached files and their preflight
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-counter-view-private.h"
#include "puratan-preflight.h"

/* One attached file. Reference counted: a store or preflight job in flight keeps it alive
 * after the user removes it or the view goes away, and then finds it detached. */
typedef struct
{
  GWeakRef view;
  GFile *file;
  char *name;
  char *sha256; /* once stored */
  char *stored_path;
  char *status;
  gboolean is_pdf;
  gboolean busy;
  gboolean linked;
  gboolean detached;
  GCancellable *cancellable;
  /* (not owned) widgets of the row, valid until detached */
  AdwActionRow *row;
  GtkLabel *size_label;
  GtkLabel *status_label;
  GtkWidget *remove_button;
} CounterAttachment;

/* The work of storing one file, done on a worker thread. */
typedef struct
{
  PuratanDatabase *database;
  GFile *file;
  gint64 size;
  char *media_type;
  char *sha256;
  char *stored_path;
} StoreJob;

static void
attachment_clear (CounterAttachment *attachment)
{
  g_weak_ref_clear (&attachment->view);
  g_clear_object (&attachment->file);
  g_clear_object (&attachment->cancellable);
  g_free (attachment->name);
  g_free (attachment->sha256);
  g_free (attachment->stored_path);
  g_free (attachment->status);
}

static CounterAttachment *
attachment_ref (CounterAttachment *attachment)
{
  return g_atomic_rc_box_acquire (attachment);
}

static void
attachment_unref (CounterAttachment *attachment)
{
  g_atomic_rc_box_release_full (attachment, (GDestroyNotify) attachment_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CounterAttachment, attachment_unref)

static void
store_job_free (StoreJob *job)
{
  g_clear_object (&job->database);
  g_clear_object (&job->file);
  g_free (job->media_type);
  g_free (job->sha256);
  g_free (job->stored_path);
  g_free (job);
}

/* Shows the state of the file: a short status beside it and the detail under its name. */
static void
attachment_show (CounterAttachment *attachment, const char *status, const char *detail)
{
  g_free (attachment->status);
  attachment->status = g_strdup (status);
  if (attachment->detached)
    return;
  gtk_label_set_text (attachment->status_label, status);
  adw_action_row_set_subtitle (attachment->row, detail != NULL ? detail : "");
}

static void
attachment_detach (PuratanCounterView *self, CounterAttachment *attachment)
{
  g_cancellable_cancel (attachment->cancellable);
  if (!attachment->detached)
    adw_preferences_group_remove (self->attachments_group, GTK_WIDGET (attachment->row));
  attachment->detached = TRUE;
  attachment->row = NULL;
}

/* The preflight profile of the product being ordered, by the one shared rule: the catalog
 * id is the product specification's key; a custom job is checked against the shop default. */
static PuratanPreflightProfile *
profile_for_order (PuratanCounterView *self, GError **error)
{
  return puratan_preflight_profile_for_job (puratan_counter_view_selected_product (self), NULL,
                                            error);
}

static void
preflight_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CounterAttachment) attachment = user_data;
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *status = NULL;
  const char *detail = NULL;
  GPtrArray *findings;
  guint problems;

  report = puratan_preflight_run_finish (result, &error);
  attachment->busy = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      attachment_show (attachment, _ ("Cannot be checked"), error->message);
      return;
    }
  problems = puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  if (problems == 0)
    {
      attachment_show (attachment, _ ("Ready to print"), NULL);
      return;
    }
  findings = puratan_preflight_report_get_findings (report);
  for (guint i = 0; i < findings->len && detail == NULL; i++)
    {
      const PuratanPreflightFinding *finding = findings->pdata[i];
      if (finding->severity == PURATAN_PREFLIGHT_SEVERITY_ERROR)
        detail = finding->message;
    }
  status = g_strdup_printf (
      ngettext ("%u problem must be fixed", "%u problems must be fixed", problems), problems);
  attachment_show (attachment, status, detail);
}

static void
start_preflight (PuratanCounterView *self, CounterAttachment *attachment)
{
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (GError) error = NULL;

  profile = profile_for_order (self, &error);
  if (profile == NULL)
    {
      attachment->busy = FALSE;
      attachment_show (attachment, _ ("Cannot be checked"), error->message);
      return;
    }
  attachment_show (attachment, _ ("Checking…"), NULL);
  puratan_preflight_run_async (attachment->stored_path, profile, attachment->cancellable,
                               preflight_done_cb, attachment_ref (attachment));
}

static gboolean
link_attachment (PuratanDatabase *database,
                 const char *order_id,
                 CounterAttachment *attachment,
                 GError **error)
{
  return puratan_file_store_attach (database, order_id, attachment->sha256, attachment->name,
                                    attachment->is_pdf ? "artwork" : "other", error);
}

static void
mark_linked (CounterAttachment *attachment)
{
  attachment->linked = TRUE;
  if (!attachment->detached)
    gtk_widget_set_visible (attachment->remove_button, FALSE);
}

static void
store_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  StoreJob *job = task_data;
  g_autoptr (GFileInfo) info = NULL;
  g_autofree char *path = g_file_get_path (job->file);
  GError *error = NULL;
  const char *type;

  info =
      g_file_query_info (job->file,
                         G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE
                                                        "," G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                         G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (path == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_task_return_new_error (task, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                               _ ("Only files on this computer can be attached, not folders"));
      return;
    }
  job->size = g_file_info_get_size (info);
  type = g_file_info_get_content_type (info);
  job->media_type = type != NULL ? g_content_type_get_mime_type (type) : NULL;
  if (job->media_type == NULL)
    job->media_type = g_strdup ("application/octet-stream");
  job->sha256 = puratan_file_store_import (job->database, path, job->media_type, &error);
  if (job->sha256 != NULL)
    job->stored_path = puratan_file_store_get_path (job->database, job->sha256, &error);
  if (job->stored_path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
stored_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (CounterAttachment) attachment = user_data;
  g_autoptr (PuratanCounterView) self = g_weak_ref_get (&attachment->view);
  StoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *size = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      attachment->busy = FALSE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        attachment_show (attachment, _ ("Not stored"), error->message);
      return;
    }
  attachment->sha256 = g_strdup (job->sha256);
  attachment->stored_path = g_strdup (job->stored_path);
  attachment->is_pdf = g_strcmp0 (job->media_type, "application/pdf") == 0;
  if (self == NULL || attachment->detached)
    {
      attachment->busy = FALSE;
      return;
    }
  size = g_format_size ((guint64) job->size);
  gtk_label_set_text (attachment->size_label, size);

  /* Once the order is placed, a file arriving later is linked to it at once; one arriving
   * while the order is being placed is linked when that is done. */
  if (self->order != NULL)
    puratan_counter_view_link_late_files (self);
  if (attachment->is_pdf)
    start_preflight (self, attachment);
  else
    {
      attachment->busy = FALSE;
      attachment_show (attachment, _ ("Stored"), NULL);
    }
}

static void
remove_clicked_cb (GtkButton *button, CounterAttachment *attachment)
{
  g_autoptr (PuratanCounterView) self = g_weak_ref_get (&attachment->view);

  /* While the order is being placed, the file may already be linked to it. */
  if (self == NULL || attachment->linked || self->working)
    return;
  attachment_detach (self, attachment);
  g_ptr_array_remove (self->attachments, attachment);
}

static void
add_row (PuratanCounterView *self, CounterAttachment *attachment)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *size = gtk_label_new (NULL);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attachment->name);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (size, "dim-label");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _ ("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Remove"), -1);
  g_signal_connect_data (remove, "clicked", G_CALLBACK (remove_clicked_cb),
                         attachment_ref (attachment),
                         (GClosureNotify) (void (*) (void)) attachment_unref, G_CONNECT_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), size);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_preferences_group_add (self->attachments_group, row);

  attachment->row = ADW_ACTION_ROW (row);
  attachment->size_label = GTK_LABEL (size);
  attachment->status_label = GTK_LABEL (status);
  attachment->remove_button = remove;
}

/**
 * puratan_counter_view_attach_file:
 * @self: a #PuratanCounterView
 * @file: a local file
 *
 * Attaches @file to the order being taken: adds a row for it, copies it into the shop's file
 * store on a worker thread and, for a PDF, preflights it against the chosen product's profile.
 * The row shows the outcome. Stored files are linked to the order when it is placed, or at
 * once when it already is.
 */
void
puratan_counter_view_attach_file (PuratanCounterView *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  CounterAttachment *attachment;
  PuratanDatabase *database;
  StoreJob *job;

  g_return_if_fail (PURATAN_IS_COUNTER_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  attachment = g_atomic_rc_box_new0 (CounterAttachment);
  g_weak_ref_init (&attachment->view, self);
  attachment->file = g_object_ref (file);
  attachment->name = g_file_get_basename (file);
  attachment->cancellable = g_cancellable_new ();
  attachment->busy = TRUE;
  g_ptr_array_add (self->attachments, attachment);
  add_row (self, attachment);

  database = puratan_counter_view_get_database (self, &error);
  if (database == NULL)
    {
      attachment->busy = FALSE;
      attachment_show (attachment, _ ("Not stored"), error->message);
      return;
    }
  attachment_show (attachment, _ ("Storing…"), NULL);
  job = g_new0 (StoreJob, 1);
  job->database = g_object_ref (database);
  job->file = g_object_ref (file);
  task = g_task_new (NULL, attachment->cancellable, stored_cb, attachment_ref (attachment));
  g_task_set_source_tag (task, puratan_counter_view_attach_file);
  g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);
  g_task_run_in_thread (task, store_in_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, PuratanCounterView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          puratan_counter_view_attach_file (self, file);
        }
    }
  g_clear_object (&self->file_chooser);
}

/**
 * puratan_counter_view_attach_files_action:
 * @widget: the view
 * @action_name: "counter.attach-files"
 * @parameter: unused
 *
 * Asks for one or more files to attach to the order being taken.
 */
void
puratan_counter_view_attach_files_action (GtkWidget *widget,
                                          const char *action_name,
                                          GVariant *parameter)
{
  PuratanCounterView *self = PURATAN_COUNTER_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  if (self->file_chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (
      _ ("Attach Files"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
      GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Attach"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  self->file_chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->file_chooser);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, PuratanCounterView *self)
{
  GSList *files = g_value_get_boxed (value);

  for (GSList *l = files; l != NULL; l = l->next)
    puratan_counter_view_attach_file (self, l->data);
  return files != NULL;
}

/* Sets up the attachments: their list and the drop target on their group. */
void
puratan_counter_view_init_files (PuratanCounterView *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_unref);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->attachments_group), GTK_EVENT_CONTROLLER (target));
}

/* Forgets the attachments, cancelling their work, for a new order or when the view goes. */
void
puratan_counter_view_clear_files (PuratanCounterView *self)
{
  if (self->file_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->file_chooser, self);
      gtk_native_dialog_destroy (self->file_chooser);
      g_clear_object (&self->file_chooser);
    }
  if (self->attachments == NULL)
    return;
  for (guint i = 0; i < self->attachments->len; i++)
    attachment_detach (self, self->attachments->pdata[i]);
  g_ptr_array_set_size (self->attachments, 0);
}

/**
 * puratan_counter_view_dup_links:
 * @self: the view
 *
 * Returns: (transfer full) (element-type CounterAttachment): the stored files not yet linked
 *   to the order. Their hash and name never change once stored, so a worker may read them
 *   through puratan_counter_view_attach_links().
 */
GPtrArray *
puratan_counter_view_dup_links (PuratanCounterView *self)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_unref);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      CounterAttachment *attachment = self->attachments->pdata[i];
      if (attachment->sha256 != NULL && !attachment->linked)
        g_ptr_array_add (links, attachment_ref (attachment));
    }
  return links;
}

/* Links the files of puratan_counter_view_dup_links() to the order, in the caller's
 * transaction when there is one. Blocking: call it on a worker. */
gboolean
puratan_counter_view_attach_links (PuratanDatabase *database,
                                   const char *order_id,
                                   GPtrArray *links,
                                   GError **error)
{
  for (guint i = 0; i < links->len; i++)
    if (!link_attachment (database, order_id, links->pdata[i], error))
      return FALSE;
  return TRUE;
}

/* After puratan_counter_view_attach_links() committed. */
void
puratan_counter_view_files_linked (GPtrArray *links)
{
  for (guint i = 0; i < links->len; i++)
    mark_linked (links->pdata[i]);
}

typedef struct
{
  PuratanDatabase *database;
  char *order_id;
  GPtrArray *links;
} LinkJob;

static void
link_job_free (LinkJob *job)
{
  g_clear_object (&job->database);
  g_free (job->order_id);
  g_ptr_array_unref (job->links);
  g_free (job);
}

static gboolean
link_in_transaction (PuratanDatabase *database, gpointer user_data, GError **error)
{
  LinkJob *job = user_data;

  return puratan_counter_view_attach_links (database, job->order_id, job->links, error);
}

static void
link_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  LinkJob *job = task_data;
  GError *error = NULL;

  if (puratan_database_run_in_transaction (job->database, link_in_transaction, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
linked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LinkJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      puratan_counter_view_files_linked (job->links);
      return;
    }
  for (guint i = 0; i < job->links->len; i++)
    {
      CounterAttachment *attachment = job->links->pdata[i];
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        attachment_show (attachment, _ ("Not attached"), error->message);
    }
}

/**
 * puratan_counter_view_link_late_files:
 * @self: the view
 *
 * Once the order is placed, links the files stored since then to it, on a worker. Each
 * attachment holds its own reference and ignores a detached row, so the view may go first.
 */
void
puratan_counter_view_link_late_files (PuratanCounterView *self)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  PuratanDatabase *database = puratan_counter_view_get_database (self, &error);
  LinkJob *job;

  if (self->order == NULL || database == NULL)
    return;
  job = g_new0 (LinkJob, 1);
  job->database = g_object_ref (database);
  job->order_id = g_strdup (self->order->id);
  job->links = puratan_counter_view_dup_links (self);
  if (job->links->len == 0)
    {
      link_job_free (job);
      return;
    }
  task = g_task_new (NULL, self->cancellable, linked_cb, NULL);
  g_task_set_source_tag (task, puratan_counter_view_link_late_files);
  g_task_set_task_data (task, job, (GDestroyNotify) link_job_free);
  g_task_run_in_thread (task, link_in_thread);
}

/* Whether a file is still being stored or checked. */
/**
 * puratan_counter_view_dup_pdf_paths:
 * @self: the view
 *
 * Returns: (transfer full) (element-type utf8): the stored copies of the attached PDFs, in the
 *   order they were attached; files still being stored are left out
 */
GPtrArray *
puratan_counter_view_dup_pdf_paths (PuratanCounterView *self)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      CounterAttachment *attachment = self->attachments->pdata[i];

      if (attachment->is_pdf && attachment->stored_path != NULL)
        g_ptr_array_add (paths, g_strdup (attachment->stored_path));
    }
  return paths;
}

gboolean
puratan_counter_view_files_busy (PuratanCounterView *self)
{
  for (guint i = 0; i < self->attachments->len; i++)
    if (((CounterAttachment *) self->attachments->pdata[i])->busy)
      return TRUE;
  return FALSE;
}

/* How many files are attached to the order being taken. */
guint
puratan_counter_view_get_n_files (PuratanCounterView *self)
{
  return self->attachments->len;
}

/* The row showing the @index-th file (transfer none). */
AdwActionRow *
puratan_counter_view_get_file_row (PuratanCounterView *self, guint index)
{
  g_return_val_if_fail (index < self->attachments->len, NULL);
  return ((CounterAttachment *) self->attachments->pdata[index])->row;
}

/* The @index-th file's SHA-256 in the store, or NULL until it is stored. */
const char *
puratan_counter_view_get_file_sha256 (PuratanCounterView *self, guint index)
{
  g_return_val_if_fail (index < self->attachments->len, NULL);
  return ((CounterAttachment *) self->attachments->pdata[index])->sha256;
}

/* The short status the @index-th file's row shows, e.g. "Ready to print". */
const char *
puratan_counter_view_get_file_status (PuratanCounterView *self, guint index)
{
  g_return_val_if_fail (index < self->attachments->len, NULL);
  return ((CounterAttachment *) self->attachments->pdata[index])->status;
}

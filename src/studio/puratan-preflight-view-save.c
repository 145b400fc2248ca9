/* puratan-preflight-view-save.c: opening a PDF and saving the Preflight view's report
 *
 * The report saves as a PDF for the customer to read (each page with problems drawn with
 * its findings beside it) or as JSON for programs, chosen by the file name's extension.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-preflight-view-private.h"

typedef struct
{
  GWeakRef view;
  PuratanPreflightReport *report;
  char *pdf_path; /* the checked file */
  char *out_path; /* the report to write */
} SaveJob;

static SaveJob *
save_job_new (PuratanPreflightView *self, GFile *file)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  g_weak_ref_init (&job->view, self);
  job->report = puratan_preflight_report_ref (self->report);
  job->pdf_path = g_strdup (self->pdf_path);
  job->out_path = g_file_get_path (file);
  return job;
}

static void
save_job_free (SaveJob *job)
{
  g_weak_ref_clear (&job->view);
  puratan_preflight_report_unref (job->report);
  g_free (job->pdf_path);
  g_free (job->out_path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

/**
 * puratan_preflight_view_show_toast:
 * @self: the view
 * @title: a short line for people
 *
 * Shows @title in the window's toast overlay.
 */
void
puratan_preflight_view_show_toast (PuratanPreflightView *self, const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
report_saved (SaveJob *job, const GError *error)
{
  g_autoptr (PuratanPreflightView) self = g_weak_ref_get (&job->view);
  g_autofree char *message = NULL;

  if (self == NULL)
    return;
  self->saving--;
  if (error != NULL)
    {
      message = g_strdup_printf (_ ("The report was not saved: %s"), error->message);
      puratan_preflight_view_show_toast (self, message);
      return;
    }
  puratan_preflight_view_show_toast (self, _ ("Report saved"));
}

static void
json_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SaveJob) job = user_data;
  g_autoptr (GError) error = NULL;

  g_file_replace_contents_finish (G_FILE (source), result, NULL, &error);
  report_saved (job, error);
}

static void
write_pdf_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SaveJob *job = task_data;
  GError *error = NULL;

  if (puratan_preflight_report_write_pdf (job->report, job->pdf_path, job->out_path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
pdf_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  report_saved (g_task_get_task_data (G_TASK (result)), error);
}

/**
 * puratan_preflight_view_save_report:
 * @self: the view
 * @file: where to save; a name ending in .json gets the JSON report, any other the PDF one
 *
 * Saves the report shown, off the main loop, and says in a toast when it is done or why
 * it was not.
 */
void
puratan_preflight_view_save_report (PuratanPreflightView *self, GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr (GTask) task = NULL;
  SaveJob *job;

  if (self->report == NULL)
    return;
  if (g_str_has_suffix (name, ".json"))
    {
      char *json = puratan_preflight_report_to_json (self->report);
      g_autoptr (GBytes) bytes = g_bytes_new_take (json, strlen (json));

      self->saving++;
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION, NULL, json_saved_cb,
                                           save_job_new (self, file));
      return;
    }
  job = save_job_new (self, file);
  self->saving++;
  if (job->out_path == NULL || job->pdf_path == NULL)
    {
      g_autoptr (GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                              _ ("choose a folder on this computer"));
      report_saved (job, error);
      save_job_free (job);
      return;
    }
  task = g_task_new (NULL, NULL, pdf_saved_cb, NULL);
  g_task_set_source_tag (task, puratan_preflight_view_save_report);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, write_pdf_in_thread);
}

static void
chooser_response_cb (PuratanPreflightView *self, int response, GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gboolean saving =
      gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response != GTK_RESPONSE_ACCEPT || file == NULL)
    return;
  if (saving)
    puratan_preflight_view_save_report (self, file);
  else
    puratan_preflight_view_open_file (self, file);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *mime_type, const char *suffix)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (chooser, filter);
}

/**
 * puratan_preflight_view_run_chooser:
 * @self: the view
 * @action: %GTK_FILE_CHOOSER_ACTION_OPEN for a PDF to check, %GTK_FILE_CHOOSER_ACTION_SAVE
 *   for where to save the report
 * @title: the chooser's title
 * @accept: its accept button's label
 *
 * Asks for a file with the file chooser; saving offers "NAME-preflight.pdf" first.
 */
void
puratan_preflight_view_run_chooser (PuratanPreflightView *self,
                                    GtkFileChooserAction action,
                                    const char *title,
                                    const char *accept)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (
      title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action, accept, _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (action == GTK_FILE_CHOOSER_ACTION_OPEN)
    add_filter (GTK_FILE_CHOOSER (self->chooser), _ ("PDF documents"), "application/pdf", "pdf");
  else
    {
      g_autofree char *base = g_strdup (puratan_preflight_report_get_file (self->report));
      g_autofree char *name = NULL;
      char *dot = strrchr (base, '.');

      if (dot != NULL)
        *dot = '\0';
      name = g_strdup_printf ("%s-preflight.pdf", base);
      add_filter (GTK_FILE_CHOOSER (self->chooser), _ ("PDF report, for the customer"),
                  "application/pdf", "pdf");
      add_filter (GTK_FILE_CHOOSER (self->chooser), _ ("JSON report, for programs"),
                  "application/json", "json");
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

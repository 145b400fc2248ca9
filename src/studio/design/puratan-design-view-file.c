/* puratan-design-view-file.c: opening and saving designs, and asking about unsaved changes
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files are read and written on workers: the design through puratan_document_open() and
 * puratan_document_save_async(), the thumbnail stored in the file through the renderer.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "puratan-design-view-private.h"
#include "puratan-render.h"

#define FILE_THUMBNAIL_EDGE 256

void
puratan_design_view_drop_pending (PuratanDesignView *self)
{
  if (self->pending_destroy != NULL && self->pending_data != NULL)
    self->pending_destroy (self->pending_data);
  self->pending = NULL;
  self->pending_data = NULL;
  self->pending_destroy = NULL;
}

/* Runs the work that waited for unsaved changes to be saved or discarded. */
void
puratan_design_view_run_pending (PuratanDesignView *self)
{
  PuratanDesignContinue then = self->pending;
  gpointer data = self->pending_data;
  GDestroyNotify destroy = self->pending_destroy;

  self->pending = NULL;
  self->pending_data = NULL;
  self->pending_destroy = NULL;
  if (then != NULL)
    then (self, data);
  if (destroy != NULL && data != NULL)
    destroy (data);
}

static void
unsaved_response_cb (AdwMessageDialog *dialog, const char *response, PuratanDesignView *self)
{
  if (g_str_equal (response, "save"))
    {
      if (self->file != NULL)
        puratan_design_view_save_to (self, self->file);
      else
        puratan_design_view_choose_save (self);
    }
  else if (g_str_equal (response, "discard"))
    {
      self->saved_at = self->changes;
      puratan_design_view_discard_autosave (self, TRUE);
    }
  else
    puratan_design_view_drop_pending (self);
}

/**
 * puratan_design_view_ask_then:
 * @self: a #PuratanDesignView
 * @then: the work that replaces or closes the design
 * @data: (transfer full): data for @then, freed with @destroy
 * @destroy: (nullable): frees @data
 *
 * Runs @then at once when the design has no unsaved changes. Else asks whether to save
 * them, discard them or cancel; @then runs after a successful save or a discard, and
 * never after a cancel.
 */
void
puratan_design_view_ask_then (PuratanDesignView *self,
                              PuratanDesignContinue then,
                              gpointer data,
                              GDestroyNotify destroy)
{
  GtkWidget *dialog;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  puratan_design_view_drop_pending (self);
  self->pending = then;
  self->pending_data = data;
  self->pending_destroy = destroy;
  if (!puratan_design_view_is_modified (self))
    {
      puratan_design_view_run_pending (self);
      return;
    }

  name = puratan_design_view_dup_name (self);
  body = g_strdup_printf (_ ("“%s” has changes that are not saved. Changes that are not saved "
                             "are lost."),
                          name);
  dialog =
      adw_message_dialog_new (puratan_design_view_get_window (self), _ ("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "discard",
                                    _ ("_Discard"), "save", _ ("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unsaved_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening */

typedef struct
{
  char *path;
  char *autosave_paths[2]; /* beside the file, and in the user data folder */
  char *autosave_path;     /* the one holding work the file does not */
  PuratanDocument *document;
  PuratanDocument *recovered; /* (nullable): the newer autosave copy */
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_free (job->path);
  g_free (job->autosave_paths[0]);
  g_free (job->autosave_paths[1]);
  g_free (job->autosave_path);
  g_clear_object (&job->document);
  g_clear_object (&job->recovered);
  g_free (job);
}

static void
open_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  GStatBuf file_stat;

  job->document = puratan_document_open (job->path, &error);
  if (job->document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* An autosave at least as new as the file holds work the file does not. */
  if (g_stat (job->path, &file_stat) != 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (job->autosave_paths); i++)
    {
      GStatBuf autosave_stat;

      if (job->autosave_paths[i] != NULL && g_stat (job->autosave_paths[i], &autosave_stat) == 0 &&
          autosave_stat.st_mtime >= file_stat.st_mtime)
        {
          g_free (job->autosave_path);
          job->autosave_path = g_strdup (job->autosave_paths[i]);
          file_stat.st_mtime = autosave_stat.st_mtime;
        }
    }
  if (job->autosave_path != NULL)
    {
      g_autoptr (GError) local = NULL;

      job->recovered = puratan_document_open (job->autosave_path, &local);
      if (job->recovered == NULL)
        g_message ("The autosave copy %s cannot be read: %s", job->autosave_path, local->message);
    }
  g_task_return_boolean (task, TRUE);
}

static void
opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GFile) file = g_file_new_for_path (job->path);
  g_autoptr (GError) error = NULL;

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *name = g_filename_display_name (basename);
      g_autofree char *heading = g_strdup_printf (_ ("Cannot Open “%s”"), name);

      puratan_design_view_show_error (self, heading, error);
      return;
    }
  puratan_design_view_set_document (self, job->document, file, FALSE);
  puratan_design_view_add_recent (self, file);
  if (job->recovered != NULL)
    puratan_design_view_offer_recovery (self, job->recovered, job->autosave_path);
}

static void
open_now (PuratanDesignView *self, gpointer data)
{
  GFile *file = data;
  g_autoptr (GTask) task = NULL;
  OpenJob *job;

  job = g_new0 (OpenJob, 1);
  job->path = g_file_get_path (file);
  job->autosave_paths[0] = puratan_design_autosave_path (file);
  job->autosave_paths[1] = puratan_design_view_autosave_fallback_for (file);
  task = g_task_new (NULL, self->cancellable, opened_cb, puratan_design_view_weak (self));
  g_task_set_source_tag (task, open_now);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * puratan_design_view_open_file:
 * @self: a #PuratanDesignView
 * @file: a design file (.pdesign) on a local disk
 *
 * Opens @file in the editor, after asking about unsaved changes of the design open now.
 * A file that cannot be read is reported in a dialog and the current design stays. When
 * an autosave copy newer than the file exists, the unsaved work is offered back.
 */
void
puratan_design_view_open_file (PuratanDesignView *self, GFile *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PURATAN_IS_DESIGN_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("“%s” is not on this computer; copy it to a local folder first"), uri);
      puratan_design_view_show_error (self, _ ("Cannot Open the Design"), error);
      return;
    }
  puratan_design_view_ask_then (self, open_now, g_object_ref (file), g_object_unref);
}

/* Saving */

typedef struct
{
  GWeakRef view;
  GFile *file;
  guint64 changes; /* what the written file holds */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_weak_ref_clear (&job->view);
  g_clear_object (&job->file);
  g_free (job);
}

static void
thumbnail_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (PuratanRenderer) renderer = NULL;
  g_autoptr (GError) error = NULL;
  GBytes *png = NULL;

  renderer = puratan_renderer_new (task_data, NULL, &error);
  if (renderer != NULL)
    png = puratan_renderer_thumbnail_png (renderer, FILE_THUMBNAIL_EDGE, &error);
  if (png == NULL)
    g_message ("The design is saved without a thumbnail: %s", error->message);
  g_task_return_pointer (task, png, (GDestroyNotify) g_bytes_unref);
}

static void
saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SaveJob *job = user_data;
  g_autoptr (PuratanDesignView) self = g_weak_ref_get (&job->view);
  g_autoptr (GError) error = NULL;
  gboolean saved = puratan_document_save_finish (PURATAN_DOCUMENT (source), result, &error);

  if (self == NULL)
    {
      save_job_free (job);
      return;
    }
  if (!saved)
    {
      if (!g_cancellable_is_cancelled (self->cancellable))
        {
          self->saving = FALSE;
          puratan_design_view_drop_pending (self);
          puratan_design_view_show_error (self, _ ("Cannot Save the Design"), error);
        }
      save_job_free (job);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable) || self->document != PURATAN_DOCUMENT (source))
    {
      save_job_free (job);
      return;
    }

  self->saving = FALSE;
  if (self->file == NULL || !g_file_equal (self->file, job->file))
    {
      /* The autosave of the old name (or of the untitled design) is not this file's. */
      puratan_design_view_discard_autosave (self, FALSE);
      g_set_object (&self->file, job->file);
      g_object_notify (G_OBJECT (self), "file");
    }
  self->saved_at = job->changes;
  if (!puratan_design_view_is_modified (self))
    puratan_design_view_discard_autosave (self, FALSE);
  puratan_design_view_add_recent (self, job->file);
  puratan_design_view_update_title (self);
  save_job_free (job);
  puratan_design_view_run_pending (self);
}

static void
thumbnail_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SaveJob *job = user_data;
  g_autoptr (PuratanDesignView) self = g_weak_ref_get (&job->view);
  g_autoptr (GBytes) png = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *path = NULL;

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable) || self->document == NULL)
    {
      save_job_free (job);
      return;
    }
  path = g_file_get_path (job->file);
  job->changes = self->changes;
  puratan_document_save_async (self->document, path, png, self->cancellable, saved_cb, job);
}

/**
 * puratan_design_view_save_to:
 * @self: a #PuratanDesignView
 * @file: a local file
 *
 * Saves the design to @file with a thumbnail: the thumbnail is drawn on a worker, then the
 * design as it is at that moment is written on another. On success @file becomes the
 * design's file and the pending work runs.
 */
void
puratan_design_view_save_to (PuratanDesignView *self, GFile *file)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (PuratanDocument) copy = NULL;
  SaveJob *job;

  g_return_if_fail (self->document != NULL);

  if (self->saving)
    return;
  self->saving = TRUE;
  job = g_new0 (SaveJob, 1);
  g_weak_ref_init (&job->view, self);
  job->file = g_object_ref (file);
  copy = puratan_document_dup (self->document);
  task = g_task_new (NULL, self->cancellable, thumbnail_done_cb, job);
  g_task_set_source_tag (task, puratan_design_view_save_to);
  g_task_set_task_data (task, g_steal_pointer (&copy), g_object_unref);
  g_task_run_in_thread (task, thumbnail_thread);
}

/* File choosers: the portal's in the Flatpak */

static void
add_design_filter (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Puratan designs"));
  gtk_file_filter_add_mime_type (filter, PURATAN_DESIGN_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "pdesign");
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
open_response_cb (GtkNativeDialog *chooser, int response, PuratanDesignView *self)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    puratan_design_view_open_file (self, file);
  g_object_unref (chooser);
}

void
puratan_design_view_choose_open (PuratanDesignView *self)
{
  GtkFileChooserNative *chooser =
      gtk_file_chooser_native_new (_ ("Open a Design"), puratan_design_view_get_window (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_design_filter (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_response_cb (GtkNativeDialog *chooser, int response, PuratanDesignView *self)
{
  g_autoptr (GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = chosen != NULL ? g_file_get_path (chosen) : NULL;

  g_object_unref (chooser);
  if (response != GTK_RESPONSE_ACCEPT || path == NULL || self->document == NULL)
    {
      puratan_design_view_drop_pending (self);
      return;
    }
  if (!g_str_has_suffix (path, PURATAN_DESIGN_SUFFIX))
    {
      g_autofree char *with_suffix = g_strconcat (path, PURATAN_DESIGN_SUFFIX, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (with_suffix);

      puratan_design_view_save_to (self, file);
      return;
    }
  puratan_design_view_save_to (self, chosen);
}

void
puratan_design_view_choose_save (PuratanDesignView *self)
{
  GtkFileChooserNative *chooser;

  if (self->document == NULL)
    return;
  chooser =
      gtk_file_chooser_native_new (_ ("Save the Design"), puratan_design_view_get_window (self),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_design_filter (GTK_FILE_CHOOSER (chooser));
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), self->file, NULL);
  else
    {
      /* TRANSLATORS: the file name offered for a new design; keep the .pdesign */
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _ ("Untitled.pdesign"));
    }
  g_signal_connect_object (chooser, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Closing the window */

static gboolean
close_window_idle (gpointer data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (data);

  if (self != NULL && self->root_window != NULL)
    gtk_window_close (self->root_window);
  return G_SOURCE_REMOVE;
}

/* Closes the window once the question's dialog, which is transient for it, is gone. */
static void
close_window (PuratanDesignView *self, gpointer data)
{
  self->close_confirmed = TRUE;
  g_idle_add (close_window_idle, puratan_design_view_weak (self));
}

static gboolean
close_request_cb (GtkWindow *window, PuratanDesignView *self)
{
  if (self->close_confirmed || !puratan_design_view_is_modified (self))
    return FALSE;
  puratan_design_view_ask_then (self, close_window, NULL, NULL);
  return TRUE;
}

/* Follows the window the view is in, to ask about unsaved changes when it is closed. */
void
puratan_design_view_watch_root (PuratanDesignView *self)
{
  GtkWindow *window = puratan_design_view_get_window (self);

  if (window == self->root_window)
    return;
  if (self->root_window != NULL)
    g_clear_signal_handler (&self->close_handler, self->root_window);
  g_set_weak_pointer (&self->root_window, window);
  if (window != NULL)
    self->close_handler =
        g_signal_connect (window, "close-request", G_CALLBACK (close_request_cb), self);
}

/* puratan-design-view-autosave.c: autosave and crash recovery
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A few seconds after changes settle, the design is written, on a worker, to its autosave
 * copy: ".NAME.pdesign.autosave" beside its file, or for an untitled design
 * "untitled-UUID.pdesign" in the user data folder (puratan-studio/autosave). Where the
 * file's folder cannot be written (a read-only share, or the document portal in the
 * Flatpak, which lends only the file), the copy goes to "file-HASH.pdesign" in the same
 * data folder, HASH being the SHA-256 of the file's path. Saving or
 * discarding the changes deletes the copy, so a copy that is still there after the app
 * ends holds work that was lost with it (a crash, a kill, a power cut). Opening the file,
 * or for untitled work starting the app, offers that work back.
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "puratan-design-view-private.h"

#define UNTITLED_PREFIX "untitled-"

static char *
untitled_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "puratan-studio", "autosave", NULL);
}

/**
 * puratan_design_autosave_path:
 * @file: a design file
 *
 * Returns: (transfer full) (nullable): the autosave copy's path beside @file, or %NULL for a
 *   file that is not on a local disk
 */
char *
puratan_design_autosave_path (GFile *file)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  name = g_strconcat (".", base, ".autosave", NULL);
  return g_build_filename (dir, name, NULL);
}

/* The autosave copy of @file in the user data folder, for when its own folder is closed. */
char *
puratan_design_view_autosave_fallback_for (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = untitled_dir ();
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  if (path == NULL)
    return NULL;
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  name = g_strconcat ("file-", hash, PURATAN_DESIGN_SUFFIX, NULL);
  return g_build_filename (dir, name, NULL);
}

typedef struct
{
  GWeakRef view;
  PuratanDocument *copy;
  char *path;
  char *fallback; /* (nullable): where to write when @path's folder is closed */
  guint64 changes;
} AutosaveJob;

static void
autosave_job_free (AutosaveJob *job)
{
  g_weak_ref_clear (&job->view);
  g_clear_object (&job->copy);
  g_free (job->path);
  g_free (job->fallback);
  g_free (job);
}

static gboolean
write_copy (PuratanDocument *copy, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _ ("Cannot make the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  return puratan_document_save (copy, path, NULL, error);
}

/* Returns the path written. */
static void
autosave_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  AutosaveJob *job = task_data;
  GError *error = NULL;

  if (write_copy (job->copy, job->path, &error))
    {
      g_task_return_pointer (task, g_strdup (job->path), g_free);
      return;
    }
  if (job->fallback != NULL)
    {
      g_message ("Autosaving to %s instead: %s", job->fallback, error->message);
      g_clear_error (&error);
      if (write_copy (job->copy, job->fallback, &error))
        {
          g_task_return_pointer (task, g_strdup (job->fallback), g_free);
          return;
        }
    }
  g_task_return_error (task, error);
}

static void
delete_file_async (PuratanDesignView *self, const char *path, gboolean then_run_pending);

static void
autosaved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AutosaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (PuratanDesignView) self = g_weak_ref_get (&job->view);
  g_autoptr (GError) error = NULL;
  g_autofree char *written = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  self->autosaving = FALSE;
  if (written == NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("Autosave failed: %s"), error->message);

      g_message ("%s", text);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  /* Saved or discarded meanwhile, or another design is open: the copy is stale. */
  if (g_strcmp0 (job->path, self->autosave_path) != 0 || !puratan_design_view_is_modified (self))
    {
      delete_file_async (self, written, FALSE);
      return;
    }
  /* Written to the fallback: autosave (and later delete) there from now on. */
  g_free (self->autosave_path);
  self->autosave_path = g_steal_pointer (&written);
  self->autosaved_at = job->changes;
  puratan_design_view_emit_autosaved (self);
  if (self->autosaved_at != self->changes)
    puratan_design_view_schedule_autosave (self);
}

static gboolean
autosave_timeout_cb (gpointer user_data)
{
  PuratanDesignView *self = user_data;
  g_autoptr (GTask) task = NULL;
  AutosaveJob *job;

  self->autosave_source = 0;
  if (self->document == NULL || !puratan_design_view_is_modified (self) ||
      self->autosaved_at == self->changes)
    return G_SOURCE_REMOVE;
  if (self->autosaving)
    {
      puratan_design_view_schedule_autosave (self);
      return G_SOURCE_REMOVE;
    }
  if (self->autosave_path == NULL)
    {
      if (self->file != NULL)
        self->autosave_path = puratan_design_autosave_path (self->file);
      else
        {
          g_autofree char *dir = untitled_dir ();
          g_autofree char *uuid = g_uuid_string_random ();
          g_autofree char *name = g_strconcat (UNTITLED_PREFIX, uuid, PURATAN_DESIGN_SUFFIX, NULL);

          self->autosave_path = g_build_filename (dir, name, NULL);
        }
    }
  if (self->autosave_path == NULL)
    return G_SOURCE_REMOVE;

  self->autosaving = TRUE;
  job = g_new0 (AutosaveJob, 1);
  g_weak_ref_init (&job->view, self);
  job->copy = puratan_document_dup (self->document);
  job->path = g_strdup (self->autosave_path);
  if (self->file != NULL)
    job->fallback = puratan_design_view_autosave_fallback_for (self->file);
  if (g_strcmp0 (job->fallback, job->path) == 0)
    g_clear_pointer (&job->fallback, g_free);
  job->changes = self->changes;
  task = g_task_new (NULL, self->cancellable, autosaved_cb, NULL);
  g_task_set_source_tag (task, autosave_timeout_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) autosave_job_free);
  g_task_run_in_thread (task, autosave_thread);
  return G_SOURCE_REMOVE;
}

/* (Re)starts the wait after a change; the copy is written when changes settle. */
void
puratan_design_view_schedule_autosave (PuratanDesignView *self)
{
  if (self->document == NULL)
    return;
  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosave_source = g_timeout_add (self->autosave_delay_ms, autosave_timeout_cb, self);
}

static void
delete_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  if (g_unlink (task_data) != 0 && errno != ENOENT)
    g_message ("Cannot delete the autosave copy %s: %s", (char *) task_data, g_strerror (errno));
  g_task_return_boolean (task, TRUE);
}

static void
deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (g_task_get_source_tag (G_TASK (result)) == (gpointer) puratan_design_view_run_pending)
    puratan_design_view_run_pending (self);
}

/* Deletes @path on a worker; with @then_run_pending, runs the pending work after. Not
 * cancelled with the view: a discarded copy must go even when the window closes. */
static void
delete_file_async (PuratanDesignView *self, const char *path, gboolean then_run_pending)
{
  g_autoptr (GTask) task = g_task_new (NULL, NULL, deleted_cb, puratan_design_view_weak (self));

  g_task_set_source_tag (task, then_run_pending ? (gpointer) puratan_design_view_run_pending
                                                : (gpointer) delete_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, delete_thread);
}

/**
 * puratan_design_view_discard_autosave:
 * @self: a #PuratanDesignView
 * @then_run_pending: run the pending work once the copy is gone
 *
 * Deletes the autosave copy of the design, after a save or when its changes are discarded.
 */
void
puratan_design_view_discard_autosave (PuratanDesignView *self, gboolean then_run_pending)
{
  g_autofree char *path = g_steal_pointer (&self->autosave_path);

  g_clear_handle_id (&self->autosave_source, g_source_remove);
  self->autosaved_at = self->changes;
  if (path != NULL)
    delete_file_async (self, path, then_run_pending);
  else if (then_run_pending)
    puratan_design_view_run_pending (self);
}

/* Offering the work back */

typedef struct
{
  PuratanDocument *recovered;
  char *autosave_path;
  GFile *file; /* (nullable): the design's file; NULL for untitled work */
} Recovery;

static void
recovery_free (Recovery *recovery)
{
  g_clear_object (&recovery->recovered);
  g_free (recovery->autosave_path);
  g_clear_object (&recovery->file);
  g_free (recovery);
}

static void
recover_now (PuratanDesignView *self, gpointer data)
{
  Recovery *recovery = data;

  puratan_design_view_set_document (self, recovery->recovered, recovery->file, TRUE);
  /* Go on autosaving to the same copy until the work is saved or discarded. */
  g_free (self->autosave_path);
  self->autosave_path = g_strdup (recovery->autosave_path);
}

static void
recovery_response_cb (AdwMessageDialog *dialog, const char *response, PuratanDesignView *self)
{
  Recovery *recovery = g_object_steal_data (G_OBJECT (dialog), "recovery");

  if (recovery == NULL)
    return;
  if (g_str_equal (response, "recover"))
    {
      if (recovery->file != NULL)
        {
          recover_now (self, recovery);
          recovery_free (recovery);
        }
      else
        puratan_design_view_ask_then (self, recover_now, recovery, (GDestroyNotify) recovery_free);
      return;
    }
  delete_file_async (self, recovery->autosave_path, FALSE);
  recovery_free (recovery);
}

static void
offer (PuratanDesignView *self, Recovery *recovery)
{
  GtkWidget *dialog;
  g_autofree char *body = NULL;

  if (recovery->file != NULL)
    {
      g_autofree char *name = puratan_design_view_dup_name (self);
      body = g_strdup_printf (_ ("“%s” has changes from an earlier session that were never "
                                 "saved, kept by autosave. Recover them, or discard them and "
                                 "keep the file as it was last saved?"),
                              name);
    }
  else
    body = g_strdup (_ ("An untitled design from an earlier session was never saved; "
                        "autosave kept it. Recover it, or discard it for good?"));

  dialog = adw_message_dialog_new (puratan_design_view_get_window (self),
                                   _ ("Recover Unsaved Work?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "discard", _ ("_Discard"),
                                    "recover", _ ("_Recover"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  g_object_set_data_full (G_OBJECT (dialog), "recovery", recovery, (GDestroyNotify) recovery_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * puratan_design_view_offer_recovery:
 * @self: a #PuratanDesignView showing the design of a file
 * @recovered: the design as its autosave copy holds it
 * @autosave_path: the copy
 *
 * Asks whether to take the unsaved work back. Recovering shows @recovered as the file's
 * design with unsaved changes; discarding deletes the copy.
 */
void
puratan_design_view_offer_recovery (PuratanDesignView *self,
                                    PuratanDocument *recovered,
                                    const char *autosave_path)
{
  Recovery *recovery = g_new0 (Recovery, 1);

  recovery->recovered = g_object_ref (recovered);
  recovery->autosave_path = g_strdup (autosave_path);
  recovery->file = self->file != NULL ? g_object_ref (self->file) : NULL;
  offer (self, recovery);
}

/* Finds the newest untitled autosave copy and reads it. */
static void
find_untitled_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autofree char *dir = untitled_dir ();
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_autofree char *newest = NULL;
  gint64 newest_time = G_MININT64;
  const char *name;
  Recovery *recovery;
  g_autoptr (GError) error = NULL;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, UNTITLED_PREFIX) ||
          !g_str_has_suffix (name, PURATAN_DESIGN_SUFFIX))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_stat (path, &st) == 0 && (gint64) st.st_mtime > newest_time)
        {
          newest_time = st.st_mtime;
          g_free (newest);
          newest = g_steal_pointer (&path);
        }
    }
  if (newest == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  recovery = g_new0 (Recovery, 1);
  recovery->autosave_path = g_steal_pointer (&newest);
  recovery->recovered = puratan_document_open (recovery->autosave_path, &error);
  if (recovery->recovered == NULL)
    {
      g_message ("The autosave copy %s cannot be read: %s", recovery->autosave_path,
                 error->message);
      recovery_free (recovery);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_pointer (task, recovery, (GDestroyNotify) recovery_free);
}

static void
found_untitled_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);
  Recovery *recovery = g_task_propagate_pointer (G_TASK (result), NULL);

  if (recovery == NULL)
    return;
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      recovery_free (recovery);
      return;
    }
  offer (self, recovery);
}

/* Once per view, when it is first in a window: offers untitled work a crash left behind. */
void
puratan_design_view_check_untitled_recovery (PuratanDesignView *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->checked_untitled)
    return;
  self->checked_untitled = TRUE;
  task = g_task_new (NULL, self->cancellable, found_untitled_cb, puratan_design_view_weak (self));
  g_task_set_source_tag (task, puratan_design_view_check_untitled_recovery);
  g_task_run_in_thread (task, find_untitled_thread);
}

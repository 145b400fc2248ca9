/* puratan-export-dialog.c: exporting a design as a print PDF, with progress and cancel
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog asks for the PDF/X flavour, marks, the press condition (the colour layer's list,
 * read on a worker; the product's own condition is chosen when it has one) and the file.
 * Export runs on a worker through the render layer, with a progress bar and a Cancel button;
 * a cancelled export writes no file. Afterwards the PDF can be opened or handed to the
 * Preflight view. Every callback from a worker holds only a weak reference to the dialog,
 * and its work is cancelled when the dialog goes away.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-color.h"
#include "puratan-export-dialog.h"
#include "puratan-preflight.h"
#include "puratan-render.h"

struct _PuratanExportDialog
{
  AdwWindow parent_instance;

  GtkStack *stack;
  GtkWidget *export_button;
  GtkLabel *error_label;
  AdwComboRow *standard_row;
  GtkSwitch *marks_switch;
  AdwComboRow *press_row;
  GtkStringList *press_model;
  AdwActionRow *file_row;
  GtkProgressBar *progress_bar;
  AdwStatusPage *done_page;

  PuratanDocument *document;
  char *product_id;
  GFile *file;
  GPtrArray *press_ids;      /* parallel to press_model; NULL entry for the shop default */
  GCancellable *cancellable; /* the dialog's work: press list and export */
  GCancellable *export_cancellable;
  gboolean loading;
  gboolean exporting;
  GtkFileChooserNative *chooser;
};

enum
{
  SIGNAL_PREFLIGHT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PuratanExportDialog, puratan_export_dialog, ADW_TYPE_WINDOW)

static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GWeakRef, weak_ref_free)

static void
update_actions (PuratanExportDialog *self)
{
  gboolean idle = !self->exporting;
  gboolean options = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "options") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.run",
                                 idle && options && self->file != NULL);
  /* Export belongs to the options; while exporting and after, the page has its own buttons. */
  gtk_widget_set_visible (self->export_button, options);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose-file", idle);
}

static void
show_error (PuratanExportDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Press conditions ---------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *conditions; /* PuratanPressCondition */
  char *preferred;       /* id of the product's condition, if the list has it */
} PressList;

static void
press_list_free (PressList *list)
{
  g_clear_pointer (&list->conditions, g_ptr_array_unref);
  g_free (list->preferred);
  g_free (list);
}

/* The condition in @conditions that the product's preflight specification exports for, if
 * any: its shop press ("fogra39-coated"), else the first whose id starts with the output
 * intent it names ("FOGRA39"). */
static char *
product_press (GPtrArray *conditions, const char *product_id)
{
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autofree char *wanted = NULL;
  const char *press;

  if (product_id == NULL)
    return NULL;
  profile = puratan_preflight_profile_for_product (product_id, NULL, NULL);
  if (profile == NULL)
    return NULL;
  press = puratan_preflight_profile_get_press (profile);
  for (guint i = 0; press != NULL && i < conditions->len; i++)
    if (g_str_equal (((const PuratanPressCondition *) g_ptr_array_index (conditions, i))->id,
                     press))
      return g_strdup (press);
  press = puratan_preflight_profile_get_press_condition (profile);
  if (press == NULL)
    return NULL;
  wanted = g_ascii_strdown (press, -1);
  for (guint i = 0; i < conditions->len; i++)
    {
      const PuratanPressCondition *condition = g_ptr_array_index (conditions, i);

      if (g_str_has_prefix (condition->id, wanted))
        return g_strdup (condition->id);
    }
  return NULL;
}

static void
load_presses_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancel)
{
  const char *product_id = task_data;
  PressList *list = g_new0 (PressList, 1);
  GError *error = NULL;

  list->conditions = puratan_press_condition_list (&error);
  if (list->conditions == NULL)
    {
      press_list_free (list);
      g_task_return_error (task, error);
      return;
    }
  list->preferred = product_press (list->conditions, product_id);
  g_task_return_pointer (task, list, (GDestroyNotify) press_list_free);
}

static void
presses_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GWeakRef) ref = user_data;
  g_autoptr (PuratanExportDialog) self = g_weak_ref_get (ref);
  g_autoptr (GError) error = NULL;
  PressList *list = g_task_propagate_pointer (G_TASK (result), &error);
  guint selected = 0;

  if (self == NULL)
    {
      g_clear_pointer (&list, press_list_free);
      return;
    }
  self->loading = FALSE;
  if (list == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < list->conditions->len; i++)
    {
      const PuratanPressCondition *condition = g_ptr_array_index (list->conditions, i);

      if (condition->is_default)
        {
          g_autofree char *label = g_strdup_printf (_ ("%s (shop default)"), condition->name);

          gtk_string_list_splice (self->press_model, 0, 1, (const char *const[]){ label, NULL });
        }
      gtk_string_list_append (self->press_model, condition->name);
      g_ptr_array_add (self->press_ids, g_strdup (condition->id));
      if (g_strcmp0 (condition->id, list->preferred) == 0)
        selected = self->press_ids->len - 1;
    }
  adw_combo_row_set_selected (self->press_row, selected);
  press_list_free (list);
}

static void
load_presses (PuratanExportDialog *self)
{
  g_autoptr (GTask) task =
      g_task_new (NULL, self->cancellable, presses_loaded_cb, weak_ref_new (self));

  /* Until the list arrives, the shop default is all there is. */
  gtk_string_list_append (self->press_model, _ ("Shop default"));
  g_ptr_array_add (self->press_ids, NULL);
  self->loading = TRUE;
  g_task_set_source_tag (task, load_presses);
  g_task_set_task_data (task, g_strdup (self->product_id), g_free);
  g_task_run_in_thread (task, load_presses_in_thread);
}

/* Export -------------------------------------------------------------------------------- */

static void
progress_cb (double fraction, gpointer user_data)
{
  g_autoptr (PuratanExportDialog) self = g_weak_ref_get (user_data);
  g_autofree char *text = NULL;

  if (self == NULL)
    return;
  text = g_strdup_printf (_ ("%.0f %%"), fraction * 100);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
exported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GWeakRef) ref = user_data;
  g_autoptr (PuratanExportDialog) self = g_weak_ref_get (ref);
  g_autoptr (GError) error = NULL;
  gboolean ok = puratan_pdf_export_to_file_finish (result, &error);
  g_autofree char *where = NULL;

  if (self == NULL)
    return;
  self->exporting = FALSE;
  g_clear_object (&self->export_cancellable);
  if (!ok)
    {
      gtk_stack_set_visible_child_name (self->stack, "options");
      show_error (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                            ? _ ("The export was cancelled; no file was written.")
                            : error->message);
      update_actions (self);
      return;
    }
  where = g_file_get_parse_name (self->file);
  adw_status_page_set_description (self->done_page, where);
  gtk_stack_set_visible_child_name (self->stack, "done");
  update_actions (self);
}

static void
run_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanExportDialog *self = PURATAN_EXPORT_DIALOG (widget);
  guint press = adw_combo_row_get_selected (self->press_row);
  PuratanPdfOptions options;

  if (self->exporting || self->file == NULL)
    return;
  puratan_pdf_options_init (&options);
  options.standard =
      adw_combo_row_get_selected (self->standard_row) == 1 ? PURATAN_PDF_X1A : PURATAN_PDF_X4;
  options.marks = gtk_switch_get_active (self->marks_switch);
  options.press = press < self->press_ids->len ? g_ptr_array_index (self->press_ids, press) : NULL;

  show_error (self, NULL);
  self->exporting = TRUE;
  self->export_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);
  puratan_pdf_export_to_file_async (
      self->document, &options, self->file, self->export_cancellable, progress_cb,
      weak_ref_new (self), (GDestroyNotify) weak_ref_free, exported_cb, weak_ref_new (self));
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanExportDialog *self = PURATAN_EXPORT_DIALOG (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/* Target file --------------------------------------------------------------------------- */

static void
chooser_response_cb (GtkNativeDialog *native, int response, PuratanExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      puratan_export_dialog_set_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanExportDialog *self = PURATAN_EXPORT_DIALOG (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_ ("Export PDF"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), NULL);
  gtk_file_filter_set_name (filter, _ ("PDF files"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), self->file, NULL);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Afterwards ---------------------------------------------------------------------------- */

static void
launched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GWeakRef) ref = user_data;
  g_autoptr (PuratanExportDialog) self = g_weak_ref_get (ref);
  g_autoptr (GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && self != NULL)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("The PDF cannot be opened: %s"), error->message);

      adw_status_page_set_description (self->done_page, message);
    }
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanExportDialog *self = PURATAN_EXPORT_DIALOG (widget);
  g_autofree char *uri = g_file_get_uri (self->file);
  g_autoptr (GdkAppLaunchContext) context =
      gdk_display_get_app_launch_context (gtk_widget_get_display (widget));

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL, launched_cb,
                                           weak_ref_new (self));
}

static void
preflight_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanExportDialog *self = PURATAN_EXPORT_DIALOG (widget);
  g_autoptr (GFile) file = g_object_ref (self->file);

  g_signal_emit (self, signals[SIGNAL_PREFLIGHT_REQUESTED], 0, file);
  gtk_window_close (GTK_WINDOW (self));
}

/* Object -------------------------------------------------------------------------------- */

static gboolean
close_request_cb (GtkWindow *window)
{
  PuratanExportDialog *self = PURATAN_EXPORT_DIALOG (window);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  return FALSE;
}

static void
puratan_export_dialog_dispose (GObject *object)
{
  PuratanExportDialog *self = PURATAN_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  gtk_widget_dispose_template (GTK_WIDGET (self), PURATAN_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (puratan_export_dialog_parent_class)->dispose (object);
}

static void
puratan_export_dialog_finalize (GObject *object)
{
  PuratanExportDialog *self = PURATAN_EXPORT_DIALOG (object);

  g_ptr_array_unref (self->press_ids);
  g_free (self->product_id);

  G_OBJECT_CLASS (puratan_export_dialog_parent_class)->finalize (object);
}

static void
puratan_export_dialog_class_init (PuratanExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_export_dialog_dispose;
  object_class->finalize = puratan_export_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = close_request_cb;

  /**
   * PuratanExportDialog::preflight-requested:
   * @dialog: the dialog
   * @file: the exported PDF
   *
   * Emitted when the person asks to preflight the PDF just exported; the dialog closes.
   */
  signals[SIGNAL_PREFLIGHT_REQUESTED] =
      g_signal_new ("preflight-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                    NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, standard_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, marks_switch);
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, press_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, press_model);
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PuratanExportDialog, done_page);

  gtk_widget_class_install_action (widget_class, "export.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "export.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "export.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "export.preflight", NULL, preflight_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
puratan_export_dialog_init (PuratanExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->press_ids = g_ptr_array_new_with_free_func (g_free);
}

/* A file name from the design's title, with the characters file systems refuse (path
 * separators, colons, control characters) made dashes. */
static GFile *
default_file (PuratanDocument *document)
{
  const char *title = puratan_document_get_title (document);
  const char *dir = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autoptr (GString) name = g_string_new (NULL);
  g_autofree char *path = NULL;

  for (const char *p = title != NULL ? title : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || g_unichar_iscntrl (c))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  if (name->str[0] == '\0' || name->str[0] == '.')
    g_string_assign (name, _ ("design"));
  g_string_append (name, ".pdf");
  path = g_build_filename (dir != NULL ? dir : g_get_home_dir (), name->str, NULL);
  return g_file_new_for_path (path);
}

/**
 * puratan_export_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @document: the design to export; what it holds when Export is pressed is exported
 * @product_id: (nullable): the catalog product, whose press condition is chosen when the
 *   colour layer knows it
 *
 * Returns: (transfer none): a new modal dialog, not yet shown; it is destroyed when closed
 */
PuratanExportDialog *
puratan_export_dialog_new (GtkWindow *parent, PuratanDocument *document, const char *product_id)
{
  PuratanExportDialog *self;
  g_autoptr (GFile) file = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PURATAN_IS_DOCUMENT (document), NULL);

  self = g_object_new (PURATAN_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  self->product_id = g_strdup (product_id);
  file = default_file (document);
  puratan_export_dialog_set_file (self, file);
  load_presses (self);
  update_actions (self);
  return self;
}

/* Returns: (transfer none) (nullable): the PDF file to write */
GFile *
puratan_export_dialog_get_file (PuratanExportDialog *self)
{
  g_return_val_if_fail (PURATAN_IS_EXPORT_DIALOG (self), NULL);
  return self->file;
}

/**
 * puratan_export_dialog_set_file:
 * @self: the dialog
 * @file: the PDF file to write
 *
 * Sets the target file, as choosing it in the file chooser does.
 */
void
puratan_export_dialog_set_file (PuratanExportDialog *self, GFile *file)
{
  g_autofree char *where = NULL;

  g_return_if_fail (PURATAN_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  where = g_file_get_parse_name (file);
  adw_action_row_set_subtitle (self->file_row, where);
  show_error (self, NULL);
  update_actions (self);
}

/* Returns: whether the dialog is exporting, or still reading the press conditions */
gboolean
puratan_export_dialog_is_busy (PuratanExportDialog *self)
{
  g_return_val_if_fail (PURATAN_IS_EXPORT_DIALOG (self), FALSE);
  return self->exporting || self->loading;
}

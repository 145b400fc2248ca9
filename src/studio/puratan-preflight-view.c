/* puratan-preflight-view.c: the Preflight view: checks of customer PDFs before they go to press
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PDF is opened (file chooser or drop), checked on a worker thread against the chosen
 * profile, and its findings listed by severity. Selecting a finding shows its page with the
 * problem areas marked: each page is drawn on a worker thread the first time it is shown,
 * into a private temporary folder, so a long file costs only the pages looked at.
 * Every piece of work in flight carries the view's current GCancellable and a weak
 * reference to the view, so a result that arrives after a new file was opened, or after
 * the view is gone, is dropped without touching the view.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "puratan-preflight-view-private.h"

G_DEFINE_FINAL_TYPE (PuratanPreflightView, puratan_preflight_view, ADW_TYPE_BIN)

/* What a worker needs to find its way back, or to know it must not. */
typedef struct
{
  GWeakRef view;
  GCancellable *cancellable;
  char *path;
  char *directory;
  PuratanPreflightReport *report;
  guint page; /* for drawing: the index + 1 of the finding whose page is drawn */
  char *png;
} Job;

static void
remove_preview_dir (const char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (directory, name, NULL);
      g_unlink (file);
    }
  g_rmdir (directory);
}

static Job *
job_new (PuratanPreflightView *self, const char *path)
{
  Job *job = g_new0 (Job, 1);

  g_weak_ref_init (&job->view, self);
  job->cancellable = g_object_ref (self->cancellable);
  job->path = g_strdup (path);
  return job;
}

static void
job_free (Job *job)
{
  /* A cancelled drawing job owns its folder: the view has let go of it. */
  if (job->directory != NULL && g_cancellable_is_cancelled (job->cancellable))
    remove_preview_dir (job->directory);
  g_weak_ref_clear (&job->view);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->report, puratan_preflight_report_unref);
  g_free (job->path);
  g_free (job->directory);
  g_free (job->png);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* Returns: (transfer full) (nullable): the view, when @job's result is still wanted */
static PuratanPreflightView *
job_get_view (Job *job)
{
  if (g_cancellable_is_cancelled (job->cancellable))
    return NULL;
  return g_weak_ref_get (&job->view);
}

static void
update_actions (PuratanPreflightView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preflight.save-report", self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preflight.cancel", self->checking);
}

/* Stops the work in flight and forgets the last result. */
static void
reset (PuratanPreflightView *self)
{
  GtkWidget *row;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* A page being drawn removes its own folder once it ends. */
  if (self->preview_dir != NULL && self->drawing == 0)
    remove_preview_dir (self->preview_dir);
  g_clear_pointer (&self->preview_dir, g_free);
  g_clear_pointer (&self->pdf_path, g_free);
  g_hash_table_remove_all (self->failed_pages);
  self->checking = FALSE;
  self->drawing = 0;
  self->selected = 0;
  self->selected_row = NULL;
  self->zoom = 0;
  gtk_spinner_stop (self->spinner);

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->findings_list))) != NULL)
    gtk_list_box_remove (self->findings_list, row);
  gtk_picture_set_paintable (self->picture, NULL);
  g_clear_pointer (&self->report, puratan_preflight_report_unref);
  update_actions (self);
}

static const char *
error_title (const GError *error)
{
  if (error->domain == PURATAN_PREFLIGHT_ERROR)
    switch ((PuratanPreflightError) error->code)
      {
        case PURATAN_PREFLIGHT_ERROR_ENCRYPTED:
          return _ ("This PDF Is Protected With a Password");
        case PURATAN_PREFLIGHT_ERROR_DAMAGED:
          return _ ("This File Is Not a Readable PDF");
        case PURATAN_PREFLIGHT_ERROR_UNREADABLE:
          return _ ("This File Cannot Be Opened");
        case PURATAN_PREFLIGHT_ERROR_RENDERER:
          return _ ("The Pages Could Not Be Rendered");
        case PURATAN_PREFLIGHT_ERROR_TIMEOUT:
          return _ ("Checking Took Too Long");
        default:
          break;
      }
  return _ ("This PDF Cannot Be Checked");
}

static void
show_error (PuratanPreflightView *self, const GError *error)
{
  gboolean locked =
      g_error_matches (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_ENCRYPTED);

  adw_status_page_set_icon_name (self->error_page,
                                 locked ? "channel-secure-symbolic" : "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, error_title (error));
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_preview_message (PuratanPreflightView *self, const char *title, const char *description)
{
  adw_status_page_set_title (self->preview_status, title);
  adw_status_page_set_description (self->preview_status, description);
  gtk_stack_set_visible_child_name (self->preview_stack, "message");
}

static void start_drawing (PuratanPreflightView *self, guint finding, const char *png);

/**
 * puratan_preflight_view_show_preview:
 * @self: the view
 *
 * Shows the selected finding's page, its box highlighted and the page's other boxes dimmed,
 * drawing it on a worker the first time that finding is shown.
 */
void
puratan_preflight_view_show_preview (PuratanPreflightView *self)
{
  GPtrArray *findings =
      self->report != NULL ? puratan_preflight_report_get_findings (self->report) : NULL;
  const PuratanPreflightFinding *finding = NULL;
  g_autofree char *name = NULL;
  g_autofree char *png = NULL;
  g_autofree char *title = NULL;
  const char *failure;

  if (findings != NULL && self->selected > 0 && self->selected <= findings->len)
    finding = g_ptr_array_index (findings, self->selected - 1);
  if (finding == NULL)
    {
      gtk_label_set_text (self->page_label, "");
      show_preview_message (self, _ ("No Finding Selected"),
                            _ ("Select a finding to see where it is on its page."));
      return;
    }
  if (finding->page == 0)
    {
      gtk_label_set_text (self->page_label, _ ("Whole Document"));
      show_preview_message (self, _ ("About the Whole File"),
                            _ ("This finding is about the document as a whole, not one page."));
      return;
    }
  title = g_strdup_printf (_ ("Page %u of %u"), finding->page,
                           puratan_preflight_report_get_n_pages (self->report));
  gtk_label_set_text (self->page_label, title);
  name = g_strdup_printf ("finding-%04u.png", self->selected);
  png = self->preview_dir != NULL ? g_build_filename (self->preview_dir, name, NULL) : NULL;
  failure = g_hash_table_lookup (self->failed_pages, GUINT_TO_POINTER (self->selected));
  if (png != NULL && g_file_test (png, G_FILE_TEST_IS_REGULAR))
    {
      gtk_picture_set_filename (self->picture, png);
      puratan_preflight_view_apply_zoom (self);
      gtk_stack_set_visible_child_name (self->preview_stack, "picture");
      return;
    }
  if (png == NULL || failure != NULL)
    {
      show_preview_message (self, _ ("No Preview"),
                            failure != NULL ? failure
                                            : _ ("There is no temporary folder to draw pages in."));
      return;
    }
  show_preview_message (self, _ ("Drawing the Page…"),
                        _ ("The page is drawn with the problem areas marked."));
  /* One page at a time; when it is done, the finding selected by then is drawn. */
  if (self->drawing == 0)
    start_drawing (self, self->selected, png);
}

static void
findings_list_row_selected_cb (PuratanPreflightView *self, GtkListBoxRow *row)
{
  guint finding =
      row != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "finding")) : 0;

  if (finding == 0)
    {
      self->selected = 0;
      puratan_preflight_view_show_preview (self);
      return;
    }
  puratan_preflight_view_select_finding (self, finding - 1, GTK_WIDGET (row));
}

/* On a narrow window the list and the page take turns; a click shows the page. A group
 * opens to list its findings. */
static void
findings_list_row_activated_cb (PuratanPreflightView *self, GtkListBoxRow *row)
{
  if (ADW_IS_EXPANDER_ROW (row))
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                     !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
      gtk_list_box_select_row (self->findings_list, row);
      return;
    }
  gtk_list_box_select_row (self->findings_list, row);
  adw_leaflet_set_visible_child (self->leaflet, self->preview_pane);
}

static void
draw_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (puratan_preflight_annotate_finding (job->report, job->path, job->page - 1, job->png, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
draw_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (PuratanPreflightView) self = job_get_view (job);
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && self != NULL)
    g_hash_table_insert (self->failed_pages, GUINT_TO_POINTER (job->page),
                         g_strdup (error->message));
  if (self == NULL)
    return;
  self->drawing = 0;
  puratan_preflight_view_show_preview (self);
}

/* Draws the page of finding @finding (its index + 1) of the checked file, with that finding
 * highlighted, into @png. */
static void
start_drawing (PuratanPreflightView *self, guint finding, const char *png)
{
  g_autoptr (GTask) task = NULL;
  Job *job = job_new (self, self->pdf_path);

  job->directory = g_strdup (self->preview_dir);
  job->report = puratan_preflight_report_ref (self->report);
  job->page = finding;
  job->png = g_strdup (png);
  self->drawing = finding;
  task = g_task_new (NULL, self->cancellable, draw_cb, NULL);
  g_task_set_source_tag (task, start_drawing);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, draw_in_thread);
}

/* Makes the folder the pages of the report on @path are drawn into. */
static void
prepare_previews (PuratanPreflightView *self, const char *path)
{
  g_autoptr (GError) error = NULL;

  self->pdf_path = g_strdup (path);
  self->preview_dir = g_dir_make_tmp ("puratan-preflight-XXXXXX", &error);
  if (self->preview_dir == NULL)
    g_debug ("preflight view: no folder for page previews: %s", error->message);
}

static void
set_count (GtkLabel *label, PuratanPreflightReport *report, PuratanPreflightSeverity severity)
{
  guint n = puratan_preflight_report_count (report, severity);
  g_autofree char *text = NULL;

  if (severity == PURATAN_PREFLIGHT_SEVERITY_ERROR)
    text = g_strdup_printf (ngettext ("%u error", "%u errors", n), n);
  else if (severity == PURATAN_PREFLIGHT_SEVERITY_WARNING)
    text = g_strdup_printf (ngettext ("%u warning", "%u warnings", n), n);
  else
    text = g_strdup_printf (ngettext ("%u note", "%u notes", n), n);
  gtk_label_set_text (label, text);
  gtk_widget_set_opacity (GTK_WIDGET (label), n == 0 ? 0.55 : 1.0);
}

static char *
short_profile_name (PuratanPreflightProfile *profile)
{
  const char *name = puratan_preflight_profile_get_name (profile);
  const char *colon = strchr (name, ':');

  return colon != NULL ? g_strndup (name, colon - name) : g_strdup (name);
}

static void
show_report (PuratanPreflightView *self)
{
  PuratanPreflightReport *report = self->report;
  guint errors = puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  guint n_pages = puratan_preflight_report_get_n_pages (report);
  g_autofree char *verdict = NULL;
  g_autofree char *details = NULL;
  g_autofree char *pages = NULL;
  GtkWidget *icon = GTK_WIDGET (self->verdict_icon);

  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "success");
  if (errors > 0)
    {
      verdict = g_strdup_printf (
          ngettext ("%u Problem Must Be Fixed", "%u Problems Must Be Fixed", errors), errors);
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
    }
  else
    {
      verdict = g_strdup (_ ("Ready to Print"));
      gtk_image_set_from_icon_name (self->verdict_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
    }
  gtk_label_set_text (self->verdict_label, verdict);

  pages = g_strdup_printf (ngettext ("%u page", "%u pages", n_pages), n_pages);
  details = g_strdup_printf (
      _ ("%s · %s · %s · checked in %.1f s%s"), puratan_preflight_report_get_file (report), pages,
      self->profile_name, puratan_preflight_report_get_elapsed (report),
      puratan_preflight_report_is_complete (report) ? ""
                                                    : _ (" · part of the file could not be read"));
  gtk_label_set_text (self->details_label, details);

  set_count (self->errors_label, report, PURATAN_PREFLIGHT_SEVERITY_ERROR);
  set_count (self->warnings_label, report, PURATAN_PREFLIGHT_SEVERITY_WARNING);
  set_count (self->info_label, report, PURATAN_PREFLIGHT_SEVERITY_INFO);

  puratan_preflight_view_fill_findings (self);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_list_box_select_row (self->findings_list,
                           gtk_list_box_get_row_at_index (self->findings_list, 0));
  puratan_preflight_view_show_preview (self);
}

static void
run_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (Job) job = user_data;
  g_autoptr (PuratanPreflightView) self = job_get_view (job);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightReport) report = puratan_preflight_run_finish (result, &error);

  if (self == NULL)
    return;
  self->checking = FALSE;
  gtk_spinner_stop (self->spinner);
  if (report == NULL)
    {
      show_error (self, error);
      update_actions (self);
      return;
    }
  self->report = g_steal_pointer (&report);
  update_actions (self);
  prepare_previews (self, job->path);
  show_report (self);
}

/* Returns: (transfer full) (nullable): the profile chosen in the drop-down */
static PuratanPreflightProfile *
load_chosen_profile (PuratanPreflightView *self, GError **error)
{
  guint selected = gtk_drop_down_get_selected (self->profile_dropdown);
  const char *key;

  if (selected >= self->profile_keys->len)
    return puratan_preflight_profile_load_builtin (PURATAN_PREFLIGHT_SHOP_DEFAULT_PROFILE, error);
  key = g_ptr_array_index (self->profile_keys, selected);
  if (g_str_has_prefix (key, "product:"))
    return puratan_preflight_profile_for_product (key + strlen ("product:"), NULL, error);
  return puratan_preflight_profile_load_builtin (key + strlen ("profile:"), error);
}

static void
start_check (PuratanPreflightView *self)
{
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *title = NULL;

  reset (self);
  if (path == NULL)
    {
      g_set_error (&error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_UNREADABLE,
                   _ ("%s is not on this computer; copy it here first, then check it"), name);
      show_error (self, error);
      return;
    }
  profile = load_chosen_profile (self, &error);
  if (profile == NULL)
    {
      show_error (self, error);
      return;
    }

  g_free (self->profile_name);
  self->profile_name = short_profile_name (profile);
  title = g_strdup_printf (_ ("Checking %s…"), name);
  adw_status_page_set_title (self->running_page, title);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "running");
  self->checking = TRUE;
  update_actions (self);
  puratan_preflight_run_async (path, profile, self->cancellable, run_cb, job_new (self, path));
}

/**
 * puratan_preflight_view_open_file:
 * @self: a #PuratanPreflightView
 * @file: the PDF to check
 *
 * Checks @file against the profile chosen in the view, on a worker thread, and shows
 * the report when it is done (or why the file cannot be checked). A check or preview
 * still running for an earlier file is cancelled and its result dropped.
 */
void
puratan_preflight_view_open_file (PuratanPreflightView *self, GFile *file)
{
  g_return_if_fail (PURATAN_IS_PREFLIGHT_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  start_check (self);
}

/**
 * puratan_preflight_view_is_busy:
 * @self: a #PuratanPreflightView
 *
 * Returns: %TRUE while a file is being checked, its page previews are being drawn or its
 *   report is being saved
 */
gboolean
puratan_preflight_view_is_busy (PuratanPreflightView *self)
{
  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_VIEW (self), FALSE);

  return self->checking || self->drawing != 0 || self->saving > 0;
}

/**
 * puratan_preflight_view_get_report:
 * @self: a #PuratanPreflightView
 *
 * Returns: (transfer none) (nullable): the report shown, or %NULL when there is none
 */
PuratanPreflightReport *
puratan_preflight_view_get_report (PuratanPreflightView *self)
{
  g_return_val_if_fail (PURATAN_IS_PREFLIGHT_VIEW (self), NULL);

  return self->report;
}

static void
profile_changed_cb (PuratanPreflightView *self)
{
  if (self->file != NULL)
    start_check (self);
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, gpointer user_data)
{
  PuratanPreflightView *self = user_data;
  GFile *file = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      file = files != NULL ? files->data : NULL;
      g_slist_free (files);
    }
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    file = g_value_get_object (value);
  if (file == NULL)
    return FALSE;
  puratan_preflight_view_open_file (self, file);
  return TRUE;
}

static void
open_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  puratan_preflight_view_run_chooser (PURATAN_PREFLIGHT_VIEW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                      _ ("Open a PDF to Check"), _ ("_Open"));
}

static void
save_report_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanPreflightView *self = PURATAN_PREFLIGHT_VIEW (widget);

  if (self->report != NULL)
    puratan_preflight_view_run_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _ ("Save Preflight Report"), _ ("_Save"));
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanPreflightView *self = PURATAN_PREFLIGHT_VIEW (widget);

  reset (self);
  g_clear_object (&self->file);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanPreflightView *self = PURATAN_PREFLIGHT_VIEW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static char *
product_label (const char *product_id, PuratanPreflightProfile *profile)
{
  g_autofree char *name = g_strdelimit (g_strdup (product_id), "-", ' ');
  g_autofree char *profile_name = short_profile_name (profile);
  g_auto (GStrv) words = g_strsplit (name, " ", -1);
  g_autofree char *joined = NULL;

  /* "booklet-a5" reads "Booklet A5": paper sizes in capitals, the first letter too. */
  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_isalpha (words[i][0]) && g_ascii_isdigit (words[i][1]))
      words[i][0] = g_ascii_toupper (words[i][0]);
  words[0][0] = g_ascii_toupper (words[0][0]);
  joined = g_strjoinv (" ", words);
  return g_strdup_printf (_ ("%s (%s)"), joined, profile_name);
}

static void
fill_profiles (PuratanPreflightView *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_auto (GStrv) profiles = puratan_preflight_profile_list_builtin ();
  g_auto (GStrv) products = puratan_preflight_product_list ();
  guint selected = 0;

  for (guint i = 0; profiles[i] != NULL; i++)
    {
      g_autoptr (PuratanPreflightProfile) profile =
          puratan_preflight_profile_load_builtin (profiles[i], NULL);
      g_autofree char *label = NULL;

      if (profile == NULL)
        continue;
      label = short_profile_name (profile);
      if (g_str_equal (profiles[i], PURATAN_PREFLIGHT_SHOP_DEFAULT_PROFILE))
        selected = self->profile_keys->len;
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->profile_keys, g_strconcat ("profile:", profiles[i], NULL));
    }
  for (guint i = 0; products[i] != NULL; i++)
    {
      g_autoptr (PuratanPreflightProfile) profile =
          puratan_preflight_profile_for_product (products[i], NULL, NULL);
      g_autofree char *label = NULL;

      if (profile == NULL)
        continue;
      label = product_label (products[i], profile);
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->profile_keys, g_strconcat ("product:", products[i], NULL));
    }
  gtk_drop_down_set_model (self->profile_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->profile_dropdown, selected);
}

static void
puratan_preflight_view_dispose (GObject *object)
{
  PuratanPreflightView *self = PURATAN_PREFLIGHT_VIEW (object);

  if (self->cancellable != NULL)
    reset (self);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->file);

  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_PREFLIGHT_VIEW);

  G_OBJECT_CLASS (puratan_preflight_view_parent_class)->dispose (object);
}

static void
puratan_preflight_view_finalize (GObject *object)
{
  PuratanPreflightView *self = PURATAN_PREFLIGHT_VIEW (object);

  g_clear_pointer (&self->profile_keys, g_ptr_array_unref);
  g_clear_pointer (&self->failed_pages, g_hash_table_unref);
  g_free (self->profile_name);

  G_OBJECT_CLASS (puratan_preflight_view_parent_class)->finalize (object);
}

static void
puratan_preflight_view_class_init (PuratanPreflightViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_preflight_view_dispose;
  object_class->finalize = puratan_preflight_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-preflight-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, stack);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, running_page);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, spinner);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, error_page);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, profile_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, details_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, errors_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, warnings_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, info_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, findings_list);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, preview_pane);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, page_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, preview_status);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, picture_scroller);
  gtk_widget_class_bind_template_child (widget_class, PuratanPreflightView, picture);
  gtk_widget_class_bind_template_callback (widget_class, findings_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, findings_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "preflight.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "preflight.save-report", NULL, save_report_action);
  gtk_widget_class_install_action (widget_class, "preflight.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "preflight.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "preflight.open",
                                       NULL);
  puratan_preflight_view_install_zoom_actions (widget_class);
}

static void
puratan_preflight_view_init (PuratanPreflightView *self)
{
  GtkDropTarget *target;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->profile_keys = g_ptr_array_new_with_free_func (g_free);
  self->failed_pages = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->cancellable = g_cancellable_new ();
  fill_profiles (self);
  /* GTK 4.8 names the drop-down from its label but not the button inside it, which is what
   * assistive technology lands on. */
  {
    GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->profile_dropdown));

    if (GTK_IS_TOGGLE_BUTTON (button))
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Profile"), -1);
  }
  g_signal_connect_swapped (self->profile_dropdown, "notify::selected",
                            G_CALLBACK (profile_changed_cb), self);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  puratan_preflight_view_init_zoom (self);
  update_actions (self);
}

/**
 * puratan_preflight_view_new:
 *
 * Creates the Preflight view. It shows an empty state that tells the user what the
 * view is for, with a button to open a PDF (a PDF can also be dropped on it).
 *
 * Returns: (transfer floating): a new #PuratanPreflightView
 */
GtkWidget *
puratan_preflight_view_new (void)
{
  return g_object_new (PURATAN_TYPE_PREFLIGHT_VIEW, NULL);
}

/* test-export-dialog.c: the Design view's export dialog writing real print PDFs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-color.h"
#include "puratan-export-dialog.h"
#include "puratan-test-tmpdir.h"

/* Generous, for AddressSanitizer on a busy machine; an export takes well under a second. */
#define WAIT_LIMIT_SECONDS 120

typedef struct
{
  GtkWindow *window;
  PuratanDocument *document;
  PuratanExportDialog *dialog;
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autofree char *templates = puratan_template_default_dir ();
  g_autoptr (GError) error = NULL;

  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->document = puratan_template_instantiate (templates, "business-card", &error);
  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("export-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  gtk_window_present (fixture->window);
  fixture->dialog = puratan_export_dialog_new (fixture->window, fixture->document, data);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  gtk_window_present (GTK_WINDOW (fixture->dialog));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  if (fixture->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->document);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  puratan_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the dialog has nothing in flight, for a bounded time. */
static void
wait_until_idle (PuratanExportDialog *dialog)
{
  g_autoptr (GTimer) timer = g_timer_new ();
  guint source = g_timeout_add (20, wake_up_cb, NULL);

  while (puratan_export_dialog_is_busy (dialog))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_timer_elapsed (timer, NULL) > WAIT_LIMIT_SECONDS)
        g_error ("The export dialog was still busy after %d s", WAIT_LIMIT_SECONDS);
    }
  g_source_remove (source);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_widget (GtkWidget *widget, GType type, const char *buildable_id)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (buildable_id == NULL ||
       g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), buildable_id) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, buildable_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_STACK, NULL);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static GtkWidget *
find_error_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_error_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The error line of the options page, or NULL when it is hidden. */
static const char *
shown_error (Fixture *fixture)
{
  GtkWidget *label = find_error_label (GTK_WIDGET (fixture->dialog));

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static char *
target_path (Fixture *fixture, const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
set_target (Fixture *fixture, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);

  puratan_export_dialog_set_file (fixture->dialog, file);
}

static gboolean
run_tool (const char *tool, const char *arg, const char *path, char **output)
{
  const char *argv[] = { tool, arg, path, NULL };
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, output, NULL, &status, &error))
    g_error ("Cannot run %s: %s", tool, error->message);
  return g_spawn_check_wait_status (status, NULL);
}

/* The press list comes from the colour layer; the product's condition is chosen. */
static void
test_press_conditions (Fixture *fixture, gconstpointer data)
{
  AdwComboRow *press =
      ADW_COMBO_ROW (find_widget (GTK_WIDGET (fixture->dialog), ADW_TYPE_COMBO_ROW, "press_row"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) conditions = puratan_press_condition_list (&error);
  GListModel *model;

  g_assert_no_error (error);
  g_assert_nonnull (press);
  /* The file is named after the design's title until another is chosen. */
  {
    g_autofree char *name = g_file_get_basename (puratan_export_dialog_get_file (fixture->dialog));

    g_assert_cmpstr (name, ==, "Business card 85 × 55 mm.pdf");
  }
  wait_until_idle (fixture->dialog);
  model = adw_combo_row_get_model (press);
  /* The shop default, then every condition. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, conditions->len + 1);
  g_assert_true (
      g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), "(shop default)"));
  /* The business card's specification prints on FOGRA39. */
  g_assert_cmpstr (
      gtk_string_list_get_string (GTK_STRING_LIST (model), adw_combo_row_get_selected (press)), ==,
      "Sheet-fed coated (FOGRA39), 320 %");
}

static void
preflight_requested_cb (PuratanExportDialog *dialog, GFile *file, GFile **requested)
{
  g_set_object (requested, file);
}

/* Export writes a PDF that qpdf accepts, and offers to preflight it. */
static void
test_export (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = target_path (fixture, "card.pdf");
  g_autoptr (GFile) requested = NULL;
  g_autofree char *info = NULL;
  GtkWidget *marks;

  wait_until_idle (fixture->dialog);
  set_target (fixture, path);
  marks = find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_SWITCH, "marks_switch");
  g_assert_nonnull (marks);
  gtk_switch_set_active (GTK_SWITCH (marks), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.run", NULL));
  g_assert_true (puratan_export_dialog_is_busy (fixture->dialog));
  g_assert_cmpstr (visible_page (fixture), ==, "progress");
  wait_until_idle (fixture->dialog);

  g_assert_cmpstr (visible_page (fixture), ==, "done");
  g_assert_null (shown_error (fixture));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (run_tool ("qpdf", "--check", path, NULL));
  /* With marks, the MediaBox reaches beyond the bleed box to hold them. */
  g_assert_true (run_tool ("pdfinfo", "-box", path, &info));
  {
    double media[4], bleed[4];
    const char *m = strstr (info, "MediaBox:");
    const char *b = strstr (info, "BleedBox:");

    g_assert_nonnull (m);
    g_assert_nonnull (b);
    g_assert_cmpint (
        sscanf (m, "MediaBox: %lf %lf %lf %lf", &media[0], &media[1], &media[2], &media[3]), ==, 4);
    g_assert_cmpint (
        sscanf (b, "BleedBox: %lf %lf %lf %lf", &bleed[0], &bleed[1], &bleed[2], &bleed[3]), ==, 4);
    g_assert_cmpfloat (media[2] - media[0], >, bleed[2] - bleed[0] + 10);
  }

  g_signal_connect (fixture->dialog, "preflight-requested", G_CALLBACK (preflight_requested_cb),
                    &requested);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.preflight", NULL));
  g_assert_nonnull (requested);
  g_assert_cmpstr (g_file_peek_path (requested), ==, path);
  /* The dialog closed itself. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fixture->dialog);
}

static void
progress_cb (GtkProgressBar *bar, GParamSpec *pspec, PuratanExportDialog *dialog)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  if (fraction > 0 && fraction < 1)
    gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL);
}

/* Cancel while the pages are written: no file, and the dialog says so. */
static void
test_cancel (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = target_path (fixture, "cancelled.pdf");
  GtkWidget *bar = find_widget (GTK_WIDGET (fixture->dialog), GTK_TYPE_PROGRESS_BAR, NULL);

  g_assert_nonnull (bar);
  wait_until_idle (fixture->dialog);
  set_target (fixture, path);
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (progress_cb), fixture->dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.run", NULL));
  wait_until_idle (fixture->dialog);

  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), <, 1.0);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (visible_page (fixture), ==, "options");
  g_assert_cmpstr (shown_error (fixture), ==, "The export was cancelled; no file was written.");
  g_signal_handlers_disconnect_by_func (bar, progress_cb, fixture->dialog);

  /* Export works again afterwards. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.run", NULL));
  wait_until_idle (fixture->dialog);
  g_assert_cmpstr (visible_page (fixture), ==, "done");
  g_assert_true (run_tool ("qpdf", "--check", path, NULL));
}

/* A folder that cannot hold the file: the writer's message, and nothing lost. */
static void
test_bad_target (Fixture *fixture, gconstpointer data)
{
  g_autofree char *blocker = target_path (fixture, "not-a-folder");
  g_autofree char *path = g_build_filename (blocker, "card.pdf", NULL);
  const char *message;

  g_assert_true (g_file_set_contents (blocker, "a file where a folder should be\n", -1, NULL));
  wait_until_idle (fixture->dialog);
  set_target (fixture, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.run", NULL));
  wait_until_idle (fixture->dialog);

  g_assert_cmpstr (visible_page (fixture), ==, "options");
  message = shown_error (fixture);
  g_assert_nonnull (message);
  g_assert_true (g_str_has_prefix (message, "Cannot write the PDF: "));
  g_assert_nonnull (strstr (message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (blocker, G_FILE_TEST_IS_REGULAR));

  /* A content error from the writer is shown the same way: PDF/X-1a refuses transparency. */
  {
    g_autofree char *x1a = target_path (fixture, "x1a.pdf");
    AdwComboRow *standard = ADW_COMBO_ROW (
        find_widget (GTK_WIDGET (fixture->dialog), ADW_TYPE_COMBO_ROW, "standard_row"));
    PuratanDocItem *veil = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
    g_autoptr (GError) error = NULL;
    const char *id;

    veil->width = 20;
    veil->height = 20;
    veil->opacity = 0.5;
    puratan_doc_item_set_fill (veil, "Saffron", 1);
    id = puratan_document_add_item (fixture->document, 0, veil, &error);
    g_assert_no_error (error);
    set_target (fixture, x1a);
    adw_combo_row_set_selected (standard, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.run", NULL));
    wait_until_idle (fixture->dialog);
    message = shown_error (fixture);
    g_assert_nonnull (message);
    g_assert_nonnull (strstr (message, "PDF/X-1a forbids"));
    g_assert_nonnull (strstr (message, id));
    g_assert_false (g_file_test (x1a, G_FILE_TEST_EXISTS));
  }
}

/* Closing the dialog while it exports cancels the export; nothing reaches the gone dialog. */
static void
test_close_while_exporting (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = target_path (fixture, "closed.pdf");
  g_autoptr (GTimer) timer = g_timer_new ();
  guint source;

  wait_until_idle (fixture->dialog);
  set_target (fixture, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "export.run", NULL));
  /* As the header bar's Close button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "window.close", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (fixture->dialog);
  source = g_timeout_add (20, wake_up_cb, NULL);
  while (g_timer_elapsed (timer, NULL) < 2)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
}

int
main (int argc, char *argv[])
{
  g_autofree char *tmpdir = puratan_test_use_private_tmpdir ();
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add ("/studio/export-dialog/press-conditions", Fixture, "business-cards", fixture_set_up,
              test_press_conditions, fixture_tear_down);
  g_test_add ("/studio/export-dialog/export", Fixture, "business-cards", fixture_set_up,
              test_export, fixture_tear_down);
  g_test_add ("/studio/export-dialog/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/studio/export-dialog/bad-target", Fixture, NULL, fixture_set_up, test_bad_target,
              fixture_tear_down);
  g_test_add ("/studio/export-dialog/close-while-exporting", Fixture, NULL, fixture_set_up,
              test_close_while_exporting, fixture_tear_down);
  status = g_test_run ();
  puratan_test_remove_tree (tmpdir);
  return status;
}

/* test-design-recovery.c: autosave and crash recovery, and the design file's MIME type
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The crash-recovery tests run this program again as a child studio, which edits a design,
 * waits for its autosave and is killed with SIGKILL; the studio run after it must offer
 * the edit back.
 */
#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "design-test-fixture.h"

#define CHILD_OPTION "--child-edit"

/* Crash recovery. The child studio opens the file, edits it, waits for the autosave and
 * says so on its standard output; then it waits to be killed. */

static void
child_autosaved_cb (PuratanDesignView *view)
{
  g_print ("AUTOSAVED\n");
  fflush (stdout);
}

static void
child_edit (Fixture *fixture)
{
  PuratanDocument *document;

  /* With no file to open, the work is a new card, never saved. */
  if (puratan_design_view_get_document (fixture->view) == NULL &&
      g_getenv ("PURATAN_TEST_CHILD_UNTITLED") != NULL)
    new_from_gallery (fixture, "business-card");
  iterate_until (has_document, fixture->view);
  document = puratan_design_view_get_document (fixture->view);
  puratan_design_view_set_autosave_delay (fixture->view, 100);
  g_signal_connect (fixture->view, "autosaved", G_CALLBACK (child_autosaved_cb), NULL);
  edit_text (document, find_text_item (document, TEMPLATE_NAME), EDITED_NAME);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

/* @path: the design to open, or "" for untitled work */
static int
run_child (const char *path)
{
  Fixture fixture = { 0 };
  const char *argv[] = { "puratan-studio", path[0] != '\0' ? path : NULL, NULL };

  if (path[0] == '\0')
    g_setenv ("PURATAN_TEST_CHILD_UNTITLED", "1", TRUE);
  run_studio (&fixture, path[0] != '\0' ? argv : NULL, child_edit);
  return 0;
}

/* Runs the child studio on @path ("" for untitled work) until it has autosaved its edit,
 * then kills it with SIGKILL. */
static void
run_and_kill_child (const char *path)
{
  g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "ui", "test-design-recovery", NULL);
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autoptr (GError) error = NULL;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self, CHILD_OPTION, path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  do
    {
      g_free (line);
      line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
    }
  while (!g_str_equal (line, "AUTOSAVED"));

  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
}

/* Whether the folder of the design is closed to the autosave copy. */
static gboolean folder_closed;

/* Where the autosave copy of @file goes: beside it, or in the user data folder when its own
 * folder is closed. */
static char *
copy_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  g_autofree char *name = g_strconcat ("file-", hash, ".pdesign", NULL);

  if (!folder_closed)
    return puratan_design_autosave_path (file);
  return g_build_filename (g_get_user_data_dir (), "puratan-studio", "autosave", name, NULL);
}

static void
check_recovered (Fixture *fixture)
{
  AdwMessageDialog *dialog = wait_for_dialog ("Recover Unsaved Work?");
  PuratanDocument *document;
  g_autoptr (GFile) file = NULL;
  g_autofree char *autosave = NULL;

  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "card.pdesign"));
  /* The file as saved is open behind the question. */
  document = puratan_design_view_get_document (fixture->view);
  g_assert_null (find_text_item (document, EDITED_NAME));
  adw_message_dialog_response (dialog, "recover");
  iterate_idle ();

  document = puratan_design_view_get_document (fixture->view);
  g_assert_nonnull (find_text_item (document, EDITED_NAME));
  g_assert_true (puratan_design_view_get_modified (fixture->view));
  g_assert_cmpstr (puratan_design_view_get_title (fixture->view), ==, "• card.pdesign");

  /* Saving keeps the work and retires the autosave copy. */
  file = g_object_ref (puratan_design_view_get_file (fixture->view));
  autosave = copy_path (file);
  g_assert_true (g_file_test (autosave, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "design.save", NULL));
  iterate_until (is_saved, fixture->view);
  while (g_file_test (autosave, G_FILE_TEST_EXISTS))
    g_main_context_iteration (NULL, TRUE);
}

/* @closed: whether the design's folder refuses the copy (here: a folder stands where the
 * copy would go; the same path as a read-only share or the Flatpak's document portal) */
static void
crash_and_recover (gboolean closed)
{
  Fixture fixture = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *autosave = NULL;
  g_autofree char *template_dir =
      g_test_build_filename (G_TEST_DIST, "..", "data", "templates", NULL);
  g_autoptr (PuratanDocument) card = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "puratan-studio", NULL, NULL };

  fixture_init (&fixture);
  path = g_build_filename (fixture.dir, "card.pdesign", NULL);
  file = g_file_new_for_path (path);
  card = puratan_template_instantiate (template_dir, "business-card", &error);
  g_assert_no_error (error);
  g_assert_true (puratan_document_save (card, path, NULL, &error));
  g_assert_no_error (error);

  folder_closed = closed;
  if (closed)
    {
      g_autofree char *beside = puratan_design_autosave_path (file);
      g_assert_cmpint (g_mkdir (beside, 0700), ==, 0);
    }
  run_and_kill_child (path);

  autosave = copy_path (file);
  g_assert_true (g_file_test (autosave, G_FILE_TEST_IS_REGULAR));

  argv[1] = path;
  run_studio (&fixture, argv, check_recovered);
  {
    g_autoptr (PuratanDocument) saved = puratan_document_open (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (find_text_item (saved, EDITED_NAME));
  }
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));
  if (closed)
    {
      g_autofree char *beside = puratan_design_autosave_path (file);
      g_assert_cmpint (g_rmdir (beside), ==, 0);
    }
  fixture_clear (&fixture);
}

static void
test_crash_recovery (void)
{
  crash_and_recover (FALSE);
}

/* The copy goes to the user data folder instead, and is found there. */
static void
test_crash_recovery_closed_folder (void)
{
  crash_and_recover (TRUE);
}

static char *
untitled_autosave_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "puratan-studio", "autosave", NULL);
}

static gboolean
dir_is_empty (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);

  return dir == NULL || g_dir_read_name (dir) == NULL;
}

static void
check_untitled_recovered (Fixture *fixture)
{
  AdwMessageDialog *dialog = wait_for_dialog ("Recover Unsaved Work?");
  PuratanDocument *document;

  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "untitled design"));
  g_assert_null (puratan_design_view_get_document (fixture->view));
  adw_message_dialog_response (dialog, "recover");
  iterate_until (has_document, fixture->view);
  iterate_idle ();

  document = puratan_design_view_get_document (fixture->view);
  g_assert_nonnull (find_text_item (document, EDITED_NAME));
  g_assert_null (puratan_design_view_get_file (fixture->view));
  g_assert_cmpstr (puratan_design_view_get_title (fixture->view), ==, "• Untitled Design");

  /* Discarding it for good deletes the copy. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  adw_message_dialog_response (wait_for_dialog ("Save Changes?"), "discard");
  iterate_until (window_gone, fixture);
}

/* Untitled work killed with the app comes back when the app starts again. */
static void
test_untitled_recovery (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = untitled_autosave_dir ();

  g_assert_true (dir_is_empty (dir));
  run_and_kill_child ("");
  g_assert_false (dir_is_empty (dir));

  fixture_init (&fixture);
  run_studio (&fixture, NULL, check_untitled_recovered);
  g_assert_true (dir_is_empty (dir));
  fixture_clear (&fixture);
}

/* The shared-mime-info package: installed into the private data folder (as `meson install`
 * puts it in the system's), it names .pdesign files, and tells a design by its content
 * under any name. */
static void
test_mime_type (void)
{
  g_autofree char *source =
      g_test_build_filename (G_TEST_DIST, "..", "data", "in.puratan.Studio.mime.xml", NULL);
  g_autofree char *mime_dir = g_build_filename (g_get_user_data_dir (), "mime", NULL);
  g_autofree char *packages = g_build_filename (mime_dir, "packages", NULL);
  g_autofree char *installed = g_build_filename (packages, "in.puratan.Studio.xml", NULL);
  g_autofree char *template_dir =
      g_test_build_filename (G_TEST_DIST, "..", "data", "templates", NULL);
  g_autofree char *design_path = g_build_filename (g_get_tmp_dir (), "mime-probe.bin", NULL);
  g_autoptr (PuratanDocument) card = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *by_name = NULL;
  g_autofree char *by_content = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GFile) design_file = NULL;
  gsize length;
  gboolean uncertain = TRUE;
  const char *update[] = { "update-mime-database", mime_dir, NULL };
  int status;
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_file_get_contents (source, &xml, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (installed, xml, -1, &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char **) update, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  by_name = g_content_type_guess ("Diwali flyer.pdesign", NULL, 0, NULL);
  g_assert_cmpstr (by_name, ==, "application/x-puratan-design");
  design_file = g_file_new_for_path ("/tmp/Diwali flyer.PDESIGN");
  g_assert_true (puratan_design_file_is_design (design_file));

  card = puratan_template_instantiate (template_dir, "business-card", &error);
  g_assert_no_error (error);
  g_assert_true (puratan_document_save (card, design_path, NULL, &error));
  g_file_get_contents (design_path, &contents, &length, &error);
  g_assert_no_error (error);
  by_content =
      g_content_type_guess (NULL, (const guchar *) contents, MIN (length, 4096), &uncertain);
  g_assert_cmpstr (by_content, ==, "application/x-puratan-design");
  g_assert_false (uncertain);
  g_unlink (design_path);
}

int
main (int argc, char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], CHILD_OPTION))
    return run_child (argv[2]);

  design_test_init (&argc, &argv);

  g_test_add_func ("/studio/design/mime-type", test_mime_type);
  g_test_add_func ("/studio/design/crash-recovery", test_crash_recovery);
  g_test_add_func ("/studio/design/crash-recovery-closed-folder",
                   test_crash_recovery_closed_folder);
  g_test_add_func ("/studio/design/untitled-recovery", test_untitled_recovery);

  return g_test_run ();
}

/* test-design-view.c: the Design view driven through the real application
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test runs the studio as main() does (on its own isolated XDG folders) and works the
 * Design view as a designer would: the template gallery, the file choosers, the header
 * bar's undo and redo, the design.* commands, closing the window. The crash-recovery test
 * runs this program again as a child studio, kills it with SIGKILL after an edit, and
 * opens the file again.
 */
#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "puratan-application.h"
#include "puratan-design-view.h"
#include "puratan-window.h"

#define CHILD_OPTION  "--child-edit"
#define TEMPLATE_NAME "Asha Verma" /* the name on the business-card template */
#define EDITED_NAME   "Meera Iyer"

typedef struct _Fixture Fixture;
typedef void (*FixtureFunc) (Fixture *fixture);

struct _Fixture
{
  PuratanApplication *app;
  PuratanWindow *window;
  PuratanDesignView *view;
  FixtureFunc func;
  char *dir; /* a private folder for the test's files */
};

/* Iterates the main loop until @done says so; the test's own timeout guards a hang. */
static void
iterate_until (gboolean (*done) (gpointer data), gpointer data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
has_document (gpointer data)
{
  return puratan_design_view_get_document (data) != NULL;
}

static gboolean
is_saved (gpointer data)
{
  return puratan_design_view_get_file (data) != NULL && !puratan_design_view_get_modified (data);
}

static gboolean
has_one_selected (gpointer data)
{
  return puratan_selection_get_n_items (puratan_design_view_get_selection (data)) == 1;
}

static GtkWindow *
find_toplevel (GType type, const char *heading, int action)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) ||
          !gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        continue;
      if (GTK_IS_FILE_CHOOSER (toplevel) &&
          (int) gtk_file_chooser_get_action (GTK_FILE_CHOOSER (toplevel)) != action)
        continue;
      if (heading == NULL ||
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading) == 0)
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

typedef struct
{
  GType type;
  const char *heading;
  GtkWindow *found;
  int action; /* of a file chooser */
} Lookup;

static gboolean
toplevel_shown (gpointer data)
{
  Lookup *lookup = data;

  lookup->found = find_toplevel (lookup->type, lookup->heading, lookup->action);
  return lookup->found != NULL;
}

static AdwMessageDialog *
wait_for_dialog (const char *heading)
{
  Lookup lookup = { ADW_TYPE_MESSAGE_DIALOG, heading, NULL, -1 };

  iterate_until (toplevel_shown, &lookup);
  return ADW_MESSAGE_DIALOG (lookup.found);
}

/* The file chooser GtkFileChooserNative shows where there is no portal (as under Xvfb). */
static GtkFileChooser *
wait_for_chooser (GtkFileChooserAction action)
{
  Lookup lookup = { GTK_TYPE_FILE_CHOOSER_DIALOG, NULL, NULL, action };

  iterate_until (toplevel_shown, &lookup);
  return GTK_FILE_CHOOSER (lookup.found);
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile *folder;
} FolderWait;

/* The save chooser names a file in @folder: it has taken the folder we gave it. */
static gboolean
chooser_in_folder (gpointer data)
{
  FolderWait *wait = data;
  g_autoptr (GFile) file = gtk_file_chooser_get_file (wait->chooser);
  g_autoptr (GFile) parent = file != NULL ? g_file_get_parent (file) : NULL;

  return parent != NULL && g_file_equal (parent, wait->folder);
}

static void
activate_cb (GApplication *app, Fixture *fixture)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  AdwViewStack *stack;

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  fixture->window = PURATAN_WINDOW (windows->data);
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *) &fixture->window);
  stack = puratan_window_get_stack (fixture->window);
  adw_view_stack_set_visible_child_name (stack, "design");
  fixture->view = PURATAN_DESIGN_VIEW (adw_view_stack_get_child_by_name (stack, "design"));

  fixture->func (fixture);

  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_null (fixture->window);
}

static void
open_cb (GApplication *app, GFile **files, int n_files, const char *hint, Fixture *fixture)
{
  activate_cb (app, fixture);
}

/* Runs the studio as main() does with @argv (NULL for none) and calls @func once its window
 * is up; with a file in @argv that is after the application opened it. */
static void
run_studio (Fixture *fixture, const char *const *argv, FixtureFunc func)
{
  int argc = argv != NULL ? (int) g_strv_length ((char **) argv) : 0;
  int status;

  fixture->func = func;
  fixture->app = puratan_application_new ();
  g_application_set_flags (G_APPLICATION (fixture->app),
                           g_application_get_flags (G_APPLICATION (fixture->app)) |
                               G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (activate_cb), fixture);
  g_signal_connect_after (fixture->app, "open", G_CALLBACK (open_cb), fixture);
  status = g_application_run (G_APPLICATION (fixture->app), argc, (char **) argv);
  g_assert_cmpint (status, ==, 0);
  g_clear_object (&fixture->app);
}

static void
fixture_init (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("design-view-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *fixture)
{
  g_autoptr (GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr (GFileEnumerator) children =
      g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (dir, g_file_info_get_name (info));
      g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Clicks the gallery's button for @name once the templates are read. */
static gboolean
find_named_button (GtkWidget *widget, const char *name, GtkWidget **found)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    {
      *found = widget;
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_named_button (child, name, found))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GtkWidget *root;
  const char *name;
  GtkWidget *found;
} ButtonLookup;

static gboolean
button_shown (gpointer data)
{
  ButtonLookup *lookup = data;

  return find_named_button (lookup->root, lookup->name, &lookup->found);
}

static void
new_from_gallery (Fixture *fixture, const char *template_name)
{
  ButtonLookup lookup = { GTK_WIDGET (fixture->view), template_name, NULL };

  iterate_until (button_shown, &lookup);
  g_assert_true (gtk_widget_activate (lookup.found));
  iterate_until (has_document, fixture->view);
}

/* The id of the first text item on page 1 whose text contains @needle. */
static const char *
find_text_item (PuratanDocument *document, const char *needle)
{
  const PuratanDocPage *page = puratan_document_get_page (document, 0);

  for (guint i = 0; i < page->items->len; i++)
    {
      const PuratanDocItem *item = page->items->pdata[i];

      if (item->kind == PURATAN_DOC_ITEM_TEXT && strstr (item->text, needle) != NULL)
        return item->id;
    }
  return NULL;
}

static const char *
first_text_item (PuratanDocument *document)
{
  return find_text_item (document, "");
}

/* Edits a text item's words through the document, as the properties panel and the text
 * tool do. */
static void
edit_text (PuratanDocument *document, const char *id, const char *text)
{
  g_autoptr (GError) error = NULL;
  PuratanDocItem *item;

  puratan_document_begin_step (document, "Edit Text");
  item = puratan_document_edit_item (document, 0, id, &error);
  g_assert_no_error (error);
  g_free (item->text);
  item->text = g_strdup (text);
  puratan_document_end_step (document);
}

static GtkWidget *
header_button (Fixture *fixture, const char *tooltip_prefix)
{
  GtkWidget *start = puratan_design_view_get_header_widget (fixture->view, GTK_PACK_START);
  GtkWidget *linked = gtk_widget_get_first_child (start);

  for (GtkWidget *button = gtk_widget_get_first_child (linked); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    if (g_str_has_prefix (gtk_widget_get_tooltip_text (button), tooltip_prefix))
      return button;
  g_assert_not_reached ();
}

static void
iterate_idle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Done-when steps 1 to 5, then a save through the file chooser. */
static void
check_workflow (Fixture *fixture)
{
  PuratanDesignView *view = fixture->view;
  PuratanDocument *document;
  const PuratanDocPage *page;
  const char *name_id;
  const PuratanDocItem *photo;
  const PuratanDocAsset *asset;
  g_autofree char *photo_id = NULL;
  g_autofree char *photo_path =
      g_test_build_filename (G_TEST_DIST, "ui", "data", "coffee.jpg", NULL);
  g_autoptr (GFile) photo_file = g_file_new_for_path (photo_path);
  g_autoptr (GError) error = NULL;
  GtkFileChooser *chooser;
  GtkWidget *undo;
  GtkWidget *redo;
  GtkWidget *header_start = puratan_design_view_get_header_widget (view, GTK_PACK_START);
  double x;
  double y;

  /* 1. A new business card from the gallery: the product's page, untitled and unchanged. */
  g_assert_true (gtk_widget_get_visible (header_start));
  new_from_gallery (fixture, "business-card");
  document = puratan_design_view_get_document (view);
  page = puratan_document_get_page (document, 0);
  g_assert_cmpfloat_with_epsilon (page->width, 85 * 72 / 25.4, 0.01);
  g_assert_cmpfloat_with_epsilon (page->height, 55 * 72 / 25.4, 0.01);
  g_assert_cmpstr (puratan_design_view_get_title (view), ==, "Untitled Design");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==,
                   "Untitled Design — Puratan Studio");
  undo = header_button (fixture, "Undo");
  redo = header_button (fixture, "Redo");
  g_assert_false (gtk_widget_get_sensitive (undo));
  g_assert_false (gtk_widget_get_sensitive (redo));

  /* 2. The name, edited as the properties panel does; the title marks the change. */
  name_id = find_text_item (document, TEMPLATE_NAME);
  g_assert_nonnull (name_id);
  g_assert_null (find_text_item (document, EDITED_NAME));
  edit_text (document, name_id, EDITED_NAME);
  iterate_idle ();
  g_assert_true (puratan_design_view_get_modified (view));
  g_assert_cmpstr (puratan_design_view_get_title (view), ==, "• Untitled Design");
  g_assert_true (gtk_widget_get_sensitive (undo));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, "Undo Edit Text");

  /* 3. A real photo, placed through the file chooser. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "design.place", NULL));
  chooser = wait_for_chooser (GTK_FILE_CHOOSER_ACTION_OPEN);
  gtk_file_chooser_set_file (chooser, photo_file, &error);
  g_assert_no_error (error);
  iterate_until (chooser_has_file, chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  iterate_until (has_one_selected, view);
  photo_id = g_strdup (puratan_selection_get_item (puratan_design_view_get_selection (view), 0));
  photo = puratan_document_lookup_item (document, 0, photo_id);
  g_assert_cmpint (photo->kind, ==, PURATAN_DOC_ITEM_IMAGE);
  asset = puratan_document_lookup_asset (document, photo->asset);
  g_assert_cmpstr (asset->mime, ==, "image/jpeg");
  g_assert_cmpint (asset->width, ==, 300);
  g_assert_cmpint (asset->height, ==, 200);
  /* 300 ppi, centred on the page */
  g_assert_cmpfloat_with_epsilon (photo->width, 72.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (photo->transform[4] + photo->width / 2, page->width / 2, 1e-9);

  /* 4. Moved, as one step of a drag. */
  x = photo->transform[4];
  y = photo->transform[5];
  puratan_document_begin_step (document, "Move");
  for (int i = 0; i < 5; i++)
    {
      g_assert_true (puratan_document_move_item (document, 0, photo_id, 6, -2, &error));
      g_assert_no_error (error);
    }
  puratan_document_end_step (document);
  iterate_idle ();
  photo = puratan_document_lookup_item (document, 0, photo_id);
  g_assert_cmpfloat (photo->transform[4], ==, x + 30);
  g_assert_cmpfloat (photo->transform[5], ==, y - 10);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, "Undo Move");

  /* 5. Undo and redo from the header bar. */
  g_signal_emit_by_name (undo, "clicked");
  iterate_idle ();
  photo = puratan_document_lookup_item (document, 0, photo_id);
  g_assert_cmpfloat (photo->transform[4], ==, x);
  g_assert_cmpfloat (photo->transform[5], ==, y);
  g_assert_true (gtk_widget_get_sensitive (redo));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (undo), ==, "Undo Place");
  g_signal_emit_by_name (redo, "clicked");
  iterate_idle ();
  photo = puratan_document_lookup_item (document, 0, photo_id);
  g_assert_cmpfloat (photo->transform[4], ==, x + 30);
  g_assert_false (gtk_widget_get_sensitive (redo));

  /* 6. Saved through the file chooser, which adds the extension. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "design.save", NULL));
  chooser = wait_for_chooser (GTK_FILE_CHOOSER_ACTION_SAVE);
  {
    g_autoptr (GFile) folder = g_file_new_for_path (fixture->dir);
    FolderWait wait = { chooser, folder };

    /* The chooser loads its first folder in the background; ours must come after. */
    iterate_until (chooser_has_file, chooser);
    do
      {
        gtk_file_chooser_set_current_folder (chooser, folder, &error);
        g_assert_no_error (error);
        gtk_file_chooser_set_current_name (chooser, "meera-card");
        iterate_idle ();
      }
    while (!chooser_in_folder (&wait));
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  iterate_until (is_saved, view);
  g_assert_cmpstr (puratan_design_view_get_title (view), ==, "meera-card.pdesign");

  /* Nothing unsaved: the window closes without asking. */
  gtk_window_close (GTK_WINDOW (fixture->window));
  g_assert_null (fixture->window);
}

static void
check_reopened (Fixture *fixture)
{
  PuratanDocument *document = puratan_design_view_get_document (fixture->view);
  const PuratanDocPage *page;
  const PuratanDocItem *photo = NULL;
  g_autoptr (GBytes) thumbnail = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "meera-card.pdesign", NULL);
  g_autoptr (GError) error = NULL;

  iterate_until (has_document, fixture->view);
  document = puratan_design_view_get_document (fixture->view);
  g_assert_cmpstr (puratan_design_view_get_title (fixture->view), ==, "meera-card.pdesign");
  g_assert_false (puratan_design_view_get_modified (fixture->view));
  g_assert_nonnull (find_text_item (document, EDITED_NAME));
  page = puratan_document_get_page (document, 0);
  for (guint i = 0; i < page->items->len; i++)
    if (((PuratanDocItem *) page->items->pdata[i])->kind == PURATAN_DOC_ITEM_IMAGE)
      photo = page->items->pdata[i];
  g_assert_nonnull (photo);
  g_assert_cmpfloat_with_epsilon (photo->transform[4] + photo->width / 2, page->width / 2 + 30,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (photo->transform[5] + photo->height / 2, page->height / 2 - 10,
                                  1e-9);

  /* The save wrote the renderer's thumbnail into the file. */
  thumbnail = puratan_document_read_thumbnail (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (thumbnail, NULL), "\x89PNG"));
}

static void
test_workflow (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = NULL;
  const char *argv[] = { "puratan-studio", NULL, NULL };

  fixture_init (&fixture);
  run_studio (&fixture, NULL, check_workflow);
  path = g_build_filename (fixture.dir, "meera-card.pdesign", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Reopened from the command line, as `puratan-studio FILE.pdesign` does. */
  argv[1] = path;
  run_studio (&fixture, argv, check_reopened);
  fixture_clear (&fixture);
}

/* A damaged file: a clear error, no crash, nothing replaced. */
static void
check_corrupt (Fixture *fixture)
{
  AdwMessageDialog *dialog = wait_for_dialog ("Cannot Open “damaged.pdesign”");
  const char *body = adw_message_dialog_get_body (dialog);

  g_assert_nonnull (strstr (body, "damaged or is not a Puratan design"));
  g_assert_null (puratan_design_view_get_document (fixture->view));
  g_assert_cmpstr (puratan_design_view_get_title (fixture->view), ==, "");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_corrupt_file (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "puratan-studio", NULL, NULL };

  fixture_init (&fixture);
  path = g_build_filename (fixture.dir, "damaged.pdesign", NULL);
  g_file_set_contents (path, "SQLite format 3\nbut then a price list, not a design.\n", -1, &error);
  g_assert_no_error (error);
  argv[1] = path;
  run_studio (&fixture, argv, check_corrupt);
  fixture_clear (&fixture);
}

static gboolean
window_gone (gpointer data)
{
  return ((Fixture *) data)->window == NULL;
}

/* Closing with unsaved changes asks; Cancel keeps the window, Discard closes it. */
static void
check_close_asks (Fixture *fixture)
{
  PuratanDocument *document;
  AdwMessageDialog *dialog;

  new_from_gallery (fixture, "a5-flyer");
  document = puratan_design_view_get_document (fixture->view);
  edit_text (document, first_text_item (document), "Diwali sale");
  iterate_idle ();

  gtk_window_close (GTK_WINDOW (fixture->window));
  dialog = wait_for_dialog ("Save Changes?");
  g_assert_nonnull (fixture->window);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Untitled Design"));
  adw_message_dialog_response (dialog, "cancel");
  iterate_idle ();
  g_assert_nonnull (fixture->window);
  g_assert_true (puratan_design_view_get_modified (fixture->view));

  /* Replacing the design asks too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "design.close", NULL));
  dialog = wait_for_dialog ("Save Changes?");
  adw_message_dialog_response (dialog, "cancel");
  iterate_idle ();
  g_assert_true (puratan_design_view_get_document (fixture->view) == document);

  gtk_window_close (GTK_WINDOW (fixture->window));
  dialog = wait_for_dialog ("Save Changes?");
  adw_message_dialog_response (dialog, "discard");
  iterate_until (window_gone, fixture);
}

static void
test_close_asks (void)
{
  Fixture fixture = { 0 };
  g_autofree char *autosaves =
      g_build_filename (g_get_user_data_dir (), "puratan-studio", "autosave", NULL);
  g_autoptr (GDir) dir = NULL;

  fixture_init (&fixture);
  run_studio (&fixture, NULL, check_close_asks);
  /* Discarded work leaves no autosave behind to be offered back. */
  dir = g_dir_open (autosaves, 0, NULL);
  g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  fixture_clear (&fixture);
}

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

  iterate_until (has_document, fixture->view);
  document = puratan_design_view_get_document (fixture->view);
  puratan_design_view_set_autosave_delay (fixture->view, 100);
  g_signal_connect (fixture->view, "autosaved", G_CALLBACK (child_autosaved_cb), NULL);
  edit_text (document, find_text_item (document, TEMPLATE_NAME), EDITED_NAME);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
}

static int
run_child (const char *path)
{
  Fixture fixture = { 0 };
  const char *argv[] = { "puratan-studio", path, NULL };

  run_studio (&fixture, argv, child_edit);
  return 0;
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
  autosave = puratan_design_autosave_path (file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "design.save", NULL));
  iterate_until (is_saved, fixture->view);
  while (g_file_test (autosave, G_FILE_TEST_EXISTS))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_crash_recovery (void)
{
  Fixture fixture = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *autosave = NULL;
  g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "ui", "test-design-view", NULL);
  g_autofree char *template_dir =
      g_test_build_filename (G_TEST_DIST, "..", "data", "templates", NULL);
  g_autoptr (PuratanDocument) card = NULL;
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
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

  autosave = puratan_design_autosave_path (file);
  g_assert_true (g_file_test (autosave, G_FILE_TEST_IS_REGULAR));

  argv[1] = path;
  run_studio (&fixture, argv, check_recovered);
  {
    g_autoptr (PuratanDocument) saved = puratan_document_open (path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (find_text_item (saved, EDITED_NAME));
  }
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));
  fixture_clear (&fixture);
}

/* Every command has a shortcut on the view, and the shortcuts window lists it. */
static void
check_shortcuts (Fixture *fixture)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (fixture->window);
  g_autoptr (GtkBuilder) overlay =
      gtk_builder_new_from_resource ("/in/puratan/Studio/gtk/help-overlay.ui");
  g_autoptr (GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (fixture->view));
  GSList *objects = gtk_builder_get_objects (overlay);
  const char *action_name;
  GType owner;
  const GVariantType *parameter_type;
  const char *property_name;
  static const char *const without_shortcut[] = { "design.new-from-template", "design.show-panel",
                                                  NULL };
  guint commands = 0;

  g_assert_nonnull (gtk_application_window_get_help_overlay (window));
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerators = NULL;
        g_auto (GStrv) each = NULL;

        g_object_get (l->data, "accelerator", &accelerators, NULL);
        each = g_strsplit (accelerators != NULL ? accelerators : "", " ", -1);
        for (guint i = 0; each[i] != NULL; i++)
          {
            guint key;
            GdkModifierType mods;

            if (gtk_accelerator_parse (each[i], &key, &mods))
              g_hash_table_add (listed, gtk_accelerator_name (key, mods));
          }
      }
  g_slist_free (objects);

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *accel = NULL;
          guint key;
          GdkModifierType mods;

          if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger))
            continue;
          key = gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger));
          mods = gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger));
          accel = gtk_accelerator_name (key, mods);
          if (!g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                 "design."))
            continue;
          if (!g_hash_table_contains (listed, accel))
            g_error ("The shortcut %s of %s is not in the shortcuts window", accel,
                     gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)));
          g_hash_table_add (
              bound, g_strdup (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))));
        }
    }

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (fixture->view), i, &owner,
                                                   &action_name, &parameter_type, &property_name);
       i++)
    if (g_str_has_prefix (action_name, "design.") &&
        !g_strv_contains (without_shortcut, action_name))
      {
        if (!g_hash_table_contains (bound, action_name))
          g_error ("The command %s has no keyboard shortcut", action_name);
        commands++;
      }
  g_assert_cmpuint (commands, ==, g_hash_table_size (bound));
  g_assert_cmpuint (commands, ==, 23);
}

static void
test_shortcuts (void)
{
  Fixture fixture = { 0 };

  fixture_init (&fixture);
  run_studio (&fixture, NULL, check_shortcuts);
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
  static const char *const xdg[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                     "XDG_STATE_HOME" };
  g_autofree char *home = NULL;

  if (argc == 3 && g_str_equal (argv[1], CHILD_OPTION))
    return run_child (argv[2]);

  /* Private data, configuration and cache folders (autosaves, recent files), but the
   * system's data folders, where the MIME database and the icon theme live. The child
   * studio of the crash-recovery test inherits them. */
  home = g_dir_make_tmp ("design-view-home-XXXXXX", NULL);
  g_assert_nonnull (home);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg[i], NULL);
      g_setenv (xdg[i], dir, TRUE);
    }
  gtk_disable_setlocale ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/studio/design/mime-type", test_mime_type);
  g_test_add_func ("/studio/design/workflow", test_workflow);
  g_test_add_func ("/studio/design/corrupt-file", test_corrupt_file);
  g_test_add_func ("/studio/design/close-asks", test_close_asks);
  g_test_add_func ("/studio/design/crash-recovery", test_crash_recovery);
  g_test_add_func ("/studio/design/shortcuts", test_shortcuts);

  return g_test_run ();
}

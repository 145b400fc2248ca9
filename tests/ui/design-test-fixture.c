/* design-test-fixture.c: running the studio for the Design view's UI tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A test runs the studio as main() does and works the Design view as a designer would:
 * the template gallery, the file choosers, the dialogs that ask.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "design-test-fixture.h"

/* Iterates the main loop until @done says so; the test's own timeout guards a hang. */
void
iterate_until (gboolean (*done) (gpointer data), gpointer data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

gboolean
has_document (gpointer data)
{
  return puratan_design_view_get_document (data) != NULL;
}

gboolean
is_saved (gpointer data)
{
  return puratan_design_view_get_file (data) != NULL && !puratan_design_view_get_modified (data);
}

gboolean
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

AdwMessageDialog *
wait_for_dialog (const char *heading)
{
  Lookup lookup = { ADW_TYPE_MESSAGE_DIALOG, heading, NULL, -1 };

  iterate_until (toplevel_shown, &lookup);
  return ADW_MESSAGE_DIALOG (lookup.found);
}

/* The file chooser GtkFileChooserNative shows where there is no portal (as under Xvfb). */
GtkFileChooser *
wait_for_chooser (GtkFileChooserAction action)
{
  Lookup lookup = { GTK_TYPE_FILE_CHOOSER_DIALOG, NULL, NULL, action };

  iterate_until (toplevel_shown, &lookup);
  return GTK_FILE_CHOOSER (lookup.found);
}

gboolean
chooser_has_file (gpointer data)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

/* The save chooser names a file in @folder: it has taken the folder we gave it. */
gboolean
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
void
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

void
fixture_init (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("design-view-XXXXXX", &error);
  g_assert_no_error (error);
}

void
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

void
new_from_gallery (Fixture *fixture, const char *template_name)
{
  ButtonLookup lookup = { GTK_WIDGET (fixture->view), template_name, NULL };

  iterate_until (button_shown, &lookup);
  g_assert_true (gtk_widget_activate (lookup.found));
  iterate_until (has_document, fixture->view);
}

/* The id of the first text item on page 1 whose text contains @needle. */
const char *
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

const char *
first_text_item (PuratanDocument *document)
{
  return find_text_item (document, "");
}

/* Edits a text item's words through the document, as the properties panel and the text
 * tool do. */
void
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

GtkWidget *
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

void
iterate_idle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}
gboolean
window_gone (gpointer data)
{
  return ((Fixture *) data)->window == NULL;
}

/* Private data, configuration and cache folders (autosaves, recent files), but the
 * system's data folders, where the MIME database and the icon theme live. Child studios
 * inherit them. */
void
design_test_init (int *argc, char ***argv)
{
  static const char *const xdg[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                     "XDG_STATE_HOME" };
  g_autofree char *home = g_dir_make_tmp ("design-view-home-XXXXXX", NULL);

  g_assert_nonnull (home);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg[i], NULL);
      g_setenv (xdg[i], dir, TRUE);
    }
  gtk_disable_setlocale ();
  g_test_init (argc, argv, NULL);
}

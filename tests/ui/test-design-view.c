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

#include "design-test-fixture.h"
#include "puratan-export-dialog.h"
#include "puratan-preflight-panel.h"
#include "puratan-quote-panel.h"

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

  /* The saved design is among the recent files the start page lists. */
  {
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autofree char *uri = g_file_get_uri (file);
    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  }

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

  /* Quitting (Ctrl+Q) asks as closing does. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  dialog = wait_for_dialog ("Save Changes?");
  g_assert_nonnull (fixture->window);
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

static guint
n_items (PuratanDocument *document)
{
  return puratan_document_get_page (document, 0)->items->len;
}

static gboolean
action_enabled (Fixture *fixture, const char *name)
{
  /* A disabled action does not run: activating reports FALSE only for unknown names, so
   * look at the view's action group through the muxer the way widgets do. */
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), name);
  gtk_widget_set_parent (probe, GTK_WIDGET (fixture->view));
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  return enabled;
}

/* The commands on the selection, each through its action as its shortcut runs it. */
static void
check_commands (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  PuratanSelection *selection = puratan_design_view_get_selection (fixture->view);
  PuratanCanvas *canvas = puratan_design_view_get_canvas (fixture->view);
  PuratanDocument *document;
  g_autofree char *photo_path =
      g_test_build_filename (G_TEST_DIST, "ui", "data", "coffee.jpg", NULL);
  g_autoptr (GFile) photo_file = g_file_new_for_path (photo_path);
  GtkFileChooser *chooser;
  g_autoptr (GError) error = NULL;
  g_autofree char *photo_id = NULL;
  g_autofree char *group_id = NULL;
  const char *const *ids;
  guint before;
  double zoom;

  /* Nothing to work on before a design is open. */
  g_assert_false (action_enabled (fixture, "design.save"));
  g_assert_false (action_enabled (fixture, "design.paste"));
  new_from_gallery (fixture, "business-card");
  document = puratan_design_view_get_document (fixture->view);
  g_assert_true (action_enabled (fixture, "design.save"));
  g_assert_false (action_enabled (fixture, "design.copy"));
  g_assert_false (action_enabled (fixture, "design.undo"));

  /* Tools */
  g_assert_true (gtk_widget_activate_action (view, "design.tool", "s", "ellipse"));
  g_assert_cmpint (puratan_canvas_get_tool (canvas), ==, PURATAN_CANVAS_TOOL_ELLIPSE);
  g_assert_true (gtk_widget_activate_action (view, "design.tool", "s", "select"));
  g_assert_cmpint (puratan_canvas_get_tool (canvas), ==, PURATAN_CANVAS_TOOL_SELECT);

  /* Select all, then duplicate: copies of every item, offset, selected, one step. */
  before = n_items (document);
  g_assert_true (gtk_widget_activate_action (view, "design.select-all", NULL));
  iterate_idle ();
  g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, before);
  g_assert_true (action_enabled (fixture, "design.group"));
  g_assert_true (gtk_widget_activate_action (view, "design.duplicate", NULL));
  iterate_idle ();
  g_assert_cmpuint (n_items (document), ==, 2 * before);
  g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, before);
  g_assert_false (puratan_selection_contains (selection, find_text_item (document, TEMPLATE_NAME)));
  g_assert_cmpstr (puratan_document_get_undo_label (document), ==, "Duplicate");

  /* Delete takes the copies away, undo brings them back. */
  g_assert_true (gtk_widget_activate_action (view, "design.delete", NULL));
  iterate_idle ();
  g_assert_cmpuint (n_items (document), ==, before);
  g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, 0);
  g_assert_true (gtk_widget_activate_action (view, "design.undo", NULL));
  iterate_idle ();
  g_assert_cmpuint (n_items (document), ==, 2 * before);
  g_assert_true (gtk_widget_activate_action (view, "design.undo", NULL));
  iterate_idle ();
  g_assert_cmpuint (n_items (document), ==, before);

  /* A photo, copied and pasted: the clipboard carries the image with it. */
  g_assert_true (gtk_widget_activate_action (view, "design.place", NULL));
  chooser = wait_for_chooser (GTK_FILE_CHOOSER_ACTION_OPEN);
  gtk_file_chooser_set_file (chooser, photo_file, &error);
  g_assert_no_error (error);
  iterate_until (chooser_has_file, chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  iterate_until (has_one_selected, fixture->view);
  photo_id = g_strdup (puratan_selection_get_item (selection, 0));
  g_assert_true (gtk_widget_activate_action (view, "design.copy", NULL));
  g_assert_true (gtk_widget_activate_action (view, "design.paste", NULL));
  iterate_until (has_one_selected, fixture->view);
  while (g_strcmp0 (puratan_selection_get_item (selection, 0), photo_id) == 0)
    g_main_context_iteration (NULL, TRUE);
  {
    const PuratanDocItem *original = puratan_document_lookup_item (document, 0, photo_id);
    const PuratanDocItem *pasted =
        puratan_document_lookup_item (document, 0, puratan_selection_get_item (selection, 0));

    g_assert_nonnull (pasted);
    g_assert_cmpint (pasted->kind, ==, PURATAN_DOC_ITEM_IMAGE);
    g_assert_cmpstr (pasted->asset, ==, original->asset);
    /* pasted over its original, it lands beside it */
    g_assert_cmpfloat (pasted->transform[4], ==, original->transform[4] + 10);
    g_assert_cmpstr (puratan_document_get_undo_label (document), ==, "Paste");
  }

  /* Into another design, after discarding this one: the photo arrives with its image. */
  g_assert_true (gtk_widget_activate_action (view, "design.cut", NULL));
  iterate_idle ();
  g_assert_cmpuint (n_items (document), ==, before + 1);
  g_assert_true (gtk_widget_activate_action (view, "design.close", NULL));
  {
    AdwMessageDialog *dialog = wait_for_dialog ("Save Changes?");
    adw_message_dialog_response (dialog, "discard");
  }
  while (puratan_design_view_get_document (fixture->view) != NULL)
    g_main_context_iteration (NULL, TRUE);
  new_from_gallery (fixture, "a5-flyer");
  document = puratan_design_view_get_document (fixture->view);
  before = n_items (document);
  g_assert_true (gtk_widget_activate_action (view, "design.paste", NULL));
  iterate_until (has_one_selected, fixture->view);
  g_assert_cmpuint (n_items (document), ==, before + 1);
  {
    const PuratanDocItem *pasted =
        puratan_document_lookup_item (document, 0, puratan_selection_get_item (selection, 0));
    const PuratanDocAsset *asset = puratan_document_lookup_asset (document, pasted->asset);

    g_assert_nonnull (asset);
    g_assert_cmpint (asset->width, ==, 300);
  }

  /* Group the name and the job title, align them, ungroup. */
  {
    const char *pair[] = { find_text_item (document, "Grand Opening"), NULL, NULL };
    const PuratanDocPage *page = puratan_document_get_page (document, 0);

    for (guint i = 0; i < page->items->len && pair[1] == NULL; i++)
      {
        const PuratanDocItem *item = page->items->pdata[i];
        if (item->kind == PURATAN_DOC_ITEM_TEXT && g_strcmp0 (item->id, pair[0]) != 0)
          pair[1] = item->id;
      }
    g_assert_nonnull (pair[0]);
    g_assert_nonnull (pair[1]);
    puratan_selection_set_ids (selection, pair);
    iterate_idle ();
    g_assert_true (gtk_widget_activate_action (view, "design.align", "s", "right"));
    iterate_idle ();
    {
      const PuratanDocItem *a = puratan_document_lookup_item (document, 0, pair[0]);
      const PuratanDocItem *b = puratan_document_lookup_item (document, 0, pair[1]);
      g_assert_cmpfloat_with_epsilon (a->transform[4] + a->width, b->transform[4] + b->width, 1e-9);
    }
    g_assert_true (gtk_widget_activate_action (view, "design.group", NULL));
    iterate_idle ();
    ids = puratan_selection_get_ids (selection);
    g_assert_cmpuint (g_strv_length ((char **) ids), ==, 1);
    group_id = g_strdup (ids[0]);
    g_assert_cmpint (puratan_document_lookup_item (document, 0, group_id)->kind, ==,
                     PURATAN_DOC_ITEM_GROUP);
    g_assert_true (action_enabled (fixture, "design.ungroup"));
    g_assert_true (gtk_widget_activate_action (view, "design.ungroup", NULL));
    iterate_idle ();
    g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, 2);
    g_assert_null (puratan_document_lookup_item (document, 0, group_id));
  }

  /* Zoom */
  g_assert_true (gtk_widget_activate_action (view, "design.zoom-actual", NULL));
  g_assert_cmpfloat (puratan_canvas_get_zoom (canvas), ==, 1.0);
  g_assert_true (gtk_widget_activate_action (view, "design.zoom-fit", NULL));
  zoom = puratan_canvas_get_zoom (canvas);
  g_assert_cmpfloat (zoom, !=, 1.0);

  /* The sidebar hides and shows; the preflight badge shows counts and leads to the
   * Preflight page. */
  {
    GtkWidget *end = puratan_design_view_get_header_widget (fixture->view, GTK_PACK_END);
    GtkWidget *badge = gtk_widget_get_first_child (end);
    GtkStack *sidebar = NULL;
    GtkWidget *w = view;

    puratan_design_view_set_preflight_counts (fixture->view, 0, 2);
    g_assert_true (gtk_widget_get_visible (badge));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (badge)), ==, "0 ✕  2 ⚠");
    g_assert_true (gtk_widget_has_css_class (badge, "warning"));
    for (w = gtk_widget_get_first_child (view); w != NULL && sidebar == NULL;)
      {
        if (GTK_IS_STACK (w) &&
            g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)), "sidebar") == 0)
          sidebar = GTK_STACK (w);
        else if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w) == view ? NULL : gtk_widget_get_parent (w);
            if (w != NULL)
              w = gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (sidebar);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar), ==, "pages");
    g_signal_emit_by_name (badge, "clicked");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (sidebar), ==, "preflight");

    /* A panel dropped into a page shares the selection and follows the ruler unit; a
     * second canvas has both properties, as the panels do. */
    {
      GtkWidget *panel = puratan_canvas_new ();

      puratan_design_view_set_panel (fixture->view, "layers", panel);
      g_assert_true (gtk_stack_get_child_by_name (sidebar, "layers") == panel);
      g_assert_cmpstr (gtk_stack_page_get_title (gtk_stack_get_page (sidebar, panel)), ==,
                       "Layers");
      g_assert_true (puratan_canvas_get_selection (PURATAN_CANVAS (panel)) == selection);
      puratan_canvas_set_unit (canvas, PURATAN_UNIT_INCH);
      g_assert_cmpint (puratan_canvas_get_unit (PURATAN_CANVAS (panel)), ==, PURATAN_UNIT_INCH);
    }
    for (const char *const *name = (const char *const[]){ "pages", "layers", "properties",
                                                          "swatches", "quote", "preflight", NULL };
         *name != NULL; name++)
      g_assert_nonnull (gtk_stack_get_child_by_name (sidebar, *name));
  }

  /* The header controls belong to the Design view only. */
  {
    AdwViewStack *stack = puratan_window_get_stack (fixture->window);
    GtkWidget *start = puratan_design_view_get_header_widget (fixture->view, GTK_PACK_START);

    g_assert_true (gtk_widget_get_visible (start));
    adw_view_stack_set_visible_child_name (stack, "orders");
    g_assert_false (gtk_widget_get_visible (start));
    adw_view_stack_set_visible_child_name (stack, "design");
    g_assert_true (gtk_widget_get_visible (start));
  }

  gtk_window_close (GTK_WINDOW (fixture->window));
  adw_message_dialog_response (wait_for_dialog ("Save Changes?"), "discard");
  iterate_until (window_gone, fixture);
}

static void
test_commands (void)
{
  Fixture fixture = { 0 };

  fixture_init (&fixture);
  run_studio (&fixture, NULL, check_commands);
  fixture_clear (&fixture);
}

static GtkWidget *
find_widget (GtkWidget *widget, GType type, const char *key)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (key == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (widget), "key"), key) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, key);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
quote_loaded (gpointer data)
{
  return !puratan_quote_panel_is_loading (data) &&
         find_widget (data, ADW_TYPE_COMBO_ROW, "sides") != NULL;
}

static gboolean
export_dialog_shown (gpointer data)
{
  PuratanExportDialog **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && *dialog == NULL; i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PURATAN_IS_EXPORT_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        *dialog = PURATAN_EXPORT_DIALOG (toplevel);
    }
  return *dialog != NULL;
}

static gboolean
not_exporting (gpointer data)
{
  return !puratan_export_dialog_is_busy (data);
}

/* The panels follow the design's product; the Quote panel's choices go into the design;
 * a preflight finding selects and zooms; Export opens the dialog, whose preflight request
 * opens the PDF in the Preflight view. */
static void
check_panels (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (fixture->view);
  PuratanSelection *selection = puratan_design_view_get_selection (fixture->view);
  PuratanCanvas *canvas = puratan_design_view_get_canvas (fixture->view);
  PuratanQuotePanel *quote =
      PURATAN_QUOTE_PANEL (find_widget (view, PURATAN_TYPE_QUOTE_PANEL, NULL));
  PuratanPreflightPanel *preflight =
      PURATAN_PREFLIGHT_PANEL (find_widget (view, PURATAN_TYPE_PREFLIGHT_PANEL, NULL));
  PuratanExportDialog *dialog = NULL;
  PuratanDocument *document;
  AdwComboRow *sides;
  g_autoptr (GHashTable) options = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "card.pdf", NULL);
  g_autoptr (GFile) pdf_file = g_file_new_for_path (pdf);
  const char *const *values;
  double zoom;

  g_assert_nonnull (quote);
  g_assert_nonnull (preflight);
  g_assert_null (puratan_quote_panel_get_product (quote));
  new_from_gallery (fixture, "business-card");
  document = puratan_design_view_get_document (fixture->view);
  g_assert_cmpstr (puratan_quote_panel_get_product (quote), ==, "business-cards");
  g_assert_cmpstr (puratan_preflight_panel_get_product (preflight), ==, "business-cards");
  g_assert_cmpstr (puratan_document_get_product_option (document, "sides"), ==, "4/0");

  /* Another choice in the Quote panel is written into the design, as one undo step. */
  iterate_until (quote_loaded, quote);
  sides = ADW_COMBO_ROW (find_widget (GTK_WIDGET (quote), ADW_TYPE_COMBO_ROW, "sides"));
  values = g_object_get_data (G_OBJECT (sides), "values");
  for (guint v = 0; values[v] != NULL && chosen == NULL; v++)
    if (!g_str_equal (values[v], "4/0"))
      {
        chosen = g_strdup (values[v]);
        adw_combo_row_set_selected (sides, v);
      }
  g_assert_nonnull (chosen);
  g_assert_cmpstr (puratan_document_get_product_option (document, "sides"), ==, chosen);
  g_assert_true (puratan_design_view_get_modified (fixture->view));

  /* Undone from the header bar, as one step, the panel shows the template's choice again. */
  iterate_idle ();
  g_assert_cmpstr (gtk_widget_get_tooltip_text (header_button (fixture, "Undo")), ==,
                   "Undo Choose Options");
  g_signal_emit_by_name (header_button (fixture, "Undo"), "clicked");
  g_assert_cmpstr (puratan_document_get_product_option (document, "sides"), ==, "4/0");
  g_assert_false (puratan_document_can_undo (document));
  iterate_idle ();
  iterate_until (quote_loaded, quote);
  options = puratan_quote_panel_dup_options (quote);
  g_assert_cmpstr (g_hash_table_lookup (options, "sides"), ==, "4/0");

  /* A finding selects its item and zooms to it. */
  zoom = puratan_canvas_get_zoom (canvas);
  g_signal_emit_by_name (preflight, "finding-activated", 0u, 14.0, 56.0, 60.0, 20.0, "name");
  g_assert_true (puratan_selection_contains (selection, "name"));
  g_assert_cmpuint (puratan_selection_get_n_items (selection), ==, 1);
  g_assert_cmpfloat (puratan_canvas_get_zoom (canvas), >, zoom);

  /* Export (Ctrl+Shift+E) opens the dialog on this design. */
  g_assert_true (gtk_widget_activate_action (view, "design.export", NULL));
  iterate_until (export_dialog_shown, &dialog);
  iterate_until (not_exporting, dialog);
  puratan_export_dialog_set_file (dialog, pdf_file);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.run", NULL));
  iterate_until (not_exporting, dialog);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  /* "Preflight it" shows the PDF in the Preflight view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "export.preflight", NULL));
  iterate_idle ();
  g_assert_cmpstr (
      adw_view_stack_get_visible_child_name (puratan_window_get_stack (fixture->window)), ==,
      "preflight");

  gtk_window_close (GTK_WINDOW (fixture->window));
  adw_message_dialog_response (wait_for_dialog ("Save Changes?"), "discard");
  iterate_until (window_gone, fixture);
}

static void
test_panels (void)
{
  Fixture fixture = { 0 };

  fixture_init (&fixture);
  run_studio (&fixture, NULL, check_panels);
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
  g_assert_cmpuint (commands, ==, 24);
}

static void
test_shortcuts (void)
{
  Fixture fixture = { 0 };

  fixture_init (&fixture);
  run_studio (&fixture, NULL, check_shortcuts);
  fixture_clear (&fixture);
}

int
main (int argc, char *argv[])
{
  design_test_init (&argc, &argv);

  g_test_add_func ("/studio/design/workflow", test_workflow);
  g_test_add_func ("/studio/design/corrupt-file", test_corrupt_file);
  g_test_add_func ("/studio/design/close-asks", test_close_asks);
  g_test_add_func ("/studio/design/commands", test_commands);
  g_test_add_func ("/studio/design/shortcuts", test_shortcuts);
  g_test_add_func ("/studio/design/panels", test_panels);

  return g_test_run ();
}

/* test-pages-panel.c: the Design view's Pages panel under a real display
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "panel-test.h"
#include "puratan-pages-panel.h"

static gboolean
panel_idle (gpointer panel)
{
  return !puratan_pages_panel_is_busy (panel);
}

static void
wait_for_thumbnails (PanelFixture *fixture)
{
  panel_test_wait (panel_idle, fixture->panel, "the page thumbnails");
}

static void
fixture_set_up (PanelFixture *fixture, gconstpointer data)
{
  panel_fixture_show (fixture, puratan_pages_panel_new ());
  wait_for_thumbnails (fixture);
}

/* How many pixels of a page's thumbnail are dark (ink), as opposed to paper white. */
static guint
dark_pixels (PanelFixture *fixture, guint page)
{
  GdkTexture *texture =
      puratan_pages_panel_get_thumbnail (PURATAN_PAGES_PANEL (fixture->panel), page);
  int width, height;
  g_autofree guchar *pixels = NULL;
  guint dark = 0;

  g_assert_nonnull (texture);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    dark += pixels[i * 4] < 100 && pixels[i * 4 + 1] < 100 && pixels[i * 4 + 2] < 100;
  return dark;
}

static guint
n_rows (PanelFixture *fixture)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (panel_child (fixture, "page_list"), n) != NULL)
    n++;
  return n;
}

static void
activate (PanelFixture *fixture, const char *action)
{
  g_assert_true (gtk_widget_activate_action (fixture->panel, action, NULL));
  panel_test_settle ();
}

static void
add_box (PanelFixture *fixture, guint page, const char *id)
{
  PuratanDocItem *item = puratan_doc_item_new (PURATAN_DOC_ITEM_SHAPE);
  g_autoptr (GError) error = NULL;

  item->id = g_strdup (id);
  item->width = 100;
  item->height = 80;
  puratan_doc_item_set_position (item, 20, 20);
  puratan_doc_item_set_fill (item, "Black", 1);
  g_assert_nonnull (puratan_document_add_item (fixture->document, page, item, &error));
}

static void
test_thumbnails (PanelFixture *fixture, gconstpointer data)
{
  GdkTexture *first = puratan_pages_panel_get_thumbnail (PURATAN_PAGES_PANEL (fixture->panel), 0);
  g_autoptr (GdkTexture) kept = NULL;

  g_assert_cmpuint (n_rows (fixture), ==, 1);
  g_assert_nonnull (first);
  kept = g_object_ref (first);
  /* The card's black box shows; the bleed is part of the picture. */
  g_assert_cmpuint (dark_pixels (fixture, 0), >, 100);
  g_assert_cmpint (gdk_texture_get_width (first), ==, 224);

  activate (fixture, "pages.add");
  wait_for_thumbnails (fixture);
  g_assert_cmpuint (n_rows (fixture), ==, 2);
  g_assert_cmpuint (dark_pixels (fixture, 1), ==, 0);
  /* The unchanged page was not drawn again. */
  g_assert_true (puratan_pages_panel_get_thumbnail (PURATAN_PAGES_PANEL (fixture->panel), 0) ==
                 kept);

  /* A change on the new page redraws its thumbnail. */
  add_box (fixture, 1, "second");
  wait_for_thumbnails (fixture);
  g_assert_cmpuint (dark_pixels (fixture, 1), >, 100);
}

static void
test_add_select_remove (PanelFixture *fixture, gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;
  const PuratanDocPage *page;

  /* Added after the current page, at its size, as one step, and chosen. */
  activate (fixture, "pages.add");
  g_assert_cmpuint (puratan_document_get_n_pages (fixture->document), ==, 2);
  page = puratan_document_get_page (fixture->document, 1);
  g_assert_cmpfloat (page->width, ==, MM (85));
  g_assert_cmpfloat (page->bleed, ==, MM (3));
  g_assert_cmpuint (puratan_selection_get_page (fixture->selection), ==, 1);
  g_assert_cmpstr (puratan_document_get_undo_label (fixture->document), ==, "Add page");
  g_assert_true (gtk_list_box_row_is_selected (
      gtk_list_box_get_row_at_index (panel_child (fixture, "page_list"), 1)));
  g_assert_true (puratan_document_undo (fixture->document));
  panel_test_settle ();
  g_assert_cmpuint (puratan_document_get_n_pages (fixture->document), ==, 1);
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  g_assert_true (puratan_document_redo (fixture->document));
  panel_test_settle ();
  g_assert_cmpuint (n_rows (fixture), ==, 2);

  /* Choosing a thumbnail chooses the page. */
  gtk_list_box_select_row (panel_child (fixture, "page_list"),
                           gtk_list_box_get_row_at_index (panel_child (fixture, "page_list"), 0));
  g_assert_cmpuint (puratan_selection_get_page (fixture->selection), ==, 0);

  /* An empty page goes at once. */
  puratan_selection_set_page (fixture->selection, 1);
  activate (fixture, "pages.remove");
  g_assert_cmpuint (puratan_document_get_n_pages (fixture->document), ==, 1);
  g_assert_cmpuint (puratan_selection_get_page (fixture->selection), ==, 0);

  /* The last page stays. */
  activate (fixture, "pages.remove");
  g_assert_cmpuint (puratan_document_get_n_pages (fixture->document), ==, 1);

  /* A page with items goes after the designer confirms. */
  activate (fixture, "pages.add");
  puratan_selection_set_page (fixture->selection, 0);
  panel_test_settle ();
  activate (fixture, "pages.remove");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpuint (puratan_document_get_n_pages (fixture->document), ==, 2);
  adw_message_dialog_response (dialog, "remove");
  panel_test_settle ();
  g_assert_cmpuint (puratan_document_get_n_pages (fixture->document), ==, 1);
  g_assert_null (puratan_document_lookup_item (fixture->document, 0, "box"));
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_nonnull (puratan_document_lookup_item (fixture->document, 0, "box"));
}

static GtkDropTarget *
row_drop_target (PanelFixture *fixture, guint index)
{
  GtkWidget *row =
      GTK_WIDGET (gtk_list_box_get_row_at_index (panel_child (fixture, "page_list"), index));
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (row);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  g_assert_not_reached ();
}

static void
test_reorder (PanelFixture *fixture, gconstpointer data)
{
  g_auto (GValue) value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  activate (fixture, "pages.add");
  add_box (fixture, 1, "second");
  activate (fixture, "pages.add");
  add_box (fixture, 2, "third");
  panel_test_settle ();
  g_assert_cmpuint (puratan_selection_get_page (fixture->selection), ==, 2);

  /* Move the last page up: it becomes page 2, and stays the current page. */
  activate (fixture, "pages.move-up");
  g_assert_nonnull (puratan_document_lookup_item (fixture->document, 1, "third"));
  g_assert_nonnull (puratan_document_lookup_item (fixture->document, 2, "second"));
  g_assert_cmpuint (puratan_selection_get_page (fixture->selection), ==, 1);
  g_assert_true (puratan_document_undo (fixture->document));
  panel_test_settle ();
  g_assert_nonnull (puratan_document_lookup_item (fixture->document, 2, "third"));

  /* Dropping the first page's thumbnail on the last's moves it there. */
  g_value_init (&value, G_TYPE_UINT);
  g_value_set_uint (&value, 0);
  g_signal_emit_by_name (row_drop_target (fixture, 2), "drop", &value, 10.0, 10.0, &dropped);
  panel_test_settle ();
  g_assert_true (dropped);
  g_assert_nonnull (puratan_document_lookup_item (fixture->document, 2, "box"));
  g_assert_nonnull (puratan_document_lookup_item (fixture->document, 0, "second"));
  g_assert_cmpuint (puratan_selection_get_page (fixture->selection), ==, 2);
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_nonnull (puratan_document_lookup_item (fixture->document, 0, "box"));

  /* Moving down from the last page does nothing. */
  puratan_selection_set_page (fixture->selection, 2);
  activate (fixture, "pages.move-down");
  g_assert_nonnull (puratan_document_lookup_item (fixture->document, 2, "third"));
  wait_for_thumbnails (fixture);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func)                                                              \
  g_test_add ("/studio/pages-panel/" path, PanelFixture, NULL, fixture_set_up, func, \
              panel_fixture_tear_down)
  ADD ("thumbnails", test_thumbnails);
  ADD ("add-select-remove", test_add_select_remove);
  ADD ("reorder", test_reorder);
#undef ADD

  return g_test_run ();
}

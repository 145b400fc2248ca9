/* test-layers-panel.c: the Design view's Layers panel under a real display
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "panel-test.h"
#include "puratan-layers-panel.h"

static void
fixture_set_up (PanelFixture *fixture, gconstpointer data)
{
  panel_fixture_show (fixture, puratan_layers_panel_new ());
}

static GtkListBoxRow *
row_for (PanelFixture *fixture, const char *layer)
{
  GtkListBox *list = panel_child (fixture, "layer_list");

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "layer"), layer) == 0)
        return row;
    }
  g_assert_not_reached ();
}

static const char *
row_layer (PanelFixture *fixture, int index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (panel_child (fixture, "layer_list"), index);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "layer") : NULL;
}

/* The row's controls in order: visibility, lock, name. */
static GtkWidget *
row_control (PanelFixture *fixture, const char *layer, guint index)
{
  GtkWidget *child =
      gtk_widget_get_first_child (gtk_list_box_row_get_child (row_for (fixture, layer)));

  while (index-- > 0)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static const PuratanDocLayer *
layer (PanelFixture *fixture, const char *id)
{
  return puratan_document_lookup_layer (fixture->document, id);
}

static void
activate (PanelFixture *fixture, const char *action)
{
  g_assert_true (gtk_widget_activate_action (fixture->panel, action, NULL));
  panel_test_settle ();
}

static void
test_hide_and_lock (PanelFixture *fixture, gconstpointer data)
{
  GtkToggleButton *visible = GTK_TOGGLE_BUTTON (row_control (fixture, "artwork", 0));

  g_assert_true (gtk_toggle_button_get_active (visible));
  gtk_toggle_button_set_active (visible, FALSE);
  panel_test_settle ();
  g_assert_false (layer (fixture, "artwork")->visible);
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_true (layer (fixture, "artwork")->visible);
  panel_test_settle ();
  g_assert_true (
      gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (row_control (fixture, "artwork", 0))));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row_control (fixture, "artwork", 1)), TRUE);
  panel_test_settle ();
  g_assert_true (layer (fixture, "artwork")->locked);
  g_assert_true (layer (fixture, "artwork")->visible);
}

static void
test_add_reorder_remove (PanelFixture *fixture, gconstpointer data)
{
  PuratanLayersPanel *panel = PURATAN_LAYERS_PANEL (fixture->panel);
  AdwMessageDialog *dialog = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  activate (fixture, "layers.add");
  g_assert_nonnull (layer (fixture, "layer-1"));
  g_assert_cmpstr (layer (fixture, "layer-1")->name, ==, "Layer 1");
  g_assert_cmpstr (puratan_layers_panel_get_current_layer (panel), ==, "layer-1");
  /* Top first. */
  g_assert_cmpstr (row_layer (fixture, 0), ==, "layer-1");
  g_assert_cmpstr (row_layer (fixture, 1), ==, "artwork");
  g_assert_true (gtk_list_box_row_is_selected (row_for (fixture, "layer-1")));

  /* Moving Artwork up puts it on top, in the design and the list. */
  gtk_list_box_select_row (panel_child (fixture, "layer_list"), row_for (fixture, "artwork"));
  g_assert_cmpstr (puratan_layers_panel_get_current_layer (panel), ==, "artwork");
  /* The bottom layer cannot go lower. */
  activate (fixture, "layers.move-down");
  g_assert_cmpstr (
      ((PuratanDocLayer *) puratan_document_get_layers (fixture->document)->pdata[0])->id, ==,
      "artwork");
  activate (fixture, "layers.move-up");
  g_assert_cmpstr (
      ((PuratanDocLayer *) puratan_document_get_layers (fixture->document)->pdata[1])->id, ==,
      "artwork");
  g_assert_cmpstr (row_layer (fixture, 0), ==, "artwork");
  g_assert_true (puratan_document_undo (fixture->document));
  panel_test_settle ();
  g_assert_cmpstr (row_layer (fixture, 0), ==, "layer-1");
  activate (fixture, "layers.move-up");

  /* Removing Artwork, which holds items, asks first; cancelling keeps it. */
  activate (fixture, "layers.remove");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Its 2 items move to the layer “Layer 1”.");
  adw_message_dialog_response (dialog, "remove");
  panel_test_settle ();
  g_assert_null (layer (fixture, "artwork"));
  g_assert_cmpstr (panel_test_item (fixture, "box")->layer, ==, "layer-1");
  g_assert_cmpstr (puratan_layers_panel_get_current_layer (panel), ==, "layer-1");

  /* The last layer stays. */
  activate (fixture, "layers.remove");
  g_assert_cmpuint (puratan_document_get_layers (fixture->document)->len, ==, 1);

  /* An empty layer goes without asking. */
  activate (fixture, "layers.add");
  g_assert_cmpstr (puratan_layers_panel_get_current_layer (panel), ==, "layer-2");
  activate (fixture, "layers.remove");
  g_assert_null (layer (fixture, "layer-2"));
}

static void
test_rename_and_mark (PanelFixture *fixture, gconstpointer data)
{
  GtkEditableLabel *name = GTK_EDITABLE_LABEL (row_control (fixture, "artwork", 2));
  GtkWidget *mark;

  gtk_editable_label_start_editing (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "Front");
  gtk_editable_label_stop_editing (name, TRUE);
  panel_test_settle ();
  g_assert_cmpstr (layer (fixture, "artwork")->name, ==, "Front");

  name = GTK_EDITABLE_LABEL (row_control (fixture, "artwork", 2));
  gtk_editable_label_start_editing (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "  ");
  gtk_editable_label_stop_editing (name, TRUE);
  panel_test_settle ();
  g_assert_cmpstr (layer (fixture, "artwork")->name, ==, "Front");
  g_assert_nonnull (puratan_layers_panel_get_message (PURATAN_LAYERS_PANEL (fixture->panel)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row_control (fixture, "artwork", 2))), ==,
                   "Front");

  mark = row_control (fixture, "artwork", 3);
  g_assert_false (gtk_widget_get_visible (mark));
  puratan_selection_select_only (fixture->selection, "box");
  panel_test_settle ();
  g_assert_true (gtk_widget_get_visible (row_control (fixture, "artwork", 3)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func)                                                               \
  g_test_add ("/studio/layers-panel/" path, PanelFixture, NULL, fixture_set_up, func, \
              panel_fixture_tear_down)
  ADD ("hide-and-lock", test_hide_and_lock);
  ADD ("add-reorder-remove", test_add_reorder_remove);
  ADD ("rename-and-mark", test_rename_and_mark);
#undef ADD

  return g_test_run ();
}

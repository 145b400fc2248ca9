/* test-swatches-panel.c: the Design view's Swatches panel under a real display
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "panel-test.h"
#include "puratan-swatch-dialog.h"
#include "puratan-swatches-panel.h"

static gboolean
press_loaded (gpointer panel)
{
  return !puratan_swatches_panel_is_loading (panel);
}

static void
fixture_set_up (PanelFixture *fixture, gconstpointer data)
{
  panel_fixture_show (fixture, puratan_swatches_panel_new ());
  panel_test_wait (press_loaded, fixture->panel, "the press profile");
}

static GtkListBoxRow *
row_named (GtkListBox *list, const char *swatch, double tint)
{
  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      const double *row_tint = g_object_get_data (G_OBJECT (row), "tint");

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "swatch"), swatch) == 0 &&
          G_APPROX_VALUE (*row_tint, tint, 1e-6))
        return row;
    }
  return NULL;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* The first descendant of @widget of @type. */
static GtkWidget *
find_child (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_chips_through_press (PanelFixture *fixture, gconstpointer data)
{
  GtkListBox *list = panel_child (fixture, "swatch_list");
  GtkListBoxRow *black = row_named (list, "Black", 1);
  GtkWidget *chip;
  const double *rgb;

  g_assert_cmpuint (n_rows (list), ==, 2);
  g_assert_nonnull (black);
  g_assert_nonnull (row_named (list, "Paper", 1));
  chip = find_child (GTK_WIDGET (black), GTK_TYPE_DRAWING_AREA);
  rgb = g_object_get_data (G_OBJECT (chip), "rgb");
  g_assert_nonnull (rgb);
  /* 100 % K on coated stock prints as a dark gray, not as the screen's pure black. */
  g_assert_cmpfloat (rgb[0] + rgb[1] + rgb[2], >, 0.05);
  g_assert_cmpfloat (rgb[0] + rgb[1] + rgb[2], <, 1.0);
  g_assert_null (puratan_swatches_panel_get_message (PURATAN_SWATCHES_PANEL (fixture->panel)));
}

/* A click (an activation of the row) fills; the stroke action strokes. */
static void
test_click_applies_fill (PanelFixture *fixture, gconstpointer data)
{
  GtkListBox *list = panel_child (fixture, "swatch_list");
  GtkListBox *used = panel_child (fixture, "used_list");
  const char *both[] = { "box", "name", NULL };

  /* Nothing selected: the click says what to do. */
  gtk_widget_activate (GTK_WIDGET (row_named (list, "Paper", 1)));
  panel_test_settle ();
  g_assert_nonnull (puratan_swatches_panel_get_message (PURATAN_SWATCHES_PANEL (fixture->panel)));
  g_assert_cmpstr (panel_test_item (fixture, "box")->fill.swatch, ==, "Black");

  puratan_selection_set_ids (fixture->selection, both);
  panel_test_settle ();
  gtk_widget_activate (GTK_WIDGET (row_named (list, "Paper", 1)));
  panel_test_settle ();
  g_assert_cmpstr (panel_test_item (fixture, "box")->fill.swatch, ==, "Paper");
  g_assert_cmpstr (panel_test_item (fixture, "name")->fill.swatch, ==, "Paper");
  g_assert_cmpstr (puratan_document_get_undo_label (fixture->document), ==, "Set fill");
  g_assert_nonnull (row_named (used, "Paper", 1));
  g_assert_null (row_named (used, "Black", 1));

  g_assert_true (
      gtk_widget_activate_action (fixture->panel, "swatches.apply-stroke", "(sd)", "Black", 0.5));
  panel_test_settle ();
  g_assert_cmpstr (panel_test_item (fixture, "box")->stroke.swatch, ==, "Black");
  g_assert_cmpfloat (panel_test_item (fixture, "box")->stroke.tint, ==, 0.5);
  g_assert_nonnull (row_named (used, "Black", 0.5));

  /* Each application is one step. */
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_null (panel_test_item (fixture, "name")->stroke.swatch);
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_cmpstr (panel_test_item (fixture, "box")->fill.swatch, ==, "Black");
  g_assert_cmpstr (panel_test_item (fixture, "name")->fill.swatch, ==, "Black");
}

static PuratanSwatchDialog *
shown_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (PURATAN_IS_SWATCH_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return PURATAN_SWATCH_DIALOG (window);
    }
  g_assert_not_reached ();
}

static PuratanSwatchDialog *
open_dialog (PanelFixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (fixture->panel, "swatches.add", NULL));
  panel_test_settle ();
  return shown_dialog ();
}

static gpointer
dialog_child (PuratanSwatchDialog *dialog, const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (dialog), PURATAN_TYPE_SWATCH_DIALOG, name);
}

static void
test_add_swatch (PanelFixture *fixture, gconstpointer data)
{
  PuratanSwatchDialog *dialog = open_dialog (fixture);
  GtkListBox *list = panel_child (fixture, "swatch_list");
  const PuratanDocSwatch *gold;

  gtk_drop_down_set_selected (dialog_child (dialog, "model_dropdown"), 1);
  gtk_editable_set_text (dialog_child (dialog, "name_entry"), "PANTONE 871 C");
  gtk_spin_button_set_value (dialog_child (dialog, "value_spin_1"), 20);
  gtk_spin_button_set_value (dialog_child (dialog, "value_spin_2"), 60);
  gtk_spin_button_set_value (dialog_child (dialog, "value_spin_3"), 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "swatch.add", NULL));
  panel_test_settle ();
  gold = puratan_document_lookup_swatch (fixture->document, "PANTONE 871 C");
  g_assert_nonnull (gold);
  g_assert_cmpint (gold->model, ==, PURATAN_DOC_COLOR_SPOT);
  g_assert_cmpfloat_with_epsilon (gold->values[2], 0.6, 1e-9);
  g_assert_nonnull (row_named (list, "PANTONE 871 C", 1));
  g_assert_cmpuint (n_rows (list), ==, 3);
}

/* What the design cannot take is refused with a message, and the dialog stays open. */
static void
test_add_invalid_swatch (PanelFixture *fixture, gconstpointer data)
{
  PuratanSwatchDialog *dialog = open_dialog (fixture);
  GtkSpinButton *red = dialog_child (dialog, "value_spin_0");

  gtk_editable_set_text (dialog_child (dialog, "name_entry"), "Black");
  g_assert_false (puratan_swatch_dialog_add (dialog));
  g_assert_cmpstr (puratan_swatch_dialog_get_message (dialog), ==,
                   "The design already has a swatch named “Black”; choose another name");
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "message_label")));

  gtk_drop_down_set_selected (dialog_child (dialog, "model_dropdown"), 2);
  gtk_editable_set_text (dialog_child (dialog, "name_entry"), "Web red");
  gtk_editable_set_text (GTK_EDITABLE (red), "300");
  g_assert_false (puratan_swatch_dialog_add (dialog));
  g_assert_cmpstr (puratan_swatch_dialog_get_message (dialog), ==,
                   "Red (0–255) must be 0 to 255; 300 is outside");

  gtk_editable_set_text (dialog_child (dialog, "name_entry"), "  ");
  g_assert_false (puratan_swatch_dialog_add (dialog));
  g_assert_cmpstr (puratan_swatch_dialog_get_message (dialog), ==, "A swatch needs a name");

  panel_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (puratan_document_get_swatches (fixture->document)->len, ==, 2);
  g_assert_false (puratan_document_can_redo (fixture->document));

  /* Corrected, it goes in. */
  gtk_editable_set_text (dialog_child (dialog, "name_entry"), "Web red");
  gtk_editable_set_text (GTK_EDITABLE (red), "255");
  g_assert_true (puratan_swatch_dialog_add (dialog));
  g_assert_cmpint (puratan_document_lookup_swatch (fixture->document, "Web red")->model, ==,
                   PURATAN_DOC_COLOR_RGB);
}

/* Changing a swatch's name and values carries the name to the items painted with it. */
static void
test_edit_swatch (PanelFixture *fixture, gconstpointer data)
{
  GtkListBox *list = panel_child (fixture, "swatch_list");
  PuratanSwatchDialog *dialog;
  const PuratanDocSwatch *rich;

  g_assert_true (gtk_widget_activate_action (fixture->panel, "swatches.edit", "s", "Black"));
  panel_test_settle ();
  dialog = shown_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (dialog_child (dialog, "name_entry")), ==, "Black");
  g_assert_cmpfloat (gtk_spin_button_get_value (dialog_child (dialog, "value_spin_3")), ==, 100);

  /* Taking another swatch's name is refused; keeping its own is fine. */
  gtk_editable_set_text (dialog_child (dialog, "name_entry"), "Paper");
  g_assert_false (puratan_swatch_dialog_add (dialog));
  g_assert_nonnull (puratan_swatch_dialog_get_message (dialog));

  gtk_editable_set_text (dialog_child (dialog, "name_entry"), "Rich black");
  gtk_spin_button_set_value (dialog_child (dialog, "value_spin_0"), 60);
  g_assert_true (puratan_swatch_dialog_add (dialog));
  panel_test_settle ();
  rich = puratan_document_lookup_swatch (fixture->document, "Rich black");
  g_assert_nonnull (rich);
  g_assert_cmpfloat_with_epsilon (rich->values[0], 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (rich->values[3], 1.0, 1e-9);
  g_assert_null (puratan_document_lookup_swatch (fixture->document, "Black"));
  g_assert_cmpstr (panel_test_item (fixture, "box")->fill.swatch, ==, "Rich black");
  g_assert_nonnull (row_named (list, "Rich black", 1));
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_cmpstr (panel_test_item (fixture, "box")->fill.swatch, ==, "Black");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func)                                                                 \
  g_test_add ("/studio/swatches-panel/" path, PanelFixture, NULL, fixture_set_up, func, \
              panel_fixture_tear_down)
  ADD ("chips-through-press", test_chips_through_press);
  ADD ("click-applies-fill", test_click_applies_fill);
  ADD ("add-swatch", test_add_swatch);
  ADD ("add-invalid-swatch", test_add_invalid_swatch);
  ADD ("edit-swatch", test_edit_swatch);
#undef ADD

  return g_test_run ();
}

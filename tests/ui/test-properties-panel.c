/* test-properties-panel.c: the Design view's Properties panel under a real display
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "panel-test.h"
#include "puratan-properties-panel.h"

static void
fixture_set_up (PanelFixture *fixture, gconstpointer data)
{
  panel_fixture_show (fixture, puratan_properties_panel_new ());
}

static void
test_empty (PanelFixture *fixture, gconstpointer data)
{
  GtkStack *stack = panel_child (fixture, "stack");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  puratan_selection_select_only (fixture->selection, "box");
  panel_test_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "items");
  puratan_selection_clear (fixture->selection);
  panel_test_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
}

/* Position and size in millimetres, each edit one undo step. */
static void
test_move_resize_mm (PanelFixture *fixture, gconstpointer data)
{
  GtkSpinButton *x = panel_child (fixture, "x_spin");
  GtkSpinButton *width = panel_child (fixture, "width_spin");
  GtkSpinButton *height = panel_child (fixture, "height_spin");
  PuratanPropertiesPanel *panel = PURATAN_PROPERTIES_PANEL (fixture->panel);

  puratan_selection_select_only (fixture->selection, "box");
  panel_test_settle ();
  g_assert_cmpint (gtk_spin_button_get_digits (x), ==, 1);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (x), 10 / 72.0 * 25.4, 0.05);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (width), 50 / 72.0 * 25.4, 0.05);

  panel_test_type_spin (x, "20");
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "box")->transform[4], MM (20), 1e-9);
  g_assert_cmpstr (puratan_document_get_undo_label (fixture->document), ==, "Move");

  panel_test_type_spin (width, "30");
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "box")->width, MM (30), 1e-9);
  g_assert_cmpstr (puratan_document_get_undo_label (fixture->document), ==, "Resize");

  /* One undo per edit: the resize, then the move. */
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_cmpfloat (panel_test_item (fixture, "box")->width, ==, 50);
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "box")->transform[4], MM (20), 1e-9);
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_cmpfloat (panel_test_item (fixture, "box")->transform[4], ==, 10);
  panel_test_settle ();
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (x), 10 / 72.0 * 25.4, 0.05);

  /* A negative height is refused with a message and changes nothing. */
  panel_test_type_spin (height, "-5");
  g_assert_cmpfloat (panel_test_item (fixture, "box")->height, ==, 20);
  g_assert_cmpstr (puratan_properties_panel_get_message (panel), ==,
                   "The height must be more than 0 mm");
  g_assert_true (gtk_widget_get_visible (panel_child (fixture, "message_label")));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (height), 20 / 72.0 * 25.4, 0.05);

  /* The next good edit clears it. */
  panel_test_type_spin (height, "10");
  g_assert_null (puratan_properties_panel_get_message (panel));
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "box")->height, MM (10), 1e-9);
}

/* The same in inches, with the unit's own decimals. */
static void
test_move_resize_inch (PanelFixture *fixture, gconstpointer data)
{
  GtkSpinButton *y = panel_child (fixture, "y_spin");
  GtkSpinButton *height = panel_child (fixture, "height_spin");

  puratan_properties_panel_set_unit (PURATAN_PROPERTIES_PANEL (fixture->panel), PURATAN_UNIT_INCH);
  puratan_selection_select_only (fixture->selection, "box");
  panel_test_settle ();
  g_assert_cmpint (gtk_spin_button_get_digits (y), ==, 3);
  g_assert_cmpstr (gtk_label_get_text (panel_child (fixture, "y_unit")), ==, "in");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (y), 12 / 72.0, 0.0005);

  panel_test_type_spin (y, "0.5");
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "box")->transform[5], 36, 1e-9);
  panel_test_type_spin (height, "0.25");
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "box")->height, 18, 1e-9);
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_cmpfloat (panel_test_item (fixture, "box")->height, ==, 20);
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "box")->transform[5], 36, 1e-9);
}

/* Every selected item changes, in one step. */
static void
test_multi_selection (PanelFixture *fixture, gconstpointer data)
{
  const char *both[] = { "box", "name", NULL };
  GtkSpinButton *opacity = panel_child (fixture, "opacity_spin");
  GtkSpinButton *x = panel_child (fixture, "x_spin");

  puratan_selection_set_ids (fixture->selection, both);
  panel_test_settle ();
  g_assert_false (gtk_widget_get_visible (panel_child (fixture, "text_box")));
  panel_test_type_spin (x, "5");
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "box")->transform[4], MM (5), 1e-9);
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "name")->transform[4], MM (5), 1e-9);
  panel_test_type_spin (opacity, "40");
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "box")->opacity, 0.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (panel_test_item (fixture, "name")->opacity, 0.4, 1e-9);
  g_assert_true (puratan_document_undo (fixture->document));
  g_assert_cmpfloat (panel_test_item (fixture, "box")->opacity, ==, 1);
  g_assert_cmpfloat (panel_test_item (fixture, "name")->opacity, ==, 1);

  panel_test_type_spin (opacity, "140");
  g_assert_cmpfloat (panel_test_item (fixture, "box")->opacity, ==, 1);
  g_assert_cmpstr (puratan_properties_panel_get_message (PURATAN_PROPERTIES_PANEL (fixture->panel)),
                   ==, "Opacity is 0 % to 100 %");
}

/* Rotation turns about the frame's centre; fill and overprint apply. */
static void
test_rotation_and_paint (PanelFixture *fixture, gconstpointer data)
{
  const PuratanDocItem *box;
  GtkDropDown *fill = panel_child (fixture, "fill_dropdown");

  puratan_selection_select_only (fixture->selection, "box");
  panel_test_settle ();
  panel_test_type_spin (panel_child (fixture, "rotation_spin"), "90");
  box = panel_test_item (fixture, "box");
  g_assert_cmpfloat_with_epsilon (box->transform[1], 1, 1e-9);
  /* The centre (35, 22) stays where it was. */
  g_assert_cmpfloat_with_epsilon (
      box->transform[0] * 25 + box->transform[2] * 10 + box->transform[4], 35, 1e-9);
  g_assert_cmpfloat_with_epsilon (
      box->transform[1] * 25 + box->transform[3] * 10 + box->transform[5], 22, 1e-9);

  gtk_drop_down_set_selected (fill, 0);
  panel_test_settle ();
  g_assert_null (panel_test_item (fixture, "box")->fill.swatch);
  gtk_drop_down_set_selected (fill, 2);
  panel_test_settle ();
  g_assert_cmpstr (panel_test_item (fixture, "box")->fill.swatch, ==, "Paper");
  gtk_check_button_set_active (panel_child (fixture, "overprint_check"), TRUE);
  panel_test_settle ();
  g_assert_true (panel_test_item (fixture, "box")->overprint);
  g_assert_cmpstr (puratan_document_get_undo_label (fixture->document), ==, "Overprint");
}

static void
test_text (PanelFixture *fixture, gconstpointer data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (panel_child (fixture, "text_view"));
  GtkSpinButton *size = panel_child (fixture, "size_spin");
  GtkDropDown *font = panel_child (fixture, "font_dropdown");
  GtkStringObject *font_name;

  puratan_selection_select_only (fixture->selection, "name");
  panel_test_settle ();
  g_assert_true (gtk_widget_get_visible (panel_child (fixture, "text_box")));
  font_name = gtk_drop_down_get_selected_item (font);
  g_assert_nonnull (font_name);
  g_assert_cmpstr (gtk_string_object_get_string (font_name), ==, "DejaVu Sans");
  g_assert_cmpfloat (gtk_spin_button_get_value (size), ==, 11);

  panel_test_type_spin (size, "14");
  g_assert_cmpfloat (panel_test_item (fixture, "name")->font_size, ==, 14);
  panel_test_type_spin (size, "0");
  g_assert_cmpfloat (panel_test_item (fixture, "name")->font_size, ==, 14);
  g_assert_nonnull (
      puratan_properties_panel_get_message (PURATAN_PROPERTIES_PANEL (fixture->panel)));

  gtk_drop_down_set_selected (panel_child (fixture, "align_dropdown"), PURATAN_DOC_ALIGN_CENTER);
  panel_test_settle ();
  g_assert_cmpint (panel_test_item (fixture, "name")->align, ==, PURATAN_DOC_ALIGN_CENTER);
  gtk_drop_down_set_selected (panel_child (fixture, "weight_dropdown"), 5);
  panel_test_settle ();
  g_assert_cmpint (panel_test_item (fixture, "name")->font_weight, ==, 700);

  gtk_text_buffer_set_text (buffer, "आशा वर्मा", -1);
  g_assert_true (gtk_widget_activate_action (fixture->panel, "properties.set-text", NULL));
  panel_test_settle ();
  g_assert_cmpstr (panel_test_item (fixture, "name")->text, ==, "आशा वर्मा");
  g_assert_cmpstr (puratan_document_get_undo_label (fixture->document), ==, "Edit text");
}

/* A locked layer keeps its items as they are, and says so. */
static void
test_locked (PanelFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
      puratan_document_set_layer_flags (fixture->document, "artwork", TRUE, TRUE, TRUE, &error));
  puratan_selection_select_only (fixture->selection, "box");
  panel_test_settle ();
  panel_test_type_spin (panel_child (fixture, "x_spin"), "30");
  g_assert_cmpfloat (panel_test_item (fixture, "box")->transform[4], ==, 10);
  g_assert_nonnull (strstr (
      puratan_properties_panel_get_message (PURATAN_PROPERTIES_PANEL (fixture->panel)), "locked"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func)                                                                   \
  g_test_add ("/studio/properties-panel/" path, PanelFixture, NULL, fixture_set_up, func, \
              panel_fixture_tear_down)
  ADD ("empty", test_empty);
  ADD ("move-resize-mm", test_move_resize_mm);
  ADD ("move-resize-inch", test_move_resize_inch);
  ADD ("multi-selection", test_multi_selection);
  ADD ("rotation-and-paint", test_rotation_and_paint);
  ADD ("text", test_text);
  ADD ("locked", test_locked);
#undef ADD

  return g_test_run ();
}

/* puratan-properties-panel-private.h: internals shared by the Properties panel's files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-panel-watch.h"
#include "puratan-properties-panel.h"

G_BEGIN_DECLS

struct _PuratanPropertiesPanel
{
  AdwBin parent_instance;

  PuratanPanelWatch watch;
  PuratanUnit unit;
  gboolean updating; /* set while the panel writes the controls from the design */
  char *message;

  GtkStack *stack;
  GtkLabel *summary_label;
  GtkLabel *message_label;
  GtkSpinButton *x_spin;
  GtkSpinButton *y_spin;
  GtkSpinButton *width_spin;
  GtkSpinButton *height_spin;
  GtkSpinButton *rotation_spin;
  GtkLabel *x_unit;
  GtkLabel *y_unit;
  GtkLabel *width_unit;
  GtkLabel *height_unit;
  GtkDropDown *fill_dropdown;
  GtkSpinButton *fill_tint_spin;
  GtkDropDown *stroke_dropdown;
  GtkSpinButton *stroke_tint_spin;
  GtkSpinButton *stroke_width_spin;
  GtkSpinButton *opacity_spin;
  GtkCheckButton *overprint_check;
  GtkWidget *text_box;
  GtkDropDown *font_dropdown;
  GtkDropDown *weight_dropdown;
  GtkSpinButton *size_spin;
  GtkDropDown *align_dropdown;
  GtkTextView *text_view;

  GtkStringList *swatch_names; /* "None" then the design's swatches */
  GtkStringList *font_names;
};

/* Font weights offered, lightest first (puratan-properties-panel-edit.c). */
extern const int puratan_properties_weights[];
extern const guint puratan_properties_n_weights;

void puratan_properties_panel_show_message (PuratanPropertiesPanel *self, const char *message);
void puratan_properties_panel_connect_edits (PuratanPropertiesPanel *self);
void puratan_properties_panel_set_text (PuratanPropertiesPanel *self);
void puratan_properties_panel_overprint_toggled (PuratanPropertiesPanel *self);

G_END_DECLS

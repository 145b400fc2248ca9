/* puratan-properties-panel-edit.c: the Properties panel's edits of the selected items
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each control changes every selected item as one undo step, through the document's
 * puratan_document_edit_item(). A value the design cannot take (a negative width, a tint
 * over 100 %) is refused with a message that says what is allowed, and the control shows
 * the design's value again.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "puratan-properties-panel-private.h"

const int puratan_properties_weights[] = { 100, 300, 400, 500, 600, 700, 900 };
const guint puratan_properties_n_weights = G_N_ELEMENTS (puratan_properties_weights);

/* The largest length the design accepts on a page edge, in points (10 m). */
#define MAX_LENGTH_PT (10000.0 / 25.4 * 72.0)

typedef void (*EditFunc) (PuratanDocItem *item, gconstpointer data);

/* Whether any selected item is locked, itself or through its layer; sets the message. */
static gboolean
selection_locked (PuratanPropertiesPanel *self, PuratanDocument *document, guint page)
{
  PuratanSelection *selection = self->watch.selection;

  for (guint i = 0; i < puratan_selection_get_n_items (selection); i++)
    {
      const PuratanDocItem *item =
          puratan_document_lookup_item (document, page, puratan_selection_get_item (selection, i));
      const PuratanDocLayer *layer = item != NULL && item->layer != NULL
                                         ? puratan_document_lookup_layer (document, item->layer)
                                         : NULL;
      g_autofree char *message = NULL;

      if (item != NULL && item->locked)
        message = g_strdup (_ ("A selected item is locked; unlock it to change it"));
      else if (layer != NULL && layer->locked)
        message = g_strdup_printf (_ ("A selected item is on the locked layer “%s”; unlock the "
                                      "layer to change it"),
                                   layer->name);
      if (message != NULL)
        {
          puratan_properties_panel_show_message (self, message);
          return TRUE;
        }
    }
  return FALSE;
}

/* Applies @func to every selected item as one undo step named @label. */
static void
apply (PuratanPropertiesPanel *self, const char *label, EditFunc func, gconstpointer data)
{
  PuratanSelection *selection = self->watch.selection;
  PuratanDocument *document = selection != NULL ? puratan_selection_get_document (selection) : NULL;
  guint page = selection != NULL ? puratan_selection_get_page (selection) : 0;
  g_autoptr (GError) error = NULL;

  if (self->updating || document == NULL || puratan_selection_get_n_items (selection) == 0)
    return;
  if (selection_locked (self, document, page))
    {
      puratan_panel_watch_queue (&self->watch);
      return;
    }
  puratan_properties_panel_show_message (self, NULL);
  puratan_document_begin_step (document, label);
  for (guint i = 0; i < puratan_selection_get_n_items (selection) && error == NULL; i++)
    {
      PuratanDocItem *item = puratan_document_edit_item (
          document, page, puratan_selection_get_item (selection, i), &error);
      if (item != NULL)
        func (item, data);
    }
  puratan_document_end_step (document);
  if (error != NULL)
    puratan_properties_panel_show_message (self, error->message);
}

/* Refuses a value: says why and shows the design's value again. */
static void
refuse (PuratanPropertiesPanel *self, const char *message)
{
  puratan_properties_panel_show_message (self, message);
  puratan_panel_watch_queue (&self->watch);
}

static double
spin_value (GtkSpinButton *spin)
{
  return gtk_spin_button_get_value (spin);
}

static void
edit_x (PuratanDocItem *item, gconstpointer data)
{
  item->transform[4] = *(const double *) data;
}

static void
edit_y (PuratanDocItem *item, gconstpointer data)
{
  item->transform[5] = *(const double *) data;
}

static void
edit_width (PuratanDocItem *item, gconstpointer data)
{
  double scale = hypot (item->transform[0], item->transform[1]);

  item->width = *(const double *) data / (scale > 0 ? scale : 1);
}

static void
edit_height (PuratanDocItem *item, gconstpointer data)
{
  double scale = hypot (item->transform[2], item->transform[3]);

  item->height = *(const double *) data / (scale > 0 ? scale : 1);
}

/* Turns the item to @data degrees about the centre of its frame, keeping its scale. */
static void
edit_rotation (PuratanDocItem *item, gconstpointer data)
{
  double *m = item->transform;
  double radians = *(const double *) data * G_PI / 180.0;
  double sx = hypot (m[0], m[1]), sy = hypot (m[2], m[3]);
  double cx = m[0] * item->width / 2 + m[2] * item->height / 2 + m[4];
  double cy = m[1] * item->width / 2 + m[3] * item->height / 2 + m[5];

  m[0] = sx * cos (radians);
  m[1] = sx * sin (radians);
  m[2] = -sy * sin (radians);
  m[3] = sy * cos (radians);
  m[4] = cx - (m[0] * item->width / 2 + m[2] * item->height / 2);
  m[5] = cy - (m[1] * item->width / 2 + m[3] * item->height / 2);
}

static void
position_changed_cb (GtkSpinButton *spin, PuratanPropertiesPanel *self)
{
  double points = puratan_unit_to_points (self->unit, spin_value (spin));

  if (self->updating)
    return;
  if (fabs (points) > MAX_LENGTH_PT)
    {
      refuse (self, _ ("A position must lie within 10 m of the page"));
      return;
    }
  apply (self, _ ("Move"), spin == self->x_spin ? edit_x : edit_y, &points);
}

static gboolean
selection_all_lines (PuratanPropertiesPanel *self)
{
  PuratanSelection *selection = self->watch.selection;
  PuratanDocument *document = puratan_selection_get_document (selection);
  guint page = puratan_selection_get_page (selection);

  for (guint i = 0; i < puratan_selection_get_n_items (selection); i++)
    {
      const PuratanDocItem *item =
          puratan_document_lookup_item (document, page, puratan_selection_get_item (selection, i));
      if (item != NULL &&
          !(item->kind == PURATAN_DOC_ITEM_SHAPE && item->shape == PURATAN_DOC_SHAPE_LINE))
        return FALSE;
    }
  return TRUE;
}

static void
size_changed_cb (GtkSpinButton *spin, PuratanPropertiesPanel *self)
{
  gboolean width = spin == self->width_spin;
  double value = spin_value (spin);
  double points = puratan_unit_to_points (self->unit, value);

  if (self->updating || self->watch.selection == NULL ||
      puratan_selection_get_document (self->watch.selection) == NULL)
    return;
  if (value < 0 || (value == 0 && !selection_all_lines (self)))
    {
      g_autofree char *message = g_strdup_printf (width ? _ ("The width must be more than 0 %s")
                                                        : _ ("The height must be more than 0 %s"),
                                                  puratan_unit_get_symbol (self->unit));
      refuse (self, message);
      return;
    }
  if (points > MAX_LENGTH_PT)
    {
      refuse (self, _ ("An item can be at most 10 m wide or high"));
      return;
    }
  apply (self, _ ("Resize"), width ? edit_width : edit_height, &points);
}

static void
rotation_changed_cb (GtkSpinButton *spin, PuratanPropertiesPanel *self)
{
  double degrees = fmod (spin_value (spin), 360.0);

  if (self->updating)
    return;
  apply (self, _ ("Rotate"), edit_rotation, &degrees);
}

typedef struct
{
  gboolean stroke;
  const char *swatch; /* NULL for no paint */
  double tint;        /* < 0 to keep each item's own */
} PaintEdit;

static void
edit_paint (PuratanDocItem *item, gconstpointer data)
{
  const PaintEdit *edit = data;
  PuratanDocPaint *paint = edit->stroke ? &item->stroke : &item->fill;
  double tint = edit->tint >= 0 ? edit->tint : paint->tint;

  /* A paint that had no swatch had no tint either: a new swatch starts solid. */
  if (tint <= 0 || paint->swatch == NULL)
    tint = 1.0;
  if (edit->stroke)
    puratan_doc_item_set_stroke (item, edit->swatch, tint);
  else
    puratan_doc_item_set_fill (item, edit->swatch, tint);
}

static void
swatch_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, PuratanPropertiesPanel *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);
  PaintEdit edit = { dropdown == self->stroke_dropdown, NULL, -1 };

  if (self->updating || position == GTK_INVALID_LIST_POSITION)
    return;
  if (position > 0)
    edit.swatch = gtk_string_list_get_string (self->swatch_names, position);
  apply (self, edit.stroke ? _ ("Set stroke") : _ ("Set fill"), edit_paint, &edit);
}

/* A tint keeps each item's swatch. */
static void
edit_tint (PuratanDocItem *item, gconstpointer data)
{
  const PaintEdit *edit = data;
  PuratanDocPaint *paint = edit->stroke ? &item->stroke : &item->fill;

  paint->tint = edit->tint;
}

static void
tint_changed_cb (GtkSpinButton *spin, PuratanPropertiesPanel *self)
{
  double value = spin_value (spin);
  PaintEdit edit = { spin == self->stroke_tint_spin, NULL, value / 100.0 };

  if (self->updating)
    return;
  if (!(value > 0 && value <= 100))
    {
      refuse (self, _ ("A tint is more than 0 % and at most 100 %"));
      return;
    }
  apply (self, _ ("Set tint"), edit_tint, &edit);
}

static void
edit_stroke_width (PuratanDocItem *item, gconstpointer data)
{
  item->stroke_width = *(const double *) data;
}

static void
stroke_width_changed_cb (GtkSpinButton *spin, PuratanPropertiesPanel *self)
{
  double value = spin_value (spin);

  if (self->updating)
    return;
  if (!(value >= 0 && value <= 1000))
    {
      refuse (self, _ ("A stroke is 0 to 1000 pt wide"));
      return;
    }
  apply (self, _ ("Set stroke width"), edit_stroke_width, &value);
}

static void
edit_opacity (PuratanDocItem *item, gconstpointer data)
{
  item->opacity = *(const double *) data;
}

static void
opacity_changed_cb (GtkSpinButton *spin, PuratanPropertiesPanel *self)
{
  double value = spin_value (spin);
  double opacity = value / 100.0;

  if (self->updating)
    return;
  if (!(value >= 0 && value <= 100))
    {
      refuse (self, _ ("Opacity is 0 % to 100 %"));
      return;
    }
  apply (self, _ ("Set opacity"), edit_opacity, &opacity);
}

static void
edit_overprint (PuratanDocItem *item, gconstpointer data)
{
  item->overprint = *(const gboolean *) data;
}

/**
 * puratan_properties_panel_overprint_toggled:
 * @self: the panel
 *
 * Sets or clears overprint on every selected item from the check button.
 */
void
puratan_properties_panel_overprint_toggled (PuratanPropertiesPanel *self)
{
  gboolean active = gtk_check_button_get_active (self->overprint_check);

  apply (self, active ? _ ("Overprint") : _ ("Knock out"), edit_overprint, &active);
}

static void
edit_font (PuratanDocItem *item, gconstpointer data)
{
  g_free (item->font_family);
  item->font_family = g_strdup (data);
}

static void
font_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, PuratanPropertiesPanel *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->updating || position == GTK_INVALID_LIST_POSITION)
    return;
  apply (self, _ ("Set font"), edit_font, gtk_string_list_get_string (self->font_names, position));
}

static void
edit_weight (PuratanDocItem *item, gconstpointer data)
{
  item->font_weight = *(const int *) data;
}

static void
weight_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, PuratanPropertiesPanel *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->updating || position >= puratan_properties_n_weights)
    return;
  apply (self, _ ("Set weight"), edit_weight, &puratan_properties_weights[position]);
}

static void
edit_font_size (PuratanDocItem *item, gconstpointer data)
{
  item->font_size = *(const double *) data;
}

static void
font_size_changed_cb (GtkSpinButton *spin, PuratanPropertiesPanel *self)
{
  double value = spin_value (spin);

  if (self->updating)
    return;
  if (!(value > 0 && value <= 1000))
    {
      refuse (self, _ ("A font size is more than 0 pt and at most 1000 pt"));
      return;
    }
  apply (self, _ ("Set font size"), edit_font_size, &value);
}

static void
edit_align (PuratanDocItem *item, gconstpointer data)
{
  item->align = *(const PuratanDocAlign *) data;
}

static void
align_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, PuratanPropertiesPanel *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);
  PuratanDocAlign align = position;

  if (self->updating || position > PURATAN_DOC_ALIGN_JUSTIFY)
    return;
  apply (self, _ ("Align text"), edit_align, &align);
}

static void
edit_text (PuratanDocItem *item, gconstpointer data)
{
  g_free (item->text);
  item->text = g_strdup (data);
}

/**
 * puratan_properties_panel_set_text:
 * @self: the panel
 *
 * Replaces the text of every selected text frame with the panel's text, as one step.
 */
void
puratan_properties_panel_set_text (PuratanPropertiesPanel *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  apply (self, _ ("Edit text"), edit_text, text);
}

/**
 * puratan_properties_panel_connect_edits:
 * @self: the panel
 *
 * Connects every control to its edit.
 */
/* GTK 4.8 names a drop-down from its label but not the button inside it, which is what
 * assistive technology lands on: the button gets the drop-down's name. */
static void
name_dropdown_button (GtkDropDown *dropdown, const char *name)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));

  if (GTK_IS_TOGGLE_BUTTON (button))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

void
puratan_properties_panel_connect_edits (PuratanPropertiesPanel *self)
{
  name_dropdown_button (self->fill_dropdown, _ ("Fill swatch"));
  name_dropdown_button (self->stroke_dropdown, _ ("Stroke swatch"));
  name_dropdown_button (self->font_dropdown, _ ("Font family"));
  name_dropdown_button (self->weight_dropdown, _ ("Font weight"));
  name_dropdown_button (self->align_dropdown, _ ("Text alignment"));
  g_signal_connect (self->x_spin, "value-changed", G_CALLBACK (position_changed_cb), self);
  g_signal_connect (self->y_spin, "value-changed", G_CALLBACK (position_changed_cb), self);
  g_signal_connect (self->width_spin, "value-changed", G_CALLBACK (size_changed_cb), self);
  g_signal_connect (self->height_spin, "value-changed", G_CALLBACK (size_changed_cb), self);
  g_signal_connect (self->rotation_spin, "value-changed", G_CALLBACK (rotation_changed_cb), self);
  g_signal_connect (self->fill_dropdown, "notify::selected", G_CALLBACK (swatch_selected_cb), self);
  g_signal_connect (self->stroke_dropdown, "notify::selected", G_CALLBACK (swatch_selected_cb),
                    self);
  g_signal_connect (self->fill_tint_spin, "value-changed", G_CALLBACK (tint_changed_cb), self);
  g_signal_connect (self->stroke_tint_spin, "value-changed", G_CALLBACK (tint_changed_cb), self);
  g_signal_connect (self->stroke_width_spin, "value-changed", G_CALLBACK (stroke_width_changed_cb),
                    self);
  g_signal_connect (self->opacity_spin, "value-changed", G_CALLBACK (opacity_changed_cb), self);
  g_signal_connect (self->font_dropdown, "notify::selected", G_CALLBACK (font_selected_cb), self);
  g_signal_connect (self->weight_dropdown, "notify::selected", G_CALLBACK (weight_selected_cb),
                    self);
  g_signal_connect (self->size_spin, "value-changed", G_CALLBACK (font_size_changed_cb), self);
  g_signal_connect (self->align_dropdown, "notify::selected", G_CALLBACK (align_selected_cb), self);
}

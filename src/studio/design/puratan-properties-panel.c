/* puratan-properties-panel.c: the Design view's panel of the selected items' properties
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the first selected item's position, size, rotation, paints, opacity and
 * overprint, and for text frames the font, size, alignment and text. What the designer
 * changes applies to every selected item as one undo step (puratan-properties-panel-edit.c).
 * Lengths are shown in the panel's unit; the design keeps points.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "puratan-properties-panel-private.h"

enum
{
  PROP_0,
  PROP_SELECTION,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PuratanPropertiesPanel, puratan_properties_panel, ADW_TYPE_BIN)

/**
 * puratan_properties_panel_show_message:
 * @self: the panel
 * @message: (nullable): what went wrong with the last edit, or %NULL to hide the message
 */
void
puratan_properties_panel_show_message (PuratanPropertiesPanel *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_spin (PuratanPropertiesPanel *self, GtkSpinButton *spin, double value)
{
  /* Rounded as shown, so that re-reading an untouched control changes nothing. */
  gtk_spin_button_set_value (spin, value);
}

static void
set_length_digits (PuratanPropertiesPanel *self)
{
  GtkSpinButton *spins[] = { self->x_spin, self->y_spin, self->width_spin, self->height_spin };
  GtkLabel *labels[] = { self->x_unit, self->y_unit, self->width_unit, self->height_unit };
  int digits = puratan_unit_get_digits (self->unit);
  double step = self->unit == PURATAN_UNIT_INCH ? 0.01 : 1.0;

  for (gsize i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      /* Wide ranges: out-of-range values are refused with a message, never clamped. */
      gtk_spin_button_set_range (spins[i], -100000, 100000);
      gtk_spin_button_set_digits (spins[i], digits);
      gtk_spin_button_set_increments (spins[i], step, step * 10);
      gtk_label_set_text (labels[i], puratan_unit_get_symbol (self->unit));
    }
}

/* Replaces the contents of @list with @names unless they are already equal. */
static void
sync_string_list (GtkStringList *list, GPtrArray *names)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  gboolean same = n == names->len;

  for (guint i = 0; same && i < n; i++)
    same = g_str_equal (gtk_string_list_get_string (list, i), names->pdata[i]);
  if (!same)
    {
      g_ptr_array_add (names, NULL);
      gtk_string_list_splice (list, 0, n, (const char *const *) names->pdata);
      g_ptr_array_remove_index (names, names->len - 1);
    }
}

static guint
find_string (GtkStringList *list, const char *text)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; text != NULL && i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (list, i), text))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
load_fonts (PuratanPropertiesPanel *self)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  PangoFontFamily **families = NULL;
  int n_families = 0;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->font_names)) > 0)
    return;
  pango_font_map_list_families (map, &families, &n_families);
  for (int i = 0; i < n_families; i++)
    g_ptr_array_add (names, (gpointer) pango_font_family_get_name (families[i]));
  g_ptr_array_sort (names, (GCompareFunc) g_utf8_collate);
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->font_names, 0, 0, (const char *const *) names->pdata);
  g_free (families);
}

static void
refresh_swatches (PuratanPropertiesPanel *self, PuratanDocument *document)
{
  GPtrArray *swatches = puratan_document_get_swatches (document);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) _ ("None"));
  for (guint i = 0; i < swatches->len; i++)
    g_ptr_array_add (names, ((PuratanDocSwatch *) swatches->pdata[i])->name);
  sync_string_list (self->swatch_names, names);
}

static void
set_paint (PuratanPropertiesPanel *self,
           GtkDropDown *dropdown,
           GtkSpinButton *tint,
           const PuratanDocPaint *paint)
{
  guint position = paint->swatch != NULL ? find_string (self->swatch_names, paint->swatch) : 0;

  gtk_drop_down_set_selected (dropdown, position);
  set_spin (self, tint, paint->tint * 100);
  gtk_widget_set_sensitive (GTK_WIDGET (tint), paint->swatch != NULL);
}

static guint
weight_position (int weight)
{
  guint best = 0;

  for (guint i = 1; i < puratan_properties_n_weights; i++)
    if (abs (puratan_properties_weights[i] - weight) <
        abs (puratan_properties_weights[best] - weight))
      best = i;
  return best;
}

static void
refresh_text (PuratanPropertiesPanel *self, const PuratanDocItem *item)
{
  guint font;

  load_fonts (self);
  font = find_string (self->font_names, item->font_family);
  if (font == GTK_INVALID_LIST_POSITION && item->font_family != NULL)
    {
      /* A font the design names but this computer lacks stays choosable. */
      gtk_string_list_append (self->font_names, item->font_family);
      font = find_string (self->font_names, item->font_family);
    }
  gtk_drop_down_set_selected (self->font_dropdown, font);
  gtk_drop_down_set_selected (self->weight_dropdown, weight_position (item->font_weight));
  set_spin (self, self->size_spin, item->font_size);
  gtk_drop_down_set_selected (self->align_dropdown, item->align);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            item->text != NULL ? item->text : "", -1);
}

static char *
describe_selection (PuratanDocument *document, guint page, PuratanSelection *selection)
{
  guint n = puratan_selection_get_n_items (selection);
  const PuratanDocItem *first =
      puratan_document_lookup_item (document, page, puratan_selection_get_item (selection, 0));
  static const char *const kinds[] = { N_ ("Text frame"), N_ ("Image"), N_ ("Shape"),
                                       N_ ("Placed PDF"), N_ ("Group") };

  if (n > 1)
    return g_strdup_printf (ngettext ("%u item selected; changes apply to all",
                                      "%u items selected; changes apply to all", n),
                            n);
  return g_strdup (first != NULL && first->kind < G_N_ELEMENTS (kinds) ? _ (kinds[first->kind])
                                                                       : "");
}

static void
refresh (gpointer owner)
{
  PuratanPropertiesPanel *self = owner;
  PuratanSelection *selection = self->watch.selection;
  PuratanDocument *document = selection != NULL ? puratan_selection_get_document (selection) : NULL;
  guint page = selection != NULL ? puratan_selection_get_page (selection) : 0;
  const PuratanDocItem *item = NULL;
  gboolean all_text = TRUE;
  g_autofree char *summary = NULL;
  double sx, sy;

  if (document != NULL && page < puratan_document_get_n_pages (document))
    for (guint i = 0; i < puratan_selection_get_n_items (selection); i++)
      {
        const PuratanDocItem *each = puratan_document_lookup_item (
            document, page, puratan_selection_get_item (selection, i));
        if (each == NULL)
          continue;
        if (item == NULL)
          item = each;
        all_text = all_text && each->kind == PURATAN_DOC_ITEM_TEXT;
      }
  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->updating = TRUE;
  summary = describe_selection (document, page, selection);
  gtk_label_set_text (self->summary_label, summary);
  refresh_swatches (self, document);
  sx = hypot (item->transform[0], item->transform[1]);
  sy = hypot (item->transform[2], item->transform[3]);
  set_spin (self, self->x_spin, puratan_unit_from_points (self->unit, item->transform[4]));
  set_spin (self, self->y_spin, puratan_unit_from_points (self->unit, item->transform[5]));
  set_spin (self, self->width_spin, puratan_unit_from_points (self->unit, item->width * sx));
  set_spin (self, self->height_spin, puratan_unit_from_points (self->unit, item->height * sy));
  set_spin (self, self->rotation_spin,
            atan2 (item->transform[1], item->transform[0]) * 180.0 / G_PI);
  set_paint (self, self->fill_dropdown, self->fill_tint_spin, &item->fill);
  set_paint (self, self->stroke_dropdown, self->stroke_tint_spin, &item->stroke);
  set_spin (self, self->stroke_width_spin, item->stroke_width);
  set_spin (self, self->opacity_spin, item->opacity * 100);
  gtk_check_button_set_active (self->overprint_check, item->overprint);
  gtk_widget_set_visible (self->text_box, all_text);
  if (all_text)
    refresh_text (self, item);
  self->updating = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "items");
}

static void
overprint_toggled_cb (PuratanPropertiesPanel *self)
{
  puratan_properties_panel_overprint_toggled (self);
}

static void
set_text_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  puratan_properties_panel_set_text (PURATAN_PROPERTIES_PANEL (widget));
}

static void
puratan_properties_panel_dispose (GObject *object)
{
  PuratanPropertiesPanel *self = PURATAN_PROPERTIES_PANEL (object);

  puratan_panel_watch_clear (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_PROPERTIES_PANEL);
  g_clear_object (&self->swatch_names);
  g_clear_object (&self->font_names);

  G_OBJECT_CLASS (puratan_properties_panel_parent_class)->dispose (object);
}

static void
puratan_properties_panel_finalize (GObject *object)
{
  PuratanPropertiesPanel *self = PURATAN_PROPERTIES_PANEL (object);

  g_free (self->message);

  G_OBJECT_CLASS (puratan_properties_panel_parent_class)->finalize (object);
}

static void
puratan_properties_panel_get_property (GObject *object,
                                       guint prop_id,
                                       GValue *value,
                                       GParamSpec *pspec)
{
  PuratanPropertiesPanel *self = PURATAN_PROPERTIES_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        g_value_set_object (value, self->watch.selection);
        break;
      case PROP_UNIT:
        g_value_set_enum (value, self->unit);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_properties_panel_set_property (GObject *object,
                                       guint prop_id,
                                       const GValue *value,
                                       GParamSpec *pspec)
{
  PuratanPropertiesPanel *self = PURATAN_PROPERTIES_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        puratan_properties_panel_set_selection (self, g_value_get_object (value));
        break;
      case PROP_UNIT:
        puratan_properties_panel_set_unit (self, g_value_get_enum (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_properties_panel_class_init (PuratanPropertiesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_properties_panel_dispose;
  object_class->finalize = puratan_properties_panel_finalize;
  object_class->get_property = puratan_properties_panel_get_property;
  object_class->set_property = puratan_properties_panel_set_property;

  properties[PROP_SELECTION] =
      g_param_spec_object ("selection", NULL, NULL, PURATAN_TYPE_SELECTION,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNIT] =
      g_param_spec_enum ("unit", NULL, NULL, PURATAN_TYPE_UNIT, PURATAN_UNIT_MM,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-properties-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, x_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, y_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, width_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, height_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, rotation_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, x_unit);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, y_unit);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, width_unit);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, height_unit);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, fill_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, fill_tint_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, stroke_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, stroke_tint_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, stroke_width_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, opacity_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, overprint_check);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, text_box);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, font_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, weight_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, size_spin);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, align_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PuratanPropertiesPanel, text_view);
  gtk_widget_class_bind_template_callback (widget_class, overprint_toggled_cb);
  gtk_widget_class_install_action (widget_class, "properties.set-text", NULL, set_text_action);
}

static void
init_spin (GtkSpinButton *spin, double lower, double upper, double step, int digits)
{
  gtk_spin_button_set_range (spin, lower, upper);
  gtk_spin_button_set_increments (spin, step, step * 10);
  gtk_spin_button_set_digits (spin, digits);
}

static void
puratan_properties_panel_init (PuratanPropertiesPanel *self)
{
  const char *aligns[] = { _ ("Left"), _ ("Centre"), _ ("Right"), _ ("Justified"), NULL };
  const char *weights[] = { _ ("Thin"),     _ ("Light"), _ ("Regular"), _ ("Medium"),
                            _ ("Semibold"), _ ("Bold"),  _ ("Black"),   NULL };
  g_autoptr (GtkStringList) align_names = gtk_string_list_new (aligns);
  g_autoptr (GtkStringList) weight_names = gtk_string_list_new (weights);
  g_autoptr (GtkExpression) font_expression = NULL;

  g_assert (G_N_ELEMENTS (weights) - 1 == puratan_properties_n_weights);
  gtk_widget_init_template (GTK_WIDGET (self));
  puratan_panel_watch_init (&self->watch, refresh, self);
  self->unit = PURATAN_UNIT_MM;
  self->swatch_names = gtk_string_list_new (NULL);
  self->font_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->fill_dropdown, G_LIST_MODEL (self->swatch_names));
  gtk_drop_down_set_model (self->stroke_dropdown, G_LIST_MODEL (self->swatch_names));
  gtk_drop_down_set_model (self->font_dropdown, G_LIST_MODEL (self->font_names));
  font_expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->font_dropdown, font_expression);
  gtk_drop_down_set_enable_search (self->font_dropdown, TRUE);
  gtk_drop_down_set_model (self->align_dropdown, G_LIST_MODEL (align_names));
  gtk_drop_down_set_model (self->weight_dropdown, G_LIST_MODEL (weight_names));
  set_length_digits (self);
  init_spin (self->rotation_spin, -100000, 100000, 1, 1);
  init_spin (self->fill_tint_spin, -100000, 100000, 1, 0);
  init_spin (self->stroke_tint_spin, -100000, 100000, 1, 0);
  init_spin (self->stroke_width_spin, -100000, 100000, 0.25, 2);
  init_spin (self->opacity_spin, -100000, 100000, 1, 0);
  init_spin (self->size_spin, -100000, 100000, 0.5, 1);
  puratan_properties_panel_connect_edits (self);
}

/**
 * puratan_properties_panel_new:
 *
 * Returns: (transfer full): a Properties panel with no selection
 */
GtkWidget *
puratan_properties_panel_new (void)
{
  return g_object_new (PURATAN_TYPE_PROPERTIES_PANEL, NULL);
}

/**
 * puratan_properties_panel_get_selection:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): the selection whose items the panel shows
 */
PuratanSelection *
puratan_properties_panel_get_selection (PuratanPropertiesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PROPERTIES_PANEL (self), NULL);
  return self->watch.selection;
}

/**
 * puratan_properties_panel_set_selection:
 * @self: the panel
 * @selection: (nullable): the selection to show and edit
 */
void
puratan_properties_panel_set_selection (PuratanPropertiesPanel *self, PuratanSelection *selection)
{
  g_return_if_fail (PURATAN_IS_PROPERTIES_PANEL (self));
  g_return_if_fail (selection == NULL || PURATAN_IS_SELECTION (selection));

  if (puratan_panel_watch_set_selection (&self->watch, selection))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * puratan_properties_panel_get_unit:
 * @self: the panel
 *
 * Returns: the unit positions and sizes are shown in
 */
PuratanUnit
puratan_properties_panel_get_unit (PuratanPropertiesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PROPERTIES_PANEL (self), PURATAN_UNIT_MM);
  return self->unit;
}

/**
 * puratan_properties_panel_set_unit:
 * @self: the panel
 * @unit: the unit to show positions and sizes in, with its own decimals
 */
void
puratan_properties_panel_set_unit (PuratanPropertiesPanel *self, PuratanUnit unit)
{
  g_return_if_fail (PURATAN_IS_PROPERTIES_PANEL (self));

  if (self->unit == unit)
    return;
  self->unit = unit;
  self->updating = TRUE;
  set_length_digits (self);
  self->updating = FALSE;
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

/**
 * puratan_properties_panel_get_message:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): why the last edit was refused, or %NULL
 */
const char *
puratan_properties_panel_get_message (PuratanPropertiesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PROPERTIES_PANEL (self), NULL);
  return self->message;
}

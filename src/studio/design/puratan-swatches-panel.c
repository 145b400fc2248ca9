/* puratan-swatches-panel.c: the Design view's panel of the design's swatches
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the design's swatches (process CMYK, spot inks with their CMYK alternate, RGB and
 * gray) and the paints its items use, each with a chip in the colour the shop's press
 * prints it. The press profile is read on a worker thread; until it is ready the chips
 * show as outlines. Activating a row paints the selection's fill; Shift-click, a right
 * click or the row's stroke button paints its stroke. Each application is one undo step.
 * A swatch's edit button opens it in the swatch dialog to change its name or values.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-color.h"
#include "puratan-panel-watch.h"
#include "puratan-swatch-dialog.h"
#include "puratan-swatches-panel.h"

struct _PuratanSwatchesPanel
{
  AdwBin parent_instance;

  PuratanPanelWatch watch;
  GCancellable *cancellable;
  PuratanColorConverter *press; /* sRGB ↔ the shop's default press; NULL while loading */
  gboolean loading;
  char *shown; /* what the lists show, to skip rebuilding them when nothing changed */
  char *message;
  gboolean stroke_next; /* the pointer press that activates a row asked for the stroke */

  GtkLabel *message_label;
  GtkListBox *swatch_list;
  GtkListBox *used_list;
  GtkLabel *used_empty_label;
};

enum
{
  PROP_0,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PuratanSwatchesPanel, puratan_swatches_panel, ADW_TYPE_BIN)

static void
show_message (PuratanSwatchesPanel *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* The ink amounts (0..1) a swatch at @tint puts down, and whether it is RGB instead. */
static gboolean
paint_inks (const PuratanDocSwatch *swatch, double tint, double out[4])
{
  switch (swatch->model)
    {
      case PURATAN_DOC_COLOR_RGB:
        for (int i = 0; i < 3; i++)
          out[i] = 1.0 - tint * (1.0 - swatch->values[i]);
        return TRUE;
      case PURATAN_DOC_COLOR_GRAY:
        out[0] = out[1] = out[2] = 0;
        out[3] = tint * (1.0 - swatch->values[0]);
        return FALSE;
      case PURATAN_DOC_COLOR_CMYK:
      case PURATAN_DOC_COLOR_SPOT:
      default:
        for (int i = 0; i < 4; i++)
          out[i] = swatch->values[i] * tint;
        return FALSE;
    }
}

/* The screen colour of a paint as the press prints it; FALSE while the press is loading. */
static gboolean
chip_color (PuratanSwatchesPanel *self, const PuratanDocSwatch *swatch, double tint, double rgb[3])
{
  double values[4] = { 0 };
  g_autoptr (PuratanColor) ink = NULL;
  g_autoptr (PuratanColor) shown = NULL;

  if (self->press == NULL)
    return FALSE;
  if (paint_inks (swatch, tint, values))
    ink = puratan_color_new_rgb (values[0] * 255, values[1] * 255, values[2] * 255);
  else
    ink =
        puratan_color_new_cmyk (values[0] * 100, values[1] * 100, values[2] * 100, values[3] * 100);
  if (ink->kind == PURATAN_COLOR_RGB)
    {
      /* RGB is shown as the press reproduces it: through its inks and back. */
      g_autoptr (PuratanColor) cmyk =
          puratan_color_converter_convert (self->press, ink, PURATAN_COLOR_CMYK, NULL);
      if (cmyk != NULL)
        shown = puratan_color_converter_convert (self->press, cmyk, PURATAN_COLOR_RGB, NULL);
    }
  else
    shown = puratan_color_converter_convert (self->press, ink, PURATAN_COLOR_RGB, NULL);
  if (shown == NULL)
    return FALSE;
  for (int i = 0; i < 3; i++)
    rgb[i] = CLAMP (shown->values[i] / 255.0, 0.0, 1.0);
  return TRUE;
}

static void
draw_chip (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  const double *rgb = g_object_get_data (G_OBJECT (area), "rgb");
  gboolean spot = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "spot"));

  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  if (rgb != NULL)
    {
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_fill_preserve (cr);
    }
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  if (spot)
    {
      /* A spot ink carries a corner mark, as swatch books do. */
      cairo_move_to (cr, width - 9, height);
      cairo_line_to (cr, width, height - 9);
      cairo_line_to (cr, width, height);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_stroke (cr);
    }
}

static char *
describe_swatch (const PuratanDocSwatch *swatch)
{
  const double *v = swatch->values;

  switch (swatch->model)
    {
      case PURATAN_DOC_COLOR_SPOT:
        return g_strdup_printf (_ ("Spot ink; alternate C %.0f M %.0f Y %.0f K %.0f"), v[0] * 100,
                                v[1] * 100, v[2] * 100, v[3] * 100);
      case PURATAN_DOC_COLOR_RGB:
        return g_strdup_printf (_ ("RGB %.0f, %.0f, %.0f"), v[0] * 255, v[1] * 255, v[2] * 255);
      case PURATAN_DOC_COLOR_GRAY:
        return g_strdup_printf (_ ("Gray %.0f %%"), v[0] * 100);
      case PURATAN_DOC_COLOR_CMYK:
      default:
        return g_strdup_printf (_ ("Process C %.0f M %.0f Y %.0f K %.0f"), v[0] * 100, v[1] * 100,
                                v[2] * 100, v[3] * 100);
    }
}

static GtkWidget *
make_row (PuratanSwatchesPanel *self, const PuratanDocSwatch *swatch, double tint, gboolean used)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *chip = gtk_drawing_area_new ();
  GtkWidget *stroke = gtk_button_new_with_label (_ ("Stroke"));
  g_autofree char *title = used ? g_strdup_printf (_ ("%s at %.0f %%"), swatch->name, tint * 100)
                                : g_strdup (swatch->name);
  g_autofree char *detail = describe_swatch (swatch);
  g_autofree char *fill_name = g_strdup_printf (_ ("Fill the selection with %s"), title);
  g_autofree char *stroke_name = g_strdup_printf (_ ("Stroke the selection with %s"), title);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *description = gtk_label_new (detail);
  double rgb[3];

  gtk_widget_set_size_request (chip, 28, 28);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  if (chip_color (self, swatch, tint, rgb))
    g_object_set_data_full (G_OBJECT (chip), "rgb", g_memdup2 (rgb, sizeof rgb), g_free);
  g_object_set_data (G_OBJECT (chip), "spot",
                     GINT_TO_POINTER (swatch->model == PURATAN_DOC_COLOR_SPOT));
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (chip), draw_chip, NULL, NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), description);
  gtk_widget_set_valign (stroke, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (stroke, "flat");
  gtk_widget_set_tooltip_text (stroke, stroke_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (stroke), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  stroke_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (stroke), "swatches.apply-stroke");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (stroke), "(sd)", swatch->name, tint);
  gtk_box_append (GTK_BOX (box), chip);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), stroke);
  if (!used)
    {
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      g_autofree char *edit_name = g_strdup_printf (_ ("Edit swatch %s"), swatch->name);

      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_tooltip_text (edit, edit_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      edit_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "swatches.edit");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", swatch->name);
      gtk_box_append (GTK_BOX (box), edit);
    }
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 4);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, fill_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, fill_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "swatch", g_strdup (swatch->name), g_free);
  g_object_set_data_full (G_OBJECT (row), "tint", g_memdup2 (&tint, sizeof tint), g_free);
  return row;
}

typedef struct
{
  char *swatch;
  double tint;
} UsedPaint;

static void
collect_paint (GArray *used, GHashTable *seen, const PuratanDocPaint *paint)
{
  g_autofree char *key = NULL;
  UsedPaint entry;

  if (paint->swatch == NULL)
    return;
  key = g_strdup_printf ("%s\x1f%.4f", paint->swatch, paint->tint);
  if (g_hash_table_contains (seen, key))
    return;
  entry.swatch = paint->swatch;
  entry.tint = paint->tint;
  g_array_append_val (used, entry);
  g_hash_table_add (seen, g_steal_pointer (&key));
}

static void
collect_items (GArray *used, GHashTable *seen, GPtrArray *items)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const PuratanDocItem *item = items->pdata[i];

      collect_paint (used, seen, &item->fill);
      collect_paint (used, seen, &item->stroke);
      collect_items (used, seen, item->children);
    }
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
refresh (gpointer owner)
{
  PuratanSwatchesPanel *self = owner;
  PuratanDocument *document =
      self->watch.selection != NULL ? puratan_selection_get_document (self->watch.selection) : NULL;
  g_autoptr (GArray) used = g_array_new (FALSE, FALSE, sizeof (UsedPaint));
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GString) shown = g_string_new (self->press != NULL ? "press" : "loading");
  GPtrArray *swatches = document != NULL ? puratan_document_get_swatches (document) : NULL;

  for (guint p = 0; document != NULL && p < puratan_document_get_n_pages (document); p++)
    collect_items (used, seen, puratan_document_get_page (document, p)->items);
  for (guint i = 0; swatches != NULL && i < swatches->len; i++)
    {
      const PuratanDocSwatch *s = swatches->pdata[i];
      g_string_append_printf (shown, "\x1e%s\x1f%d\x1f%g %g %g %g", s->name, s->model, s->values[0],
                              s->values[1], s->values[2], s->values[3]);
    }
  for (guint i = 0; i < used->len; i++)
    g_string_append_printf (shown, "\x1d%s\x1f%g", g_array_index (used, UsedPaint, i).swatch,
                            g_array_index (used, UsedPaint, i).tint);
  if (g_strcmp0 (self->shown, shown->str) == 0)
    return;
  g_free (self->shown);
  self->shown = g_string_free (g_steal_pointer (&shown), FALSE);

  clear_list (self->swatch_list);
  clear_list (self->used_list);
  for (guint i = 0; swatches != NULL && i < swatches->len; i++)
    gtk_list_box_append (self->swatch_list, make_row (self, swatches->pdata[i], 1.0, FALSE));
  for (guint i = 0; i < used->len; i++)
    {
      const UsedPaint *paint = &g_array_index (used, UsedPaint, i);
      const PuratanDocSwatch *swatch = puratan_document_lookup_swatch (document, paint->swatch);

      if (swatch != NULL)
        gtk_list_box_append (self->used_list, make_row (self, swatch, paint->tint, TRUE));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->used_list), used->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->used_empty_label), used->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "swatches.add", document != NULL);
}

/**
 * puratan_swatches_panel_apply:
 * @self: the panel
 * @swatch: the name of a swatch of the design
 * @tint: its tint, 0..1
 * @stroke: paint the stroke instead of the fill
 *
 * Paints every selected item's fill or stroke with @swatch as one undo step. Locked items
 * are left alone and the panel says so.
 *
 * Returns: %TRUE when the selection was painted
 */
gboolean
puratan_swatches_panel_apply (PuratanSwatchesPanel *self,
                              const char *swatch,
                              double tint,
                              gboolean stroke)
{
  PuratanSelection *selection;
  PuratanDocument *document;
  g_autoptr (GError) error = NULL;
  guint page;

  g_return_val_if_fail (PURATAN_IS_SWATCHES_PANEL (self), FALSE);
  g_return_val_if_fail (swatch != NULL, FALSE);

  selection = self->watch.selection;
  document = selection != NULL ? puratan_selection_get_document (selection) : NULL;
  if (document == NULL || puratan_selection_get_n_items (selection) == 0)
    {
      show_message (self, _ ("Select items on the page first, then click a swatch"));
      return FALSE;
    }
  page = puratan_selection_get_page (selection);
  for (guint i = 0; i < puratan_selection_get_n_items (selection); i++)
    {
      const PuratanDocItem *item =
          puratan_document_lookup_item (document, page, puratan_selection_get_item (selection, i));
      const PuratanDocLayer *layer = item != NULL && item->layer != NULL
                                         ? puratan_document_lookup_layer (document, item->layer)
                                         : NULL;
      if ((item != NULL && item->locked) || (layer != NULL && layer->locked))
        {
          show_message (self, _ ("A selected item is locked; unlock it or its layer to paint it"));
          return FALSE;
        }
    }
  show_message (self, NULL);
  puratan_document_begin_step (document, stroke ? _ ("Set stroke") : _ ("Set fill"));
  for (guint i = 0; i < puratan_selection_get_n_items (selection) && error == NULL; i++)
    {
      PuratanDocItem *item = puratan_document_edit_item (
          document, page, puratan_selection_get_item (selection, i), &error);

      if (item != NULL && stroke)
        puratan_doc_item_set_stroke (item, swatch, tint);
      else if (item != NULL)
        puratan_doc_item_set_fill (item, swatch, tint);
    }
  puratan_document_end_step (document);
  if (error != NULL)
    show_message (self, error->message);
  return error == NULL;
}

static void
row_activated_cb (PuratanSwatchesPanel *self, GtkListBoxRow *row)
{
  const char *swatch = g_object_get_data (G_OBJECT (row), "swatch");
  const double *tint = g_object_get_data (G_OBJECT (row), "tint");
  gboolean stroke = self->stroke_next;

  self->stroke_next = FALSE;
  if (swatch != NULL && tint != NULL)
    puratan_swatches_panel_apply (self, swatch, *tint, stroke);
}

/* Shift-click asks the activation that follows for the stroke; a right click strokes. */
static void
list_pressed_cb (
    GtkGestureClick *gesture, int n_press, double x, double y, PuratanSwatchesPanel *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  GtkListBoxRow *row = gtk_list_box_get_row_at_y (GTK_LIST_BOX (list), y);

  if (gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_SECONDARY)
    {
      if (row != NULL)
        {
          self->stroke_next = TRUE;
          row_activated_cb (self, row);
        }
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  self->stroke_next = (state & GDK_SHIFT_MASK) != 0;
}

static void
apply_stroke_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const char *swatch;
  double tint;

  g_variant_get (parameter, "(&sd)", &swatch, &tint);
  puratan_swatches_panel_apply (PURATAN_SWATCHES_PANEL (widget), swatch, tint, TRUE);
}

static void
apply_fill_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const char *swatch;
  double tint;

  g_variant_get (parameter, "(&sd)", &swatch, &tint);
  puratan_swatches_panel_apply (PURATAN_SWATCHES_PANEL (widget), swatch, tint, FALSE);
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanSwatchesPanel *self = PURATAN_SWATCHES_PANEL (widget);
  PuratanDocument *document =
      self->watch.selection != NULL ? puratan_selection_get_document (self->watch.selection) : NULL;
  GtkWidget *dialog;

  if (document == NULL)
    return;
  dialog = puratan_swatch_dialog_new (document);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanSwatchesPanel *self = PURATAN_SWATCHES_PANEL (widget);
  PuratanDocument *document =
      self->watch.selection != NULL ? puratan_selection_get_document (self->watch.selection) : NULL;
  GtkWidget *dialog;

  if (document == NULL)
    return;
  dialog = puratan_swatch_dialog_new_for_swatch (document, g_variant_get_string (parameter, NULL));
  if (dialog == NULL)
    return;
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
press_loaded_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanColorConverter) press = g_task_propagate_pointer (G_TASK (result), &error);
  PuratanSwatchesPanel *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = PURATAN_SWATCHES_PANEL (data);
  self->loading = FALSE;
  if (press == NULL)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("Swatch colours are shown without the press: %s"), error->message);
      show_message (self, message);
      return;
    }
  self->press = g_steal_pointer (&press);
  g_clear_pointer (&self->shown, g_free);
  refresh (self);
}

static void
load_press_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  g_autoptr (PuratanPressCondition) condition = NULL;
  g_autoptr (PuratanIccProfile) profile = NULL;
  g_autoptr (PuratanIccProfile) srgb = NULL;
  PuratanColorConverter *converter;
  GError *error = NULL;

  condition = puratan_press_condition_get_default (&error);
  if (condition != NULL)
    profile = puratan_press_condition_load_profile (condition, &error);
  if (profile == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  srgb = puratan_icc_profile_new_srgb ();
  converter = puratan_color_converter_new (srgb, profile, PURATAN_INTENT_RELATIVE, TRUE, &error);
  if (converter == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, converter, g_object_unref);
}

static void
puratan_swatches_panel_dispose (GObject *object)
{
  PuratanSwatchesPanel *self = PURATAN_SWATCHES_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  puratan_panel_watch_clear (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_SWATCHES_PANEL);
  g_clear_object (&self->press);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (puratan_swatches_panel_parent_class)->dispose (object);
}

static void
puratan_swatches_panel_finalize (GObject *object)
{
  PuratanSwatchesPanel *self = PURATAN_SWATCHES_PANEL (object);

  g_free (self->shown);
  g_free (self->message);

  G_OBJECT_CLASS (puratan_swatches_panel_parent_class)->finalize (object);
}

static void
puratan_swatches_panel_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  PuratanSwatchesPanel *self = PURATAN_SWATCHES_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        g_value_set_object (value, self->watch.selection);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_swatches_panel_set_property (GObject *object,
                                     guint prop_id,
                                     const GValue *value,
                                     GParamSpec *pspec)
{
  PuratanSwatchesPanel *self = PURATAN_SWATCHES_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        puratan_swatches_panel_set_selection (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_swatches_panel_class_init (PuratanSwatchesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_swatches_panel_dispose;
  object_class->finalize = puratan_swatches_panel_finalize;
  object_class->get_property = puratan_swatches_panel_get_property;
  object_class->set_property = puratan_swatches_panel_set_property;

  properties[PROP_SELECTION] =
      g_param_spec_object ("selection", NULL, NULL, PURATAN_TYPE_SELECTION,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-swatches-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchesPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchesPanel, swatch_list);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchesPanel, used_list);
  gtk_widget_class_bind_template_child (widget_class, PuratanSwatchesPanel, used_empty_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_install_action (widget_class, "swatches.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "swatches.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "swatches.apply-fill", "(sd)", apply_fill_action);
  gtk_widget_class_install_action (widget_class, "swatches.apply-stroke", "(sd)",
                                   apply_stroke_action);
}

static void
puratan_swatches_panel_init (PuratanSwatchesPanel *self)
{
  GtkListBox *lists[2];
  g_autoptr (GTask) task = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  puratan_panel_watch_init (&self->watch, refresh, self);
  lists[0] = self->swatch_list;
  lists[1] = self->used_list;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      GtkGesture *click = gtk_gesture_click_new ();

      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
      g_signal_connect (click, "pressed", G_CALLBACK (list_pressed_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (lists[i]), GTK_EVENT_CONTROLLER (click));
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "swatches.add", FALSE);

  /* The press profile is a file: read it on a worker. The callback's data is the panel,
   * safe because dispose cancels the task first. */
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  task = g_task_new (NULL, self->cancellable, press_loaded_cb, self);
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_source_tag (task, puratan_swatches_panel_init);
  g_task_run_in_thread (task, load_press_thread);
}

/**
 * puratan_swatches_panel_new:
 *
 * Returns: (transfer full): a Swatches panel with no selection; it starts reading the
 *   shop's press profile on a worker thread
 */
GtkWidget *
puratan_swatches_panel_new (void)
{
  return g_object_new (PURATAN_TYPE_SWATCHES_PANEL, NULL);
}

/**
 * puratan_swatches_panel_get_selection:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): the selection the panel paints
 */
PuratanSelection *
puratan_swatches_panel_get_selection (PuratanSwatchesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_SWATCHES_PANEL (self), NULL);
  return self->watch.selection;
}

/**
 * puratan_swatches_panel_set_selection:
 * @self: the panel
 * @selection: (nullable): the selection whose design's swatches are shown and whose items
 *   are painted
 */
void
puratan_swatches_panel_set_selection (PuratanSwatchesPanel *self, PuratanSelection *selection)
{
  g_return_if_fail (PURATAN_IS_SWATCHES_PANEL (self));
  g_return_if_fail (selection == NULL || PURATAN_IS_SELECTION (selection));

  if (puratan_panel_watch_set_selection (&self->watch, selection))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * puratan_swatches_panel_is_loading:
 * @self: the panel
 *
 * Returns: whether the press profile for the chips is still being read
 */
gboolean
puratan_swatches_panel_is_loading (PuratanSwatchesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_SWATCHES_PANEL (self), FALSE);
  return self->loading;
}

/**
 * puratan_swatches_panel_get_message:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): why the last click did nothing, or %NULL
 */
const char *
puratan_swatches_panel_get_message (PuratanSwatchesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_SWATCHES_PANEL (self), NULL);
  return self->message;
}

/* puratan-layers-panel.c: the Design view's panel of the design's layers
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the layers top first, each with its visibility and lock, its name (edited in
 * place), how many items it holds and a mark when selected items are on it. The current
 * layer (the row chosen in the list) is what the toolbar moves and removes. A layer with
 * items is removed only after the designer confirms that its items move to the layer
 * below (or above, for the bottom layer). Every change is one undo step.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-layers-panel.h"
#include "puratan-panel-watch.h"

struct _PuratanLayersPanel
{
  AdwBin parent_instance;

  PuratanPanelWatch watch;
  char *current; /* id of the current layer */
  char *shown;   /* what the list shows, to skip rebuilding it when nothing changed */
  char *message;
  gboolean rebuilding;

  GtkLabel *message_label;
  GtkListBox *layer_list;
};

enum
{
  PROP_0,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PuratanLayersPanel, puratan_layers_panel, ADW_TYPE_BIN)

static PuratanDocument *
get_document (PuratanLayersPanel *self)
{
  return self->watch.selection != NULL ? puratan_selection_get_document (self->watch.selection)
                                       : NULL;
}

static void
show_message (PuratanLayersPanel *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

/* Reports a failed change; TRUE when there was none. */
static gboolean
report (PuratanLayersPanel *self, GError *error)
{
  show_message (self, error != NULL ? error->message : NULL);
  return error == NULL;
}

static gint
layer_index (PuratanDocument *document, const char *id)
{
  GPtrArray *layers = puratan_document_get_layers (document);

  for (guint i = 0; id != NULL && i < layers->len; i++)
    if (g_str_equal (((PuratanDocLayer *) layers->pdata[i])->id, id))
      return (gint) i;
  return -1;
}

/* Layers that hold a selected item. */
static GHashTable *
selected_layers (PuratanLayersPanel *self, PuratanDocument *document)
{
  PuratanSelection *selection = self->watch.selection;
  GHashTable *layers = g_hash_table_new (g_str_hash, g_str_equal);
  guint page = puratan_selection_get_page (selection);

  for (guint i = 0; i < puratan_selection_get_n_items (selection); i++)
    {
      const PuratanDocItem *item =
          puratan_document_lookup_item (document, page, puratan_selection_get_item (selection, i));
      if (item != NULL && item->layer != NULL)
        g_hash_table_add (layers, item->layer);
    }
  return layers;
}

static void
set_flags (PuratanLayersPanel *self, const char *id, int visible, int locked)
{
  PuratanDocument *document = get_document (self);
  const PuratanDocLayer *layer =
      document != NULL ? puratan_document_lookup_layer (document, id) : NULL;
  g_autoptr (GError) error = NULL;

  if (layer == NULL)
    return;
  puratan_document_set_layer_flags (document, id, visible >= 0 ? visible : layer->visible,
                                    locked >= 0 ? locked : layer->locked, layer->printable, &error);
  report (self, error);
}

static void
visible_toggled_cb (GtkToggleButton *button, PuratanLayersPanel *self)
{
  if (!self->rebuilding)
    set_flags (self, g_object_get_data (G_OBJECT (button), "layer"),
               gtk_toggle_button_get_active (button), -1);
}

static void
locked_toggled_cb (GtkToggleButton *button, PuratanLayersPanel *self)
{
  if (!self->rebuilding)
    set_flags (self, g_object_get_data (G_OBJECT (button), "layer"), -1,
               gtk_toggle_button_get_active (button));
}

static void
name_edited_cb (GtkEditableLabel *label, GParamSpec *pspec, PuratanLayersPanel *self)
{
  PuratanDocument *document = get_document (self);
  g_autoptr (GError) error = NULL;

  if (self->rebuilding || document == NULL || gtk_editable_label_get_editing (label))
    return;
  if (puratan_document_rename_layer (document, g_object_get_data (G_OBJECT (label), "layer"),
                                     gtk_editable_get_text (GTK_EDITABLE (label)), &error))
    {
      show_message (self, NULL);
      return;
    }
  show_message (self, error->message);
  /* Show the layer's name again. */
  g_clear_pointer (&self->shown, g_free);
  puratan_panel_watch_queue (&self->watch);
}

static GtkWidget *
make_toggle (PuratanLayersPanel *self, const char *id, GCallback callback)
{
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "layer", g_strdup (id), g_free);
  g_signal_connect (button, "toggled", G_CALLBACK (callback), self);
  return button;
}

/* A row's widgets for layer @id; fill_row() shows the layer's state in them. */
static GtkWidget *
make_row (PuratanLayersPanel *self, const char *id)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *visible = make_toggle (self, id, G_CALLBACK (visible_toggled_cb));
  GtkWidget *locked = make_toggle (self, id, G_CALLBACK (locked_toggled_cb));
  GtkWidget *name = gtk_editable_label_new ("");
  GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *count = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), visible);
  gtk_box_append (GTK_BOX (box), locked);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_valign (name, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (name, _ ("Double-click to rename"));
  g_object_set_data_full (G_OBJECT (name), "layer", g_strdup (id), g_free);
  g_signal_connect (name, "notify::editing", G_CALLBACK (name_edited_cb), self);
  gtk_box_append (GTK_BOX (box), name);
  gtk_widget_set_tooltip_text (mark, _ ("Selected items are on this layer"));
  gtk_box_append (GTK_BOX (box), mark);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "caption");
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_top (box, 2);
  gtk_widget_set_margin_bottom (box, 2);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "layer", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "visible", visible);
  g_object_set_data (G_OBJECT (row), "locked", locked);
  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "mark", mark);
  g_object_set_data (G_OBJECT (row), "count", count);
  return row;
}

static void
fill_toggle (GtkWidget *button, gboolean active, const char *icon, const char *name)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), active);
  gtk_button_set_icon_name (GTK_BUTTON (button), icon);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Shows a layer's state in its row; called while rebuilding, so no edit follows. */
static void
fill_row (GtkWidget *row, const PuratanDocLayer *layer, guint n_items, gboolean marked)
{
  GtkWidget *name = g_object_get_data (G_OBJECT (row), "name");
  g_autofree char *count_text =
      g_strdup_printf (ngettext ("%u item", "%u items", n_items), n_items);
  g_autofree char *rename = g_strdup_printf (_ ("Name of layer %s"), layer->name);
  g_autofree char *show_name = g_strdup_printf (_ ("Show layer %s"), layer->name);
  g_autofree char *lock_name = g_strdup_printf (_ ("Lock layer %s"), layer->name);
  g_autofree char *row_name =
      marked ? g_strdup_printf (_ ("Layer %s, %s, holds selected items"), layer->name, count_text)
             : g_strdup_printf (_ ("Layer %s, %s"), layer->name, count_text);

  fill_toggle (g_object_get_data (G_OBJECT (row), "visible"), layer->visible,
               layer->visible ? "view-reveal-symbolic" : "view-conceal-symbolic", show_name);
  fill_toggle (g_object_get_data (G_OBJECT (row), "locked"), layer->locked,
               layer->locked ? "changes-prevent-symbolic" : "changes-allow-symbolic", lock_name);
  if (!gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (name)))
    gtk_editable_set_text (GTK_EDITABLE (name), layer->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, rename, -1);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "mark"), marked);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "count"), count_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, row_name,
                                  -1);
}

static void
update_actions (PuratanLayersPanel *self)
{
  PuratanDocument *document = get_document (self);
  gint index = document != NULL ? layer_index (document, self->current) : -1;
  guint n = document != NULL ? puratan_document_get_layers (document)->len : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "layers.add", document != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "layers.move-up",
                                 index >= 0 && (guint) index + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "layers.move-down", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "layers.remove", index >= 0 && n > 1);
}

static void
refresh (gpointer owner)
{
  PuratanLayersPanel *self = owner;
  PuratanDocument *document = get_document (self);
  GPtrArray *layers = document != NULL ? puratan_document_get_layers (document) : NULL;
  g_autoptr (GHashTable) marked = document != NULL ? selected_layers (self, document) : NULL;
  g_autoptr (GString) shown = g_string_new (NULL);
  g_autofree guint *counts = g_new0 (guint, layers != NULL ? layers->len + 1 : 1);
  guint n = layers != NULL ? layers->len : 0;
  gboolean same;
  GtkWidget *child;

  if (layers != NULL && layer_index (document, self->current) < 0)
    {
      /* The current layer went (undo, removal): the top layer takes over. */
      g_free (self->current);
      self->current = layers->len > 0
                          ? g_strdup (((PuratanDocLayer *) layers->pdata[layers->len - 1])->id)
                          : NULL;
    }
  for (guint i = 0; layers != NULL && i < layers->len; i++)
    {
      const PuratanDocLayer *layer = layers->pdata[i];

      counts[i] = puratan_document_count_layer_items (document, layer->id);
      g_string_append_printf (shown, "%s\x1f%s\x1f%d%d\x1f%u\x1f%d\x1e", layer->id, layer->name,
                              layer->visible, layer->locked, counts[i],
                              g_hash_table_contains (marked, layer->id));
    }
  g_string_append (shown, self->current != NULL ? self->current : "");
  update_actions (self);
  if (g_strcmp0 (self->shown, shown->str) == 0)
    return;
  g_free (self->shown);
  self->shown = g_string_free (g_steal_pointer (&shown), FALSE);

  self->rebuilding = TRUE;
  /* The same layers in the same order keep their rows (and the focus in them). */
  same = TRUE;
  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->layer_list, i);
      same = same && row != NULL &&
             g_strcmp0 (g_object_get_data (G_OBJECT (row), "layer"),
                        ((PuratanDocLayer *) layers->pdata[n - 1 - i])->id) == 0;
    }
  same = same && gtk_list_box_get_row_at_index (self->layer_list, n) == NULL;
  if (!same)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->layer_list))) != NULL)
        gtk_list_box_remove (self->layer_list, child);
      for (guint i = n; i-- > 0;)
        gtk_list_box_append (self->layer_list,
                             make_row (self, ((PuratanDocLayer *) layers->pdata[i])->id));
    }
  for (guint i = 0; i < n; i++)
    {
      const PuratanDocLayer *layer = layers->pdata[n - 1 - i];
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->layer_list, i);

      fill_row (GTK_WIDGET (row), layer, counts[n - 1 - i],
                g_hash_table_contains (marked, layer->id));
      if (g_strcmp0 (layer->id, self->current) == 0)
        gtk_list_box_select_row (self->layer_list, row);
    }
  self->rebuilding = FALSE;
}

static void
row_selected_cb (PuratanLayersPanel *self, GtkListBoxRow *row)
{
  if (self->rebuilding || row == NULL)
    return;
  g_free (self->current);
  self->current = g_strdup (g_object_get_data (G_OBJECT (row), "layer"));
  update_actions (self);
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanLayersPanel *self = PURATAN_LAYERS_PANEL (widget);
  PuratanDocument *document = get_document (self);
  g_autoptr (PuratanDocLayer) layer = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 1;

  if (document == NULL)
    return;
  for (;; n++)
    {
      g_autofree char *id = g_strdup_printf ("layer-%u", n);

      if (puratan_document_lookup_layer (document, id) == NULL)
        {
          g_autofree char *name = g_strdup_printf (_ ("Layer %u"), n);

          layer = puratan_doc_layer_new (id, name);
          break;
        }
    }
  if (report (self, puratan_document_add_layer (document, layer, &error) ? NULL : error))
    puratan_layers_panel_set_current_layer (self, layer->id);
}

static void
move_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanLayersPanel *self = PURATAN_LAYERS_PANEL (widget);
  PuratanDocument *document = get_document (self);
  gint index = document != NULL ? layer_index (document, self->current) : -1;
  gint to = index + (g_str_equal (action_name, "layers.move-up") ? 1 : -1);
  g_autoptr (GError) error = NULL;

  if (index < 0 || to < 0)
    return;
  report (self, puratan_document_move_layer (document, self->current, to, &error) ? NULL : error);
}

typedef struct
{
  PuratanLayersPanel *panel; /* weak */
  char *layer;
  char *move_to;
} RemoveRequest;

static void
remove_request_free (gpointer data, GClosure *closure)
{
  RemoveRequest *request = data;

  g_clear_weak_pointer (&request->panel);
  g_free (request->layer);
  g_free (request->move_to);
  g_free (request);
}

static void
remove_layer (PuratanLayersPanel *self, const char *layer, const char *move_to)
{
  PuratanDocument *document = get_document (self);
  g_autoptr (GError) error = NULL;

  if (document != NULL)
    report (self, puratan_document_remove_layer (document, layer, move_to, &error) ? NULL : error);
}

static void
remove_response_cb (AdwMessageDialog *dialog, const char *response, RemoveRequest *request)
{
  if (request->panel != NULL && g_str_equal (response, "remove"))
    remove_layer (request->panel, request->layer, request->move_to);
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanLayersPanel *self = PURATAN_LAYERS_PANEL (widget);
  PuratanDocument *document = get_document (self);
  gint index = document != NULL ? layer_index (document, self->current) : -1;
  GPtrArray *layers = document != NULL ? puratan_document_get_layers (document) : NULL;
  const PuratanDocLayer *layer, *target;
  RemoveRequest *request;
  GtkWidget *dialog;
  guint n_items;

  if (index < 0)
    return;
  if (layers->len == 1)
    {
      show_message (self, _ ("A design keeps at least one layer"));
      return;
    }
  layer = layers->pdata[index];
  n_items = puratan_document_count_layer_items (document, layer->id);
  if (n_items == 0)
    {
      remove_layer (self, layer->id, NULL);
      return;
    }
  target = layers->pdata[index > 0 ? index - 1 : index + 1];
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _ ("Remove layer “%s”?"),
                                     layer->name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("Its %u item moves to the layer “%s”.",
                                            "Its %u items move to the layer “%s”.", n_items),
                                  n_items, target->name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("Cancel"), "remove",
                                    _ ("Remove Layer"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  request = g_new0 (RemoveRequest, 1);
  g_set_weak_pointer (&request->panel, self);
  request->layer = g_strdup (layer->id);
  request->move_to = g_strdup (target->id);
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb), request,
                         remove_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
puratan_layers_panel_dispose (GObject *object)
{
  PuratanLayersPanel *self = PURATAN_LAYERS_PANEL (object);

  puratan_panel_watch_clear (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_LAYERS_PANEL);

  G_OBJECT_CLASS (puratan_layers_panel_parent_class)->dispose (object);
}

static void
puratan_layers_panel_finalize (GObject *object)
{
  PuratanLayersPanel *self = PURATAN_LAYERS_PANEL (object);

  g_free (self->current);
  g_free (self->shown);
  g_free (self->message);

  G_OBJECT_CLASS (puratan_layers_panel_parent_class)->finalize (object);
}

static void
puratan_layers_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanLayersPanel *self = PURATAN_LAYERS_PANEL (object);

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
puratan_layers_panel_set_property (GObject *object,
                                   guint prop_id,
                                   const GValue *value,
                                   GParamSpec *pspec)
{
  PuratanLayersPanel *self = PURATAN_LAYERS_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        puratan_layers_panel_set_selection (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_layers_panel_class_init (PuratanLayersPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_layers_panel_dispose;
  object_class->finalize = puratan_layers_panel_finalize;
  object_class->get_property = puratan_layers_panel_get_property;
  object_class->set_property = puratan_layers_panel_set_property;

  properties[PROP_SELECTION] =
      g_param_spec_object ("selection", NULL, NULL, PURATAN_TYPE_SELECTION,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-layers-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanLayersPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanLayersPanel, layer_list);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_install_action (widget_class, "layers.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "layers.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "layers.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "layers.remove", NULL, remove_action);
}

static void
puratan_layers_panel_init (PuratanLayersPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  puratan_panel_watch_init (&self->watch, refresh, self);
  update_actions (self);
}

/**
 * puratan_layers_panel_new:
 *
 * Returns: (transfer full): a Layers panel with no selection
 */
GtkWidget *
puratan_layers_panel_new (void)
{
  return g_object_new (PURATAN_TYPE_LAYERS_PANEL, NULL);
}

/**
 * puratan_layers_panel_get_selection:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): the selection whose design's layers are shown
 */
PuratanSelection *
puratan_layers_panel_get_selection (PuratanLayersPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_LAYERS_PANEL (self), NULL);
  return self->watch.selection;
}

/**
 * puratan_layers_panel_set_selection:
 * @self: the panel
 * @selection: (nullable): the selection whose design's layers to show; its selected items'
 *   layers are marked
 */
void
puratan_layers_panel_set_selection (PuratanLayersPanel *self, PuratanSelection *selection)
{
  g_return_if_fail (PURATAN_IS_LAYERS_PANEL (self));
  g_return_if_fail (selection == NULL || PURATAN_IS_SELECTION (selection));

  if (puratan_panel_watch_set_selection (&self->watch, selection))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * puratan_layers_panel_get_current_layer:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): the id of the layer chosen in the list, the one
 *   the toolbar moves and removes (and new items could go on)
 */
const char *
puratan_layers_panel_get_current_layer (PuratanLayersPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_LAYERS_PANEL (self), NULL);
  return self->current;
}

/**
 * puratan_layers_panel_set_current_layer:
 * @self: the panel
 * @id: a layer id of the design
 *
 * Chooses the current layer; the list shows it selected at the next refresh.
 */
void
puratan_layers_panel_set_current_layer (PuratanLayersPanel *self, const char *id)
{
  g_return_if_fail (PURATAN_IS_LAYERS_PANEL (self));
  g_return_if_fail (id != NULL);

  if (g_strcmp0 (self->current, id) == 0)
    return;
  g_free (self->current);
  self->current = g_strdup (id);
  puratan_panel_watch_queue (&self->watch);
}

/**
 * puratan_layers_panel_get_message:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): why the last change was refused, or %NULL
 */
const char *
puratan_layers_panel_get_message (PuratanLayersPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_LAYERS_PANEL (self), NULL);
  return self->message;
}

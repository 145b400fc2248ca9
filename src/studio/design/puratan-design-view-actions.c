/* puratan-design-view-actions.c: the Design view's commands, as design.* actions
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command is an action installed on the widget class, with its keyboard shortcut
 * bound here and listed in the shortcuts window (data/ui/help-overlay.ui). Commands work on
 * the shared selection through the document layer, each as one undo step.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-design-view-private.h"
#include "puratan-export-dialog.h"
#include "puratan-place.h"
#include "puratan-window.h"

/* How far a duplicate lands from its original, in points (about 3.5 mm). */
#define DUPLICATE_OFFSET 10.0

static const char *const edge_names[] = { "left", "center", "right", "top", "middle", "bottom" };

static void
show_command_error (PuratanDesignView *self, const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  g_message ("%s", error->message);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static guint
current_page (PuratanDesignView *self)
{
  return puratan_selection_get_page (self->selection);
}

/* Selected ids, copied: commands change the selection while they work. */
static GStrv
selected_ids (PuratanDesignView *self)
{
  return g_strdupv ((char **) puratan_selection_get_ids (self->selection));
}

static void
clear_ids (PuratanDocItem *item)
{
  g_clear_pointer (&item->id, g_free);
  for (guint i = 0; item->children != NULL && i < item->children->len; i++)
    clear_ids (item->children->pdata[i]);
}

static void
file_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);

  if (g_str_equal (action_name, "design.open"))
    puratan_design_view_choose_open (self);
  else if (g_str_equal (action_name, "design.save") && self->file != NULL)
    puratan_design_view_save_to (self, self->file);
  else if (g_str_equal (action_name, "design.save") || g_str_equal (action_name, "design.save-as"))
    puratan_design_view_choose_save (self);
}

static void
close_now (PuratanDesignView *self, gpointer data)
{
  puratan_design_view_clear_document (self);
}

static void
close_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  puratan_design_view_ask_then (PURATAN_DESIGN_VIEW (widget), close_now, NULL, NULL);
}

static void
new_from_template_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  puratan_design_view_new_from_template (PURATAN_DESIGN_VIEW (widget),
                                         g_variant_get_string (parameter, NULL));
}

static void
undo_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);

  g_auto (GStrv) ids = NULL;

  if (g_str_equal (action_name, "design.undo"))
    puratan_document_undo (self->document);
  else
    puratan_document_redo (self->document);
  /* Items may be gone, or the page: keep the selection to what is still there. */
  if (current_page (self) >= puratan_document_get_n_pages (self->document))
    puratan_selection_set_page (self->selection, 0);
  ids = selected_ids (self);
  for (guint i = 0; ids[i] != NULL; i++)
    if (puratan_document_lookup_item (self->document, current_page (self), ids[i]) == NULL)
      puratan_selection_remove (self->selection, ids[i]);
}

static void
delete_selection (PuratanDesignView *self, const char *label)
{
  g_auto (GStrv) ids = selected_ids (self);
  g_autoptr (GError) error = NULL;

  puratan_selection_clear (self->selection);
  puratan_document_begin_step (self->document, label);
  for (guint i = 0; ids[i] != NULL && error == NULL; i++)
    puratan_document_remove_item (self->document, current_page (self), ids[i], &error);
  puratan_document_end_step (self->document);
  if (error != NULL)
    show_command_error (self, error);
}

static void
edit_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);

  if (g_str_equal (action_name, "design.copy"))
    puratan_design_view_copy (self);
  else if (g_str_equal (action_name, "design.cut"))
    {
      puratan_design_view_copy (self);
      delete_selection (self, _ ("Cut"));
    }
  else if (g_str_equal (action_name, "design.paste"))
    puratan_design_view_paste (self);
  else if (g_str_equal (action_name, "design.delete"))
    delete_selection (self, _ ("Delete"));
}

static void
select_all_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);
  const PuratanDocPage *page = puratan_document_get_page (self->document, current_page (self));
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < page->items->len; i++)
    {
      const PuratanDocItem *item = page->items->pdata[i];
      const PuratanDocLayer *layer =
          item->layer != NULL ? puratan_document_lookup_layer (self->document, item->layer) : NULL;

      if (!item->locked && item->visible && (layer == NULL || (!layer->locked && layer->visible)))
        g_ptr_array_add (ids, item->id);
    }
  g_ptr_array_add (ids, NULL);
  puratan_selection_set_ids (self->selection, (const char *const *) ids->pdata);
}

static void
duplicate_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);
  g_auto (GStrv) ids = selected_ids (self);
  g_autoptr (GPtrArray) copies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;

  puratan_document_begin_step (self->document, _ ("Duplicate"));
  for (guint i = 0; ids[i] != NULL && error == NULL; i++)
    {
      const PuratanDocItem *item =
          puratan_document_lookup_item (self->document, current_page (self), ids[i]);
      PuratanDocItem *copy;
      const char *id;

      if (item == NULL)
        continue;
      copy = puratan_doc_item_copy (item);
      clear_ids (copy);
      copy->transform[4] += DUPLICATE_OFFSET;
      copy->transform[5] += DUPLICATE_OFFSET;
      id = puratan_document_add_item (self->document, current_page (self), copy, &error);
      if (id != NULL)
        g_ptr_array_add (copies, g_strdup (id));
    }
  puratan_document_end_step (self->document);
  g_ptr_array_add (copies, NULL);
  puratan_selection_set_ids (self->selection, (const char *const *) copies->pdata);
  if (error != NULL)
    show_command_error (self, error);
}

static void
group_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);
  g_auto (GStrv) ids = selected_ids (self);
  g_autoptr (GError) error = NULL;

  if (g_str_equal (action_name, "design.group"))
    {
      const char *group = puratan_document_group_items (self->document, current_page (self),
                                                        (const char *const *) ids, &error);
      if (group != NULL)
        puratan_selection_select_only (self->selection, group);
    }
  else
    {
      g_autoptr (GPtrArray) children = g_ptr_array_new_with_free_func (g_free);

      puratan_document_begin_step (self->document, _ ("Ungroup"));
      for (guint i = 0; ids[i] != NULL && error == NULL; i++)
        {
          const PuratanDocItem *item =
              puratan_document_lookup_item (self->document, current_page (self), ids[i]);

          if (item == NULL || item->kind != PURATAN_DOC_ITEM_GROUP)
            {
              g_ptr_array_add (children, g_strdup (ids[i]));
              continue;
            }
          for (guint k = 0; k < item->children->len; k++)
            g_ptr_array_add (children,
                             g_strdup (((PuratanDocItem *) item->children->pdata[k])->id));
          puratan_document_ungroup (self->document, current_page (self), ids[i], &error);
        }
      puratan_document_end_step (self->document);
      g_ptr_array_add (children, NULL);
      puratan_selection_set_ids (self->selection, (const char *const *) children->pdata);
    }
  if (error != NULL)
    show_command_error (self, error);
}

static void
align_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  g_auto (GStrv) ids = selected_ids (self);
  g_autoptr (GError) error = NULL;

  if (g_str_equal (action_name, "design.distribute"))
    {
      if (!g_str_equal (target, "horizontal") && !g_str_equal (target, "vertical"))
        return;
      puratan_document_distribute_items (self->document, current_page (self),
                                         (const char *const *) ids,
                                         g_str_equal (target, "vertical"), &error);
    }
  else
    {
      guint edge = 0;

      while (edge < G_N_ELEMENTS (edge_names) && !g_str_equal (edge_names[edge], target))
        edge++;
      if (edge == G_N_ELEMENTS (edge_names))
        return;
      puratan_document_align_items (self->document, current_page (self), (const char *const *) ids,
                                    (PuratanDocEdge) edge, &error);
    }
  if (error != NULL)
    show_command_error (self, error);
}

static void
zoom_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);

  if (g_str_equal (action_name, "design.zoom-fit"))
    puratan_canvas_zoom_to_fit (self->canvas);
  else if (g_str_equal (action_name, "design.zoom-actual"))
    puratan_canvas_zoom_to_actual_size (self->canvas);
  else
    puratan_canvas_zoom_to_selection (self->canvas);
}

static void
placed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = puratan_place_file_finish (PURATAN_DOCUMENT (source), result, &error);

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (id == NULL)
    {
      puratan_design_view_show_error (self, _ ("Cannot Place the File"), error);
      return;
    }
  if (self->document == PURATAN_DOCUMENT (source))
    puratan_selection_select_only (self->selection, id);
}

/**
 * puratan_design_view_place_file:
 * @self: a #PuratanDesignView with a design open
 * @file: an image or PDF
 * @x: centre of the placed item on the current page, in points
 * @y: the same, down from the top of the trim box
 *
 * Places @file (see puratan_place_file_async()) and selects it; failures are shown.
 */
void
puratan_design_view_place_file (PuratanDesignView *self, GFile *file, double x, double y)
{
  if (self->document == NULL)
    return;
  puratan_place_file_async (self->document, current_page (self), file, x, y, self->cancellable,
                            placed_cb, puratan_design_view_weak (self));
}

static void
file_dropped_cb (PuratanCanvas *canvas, GFile *file, double x, double y, PuratanDesignView *self)
{
  puratan_design_view_place_file (self, file, x, y);
}

static void
place_response_cb (GtkNativeDialog *chooser, int response, PuratanDesignView *self)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL && self->document != NULL)
    {
      const PuratanDocPage *page = puratan_document_get_page (self->document, current_page (self));
      puratan_design_view_place_file (self, file, page->width / 2, page->height / 2);
    }
  g_object_unref (chooser);
}

static void
place_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  static const char *const types[] = { "image/png", "image/jpeg", "image/tiff", "application/pdf" };
  static const char *const suffixes[] = { "png", "jpg", "jpeg", "tif", "tiff", "pdf" };

  chooser = gtk_file_chooser_native_new (_ ("Place an Image or PDF"),
                                         puratan_design_view_get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Place"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("Images and PDF files"));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    gtk_file_filter_add_mime_type (filter, types[i]);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (place_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The exported PDF opens in the window's Preflight view, as any PDF the studio opens. */
static void
preflight_requested_cb (PuratanExportDialog *dialog, GFile *file, PuratanDesignView *self)
{
  GtkWindow *window = puratan_design_view_get_window (self);

  if (PURATAN_IS_WINDOW (window))
    puratan_window_open_file (PURATAN_WINDOW (window), file);
}

static void
export_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);
  PuratanExportDialog *dialog;

  if (self->document == NULL)
    return;
  dialog = puratan_export_dialog_new (puratan_design_view_get_window (self), self->document,
                                      puratan_document_get_product (self->document));
  g_signal_connect_object (dialog, "preflight-requested", G_CALLBACK (preflight_requested_cb), self,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sidebar_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);

  if (g_str_equal (action_name, "design.toggle-sidebar"))
    {
      gtk_revealer_set_reveal_child (self->sidebar_revealer,
                                     !gtk_revealer_get_reveal_child (self->sidebar_revealer));
      return;
    }
  if (gtk_stack_get_child_by_name (self->sidebar, g_variant_get_string (parameter, NULL)) == NULL)
    return;
  gtk_revealer_set_reveal_child (self->sidebar_revealer, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar, g_variant_get_string (parameter, NULL));
}

static void
soft_proof_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanDesignView *self = PURATAN_DESIGN_VIEW (widget);

  if (gtk_widget_get_sensitive (GTK_WIDGET (self->soft_proof_button)))
    gtk_toggle_button_set_active (self->soft_proof_button,
                                  !gtk_toggle_button_get_active (self->soft_proof_button));
}

/* Enables each command when it can do something. */
void
puratan_design_view_update_actions (PuratanDesignView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean open = self->document != NULL;
  guint n = open ? puratan_selection_get_n_items (self->selection) : 0;
  gboolean any_group = FALSE;
  static const char *const need_document[] = {
    "design.save",       "design.save-as",  "design.close",       "design.paste",
    "design.select-all", "design.zoom-fit", "design.zoom-actual", "design.place",
    "design.soft-proof", "design.tool",     "design.export",
  };
  static const char *const need_selection[] = {
    "design.cut",       "design.copy",  "design.delete",
    "design.duplicate", "design.align", "design.zoom-selection",
  };

  for (guint i = 0; i < n; i++)
    {
      const PuratanDocItem *item = puratan_document_lookup_item (
          self->document, current_page (self), puratan_selection_get_item (self->selection, i));
      any_group |= item != NULL && item->kind == PURATAN_DOC_ITEM_GROUP;
    }
  for (guint i = 0; i < G_N_ELEMENTS (need_document); i++)
    gtk_widget_action_set_enabled (widget, need_document[i], open);
  for (guint i = 0; i < G_N_ELEMENTS (need_selection); i++)
    gtk_widget_action_set_enabled (widget, need_selection[i], n > 0);
  gtk_widget_action_set_enabled (widget, "design.group", n >= 2);
  gtk_widget_action_set_enabled (widget, "design.ungroup", any_group);
  gtk_widget_action_set_enabled (widget, "design.distribute", n >= 3);
  gtk_widget_action_set_enabled (widget, "design.undo",
                                 open && puratan_document_can_undo (self->document));
  gtk_widget_action_set_enabled (widget, "design.redo",
                                 open && puratan_document_can_redo (self->document));
}

/* Places files dropped on the canvas's page where they were dropped. */
void
puratan_design_view_connect_canvas (PuratanDesignView *self)
{
  g_signal_connect_object (self->canvas, "file-dropped", G_CALLBACK (file_dropped_cb), self, 0);
}

typedef struct
{
  const char *action;
  const char *target; /* (nullable): a string target */
  guint key;
  GdkModifierType mods;
} Shortcut;

static const Shortcut shortcuts[] = {
  { "design.open", NULL, GDK_KEY_o, GDK_CONTROL_MASK },
  { "design.save", NULL, GDK_KEY_s, GDK_CONTROL_MASK },
  { "design.save-as", NULL, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "design.export", NULL, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "design.close", NULL, GDK_KEY_w, GDK_CONTROL_MASK },
  { "design.tool", "select", GDK_KEY_v, 0 },
  { "design.tool", "text", GDK_KEY_t, 0 },
  { "design.tool", "rectangle", GDK_KEY_r, 0 },
  { "design.tool", "ellipse", GDK_KEY_e, 0 },
  { "design.tool", "line", GDK_KEY_l, 0 },
  { "design.undo", NULL, GDK_KEY_z, GDK_CONTROL_MASK },
  { "design.redo", NULL, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "design.cut", NULL, GDK_KEY_x, GDK_CONTROL_MASK },
  { "design.copy", NULL, GDK_KEY_c, GDK_CONTROL_MASK },
  { "design.paste", NULL, GDK_KEY_v, GDK_CONTROL_MASK },
  { "design.duplicate", NULL, GDK_KEY_d, GDK_CONTROL_MASK },
  { "design.delete", NULL, GDK_KEY_Delete, 0 },
  { "design.delete", NULL, GDK_KEY_BackSpace, 0 },
  { "design.select-all", NULL, GDK_KEY_a, GDK_CONTROL_MASK },
  { "design.group", NULL, GDK_KEY_g, GDK_CONTROL_MASK },
  { "design.ungroup", NULL, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK },
  { "design.align", "left", GDK_KEY_l, GDK_ALT_MASK | GDK_SHIFT_MASK },
  { "design.align", "center", GDK_KEY_c, GDK_ALT_MASK | GDK_SHIFT_MASK },
  { "design.align", "right", GDK_KEY_r, GDK_ALT_MASK | GDK_SHIFT_MASK },
  { "design.align", "top", GDK_KEY_t, GDK_ALT_MASK | GDK_SHIFT_MASK },
  { "design.align", "middle", GDK_KEY_m, GDK_ALT_MASK | GDK_SHIFT_MASK },
  { "design.align", "bottom", GDK_KEY_b, GDK_ALT_MASK | GDK_SHIFT_MASK },
  { "design.distribute", "horizontal", GDK_KEY_h, GDK_ALT_MASK | GDK_SHIFT_MASK },
  { "design.distribute", "vertical", GDK_KEY_v, GDK_ALT_MASK | GDK_SHIFT_MASK },
  { "design.zoom-fit", NULL, GDK_KEY_5, 0 },
  { "design.zoom-actual", NULL, GDK_KEY_1, 0 },
  { "design.zoom-selection", NULL, GDK_KEY_3, 0 },
  { "design.place", NULL, GDK_KEY_i, GDK_CONTROL_MASK },
  { "design.toggle-sidebar", NULL, GDK_KEY_F9, 0 },
  { "design.soft-proof", NULL, GDK_KEY_y, GDK_CONTROL_MASK },
};

void
puratan_design_view_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "design.open", NULL, file_action_cb);
  gtk_widget_class_install_action (widget_class, "design.save", NULL, file_action_cb);
  gtk_widget_class_install_action (widget_class, "design.save-as", NULL, file_action_cb);
  gtk_widget_class_install_action (widget_class, "design.close", NULL, close_action_cb);
  gtk_widget_class_install_action (widget_class, "design.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "design.new-from-template", "s",
                                   new_from_template_action_cb);
  gtk_widget_class_install_property_action (widget_class, "design.tool", "tool");
  gtk_widget_class_install_action (widget_class, "design.undo", NULL, undo_action_cb);
  gtk_widget_class_install_action (widget_class, "design.redo", NULL, undo_action_cb);
  gtk_widget_class_install_action (widget_class, "design.cut", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "design.copy", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "design.paste", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "design.delete", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "design.select-all", NULL, select_all_action_cb);
  gtk_widget_class_install_action (widget_class, "design.duplicate", NULL, duplicate_action_cb);
  gtk_widget_class_install_action (widget_class, "design.group", NULL, group_action_cb);
  gtk_widget_class_install_action (widget_class, "design.ungroup", NULL, group_action_cb);
  gtk_widget_class_install_action (widget_class, "design.align", "s", align_action_cb);
  gtk_widget_class_install_action (widget_class, "design.distribute", "s", align_action_cb);
  gtk_widget_class_install_action (widget_class, "design.zoom-fit", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "design.zoom-actual", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "design.zoom-selection", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "design.place", NULL, place_action_cb);
  gtk_widget_class_install_action (widget_class, "design.toggle-sidebar", NULL, sidebar_action_cb);
  gtk_widget_class_install_action (widget_class, "design.show-panel", "s", sidebar_action_cb);
  gtk_widget_class_install_action (widget_class, "design.soft-proof", NULL, soft_proof_action_cb);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      if (shortcuts[i].target != NULL)
        gtk_widget_class_add_binding_action (widget_class, shortcuts[i].key, shortcuts[i].mods,
                                             shortcuts[i].action, "s", shortcuts[i].target);
      else
        gtk_widget_class_add_binding_action (widget_class, shortcuts[i].key, shortcuts[i].mods,
                                             shortcuts[i].action, NULL);
    }
}

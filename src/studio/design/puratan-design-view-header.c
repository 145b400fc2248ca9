/* puratan-design-view-header.c: the Design view's controls in the window's header bar,
 * and the panels dropped into its sidebar
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Undo and redo, the preflight badge, the soft-proof toggle with its options, and Export.
 * They are built from puratan-design-header.ui and packed by the window, outside the view, so they
 * reach the design.* actions through the view rather than by action name. The soft-proof
 * controls drive the canvas's properties `soft-proof`, `press-condition`, `paper-white`
 * and `gamut-warning`. Export opens the export dialog for the design.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-color.h"
#include "puratan-design-view-private.h"

static void
undo_clicked_cb (PuratanDesignView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "design.undo", NULL);
}

static void
redo_clicked_cb (PuratanDesignView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "design.redo", NULL);
}

static void
badge_clicked_cb (PuratanDesignView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "design.show-panel", "s", "preflight");
}

static void
export_clicked_cb (PuratanDesignView *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "design.export", NULL);
}

/* Binds a toggle to a boolean canvas property, both ways. */
static void
bind_toggle (PuratanDesignView *self, GtkWidget *toggle, const char *property)
{
  g_object_bind_property (self->canvas, property, toggle, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
press_selected_cb (PuratanDesignView *self)
{
  guint selected = gtk_drop_down_get_selected (self->press_dropdown);

  if (self->press_ids == NULL || selected >= self->press_ids->len)
    return;
  g_object_set (self->canvas, "press-condition", self->press_ids->pdata[selected], NULL);
}

static void
list_press_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *list = puratan_press_condition_list (&error);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

static void
press_listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *current = NULL;
  guint selected = 0;

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (list == NULL)
    {
      g_message ("The press conditions cannot be listed: %s", error->message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->press_dropdown), error->message);
      return;
    }
  g_object_get (self->canvas, "press-condition", &current, NULL);
  g_clear_pointer (&self->press_ids, g_ptr_array_unref);
  self->press_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < list->len; i++)
    {
      const PuratanPressCondition *condition = list->pdata[i];

      gtk_string_list_append (names, condition->name);
      g_ptr_array_add (self->press_ids, g_strdup (condition->id));
      if (current != NULL ? g_str_equal (current, condition->id) : condition->is_default)
        selected = i;
    }
  gtk_drop_down_set_model (self->press_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->press_dropdown, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->press_dropdown), list->len > 0);
  g_signal_connect_object (self->press_dropdown, "notify::selected", G_CALLBACK (press_selected_cb),
                           self, G_CONNECT_SWAPPED);
}

#define HEADER_OBJECT(name) GTK_WIDGET (gtk_builder_get_object (self->header_builder, name))

void
puratan_design_view_header_init (PuratanDesignView *self)
{
  g_autoptr (GTask) task = NULL;

  self->header_builder =
      gtk_builder_new_from_resource ("/in/puratan/Studio/ui/puratan-design-header.ui");
  self->header_start = g_object_ref_sink (HEADER_OBJECT ("header_start"));
  self->header_end = g_object_ref_sink (HEADER_OBJECT ("header_end"));
  self->undo_button = GTK_BUTTON (HEADER_OBJECT ("undo_button"));
  self->redo_button = GTK_BUTTON (HEADER_OBJECT ("redo_button"));
  self->soft_proof_button = GTK_TOGGLE_BUTTON (HEADER_OBJECT ("soft_proof_button"));
  self->proof_menu_button = GTK_MENU_BUTTON (HEADER_OBJECT ("proof_menu_button"));
  self->press_dropdown = GTK_DROP_DOWN (HEADER_OBJECT ("press_dropdown"));
  self->paper_white_check = GTK_CHECK_BUTTON (HEADER_OBJECT ("paper_white_check"));
  self->gamut_check = GTK_CHECK_BUTTON (HEADER_OBJECT ("gamut_check"));
  self->preflight_badge = GTK_BUTTON (HEADER_OBJECT ("preflight_badge"));
  self->export_button = GTK_BUTTON (HEADER_OBJECT ("export_button"));

  /* The window may keep these after the view is gone: the handlers go with the view. */
  g_signal_connect_object (self->undo_button, "clicked", G_CALLBACK (undo_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->redo_button, "clicked", G_CALLBACK (redo_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->preflight_badge, "clicked", G_CALLBACK (badge_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  bind_toggle (self, GTK_WIDGET (self->soft_proof_button), "soft-proof");
  bind_toggle (self, GTK_WIDGET (self->paper_white_check), "paper-white");
  bind_toggle (self, GTK_WIDGET (self->gamut_check), "gamut-warning");

  /* Reading the profiles' folder is file work: off the main loop. */
  task = g_task_new (NULL, self->cancellable, press_listed_cb, puratan_design_view_weak (self));
  g_task_set_source_tag (task, puratan_design_view_header_init);
  g_task_run_in_thread (task, list_press_thread);
}

void
puratan_design_view_header_dispose (PuratanDesignView *self)
{
  g_clear_object (&self->header_start);
  g_clear_object (&self->header_end);
  g_clear_object (&self->header_builder);
  g_clear_pointer (&self->press_ids, g_ptr_array_unref);
}

/* Undo and redo follow the document's history; the tooltip names the step. */
void
puratan_design_view_header_update (PuratanDesignView *self)
{
  gboolean can_undo = self->document != NULL && puratan_document_can_undo (self->document);
  gboolean can_redo = self->document != NULL && puratan_document_can_redo (self->document);
  g_autofree char *undo_tip = NULL;

  if (can_undo && puratan_document_get_undo_label (self->document) != NULL)
    /* TRANSLATORS: the tooltip of Undo, naming the step, e.g. "Undo Move" */
    undo_tip = g_strdup_printf (_ ("Undo %s"), puratan_document_get_undo_label (self->document));
  else
    undo_tip = g_strdup (_ ("Undo"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->undo_button), can_undo);
  gtk_widget_set_sensitive (GTK_WIDGET (self->redo_button), can_redo);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->document != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
}

/**
 * puratan_design_view_get_header_widget:
 * @self: a #PuratanDesignView
 * @pack: %GTK_PACK_START for undo and redo, %GTK_PACK_END for the preflight badge, soft
 *   proof and Export
 *
 * The view's controls for the window's header bar. The window packs them; they show
 * while the view is mapped (its page is the visible one) and hide otherwise.
 *
 * Returns: (transfer none): the box of controls for that end of the header bar
 */
GtkWidget *
puratan_design_view_get_header_widget (PuratanDesignView *self, GtkPackType pack)
{
  g_return_val_if_fail (PURATAN_IS_DESIGN_VIEW (self), NULL);

  return pack == GTK_PACK_START ? self->header_start : self->header_end;
}

/**
 * puratan_design_view_set_preflight_counts:
 * @self: a #PuratanDesignView
 * @n_errors: errors the preflight of the design found
 * @n_warnings: warnings it found
 *
 * Shows the counts on the header bar's preflight badge, which stays hidden until the
 * first call. Clicking the badge shows the Preflight panel.
 */
void
puratan_design_view_set_preflight_counts (PuratanDesignView *self, guint n_errors, guint n_warnings)
{
  g_autofree char *label = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *badge;

  g_return_if_fail (PURATAN_IS_DESIGN_VIEW (self));

  badge = GTK_WIDGET (self->preflight_badge);
  /* TRANSLATORS: the preflight badge: error and warning counts, e.g. "0 ✕  2 ⚠" */
  label = g_strdup_printf (_ ("%u ✕  %u ⚠"), n_errors, n_warnings);
  errors = g_strdup_printf (ngettext ("%u error", "%u errors", n_errors), n_errors);
  warnings = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
  /* TRANSLATORS: the preflight badge read aloud, e.g. "Preflight: 0 errors, 2 warnings" */
  accessible = g_strdup_printf (_ ("Preflight: %s, %s"), errors, warnings);
  gtk_button_set_label (self->preflight_badge, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_remove_css_class (badge, "error");
  gtk_widget_remove_css_class (badge, "warning");
  gtk_widget_remove_css_class (badge, "success");
  gtk_widget_add_css_class (badge, n_errors > 0 ? "error" : n_warnings > 0 ? "warning" : "success");
  gtk_widget_set_visible (badge, TRUE);
}

static void
panel_counts_cb (PuratanDesignView *self, GParamSpec *pspec, GObject *panel)
{
  guint n_errors = 0;
  guint n_warnings = 0;
  gboolean checking = FALSE;

  /* A check that finds what the last one found changes no count: the end of each check
   * (`checking` going false) shows the counts too. */
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (panel), "checking") != NULL)
    g_object_get (panel, "checking", &checking, NULL);
  if (checking)
    return;
  g_object_get (panel, "n-errors", &n_errors, "n-warnings", &n_warnings, NULL);
  puratan_design_view_set_preflight_counts (self, n_errors, n_warnings);
}

static void
finding_activated_cb (GtkWidget *panel,
                      guint page,
                      double x,
                      double y,
                      double width,
                      double height,
                      const char *item_id,
                      PuratanDesignView *self)
{
  if (self->document == NULL || page >= puratan_document_get_n_pages (self->document))
    return;
  puratan_selection_set_page (self->selection, page);
  if (item_id != NULL && puratan_document_lookup_item (self->document, page, item_id) != NULL)
    puratan_selection_select_only (self->selection, item_id);
  else
    puratan_selection_clear (self->selection);
  puratan_canvas_zoom_to_rect (self->canvas, x, y, width, height);
}

/**
 * puratan_design_view_set_panel:
 * @self: a #PuratanDesignView
 * @name: a sidebar page: "pages", "layers", "properties", "swatches", "quote" or
 *   "preflight"
 * @panel: (transfer floating): the panel for that page
 *
 * Puts @panel in the sidebar in place of the page's empty status, keeping its title and
 * icon. A panel with a `selection` property gets the view's selection, and one with a
 * `unit` property follows the canvas's unit. A panel with `n-errors` and `n-warnings`
 * (the Preflight panel) drives the header bar's badge, updated as each check ends, and its
 * `finding-activated` signal selects the item found and zooms to it.
 */
void
puratan_design_view_set_panel (PuratanDesignView *self, const char *name, GtkWidget *panel)
{
  GtkWidget *old;
  GtkStackPage *page;
  g_autofree char *title = NULL;
  g_autofree char *icon_name = NULL;
  GObjectClass *klass;

  g_return_if_fail (PURATAN_IS_DESIGN_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (panel));

  old = gtk_stack_get_child_by_name (self->sidebar, name);
  g_return_if_fail (old != NULL);

  page = gtk_stack_get_page (self->sidebar, old);
  g_object_get (page, "title", &title, "icon-name", &icon_name, NULL);
  gtk_stack_remove (self->sidebar, old);
  page = gtk_stack_add_titled (self->sidebar, panel, name, title);
  gtk_stack_page_set_icon_name (page, icon_name);

  klass = G_OBJECT_GET_CLASS (panel);
  if (g_object_class_find_property (klass, "selection") != NULL)
    g_object_set (panel, "selection", self->selection, NULL);
  if (g_object_class_find_property (klass, "unit") != NULL)
    g_object_bind_property (self->canvas, "unit", panel, "unit", G_BINDING_SYNC_CREATE);
  if (g_object_class_find_property (klass, "n-errors") != NULL &&
      g_object_class_find_property (klass, "n-warnings") != NULL)
    {
      g_signal_connect_object (panel, "notify::n-errors", G_CALLBACK (panel_counts_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (panel, "notify::n-warnings", G_CALLBACK (panel_counts_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (panel, "notify::checking", G_CALLBACK (panel_counts_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (g_signal_lookup ("finding-activated", G_OBJECT_TYPE (panel)) != 0)
    g_signal_connect_object (panel, "finding-activated", G_CALLBACK (finding_activated_cb), self,
                             0);
}

/* puratan-pages-panel.c: the Design view's panel of the design's pages
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thumbnail of every page, the selection's page highlighted; choosing a page makes it
 * the selection's page. The toolbar adds a page of the current page's size after it,
 * moves the current page earlier or later and removes it (after asking, when it has
 * items; never the last page). Pages are also reordered by dragging a thumbnail onto
 * another. Thumbnails are drawn on a worker thread from a copy of the design, again only
 * for pages that changed (puratan-page-thumbs.c).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-page-thumbs.h"
#include "puratan-pages-panel.h"
#include "puratan-panel-watch.h"

#define THUMB_EDGE 112
/* Thumbnails wait for the design to rest this long, so a drag does not copy the design
 * at every motion. */
#define THUMB_DELAY_MS 200

struct _PuratanPagesPanel
{
  AdwBin parent_instance;

  PuratanPanelWatch watch;
  PuratanUnit unit;
  char *message;
  gboolean updating;

  GCancellable *cancellable; /* of the thumbnail drawing in flight */
  guint draw_timeout;
  gboolean drawing;
  gboolean redraw;        /* the design changed while drawing */
  GHashTable *thumbs;     /* fingerprint → GdkTexture, of the last drawing */
  GPtrArray *page_thumbs; /* (element-type GdkTexture): per page, of the last drawing */

  GtkLabel *message_label;
  GtkListBox *page_list;
};

enum
{
  PROP_0,
  PROP_SELECTION,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (PuratanPagesPanel, puratan_pages_panel, ADW_TYPE_BIN)

static void draw_thumbnails (PuratanPagesPanel *self);

static PuratanDocument *
get_document (PuratanPagesPanel *self)
{
  return self->watch.selection != NULL ? puratan_selection_get_document (self->watch.selection)
                                       : NULL;
}

static void
show_message (PuratanPagesPanel *self, const char *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static guint
row_page (GtkWidget *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "page"));
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, gpointer data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  return gdk_content_provider_new_typed (G_TYPE_UINT, row_page (row));
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, PuratanPagesPanel *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  if (!G_VALUE_HOLDS_UINT (value))
    return FALSE;
  return puratan_pages_panel_move_page (self, g_value_get_uint (value), row_page (row));
}

static GtkWidget *
make_row (PuratanPagesPanel *self)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);

  gtk_widget_set_size_request (picture, THUMB_EDGE, THUMB_EDGE);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_add_css_class (picture, "card");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "picture", picture);
  g_object_set_data (G_OBJECT (row), "label", label);
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), NULL);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  return row;
}

static void
label_row (PuratanPagesPanel *self, GtkWidget *row, guint index, const PuratanDocPage *page)
{
  g_autofree char *width = puratan_unit_format (self->unit, page->width);
  g_autofree char *height = puratan_unit_format (self->unit, page->height);
  g_autofree char *text = g_strdup_printf (_ ("Page %u · %s × %s"), index + 1, width, height);
  g_autofree char *name = g_strdup_printf (
      ngettext ("Page %u, %s × %s, %u item", "Page %u, %s × %s, %u items", page->items->len),
      index + 1, width, height, page->items->len);

  g_object_set_data (G_OBJECT (row), "page", GUINT_TO_POINTER (index));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "label"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
show_thumbnails (PuratanPagesPanel *self)
{
  for (guint i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->page_list, i);
      GdkTexture *texture = self->page_thumbs != NULL && i < self->page_thumbs->len
                                ? self->page_thumbs->pdata[i]
                                : NULL;

      if (row == NULL)
        break;
      gtk_picture_set_paintable (g_object_get_data (G_OBJECT (row), "picture"),
                                 GDK_PAINTABLE (texture));
    }
}

static void
update_actions (PuratanPagesPanel *self)
{
  PuratanDocument *document = get_document (self);
  guint n = document != NULL ? puratan_document_get_n_pages (document) : 0;
  guint page =
      self->watch.selection != NULL ? puratan_selection_get_page (self->watch.selection) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.add", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.remove", n > 1 && page < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.move-up", page > 0 && page < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.move-down", page + 1 < n);
}

static gboolean
draw_timeout_cb (gpointer data)
{
  PuratanPagesPanel *self = data;

  self->draw_timeout = 0;
  draw_thumbnails (self);
  return G_SOURCE_REMOVE;
}

static void
refresh (gpointer owner)
{
  PuratanPagesPanel *self = owner;
  PuratanDocument *document = get_document (self);
  guint n = document != NULL ? puratan_document_get_n_pages (document) : 0;
  guint current =
      self->watch.selection != NULL ? puratan_selection_get_page (self->watch.selection) : 0;
  GtkListBoxRow *row;

  self->updating = TRUE;
  while ((row = gtk_list_box_get_row_at_index (self->page_list, n)) != NULL)
    gtk_list_box_remove (self->page_list, GTK_WIDGET (row));
  for (guint i = 0; i < n; i++)
    {
      row = gtk_list_box_get_row_at_index (self->page_list, i);
      if (row == NULL)
        {
          row = GTK_LIST_BOX_ROW (make_row (self));
          gtk_list_box_append (self->page_list, GTK_WIDGET (row));
        }
      label_row (self, GTK_WIDGET (row), i, puratan_document_get_page (document, i));
    }
  row = gtk_list_box_get_row_at_index (self->page_list, current);
  if (row != NULL)
    gtk_list_box_select_row (self->page_list, row);
  else
    gtk_list_box_unselect_all (self->page_list);
  self->updating = FALSE;
  update_actions (self);
  show_thumbnails (self);
  if (self->watch.design_changed)
    {
      self->watch.design_changed = FALSE;
      g_clear_handle_id (&self->draw_timeout, g_source_remove);
      self->draw_timeout = g_timeout_add (THUMB_DELAY_MS, draw_timeout_cb, self);
    }
}

static void
thumbnails_drawn_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) thumbs = puratan_page_thumbs_render_finish (result, &error);
  PuratanPagesPanel *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Not cancelled: dispose cancels, so the panel is alive. */
  self = PURATAN_PAGES_PANEL (data);
  self->drawing = FALSE;
  if (thumbs == NULL)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("Page thumbnails cannot be drawn: %s"), error->message);
      show_message (self, message);
    }
  else
    {
      g_hash_table_remove_all (self->thumbs);
      g_ptr_array_set_size (self->page_thumbs, 0);
      for (guint i = 0; i < thumbs->len; i++)
        {
          PuratanPageThumb *thumb = thumbs->pdata[i];

          g_hash_table_insert (self->thumbs, g_strdup (thumb->fingerprint),
                               g_object_ref (thumb->texture));
          g_ptr_array_add (self->page_thumbs, g_object_ref (thumb->texture));
        }
      show_thumbnails (self);
    }
  if (self->redraw)
    draw_thumbnails (self);
}

/* Starts drawing the thumbnails, or asks for another drawing after the one in flight. */
static void
draw_thumbnails (PuratanPagesPanel *self)
{
  PuratanDocument *document = get_document (self);
  g_autoptr (PuratanDocument) copy = NULL;

  if (self->drawing)
    {
      self->redraw = TRUE;
      return;
    }
  self->redraw = FALSE;
  if (document == NULL || puratan_document_get_n_pages (document) == 0)
    {
      g_ptr_array_set_size (self->page_thumbs, 0);
      return;
    }
  copy = puratan_document_dup (document);
  self->drawing = TRUE;
  puratan_page_thumbs_render_async (copy, self->thumbs, THUMB_EDGE * 2, self->cancellable,
                                    thumbnails_drawn_cb, self);
}

static void
row_selected_cb (PuratanPagesPanel *self, GtkListBoxRow *row)
{
  if (self->updating || row == NULL || self->watch.selection == NULL)
    return;
  puratan_selection_set_page (self->watch.selection, row_page (GTK_WIDGET (row)));
  update_actions (self);
}

/**
 * puratan_pages_panel_move_page:
 * @self: the panel
 * @from: 0-based index of the page to move
 * @to: 0-based index it has afterwards
 *
 * Moves a page as one undo step (as dragging its thumbnail does) and makes it the
 * selection's page.
 *
 * Returns: %TRUE when the page moved
 */
gboolean
puratan_pages_panel_move_page (PuratanPagesPanel *self, guint from, guint to)
{
  PuratanDocument *document;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (PURATAN_IS_PAGES_PANEL (self), FALSE);

  document = get_document (self);
  if (document == NULL || from == to)
    return FALSE;
  if (!puratan_document_move_page (document, from, to, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  puratan_selection_set_page (self->watch.selection, to);
  return TRUE;
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanPagesPanel *self = PURATAN_PAGES_PANEL (widget);
  PuratanDocument *document = get_document (self);
  guint current = puratan_selection_get_page (self->watch.selection);
  const PuratanDocPage *page;
  g_autoptr (GError) error = NULL;
  guint added;

  if (document == NULL || current >= puratan_document_get_n_pages (document))
    return;
  page = puratan_document_get_page (document, current);
  puratan_document_begin_step (document, _ ("Add page"));
  added = puratan_document_add_page (document, page->width, page->height, page->bleed, page->safe,
                                     &error);
  if (added != G_MAXUINT)
    puratan_document_move_page (document, added, current + 1, &error);
  puratan_document_end_step (document);
  if (error != NULL)
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  puratan_selection_set_page (self->watch.selection, current + 1);
}

static void
move_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanPagesPanel *self = PURATAN_PAGES_PANEL (widget);
  guint current = puratan_selection_get_page (self->watch.selection);

  if (g_str_equal (action_name, "pages.move-up"))
    {
      if (current > 0)
        puratan_pages_panel_move_page (self, current, current - 1);
    }
  else
    puratan_pages_panel_move_page (self, current, current + 1);
}

typedef struct
{
  PuratanPagesPanel *panel; /* weak */
  PuratanDocument *document;
  guint page;
} RemoveRequest;

static void
remove_request_free (gpointer data, GClosure *closure)
{
  RemoveRequest *request = data;

  g_clear_weak_pointer (&request->panel);
  g_clear_object (&request->document);
  g_free (request);
}

static void
remove_page (PuratanPagesPanel *self, PuratanDocument *document, guint page)
{
  g_autoptr (GError) error = NULL;

  if (puratan_document_get_n_pages (document) <= 1)
    {
      show_message (self, _ ("A design keeps at least one page"));
      return;
    }
  if (!puratan_document_remove_page (document, page, &error))
    {
      show_message (self, error->message);
      return;
    }
  show_message (self, NULL);
  if (self->watch.selection != NULL &&
      puratan_selection_get_document (self->watch.selection) == document)
    puratan_selection_set_page (self->watch.selection,
                                MIN (page, puratan_document_get_n_pages (document) - 1));
}

static void
remove_response_cb (AdwMessageDialog *dialog, const char *response, RemoveRequest *request)
{
  if (request->panel != NULL && g_str_equal (response, "remove") &&
      request->page < puratan_document_get_n_pages (request->document))
    remove_page (request->panel, request->document, request->page);
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  PuratanPagesPanel *self = PURATAN_PAGES_PANEL (widget);
  PuratanDocument *document = get_document (self);
  guint current = puratan_selection_get_page (self->watch.selection);
  const PuratanDocPage *page;
  RemoveRequest *request;
  GtkWidget *dialog;

  if (document == NULL || current >= puratan_document_get_n_pages (document))
    return;
  page = puratan_document_get_page (document, current);
  if (page->items->len == 0 || puratan_document_get_n_pages (document) <= 1)
    {
      remove_page (self, document, current);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _ ("Remove page %u?"),
                                     current + 1);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("Its %u item goes with it. Undo brings it back.",
                                            "Its %u items go with it. Undo brings them back.",
                                            page->items->len),
                                  page->items->len);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("Cancel"), "remove",
                                    _ ("Remove Page"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  request = g_new0 (RemoveRequest, 1);
  g_set_weak_pointer (&request->panel, self);
  request->document = g_object_ref (document);
  request->page = current;
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb), request,
                         remove_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
puratan_pages_panel_dispose (GObject *object)
{
  PuratanPagesPanel *self = PURATAN_PAGES_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->draw_timeout, g_source_remove);
  puratan_panel_watch_clear (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (object), PURATAN_TYPE_PAGES_PANEL);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->thumbs, g_hash_table_unref);
  g_clear_pointer (&self->page_thumbs, g_ptr_array_unref);

  G_OBJECT_CLASS (puratan_pages_panel_parent_class)->dispose (object);
}

static void
puratan_pages_panel_finalize (GObject *object)
{
  g_free (PURATAN_PAGES_PANEL (object)->message);

  G_OBJECT_CLASS (puratan_pages_panel_parent_class)->finalize (object);
}

static void
puratan_pages_panel_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PuratanPagesPanel *self = PURATAN_PAGES_PANEL (object);

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
puratan_pages_panel_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  PuratanPagesPanel *self = PURATAN_PAGES_PANEL (object);

  switch (prop_id)
    {
      case PROP_SELECTION:
        puratan_pages_panel_set_selection (self, g_value_get_object (value));
        break;
      case PROP_UNIT:
        puratan_pages_panel_set_unit (self, g_value_get_enum (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
puratan_pages_panel_class_init (PuratanPagesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = puratan_pages_panel_dispose;
  object_class->finalize = puratan_pages_panel_finalize;
  object_class->get_property = puratan_pages_panel_get_property;
  object_class->set_property = puratan_pages_panel_set_property;

  properties[PROP_SELECTION] =
      g_param_spec_object ("selection", NULL, NULL, PURATAN_TYPE_SELECTION,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNIT] =
      g_param_spec_enum ("unit", NULL, NULL, PURATAN_TYPE_UNIT, PURATAN_UNIT_MM,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/in/puratan/Studio/ui/puratan-pages-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PuratanPagesPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, PuratanPagesPanel, page_list);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_install_action (widget_class, "pages.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "pages.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pages.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pages.remove", NULL, remove_action);
}

static void
puratan_pages_panel_init (PuratanPagesPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  puratan_panel_watch_init (&self->watch, refresh, self);
  self->unit = PURATAN_UNIT_MM;
  self->cancellable = g_cancellable_new ();
  self->thumbs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->page_thumbs = g_ptr_array_new_with_free_func (g_object_unref);
  update_actions (self);
}

/**
 * puratan_pages_panel_new:
 *
 * Returns: (transfer full): a Pages panel with no selection
 */
GtkWidget *
puratan_pages_panel_new (void)
{
  return g_object_new (PURATAN_TYPE_PAGES_PANEL, NULL);
}

/**
 * puratan_pages_panel_get_selection:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): the selection whose design's pages are shown
 */
PuratanSelection *
puratan_pages_panel_get_selection (PuratanPagesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PAGES_PANEL (self), NULL);
  return self->watch.selection;
}

/**
 * puratan_pages_panel_set_selection:
 * @self: the panel
 * @selection: (nullable): the selection whose design's pages to show; choosing a page
 *   sets its page
 */
void
puratan_pages_panel_set_selection (PuratanPagesPanel *self, PuratanSelection *selection)
{
  g_return_if_fail (PURATAN_IS_PAGES_PANEL (self));
  g_return_if_fail (selection == NULL || PURATAN_IS_SELECTION (selection));

  if (puratan_panel_watch_set_selection (&self->watch, selection))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

/**
 * puratan_pages_panel_get_unit:
 * @self: the panel
 *
 * Returns: the unit page sizes are shown in
 */
PuratanUnit
puratan_pages_panel_get_unit (PuratanPagesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PAGES_PANEL (self), PURATAN_UNIT_MM);
  return self->unit;
}

/**
 * puratan_pages_panel_set_unit:
 * @self: the panel
 * @unit: the unit to show page sizes in
 */
void
puratan_pages_panel_set_unit (PuratanPagesPanel *self, PuratanUnit unit)
{
  g_return_if_fail (PURATAN_IS_PAGES_PANEL (self));

  if (self->unit == unit)
    return;
  self->unit = unit;
  puratan_panel_watch_queue (&self->watch);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

/**
 * puratan_pages_panel_is_busy:
 * @self: the panel
 *
 * Returns: whether thumbnails are being drawn or waiting to be, or a refresh is pending
 */
gboolean
puratan_pages_panel_is_busy (PuratanPagesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PAGES_PANEL (self), FALSE);
  return self->drawing || self->watch.idle != 0 || self->draw_timeout != 0;
}

/**
 * puratan_pages_panel_get_thumbnail:
 * @self: the panel
 * @page: 0-based page index
 *
 * Returns: (transfer none) (nullable): the thumbnail shown for @page, or %NULL before it
 *   is drawn
 */
GdkTexture *
puratan_pages_panel_get_thumbnail (PuratanPagesPanel *self, guint page)
{
  g_return_val_if_fail (PURATAN_IS_PAGES_PANEL (self), NULL);
  return page < self->page_thumbs->len ? self->page_thumbs->pdata[page] : NULL;
}

/**
 * puratan_pages_panel_get_message:
 * @self: the panel
 *
 * Returns: (transfer none) (nullable): why the last change was refused, or %NULL
 */
const char *
puratan_pages_panel_get_message (PuratanPagesPanel *self)
{
  g_return_val_if_fail (PURATAN_IS_PAGES_PANEL (self), NULL);
  return self->message;
}

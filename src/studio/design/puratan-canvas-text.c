/* puratan-canvas-text.c: editing text frames in place, through GTK's input methods
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys reach the text through a GtkIMMulticontext, so Devanagari and the other Indic
 * scripts can be typed with the system's input method; the preedit string is shown at the
 * caret until the input method commits it. A whole editing session, from the first key to
 * Escape or a click outside, is one undo step.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "puratan-canvas-private.h"

#define NEW_FRAME_WIDTH 144.0
#define NEW_FONT_SIZE   12.0

static GtkEventController *
key_controller (PuratanCanvas *self)
{
  return g_object_get_data (G_OBJECT (self), "puratan-canvas-key");
}

static const PuratanDocItem *
editing_item (PuratanCanvas *self)
{
  if (self->editing_id == NULL || self->document == NULL)
    return NULL;
  return puratan_document_lookup_item (self->document, self->page_index, self->editing_id);
}

/* A layout like the render layer's: the item's font at 72 dpi, so one unit is one point. */
static PangoLayout *
make_layout (const PuratanDocItem *item, const char *text)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();
  cairo_font_options_t *options = cairo_font_options_create ();
  PangoLayout *layout;

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  layout = pango_layout_new (context);
  g_object_unref (context);
  pango_font_description_set_family (font,
                                     item->font_family != NULL ? item->font_family : "Noto Sans");
  pango_font_description_set_weight (font, item->font_weight);
  pango_font_description_set_style (font, item->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_size (font, (int) (item->font_size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  if (item->width > 0)
    pango_layout_set_width (layout, (int) (item->width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, item->align == PURATAN_DOC_ALIGN_CENTER  ? PANGO_ALIGN_CENTER
                                      : item->align == PURATAN_DOC_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
                                                                               : PANGO_ALIGN_LEFT);
  pango_layout_set_justify (layout, item->align == PURATAN_DOC_ALIGN_JUSTIFY);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Writes the edited text into the item, within the editing step. */
static void
apply_text (PuratanCanvas *self)
{
  PuratanDocItem *item;

  /* The item may have gone meanwhile (removed from a panel): the edit simply ends. */
  if (editing_item (self) == NULL)
    {
      puratan_canvas_text_commit (self);
      return;
    }
  item = puratan_document_edit_item (self->document, self->page_index, self->editing_id, NULL);
  g_free (item->text);
  item->text = g_strdup (self->editing_text->str);
}

/* Tells the input method where the caret is, for its candidate window. */
static void
update_cursor_location (PuratanCanvas *self)
{
  const PuratanDocItem *item = editing_item (self);
  g_autoptr (PangoLayout) layout = NULL;
  PangoRectangle pos;
  double x, y, s = puratan_canvas_scale (self);
  const double *m;

  if (item == NULL)
    return;
  layout = make_layout (item, self->editing_text->str);
  pango_layout_get_cursor_pos (layout, self->cursor, &pos, NULL);
  m = item->transform;
  x = m[0] * pos.x / PANGO_SCALE + m[2] * pos.y / PANGO_SCALE + m[4];
  y = m[1] * pos.x / PANGO_SCALE + m[3] * pos.y / PANGO_SCALE + m[5];
  puratan_canvas_page_to_widget (self, x, y, &x, &y);
  gtk_im_context_set_cursor_location (
      self->im, &(GdkRectangle){ (int) x, (int) y, 1, (int) ceil (pos.height / PANGO_SCALE * s) });
  gtk_im_context_set_surrounding_with_selection (self->im, self->editing_text->str, -1,
                                                 self->cursor, self->cursor);
}

static void
insert_text (PuratanCanvas *self, const char *text)
{
  if (self->editing_id == NULL || text == NULL || *text == '\0')
    return;
  g_string_insert (self->editing_text, self->cursor, text);
  self->cursor += (int) strlen (text);
  apply_text (self);
  update_cursor_location (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
commit_cb (GtkIMContext *im, const char *text, PuratanCanvas *self)
{
  (void) im;
  insert_text (self, text);
}

static void
preedit_changed_cb (GtkIMContext *im, PuratanCanvas *self)
{
  g_clear_pointer (&self->preedit, g_free);
  gtk_im_context_get_preedit_string (im, &self->preedit, NULL, &self->preedit_cursor);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
retrieve_surrounding_cb (GtkIMContext *im, PuratanCanvas *self)
{
  if (self->editing_id == NULL)
    return FALSE;
  gtk_im_context_set_surrounding_with_selection (im, self->editing_text->str, -1, self->cursor,
                                                 self->cursor);
  return TRUE;
}

static gboolean
delete_surrounding_cb (GtkIMContext *im, int offset, int n_chars, PuratanCanvas *self)
{
  const char *text, *start, *end;
  glong at;

  (void) im;
  if (self->editing_id == NULL)
    return FALSE;
  text = self->editing_text->str;
  at = g_utf8_pointer_to_offset (text, text + self->cursor) + offset;
  if (at < 0 || n_chars < 0 || at + n_chars > g_utf8_strlen (text, -1))
    return FALSE;
  start = g_utf8_offset_to_pointer (text, at);
  end = g_utf8_offset_to_pointer (start, n_chars);
  g_string_erase (self->editing_text, start - text, end - start);
  self->cursor = (int) (start - self->editing_text->str);
  apply_text (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* Focus moving elsewhere (another control, another window) ends the edit. */
static void
focus_leave_cb (GtkEventControllerFocus *focus, PuratanCanvas *self)
{
  (void) focus;
  if (self->editing_id != NULL)
    puratan_canvas_text_commit (self);
}

void
puratan_canvas_text_init (PuratanCanvas *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  self->im = gtk_im_multicontext_new ();
  gtk_im_context_set_client_widget (self->im, GTK_WIDGET (self));
  g_signal_connect (self->im, "commit", G_CALLBACK (commit_cb), self);
  g_signal_connect (self->im, "preedit-changed", G_CALLBACK (preedit_changed_cb), self);
  g_signal_connect (self->im, "retrieve-surrounding", G_CALLBACK (retrieve_surrounding_cb), self);
  g_signal_connect (self->im, "delete-surrounding", G_CALLBACK (delete_surrounding_cb), self);
}

void
puratan_canvas_text_dispose (PuratanCanvas *self)
{
  if (self->editing_id != NULL)
    puratan_canvas_text_commit (self);
  if (self->im != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->im, self);
      gtk_im_context_set_client_widget (self->im, NULL);
    }
  g_clear_object (&self->im);
}

/* Starts editing a text item in place. @step_open: the caller opened the step already. */
static void
begin_editing (PuratanCanvas *self, const char *id, gboolean step_open)
{
  const PuratanDocItem *item;

  item = puratan_document_lookup_item (self->document, self->page_index, id);
  if (item == NULL || item->kind != PURATAN_DOC_ITEM_TEXT ||
      !puratan_canvas_item_is_editable (self, item))
    {
      if (step_open)
        puratan_document_end_step (self->document);
      return;
    }
  if (!step_open)
    puratan_document_begin_step (self->document, _ ("Edit Text"));
  self->editing_id = g_strdup (id);
  self->editing_text = g_string_new (item->text != NULL ? item->text : "");
  self->cursor = (int) self->editing_text->len;
  puratan_selection_select_only (self->selection, id);
  gtk_event_controller_key_set_im_context (GTK_EVENT_CONTROLLER_KEY (key_controller (self)),
                                           self->im);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_im_context_focus_in (self->im);
  update_cursor_location (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * puratan_canvas_text_begin:
 *
 * Edits the text item @id in place, committing any other edit first.
 */
void
puratan_canvas_text_begin (PuratanCanvas *self, const char *id)
{
  if (self->editing_id != NULL)
    {
      if (g_strcmp0 (self->editing_id, id) == 0)
        return;
      puratan_canvas_text_commit (self);
    }
  begin_editing (self, id, FALSE);
}

/* Creates a text frame where the text tool was clicked or dragged, and edits it. A click
 * makes a frame of a default width; creating and typing are one undo step. */
void
puratan_canvas_text_create (PuratanCanvas *self, double x, double y, double width, double height)
{
  PuratanDocItem *item = puratan_doc_item_new (PURATAN_DOC_ITEM_TEXT);
  const char *id;

  puratan_document_begin_step (self->document, _ ("Add Text"));
  item->text = g_strdup ("");
  item->font_size = NEW_FONT_SIZE;
  item->width = width >= 12 ? width : NEW_FRAME_WIDTH;
  item->height = height >= 12 ? height : NEW_FONT_SIZE * 1.5;
  puratan_doc_item_set_position (item, x, y);
  puratan_doc_item_set_fill (item, puratan_canvas_default_swatch (self), 1.0);
  id = puratan_canvas_add_new_item (self, item);
  if (id == NULL)
    {
      puratan_document_end_step (self->document);
      return;
    }
  begin_editing (self, id, TRUE);
}

/**
 * puratan_canvas_text_commit:
 *
 * Ends the edit in place: the text stays as typed (a frame left empty is removed) and the
 * editing step closes.
 */
void
puratan_canvas_text_commit (PuratanCanvas *self)
{
  g_autofree char *id = NULL;

  if (self->editing_id == NULL)
    return;
  id = g_steal_pointer (&self->editing_id);
  gtk_im_context_reset (self->im);
  gtk_im_context_focus_out (self->im);
  gtk_event_controller_key_set_im_context (GTK_EVENT_CONTROLLER_KEY (key_controller (self)), NULL);
  g_clear_pointer (&self->preedit, g_free);
  if (self->document != NULL)
    {
      if (self->editing_text->len == 0)
        {
          puratan_selection_remove (self->selection, id);
          puratan_document_remove_item (self->document, self->page_index, id, NULL);
        }
      puratan_document_end_step (self->document);
    }
  g_string_free (g_steal_pointer (&self->editing_text), TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * puratan_canvas_text_place_caret:
 *
 * Puts the caret of the text being edited at the character nearest a page point.
 */
void
puratan_canvas_text_place_caret (PuratanCanvas *self, double px, double py)
{
  const PuratanDocItem *item = editing_item (self);
  g_autoptr (PangoLayout) layout = NULL;
  const double *m;
  double det, dx, dy, x, y;
  int index, trailing;

  if (item == NULL)
    return;
  m = item->transform;
  det = m[0] * m[3] - m[1] * m[2];
  if (fabs (det) < 1e-12)
    return;
  dx = px - m[4];
  dy = py - m[5];
  x = (m[3] * dx - m[2] * dy) / det;
  y = (-m[1] * dx + m[0] * dy) / det;
  layout = make_layout (item, self->editing_text->str);
  pango_layout_xy_to_index (layout, (int) (x * PANGO_SCALE), (int) (y * PANGO_SCALE), &index,
                            &trailing);
  while (trailing-- > 0 && self->editing_text->str[index] != '\0')
    index = (int) (g_utf8_next_char (self->editing_text->str + index) - self->editing_text->str);
  gtk_im_context_reset (self->im);
  self->cursor = index;
  update_cursor_location (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Keys the input method left: caret movement, deletion, new lines and Escape. */
gboolean
puratan_canvas_text_key (PuratanCanvas *self, guint keyval, GdkModifierType state)
{
  const char *text = self->editing_text->str, *at = text + self->cursor, *other;

  switch (keyval)
    {
      case GDK_KEY_Escape:
        puratan_canvas_text_commit (self);
        return TRUE;
      case GDK_KEY_Return:
      case GDK_KEY_KP_Enter:
        insert_text (self, "\n");
        return TRUE;
      case GDK_KEY_BackSpace:
        if (self->cursor == 0)
          return TRUE;
        other = g_utf8_find_prev_char (text, at);
        g_string_erase (self->editing_text, other - text, at - other);
        self->cursor = (int) (other - text);
        break;
      case GDK_KEY_Delete:
      case GDK_KEY_KP_Delete:
        if (*at == '\0')
          return TRUE;
        other = g_utf8_next_char (at);
        g_string_erase (self->editing_text, at - text, other - at);
        break;
      case GDK_KEY_Left:
      case GDK_KEY_KP_Left:
        if (self->cursor > 0)
          self->cursor = (int) (g_utf8_find_prev_char (text, at) - text);
        update_cursor_location (self);
        gtk_widget_queue_draw (GTK_WIDGET (self));
        return TRUE;
      case GDK_KEY_Right:
      case GDK_KEY_KP_Right:
        if (*at != '\0')
          self->cursor = (int) (g_utf8_next_char (at) - text);
        update_cursor_location (self);
        gtk_widget_queue_draw (GTK_WIDGET (self));
        return TRUE;
      case GDK_KEY_Home:
        self->cursor = 0;
        gtk_widget_queue_draw (GTK_WIDGET (self));
        return TRUE;
      case GDK_KEY_End:
        self->cursor = (int) self->editing_text->len;
        gtk_widget_queue_draw (GTK_WIDGET (self));
        return TRUE;
      default:
        /* A shortcut (undo, copy, a tool) ends the edit first, then goes on to the window. */
        if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
          puratan_canvas_text_commit (self);
        return FALSE;
    }
  apply_text (self);
  update_cursor_location (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* The frame being edited, the caret and the preedit string, in the item's own space. */
void
puratan_canvas_text_snapshot (PuratanCanvas *self, GtkSnapshot *snapshot)
{
  const PuratanDocItem *item = editing_item (self);
  const GdkRGBA caret = { 0.1, 0.3, 0.8, 1 };
  g_autoptr (PangoLayout) layout = NULL;
  graphene_matrix_t matrix;
  PangoRectangle pos;
  double ox, oy, s = puratan_canvas_scale (self);
  const double *m;

  if (item == NULL)
    return;
  m = item->transform;
  puratan_canvas_page_origin (self, &ox, &oy);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) ox, (float) oy));
  gtk_snapshot_scale (snapshot, (float) s, (float) s);
  graphene_matrix_init_from_2d (&matrix, m[0], m[1], m[2], m[3], m[4], m[5]);
  gtk_snapshot_transform_matrix (snapshot, &matrix);
  {
    graphene_rect_t frame = GRAPHENE_RECT_INIT (0, 0, (float) item->width, (float) item->height);
    GskRoundedRect outline;
    float w = (float) (1.0 / s);
    const float widths[4] = { w, w, w, w };
    const GdkRGBA c[4] = { caret, caret, caret, caret };

    gsk_rounded_rect_init_from_rect (&outline, &frame, 0);
    gtk_snapshot_append_border (snapshot, &outline, widths, c);
  }
  layout = make_layout (item, self->editing_text->str);
  pango_layout_get_cursor_pos (layout, self->cursor, &pos, NULL);
  if (self->preedit != NULL && *self->preedit != '\0')
    {
      g_autoptr (PangoLayout) preedit = make_layout (item, self->preedit);
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoRectangle ink, logical;

      pango_attr_list_insert (attrs, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE));
      pango_layout_set_attributes (preedit, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_width (preedit, -1);
      pango_layout_get_extents (preedit, &ink, &logical);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) pos.x / PANGO_SCALE,
                                                              (float) pos.y / PANGO_SCALE));
      gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 1, 1, 0.85, 1 },
                                 &GRAPHENE_RECT_INIT (0, 0, (float) logical.width / PANGO_SCALE,
                                                      (float) logical.height / PANGO_SCALE));
      gtk_snapshot_append_layout (snapshot, preedit, &(GdkRGBA){ 0, 0, 0, 1 });
      gtk_snapshot_restore (snapshot);
    }
  else
    gtk_snapshot_append_color (snapshot, &caret,
                               &GRAPHENE_RECT_INIT ((float) pos.x / PANGO_SCALE,
                                                    (float) pos.y / PANGO_SCALE, (float) (1.5 / s),
                                                    (float) MAX (pos.height / PANGO_SCALE, 1.0)));
  gtk_snapshot_restore (snapshot);
}

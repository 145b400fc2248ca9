/* puratan-render-layout.c: text layout, shape outlines and image placement
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The screen and the print PDF lay text out with the same Pango context settings
 * (72 dpi, unhinted metrics, unrounded positions), so line breaks agree between them.
 */
#include <math.h>

#include "puratan-core.h"
#include "puratan-render-private.h"

/* Circle-to-Bézier constant: the control arm for a quarter arc of radius 1. */
#define KAPPA 0.5522847498307936

/**
 * puratan_render_text_context_new:
 *
 * Returns: (transfer full): a Pango context on a private Cairo font map at 72 dpi, so one
 *   Pango point is one PDF point
 */
PangoContext *
puratan_render_text_context_new (void)
{
  g_autoptr (PangoFontMap) fontmap = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (fontmap);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

/**
 * puratan_render_layout_new:
 * @context: from puratan_render_text_context_new()
 * @item: a text item
 *
 * Returns: (transfer full): the item's text laid out in its frame width, origin at the
 *   frame's top-left corner
 */
PangoLayout *
puratan_render_layout_new (PangoContext *context, const PuratanDocItem *item)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();
  static const PangoAlignment alignments[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
                                               PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT };

  pango_font_description_set_family (font,
                                     item->font_family != NULL ? item->font_family : "Noto Sans");
  pango_font_description_set_weight (font, CLAMP (item->font_weight, 100, 1000));
  pango_font_description_set_style (font, item->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_size (font, (int) lround (item->font_size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) lround (MAX (item->width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignments[item->align]);
  pango_layout_set_justify (layout, item->align == PURATAN_DOC_ALIGN_JUSTIFY);
  if (item->leading > 0)
    pango_attr_list_insert (
        attrs, pango_attr_line_height_new_absolute ((int) lround (item->leading * PANGO_SCALE)));
  if (item->tracking != 0)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) lround (
                                       item->tracking / 1000.0 * item->font_size * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, item->text != NULL ? item->text : "", -1);
  return layout;
}

static void
rounded_rect (const PuratanPathSink *s, double w, double h, double r)
{
  double k = r * (1.0 - KAPPA);

  r = MIN (r, MIN (w, h) / 2.0);
  k = r * (1.0 - KAPPA);
  if (r <= 0)
    {
      s->move_to (s->data, 0, 0);
      s->line_to (s->data, w, 0);
      s->line_to (s->data, w, h);
      s->line_to (s->data, 0, h);
      s->close (s->data);
      return;
    }
  s->move_to (s->data, r, 0);
  s->line_to (s->data, w - r, 0);
  s->curve_to (s->data, w - k, 0, w, k, w, r);
  s->line_to (s->data, w, h - r);
  s->curve_to (s->data, w, h - k, w - k, h, w - r, h);
  s->line_to (s->data, r, h);
  s->curve_to (s->data, k, h, 0, h - k, 0, h - r);
  s->line_to (s->data, 0, r);
  s->curve_to (s->data, 0, k, k, 0, r, 0);
  s->close (s->data);
}

static void
ellipse (const PuratanPathSink *s, double w, double h)
{
  double rx = w / 2, ry = h / 2, kx = rx * KAPPA, ky = ry * KAPPA;

  s->move_to (s->data, w, ry);
  s->curve_to (s->data, w, ry + ky, rx + kx, h, rx, h);
  s->curve_to (s->data, rx - kx, h, 0, ry + ky, 0, ry);
  s->curve_to (s->data, 0, ry - ky, rx - kx, 0, rx, 0);
  s->curve_to (s->data, rx + kx, 0, w, ry - ky, w, ry);
  s->close (s->data);
}

/* Reads n numbers of SVG path data, separated by spaces or commas. */
static gboolean
read_numbers (const char **p, double *out, int n)
{
  for (int i = 0; i < n; i++)
    {
      char *end = NULL;
      while (**p == ' ' || **p == ',' || **p == '\n' || **p == '\t')
        (*p)++;
      out[i] = g_ascii_strtod (*p, &end);
      if (end == *p || !isfinite (out[i]) || fabs (out[i]) > 1e6)
        return FALSE;
      *p = end;
    }
  return TRUE;
}

static gboolean
svg_path (const PuratanPathSink *s, const char *data, const char *id, GError **error)
{
  const char *p = data;
  gboolean started = FALSE;
  char command = 0;

  while (*p != '\0')
    {
      double v[6];
      while (*p == ' ' || *p == ',' || *p == '\n' || *p == '\t')
        p++;
      if (*p == '\0')
        break;
      if (g_ascii_isalpha (*p))
        command = *p++;
      switch (command)
        {
          case 'M':
            if (!read_numbers (&p, v, 2))
              goto bad;
            s->move_to (s->data, v[0], v[1]);
            started = TRUE;
            command = 'L';
            break;
          case 'L':
            if (!started || !read_numbers (&p, v, 2))
              goto bad;
            s->line_to (s->data, v[0], v[1]);
            break;
          case 'C':
            if (!started || !read_numbers (&p, v, 6))
              goto bad;
            s->curve_to (s->data, v[0], v[1], v[2], v[3], v[4], v[5]);
            break;
          case 'Z':
            if (!started)
              goto bad;
            s->close (s->data);
            command = 0;
            break;
          default:
            goto bad;
        }
    }
  return TRUE;

bad:
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE,
               "Shape “%s” has path data Puratan cannot read near “%.12s”; use absolute M, L, "
               "C and Z commands",
               id, p);
  return FALSE;
}

/**
 * puratan_render_shape_path:
 * @item: a shape item
 * @sink: receives the outline in item space
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with %PURATAN_ERROR_PARSE for unreadable path data
 */
gboolean
puratan_render_shape_path (const PuratanDocItem *item, const PuratanPathSink *sink, GError **error)
{
  switch (item->shape)
    {
      case PURATAN_DOC_SHAPE_RECT:
        rounded_rect (sink, item->width, item->height, item->corner_radius);
        return TRUE;
      case PURATAN_DOC_SHAPE_ELLIPSE:
        ellipse (sink, item->width, item->height);
        return TRUE;
      case PURATAN_DOC_SHAPE_LINE:
        sink->move_to (sink->data, 0, 0);
        sink->line_to (sink->data, item->width, item->height);
        return TRUE;
      case PURATAN_DOC_SHAPE_PATH:
        return svg_path (sink, item->path != NULL ? item->path : "", item->id, error);
      default:
        g_return_val_if_reached (FALSE);
    }
}

/**
 * puratan_render_item_is_drawn:
 * @document: the design
 * @item: one of its items
 * @for_print: whether the output is the print PDF (non-printing layers are left out)
 *
 * Returns: whether the item and its layer are visible (and printable for print)
 */
gboolean
puratan_render_item_is_drawn (PuratanDocument *document,
                              const PuratanDocItem *item,
                              gboolean for_print)
{
  const PuratanDocLayer *layer;

  if (!item->visible || item->opacity <= 0)
    return FALSE;
  if (item->layer == NULL)
    return TRUE;
  layer = puratan_document_lookup_layer (document, item->layer);
  return layer == NULL || (layer->visible && (!for_print || layer->printable));
}

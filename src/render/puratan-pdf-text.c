/* puratan-pdf-text.c: laid-out text as PDF text objects
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Glyphs are placed where Pango and HarfBuzz put them (shaping, kerning, mark offsets),
 * in TJ arrays whose numbers correct the font's own advances. A run of complex script (a
 * cluster drawn with several glyphs, such as a Devanagari syllable with a reordered vowel
 * sign, or marks moved by the shaper, as Odia vowel signs are) is wrapped in one
 * ActualText span, so text extraction gives back the characters in logical order instead
 * of guessing from glyph positions.
 */
#include <math.h>

#include "puratan-core.h"
#include "puratan-pdf-private.h"

typedef struct
{
  GString *content;
  gboolean in_array;
  double pen_x;
  double pen_y;
  double size;
} TextState;

static void
close_array (TextState *state)
{
  if (state->in_array)
    g_string_append (state->content, "] TJ\n");
  state->in_array = FALSE;
}

static void
show_glyph (TextState *state, PuratanPdfFont *font, guint cid, double x, double y)
{
  if (!state->in_array || fabs (y - state->pen_y) > 1e-4)
    {
      close_array (state);
      puratan_pdf_num (state->content, state->size);
      g_string_append (state->content, " 0 0 ");
      puratan_pdf_num (state->content, -state->size);
      g_string_append_c (state->content, ' ');
      puratan_pdf_num (state->content, x);
      g_string_append_c (state->content, ' ');
      puratan_pdf_num (state->content, y);
      g_string_append (state->content, " Tm [");
      state->in_array = TRUE;
      state->pen_x = x;
      state->pen_y = y;
    }
  else if (fabs (state->pen_x - x) > 0.01)
    {
      puratan_pdf_num (state->content, (state->pen_x - x) * 1000.0 / state->size);
      g_string_append_c (state->content, ' ');
    }
  g_string_append_printf (state->content, "<%04X>", cid);
  state->pen_x = x + puratan_pdf_font_advance (font, cid) * state->size / 1000.0;
}

/* Byte range of the cluster starting at @start within a run's item. */
static int
cluster_end (const PangoGlyphString *glyphs, int start, int item_length)
{
  int end = item_length;

  for (int i = 0; i < glyphs->num_glyphs; i++)
    if (glyphs->log_clusters[i] > start && glyphs->log_clusters[i] < end)
      end = glyphs->log_clusters[i];
  return end;
}

static gboolean
show_run (PuratanPdf *pdf,
          TextState *state,
          const char *text,
          PangoGlyphItem *run,
          double x0,
          double baseline,
          GError **error)
{
  PangoGlyphString *glyphs = run->glyphs;
  PangoFont *pango_font = run->item->analysis.font;
  g_autoptr (PangoFontDescription) desc = pango_font_describe_with_absolute_size (pango_font);
  PuratanPdfFont *font = puratan_pdf_font_for (pdf, pango_font, error);
  const char *item_text = text + run->item->offset;
  double x = x0;

  gboolean complex = FALSE;

  if (font == NULL)
    return FALSE;
  close_array (state);
  state->size = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  g_string_append_printf (state->content, "/%s 1 Tf\n", puratan_pdf_font_resource (font));
  for (int i = 0; i < glyphs->num_glyphs; i++)
    if (glyphs->glyphs[i].geometry.x_offset != 0 || glyphs->glyphs[i].geometry.y_offset != 0 ||
        (i > 0 && glyphs->log_clusters[i] == glyphs->log_clusters[i - 1]))
      complex = TRUE;
  if (complex)
    {
      g_autofree char *run_text = g_strndup (item_text, run->item->length);
      g_string_append (state->content, "/Span << /ActualText ");
      puratan_pdf_string (state->content, run_text);
      g_string_append (state->content, " >> BDC\n");
    }

  for (int i = 0; i < glyphs->num_glyphs;)
    {
      int start = glyphs->log_clusters[i];
      int end = cluster_end (glyphs, start, run->item->length);
      int n = 1;

      while (i + n < glyphs->num_glyphs && glyphs->log_clusters[i + n] == start)
        n++;
      for (int k = i; k < i + n; k++)
        {
          PangoGlyphInfo *info = &glyphs->glyphs[k];
          if (info->glyph == PANGO_GLYPH_EMPTY)
            {
              x += info->geometry.width / (double) PANGO_SCALE;
              continue;
            }
          if (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            {
              g_autofree char *missing = g_strndup (item_text + start, end - start);
              g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "No installed font can show “%s”; choose a font that covers it",
                           missing);
              return FALSE;
            }
          show_glyph (state, font,
                      puratan_pdf_font_cid (font, info->glyph, k == i ? item_text + start : "",
                                            k == i ? end - start : 0),
                      x + info->geometry.x_offset / (double) PANGO_SCALE,
                      baseline + info->geometry.y_offset / (double) PANGO_SCALE);
          x += info->geometry.width / (double) PANGO_SCALE;
        }
      i += n;
    }
  if (complex)
    {
      close_array (state);
      g_string_append (state->content, "EMC\n");
    }
  return TRUE;
}

/**
 * puratan_pdf_show_layout:
 * @pdf: the writer
 * @content: the content stream, in item space (y down) with the fill colour set
 * @layout: the laid-out text
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with @error set when a font cannot be embedded or a character
 *   has no glyph in any installed font
 */
gboolean
puratan_pdf_show_layout (PuratanPdf *pdf, GString *content, PangoLayout *layout, GError **error)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  const char *text = pango_layout_get_text (layout);
  TextState state = { .content = content };
  gboolean ok = TRUE;

  g_string_append (content, "BT\n");
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;

      if (run == NULL)
        continue;
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      ok = show_run (pdf, &state, text, run, logical.x / (double) PANGO_SCALE,
                     pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE, error);
    }
  while (ok && pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
  close_array (&state);
  g_string_append (content, "ET\n");
  return ok;
}

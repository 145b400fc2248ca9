/* puratan-rgb-ink.c: total ink of RGB pages through the press profile
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ghostscript converts RGB to CMYK with its own default profiles, which is not what the
 * shop's press will lay down. For pages whose content is all RGB (or gray), the page is
 * rendered in RGB by Poppler and measured with the color layer: each pixel through the
 * press condition's ICC profile, then the highest mean over a 15 mm square (GWG).
 */
#include "puratan-rgb-ink-private.h"
#include "puratan-preflight-poppler-private.h"

#include "puratan-color.h"

#define RGB_INK_PPI 36.0

/**
 * puratan_rgb_ink_measure:
 * @path: the PDF
 * @pages: (element-type guint): 1-based numbers of the pages to measure
 * @press_condition: (nullable): the profile's press condition; when the color layer does
 *   not know it, the shop's default press condition is used
 * @condition_id: (out) (transfer full): the id of the press condition used
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type PuratanRgbInk) (nullable): one entry per page,
 *   or %NULL when no press profile or renderer is available
 */
GArray *
puratan_rgb_ink_measure (const char *path,
                         GArray *pages,
                         const char *press_condition,
                         char **condition_id,
                         GError **error)
{
  g_autoptr (PuratanPressCondition) condition = NULL;
  g_autoptr (PuratanIccProfile) press = NULL;
  g_autoptr (PuratanIccProfile) srgb = puratan_icc_profile_new_srgb ();
  g_autoptr (PuratanPopplerDoc) doc = NULL;
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (PuratanRgbInk));

  if (press_condition != NULL)
    condition = puratan_press_condition_lookup (press_condition, NULL);
  if (condition == NULL)
    condition = puratan_press_condition_get_default (error);
  if (condition == NULL)
    return NULL;
  press = puratan_press_condition_load_profile (condition, error);
  if (press == NULL)
    return NULL;
  doc = puratan_poppler_doc_open (path, error);
  if (doc == NULL)
    return NULL;

  for (guint i = 0; i < pages->len; i++)
    {
      PuratanRgbInk ink = { g_array_index (pages, guint, i), 0, { 0 } };
      double crop[4], pt = 72.0 / RGB_INK_PPI;
      cairo_surface_t *surface =
          puratan_poppler_doc_render (doc, ink.page, RGB_INK_PPI, crop, error);
      g_autoptr (PuratanInkCoverage) coverage = NULL;

      if (surface == NULL)
        return NULL;
      coverage = puratan_ink_coverage_measure (surface, RGB_INK_PPI, srgb, press,
                                               PURATAN_INTENT_RELATIVE, TRUE, error);
      cairo_surface_destroy (surface);
      if (coverage == NULL)
        return NULL;
      ink.max_percent = coverage->max_area_ink;
      ink.bbox[0] = crop[0] + coverage->max_area_x * pt;
      ink.bbox[2] = ink.bbox[0] + coverage->area_size * pt;
      ink.bbox[3] = crop[3] - coverage->max_area_y * pt;
      ink.bbox[1] = ink.bbox[3] - coverage->area_size * pt;
      g_array_append_val (out, ink);
    }
  *condition_id = g_strdup (condition->id);
  return g_steal_pointer (&out);
}

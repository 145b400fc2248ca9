/* puratan-render-press.c: the press condition a design is rendered or exported for
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Press conditions and their profiles come from the color layer. This file adds what PDF/X
 * needs on top: the registered characterisation a profile was built from, for the output
 * intent's OutputConditionIdentifier.
 */
#include "puratan-core.h"
#include "puratan-render-private.h"

static const struct
{
  const char *profile;
  const char *characterisation;
} registered[] = {
  { "FOGRA39L_coated.icc", "FOGRA39" },          { "ISOcoated_v2_300_bas.icc", "FOGRA39" },
  { "FOGRA29L_uncoated.icc", "FOGRA29" },        { "GRACoL_TR006_coated.icc", "CGATS TR 006" },
  { "SWOP_TR005_coated_5.icc", "CGATS TR 005" },
};

/**
 * puratan_render_press_new:
 * @press: (nullable): a press condition id or name, or a CMYK profile path; %NULL for the
 *   shop's default
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the press condition with its profile, or %NULL with
 *   %PURATAN_ERROR_NOT_FOUND (unknown press) or %PURATAN_ERROR_CORRUPT (unusable profile)
 */
PuratanRenderPress *
puratan_render_press_new (const char *press, GError **error)
{
  g_autoptr (PuratanRenderPress) self = g_new0 (PuratanRenderPress, 1);
  g_autoptr (GError) local = NULL;
  g_autofree char *file = NULL;

  self->condition = press != NULL ? puratan_press_condition_lookup (press, &local)
                                  : puratan_press_condition_get_default (&local);
  if (self->condition == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND, "%s", local->message);
      return NULL;
    }
  self->profile = puratan_press_condition_load_profile (self->condition, &local);
  if (self->profile == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT, "%s", local->message);
      return NULL;
    }
  self->srgb = puratan_icc_profile_new_srgb ();
  self->converter = puratan_color_converter_new (self->srgb, self->profile, PURATAN_INTENT_RELATIVE,
                                                 TRUE, &local);
  if (self->converter == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT, "%s", local->message);
      return NULL;
    }
  file = g_path_get_basename (self->condition->profile_path);
  for (gsize i = 0; i < G_N_ELEMENTS (registered); i++)
    if (g_str_equal (file, registered[i].profile))
      self->characterisation = registered[i].characterisation;
  return g_steal_pointer (&self);
}

/**
 * puratan_render_press_free:
 * @self: (nullable): a press
 *
 * Frees @self.
 */
void
puratan_render_press_free (PuratanRenderPress *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->condition, puratan_press_condition_free);
  g_clear_object (&self->profile);
  g_clear_object (&self->srgb);
  g_clear_object (&self->converter);
  g_free (self);
}

/**
 * puratan_render_press_to_rgb:
 * @self: a press
 * @cmyk: (array fixed-size=4): ink amounts 0..1
 * @rgb: (out) (array fixed-size=3): the sRGB colour the press prints them as, 0..1
 *
 * Returns: %TRUE, or %FALSE when the conversion failed (then @rgb is mid gray)
 */
gboolean
puratan_render_press_to_rgb (PuratanRenderPress *self, const double cmyk[4], double rgb[3])
{
  g_autoptr (PuratanColor) ink =
      puratan_color_new_cmyk (cmyk[0] * 100, cmyk[1] * 100, cmyk[2] * 100, cmyk[3] * 100);
  g_autoptr (PuratanColor) out =
      puratan_color_converter_convert (self->converter, ink, PURATAN_COLOR_RGB, NULL);

  for (int i = 0; i < 3; i++)
    rgb[i] = out != NULL ? CLAMP (out->values[i] / 255.0, 0.0, 1.0) : 0.5;
  return out != NULL;
}

/**
 * puratan_render_press_to_cmyk:
 * @self: a press
 * @rgb: (array fixed-size=3): an sRGB colour, 0..1
 * @cmyk: (out) (array fixed-size=4): the press inks for it, 0..1
 *
 * Returns: %TRUE, or %FALSE when the conversion failed (then @cmyk is 100 % K)
 */
gboolean
puratan_render_press_to_cmyk (PuratanRenderPress *self, const double rgb[3], double cmyk[4])
{
  g_autoptr (PuratanColor) color = puratan_color_new_rgb (rgb[0] * 255, rgb[1] * 255, rgb[2] * 255);
  g_autoptr (PuratanColor) out =
      puratan_color_converter_convert (self->converter, color, PURATAN_COLOR_CMYK, NULL);

  for (int i = 0; i < 4; i++)
    cmyk[i] = out != NULL ? CLAMP (out->values[i] / 100.0, 0.0, 1.0) : (i == 3);
  return out != NULL;
}

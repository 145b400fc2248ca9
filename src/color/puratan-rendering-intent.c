/* puratan-rendering-intent.c: ICC rendering intents
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-rendering-intent.h"

#include "puratan-color-error.h"

static const char *const intent_names[] = { "perceptual", "relative", "saturation", "absolute" };

/**
 * puratan_rendering_intent_from_string:
 * @text: "perceptual", "relative", "saturation" or "absolute" (also the ICC long names
 *   "relative-colorimetric" and "absolute-colorimetric")
 * @intent: (out): the intent
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; %FALSE with %PURATAN_COLOR_ERROR_PARSE for other text
 */
gboolean
puratan_rendering_intent_from_string (const char *text,
                                      PuratanRenderingIntent *intent,
                                      GError **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (intent != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (intent_names); i++)
    {
      g_autofree char *long_name = g_strconcat (intent_names[i], "-colorimetric", NULL);

      if (g_ascii_strcasecmp (text, intent_names[i]) == 0 ||
          (i % 2 == 1 && g_ascii_strcasecmp (text, long_name) == 0))
        {
          *intent = (PuratanRenderingIntent) i;
          return TRUE;
        }
    }
  g_set_error (error, PURATAN_COLOR_ERROR, PURATAN_COLOR_ERROR_PARSE,
               "“%s” is not a rendering intent; use perceptual, relative, saturation or absolute",
               text);
  return FALSE;
}

/**
 * puratan_rendering_intent_to_string:
 * @intent: an intent
 *
 * Returns: (transfer none): the short name of @intent, such as "relative"
 */
const char *
puratan_rendering_intent_to_string (PuratanRenderingIntent intent)
{
  g_return_val_if_fail ((guint) intent < G_N_ELEMENTS (intent_names), "relative");
  return intent_names[intent];
}

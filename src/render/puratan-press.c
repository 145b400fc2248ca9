/* puratan-press.c: press conditions the shop prints to
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <lcms2.h>

#include "puratan-core.h"
#include "puratan-press.h"

static const PuratanPress presses[] = {
  { "fogra39", "FOGRA39L_coated.icc", "FOGRA39",
    "Offset, coated paper (ISO 12647-2:2004, FOGRA39)" },
  { "fogra29", "FOGRA29L_uncoated.icc", "FOGRA29",
    "Offset, uncoated paper (ISO 12647-2:2004, FOGRA29)" },
  { "gracol", "GRACoL_TR006_coated.icc", "CGATS TR 006", "US sheet-fed, coated (CGATS TR 006)" },
  { "swop", "SWOP_TR005_coated_5.icc", "CGATS TR 005", "US web offset, coated (CGATS TR 005)" },
};

/**
 * puratan_press_lookup:
 * @name: a press name such as "fogra39" (case-insensitive)
 *
 * Returns: (transfer none) (nullable): the press condition, or %NULL when unknown
 */
const PuratanPress *
puratan_press_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (presses); i++)
    if (g_ascii_strcasecmp (presses[i].name, name) == 0)
      return &presses[i];
  return NULL;
}

/**
 * puratan_press_get_default:
 *
 * Returns: (transfer none): the shop's default press condition, FOGRA39
 */
const PuratanPress *
puratan_press_get_default (void)
{
  return &presses[0];
}

/**
 * puratan_press_default_profile_dir:
 *
 * Returns: (transfer full): `$PURATAN_ICC_DIR` when set, else the installed ICC folder
 */
char *
puratan_press_default_profile_dir (void)
{
  const char *env = g_getenv ("PURATAN_ICC_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (PKGDATADIR, "icc", NULL);
}

/**
 * puratan_press_load_profile:
 * @press: a press condition
 * @profile_dir: the folder holding its ICC file
 * @error: return location for a #GError
 *
 * Reads the press profile and checks it is a CMYK output profile lcms2 accepts.
 *
 * Returns: (transfer full) (nullable): the ICC bytes, or %NULL with
 *   %PURATAN_ERROR_NOT_FOUND or %PURATAN_ERROR_CORRUPT
 */
GBytes *
puratan_press_load_profile (const PuratanPress *press, const char *profile_dir, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize size = 0;
  cmsHPROFILE profile;
  gboolean cmyk;

  g_return_val_if_fail (press != NULL, NULL);
  g_return_val_if_fail (profile_dir != NULL, NULL);

  path = g_build_filename (profile_dir, press->profile_file, NULL);
  if (!g_file_get_contents (path, &data, &size, NULL))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "The %s press profile “%s” is missing; reinstall Puratan Studio or set "
                   "PURATAN_ICC_DIR",
                   press->condition, path);
      return NULL;
    }
  profile = cmsOpenProfileFromMem (data, (cmsUInt32Number) size);
  cmyk = profile != NULL && cmsGetColorSpace (profile) == cmsSigCmykData &&
         cmsGetDeviceClass (profile) == cmsSigOutputClass;
  if (profile != NULL)
    cmsCloseProfile (profile);
  if (!cmyk)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT,
                   "“%s” is not a CMYK output profile; reinstall Puratan Studio", path);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), size);
}

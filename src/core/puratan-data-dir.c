/* puratan-data-dir.c
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-data-dir.h"

/**
 * puratan_data_dir_get_path:
 * @subdir: a folder of the shipped data, such as "icc", "templates" or "catalog"
 *
 * Resolves a folder of the data Puratan Studio ships (ICC profiles, templates, the seed
 * catalog). `$PURATAN_DATA_DIR` overrides the installed `$(datadir)/puratan-studio`, so the
 * programs and tests run uninstalled against the source tree's `data/` folder.
 *
 * Returns: (transfer full): the folder's path; it is not checked for existence
 */
char *
puratan_data_dir_get_path (const char *subdir)
{
  const char *override = g_getenv ("PURATAN_DATA_DIR");
  const char *base = override != NULL && *override != '\0' ? override : PKGDATADIR;

  g_return_val_if_fail (subdir != NULL, NULL);

  return g_build_filename (base, subdir, NULL);
}

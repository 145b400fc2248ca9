/* test-color-common.h: shared set-up of the color layer's tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <puratan-color.h>

/* Points the layer at the profiles in the source tree's data/icc. Call after g_test_init. */
static inline void
test_color_use_source_profiles (void)
{
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "data", NULL);

  g_setenv ("PURATAN_DATA_DIR", dir, TRUE);
}

static inline GBytes *
test_color_read_bundled (const char *name)
{
  g_autofree char *dir = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "data", "icc", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

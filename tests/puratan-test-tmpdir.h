/* puratan-test-tmpdir.h: a private temporary folder per test program
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

/* Removes @path and everything below it; links are removed, never followed. */
static inline void
puratan_test_remove_tree (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFileInfo) owned = info;
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (owned), NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        puratan_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_remove (path);
}

/* Points g_get_tmp_dir() at a new private folder, so test programs that run at the same time
 * never share file names. Call before anything reads the temporary folder; returns the folder
 * for puratan_test_remove_tree() when the program ends. */
static inline char *
puratan_test_use_private_tmpdir (void)
{
  /* g_get_tmp_dir() caches its first answer, so the folder is made without asking it. */
  const char *base = g_getenv ("TMPDIR");
  char *dir =
      g_build_filename (base != NULL && *base != '\0' ? base : "/tmp", "puratan-test-XXXXXX", NULL);

  g_assert_nonnull (g_mkdtemp (dir));
  g_setenv ("TMPDIR", dir, TRUE);
  g_assert_cmpstr (g_get_tmp_dir (), ==, dir);
  return dir;
}

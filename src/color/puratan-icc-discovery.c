/* puratan-icc-discovery.c: finding the profiles bundled, installed and owned by the user
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-icc-profile-private.h"

#define MAX_DEPTH 3

static gboolean
is_icc_name (const char *name)
{
  return g_str_has_suffix (name, ".icc") || g_str_has_suffix (name, ".icm") ||
         g_str_has_suffix (name, ".ICC") || g_str_has_suffix (name, ".ICM");
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
scan_dir (
    const char *dir, PuratanProfileOrigin origin, guint depth, GHashTable *seen, GPtrArray *found)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (handle == NULL)
    return;
  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  /* A stable order, so listings do not change from one run to the next. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *canonical = g_canonicalize_filename (path, NULL);
      g_autoptr (GError) error = NULL;
      PuratanIccProfile *profile;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (depth < MAX_DEPTH)
            scan_dir (path, origin, depth + 1, seen, found);
          continue;
        }
      if (!is_icc_name (path) || g_hash_table_contains (seen, canonical))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&canonical));

      profile = puratan_icc_profile_new_from_file (path, &error);
      if (profile == NULL)
        {
          g_debug ("Skipping ICC profile %s: %s", path, error->message);
          continue;
        }
      puratan_icc_profile_set_origin (profile, origin);
      g_ptr_array_add (found, profile);
    }
}

/**
 * puratan_icc_profile_list_installed:
 *
 * Finds every valid ICC profile Puratan Studio can offer: the bundled ones, those
 * installed on the system (`color/icc` under each system data folder, such as
 * /usr/share/color/icc) and the user's own (~/.local/share/icc and ~/.color/icc).
 * Damaged files are skipped. Blocking: it reads every file, so call it off the UI thread.
 *
 * Returns: (transfer full) (element-type PuratanIccProfile): the profiles, bundled first
 */
GPtrArray *
puratan_icc_profile_list_installed (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *bundled = puratan_icc_bundled_dir ();
  g_autofree char *user_data = g_build_filename (g_get_user_data_dir (), "icc", NULL);
  g_autofree char *user_home = g_build_filename (g_get_home_dir (), ".color", "icc", NULL);
  const char *const *system_dirs = g_get_system_data_dirs ();

  scan_dir (bundled, PURATAN_PROFILE_ORIGIN_BUNDLED, 0, seen, found);
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_build_filename (system_dirs[i], "color", "icc", NULL);
      scan_dir (dir, PURATAN_PROFILE_ORIGIN_SYSTEM, 0, seen, found);
    }
  scan_dir (user_data, PURATAN_PROFILE_ORIGIN_USER, 0, seen, found);
  scan_dir (user_home, PURATAN_PROFILE_ORIGIN_USER, 0, seen, found);
  return found;
}

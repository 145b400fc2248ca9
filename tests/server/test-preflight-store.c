/* test-preflight-store.c: unit tests of the server's kept preflight results
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ages are set by changing the reports' modification times, so nothing
 * here waits for a clock.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

#include "puratan-server-preflight-store.h"

#define HOUR (60 * 60)

static char *
make_data_dir (void)
{
  char *dir = g_dir_make_tmp ("puratan-preflight-store-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return dir;
}

/* Removes the test's data folder: results (files only) and the folders. */
static void
remove_data_dir (const char *data_dir)
{
  g_autofree char *results = g_build_filename (data_dir, "preflight", NULL);
  g_autoptr (GDir) dir = g_dir_open (results, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (results, name, NULL);
      g_autoptr (GDir) inner = g_dir_open (path, 0, NULL);
      const char *file;

      while (inner != NULL && (file = g_dir_read_name (inner)) != NULL)
        {
          g_autofree char *file_path = g_build_filename (path, file, NULL);
          g_unlink (file_path);
        }
      if (g_rmdir (path) != 0)
        g_unlink (path);
    }
  g_rmdir (results);
  g_rmdir (data_dir);
}

/* Keeps a new result made of a fresh upload in @store; returns its id. */
static char *
add_result (PuratanPreflightStore *store, const char *data_dir)
{
  g_autofree char *upload = g_build_filename (data_dir, "upload-test", NULL);
  g_autoptr (GError) error = NULL;
  char *id;

  g_assert_true (g_file_set_contents (upload, "%PDF-1.4\n", -1, NULL));
  id = puratan_preflight_store_add (puratan_preflight_store_get_dir (store), upload, "{}", "text",
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_false (g_file_test (upload, G_FILE_TEST_EXISTS));
  return id;
}

/* Makes the result @id look @seconds old. */
static void
age_result (PuratanPreflightStore *store, const char *id, gint64 seconds)
{
  g_autofree char *report = g_build_filename (puratan_preflight_store_get_dir (store), id,
                                              PURATAN_PREFLIGHT_STORE_JSON, NULL);
  struct utimbuf when;

  when.actime = when.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - seconds);
  g_assert_cmpint (g_utime (report, &when), ==, 0);
}

static gboolean
exists (PuratanPreflightStore *store, const char *id)
{
  g_autofree char *path = g_build_filename (puratan_preflight_store_get_dir (store), id, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_add_and_lookup (void)
{
  g_autofree char *data_dir = make_data_dir ();
  g_autoptr (PuratanPreflightStore) store = puratan_preflight_store_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *found = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *json = NULL;
  const char *bad[] = { "",          "..",           "../preflight",
                        "not-an-id", "shop.sqlite3", "00000000-0000-0000-0000-000000000000" };

  g_assert_null (puratan_preflight_store_get_dir (store));
  g_assert_true (puratan_preflight_store_start (store, data_dir, &error));
  g_assert_no_error (error);
  id = add_result (store, data_dir);

  found = puratan_preflight_store_lookup (store, id);
  g_assert_nonnull (found);
  pdf = g_build_filename (found, PURATAN_PREFLIGHT_STORE_PDF, NULL);
  json = g_build_filename (found, PURATAN_PREFLIGHT_STORE_JSON, NULL);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));

  upper = g_ascii_strup (id, -1);
  g_assert_null (puratan_preflight_store_lookup (store, upper));
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_null (puratan_preflight_store_lookup (store, bad[i]));

  remove_data_dir (data_dir);
}

static void
test_add_fails_cleanly (void)
{
  g_autofree char *data_dir = make_data_dir ();
  g_autofree char *missing = g_build_filename (data_dir, "upload-gone", NULL);
  g_autoptr (PuratanPreflightStore) store = puratan_preflight_store_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *results = g_build_filename (data_dir, "preflight", NULL);
  g_autoptr (GDir) dir = NULL;

  g_assert_true (puratan_preflight_store_start (store, data_dir, NULL));
  id = puratan_preflight_store_add (puratan_preflight_store_get_dir (store), missing, "{}", "t",
                                    &error);
  g_assert_null (id);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  /* No half-made result is left. */
  dir = g_dir_open (results, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));

  remove_data_dir (data_dir);
}

static void
test_expiry_and_limit (void)
{
  g_autofree char *data_dir = make_data_dir ();
  g_autoptr (PuratanPreflightStore) store = puratan_preflight_store_new ();
  g_autofree char *old = NULL;
  g_autofree char *older = NULL;
  g_autofree char *oldest = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *found = NULL;

  g_assert_true (puratan_preflight_store_start (store, data_dir, NULL));
  g_assert_cmpuint (puratan_preflight_store_get_keep (store), ==, 24 * HOUR);
  g_assert_cmpuint (puratan_preflight_store_get_max_results (store), ==, 100);
  old = add_result (store, data_dir);
  older = add_result (store, data_dir);
  oldest = add_result (store, data_dir);
  expired = add_result (store, data_dir);
  age_result (store, old, 60);
  age_result (store, older, 120);
  age_result (store, oldest, 180);
  age_result (store, expired, 25 * HOUR);

  /* An expired result is no result, even before a sweep. */
  g_assert_null (puratan_preflight_store_lookup (store, expired));
  g_assert_false (exists (store, expired));

  /* At most two: the oldest go first. */
  puratan_preflight_store_set_limits (store, 24 * HOUR, 2);
  g_assert_false (exists (store, oldest));
  g_assert_true (exists (store, older));
  g_assert_true (exists (store, old));

  /* A shorter keep time takes effect at once. */
  puratan_preflight_store_set_limits (store, 90, 2);
  g_assert_false (exists (store, older));
  found = puratan_preflight_store_lookup (store, old);
  g_assert_nonnull (found);

  /* Keeping none stops keeping and removes the rest. */
  puratan_preflight_store_set_limits (store, 0, 2);
  g_assert_null (puratan_preflight_store_get_dir (store));
  g_assert_false (g_file_test (found, G_FILE_TEST_EXISTS));

  remove_data_dir (data_dir);
}

static void
test_sweep_leaves_others_alone (void)
{
  g_autofree char *data_dir = make_data_dir ();
  g_autofree char *outside = g_build_filename (data_dir, "outside", NULL);
  g_autofree char *precious = g_build_filename (outside, "precious", NULL);
  g_autofree char *results = g_build_filename (data_dir, "preflight", NULL);
  g_autofree char *link = g_build_filename (results, "0b7e3c6a-2f4d-4a8e-9c1b-5d6e7f809a1b", NULL);
  g_autofree char *staging = g_build_filename (results, ".new-left-behind", NULL);
  g_autofree char *stray = g_build_filename (results, "notes", NULL);
  g_autoptr (PuratanPreflightStore) store = puratan_preflight_store_new ();

  /* What a previous run left: a half-made result, and what the store
   * never makes (a folder of another name, a link in a result's place). */
  g_assert_cmpint (g_mkdir_with_parents (staging, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (stray, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (outside, 0700), ==, 0);
  g_assert_true (g_file_set_contents (precious, "keep me", -1, NULL));
  g_assert_cmpint (symlink (outside, link), ==, 0);

  g_assert_true (puratan_preflight_store_start (store, data_dir, NULL));
  g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stray, G_FILE_TEST_IS_DIR));
  /* The link is no result: it goes, and what it points at stays. */
  g_assert_false (g_file_test (link, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (precious, G_FILE_TEST_IS_REGULAR));

  g_unlink (precious);
  g_rmdir (outside);
  remove_data_dir (data_dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/preflight-store/add-and-lookup", test_add_and_lookup);
  g_test_add_func ("/server/preflight-store/add-fails-cleanly", test_add_fails_cleanly);
  g_test_add_func ("/server/preflight-store/expiry-and-limit", test_expiry_and_limit);
  g_test_add_func ("/server/preflight-store/sweep-leaves-others-alone",
                   test_sweep_leaves_others_alone);

  return g_test_run ();
}

/* test-database.c: opening, claiming and migrating the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "puratan-core.h"
#include "puratan-database-private.h"

static char *
temp_path (const char *name)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives every test case its own XDG folders. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static int
query_int (PuratanDatabase *database, const char *sql)
{
  sqlite3 *db = puratan_database_get_handle (database);
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (PuratanDatabase *database, const char *sql)
{
  sqlite3 *db = puratan_database_get_handle (database);
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Writes a file of another program's making with the raw SQLite API. */
static void
write_raw_sqlite (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_file_unchanged (const char *path, GBytes *before)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (before, NULL), g_bytes_get_size (before));
}

static GBytes *
read_file (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
test_create_new (void)
{
  g_autofree char *path = temp_path ("nested/folder/shop.sqlite3");
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open (path, &error);
  g_autofree char *journal = NULL;
  g_autofree char *created_at = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (database);
  g_assert_cmpstr (puratan_database_get_path (database), ==, path);
  g_assert_cmpint (puratan_database_get_schema_version (database), ==,
                   puratan_database_get_latest_schema_version ());
  g_assert_cmpint (puratan_database_get_latest_schema_version (), >=, 1);

  journal = query_text (database, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (database, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (database, "PRAGMA application_id"), ==, 0x50555254);
  g_assert_cmpint (query_int (database, "PRAGMA user_version"), ==,
                   puratan_database_get_latest_schema_version ());

  created_at = query_text (database, "SELECT value FROM settings WHERE key = 'created_at'");
  g_assert_true (g_str_has_suffix (created_at, "Z"));
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *path = temp_path ("shop.sqlite3");
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) first = puratan_database_open (path, &error);
  g_autoptr (PuratanDatabase) second = NULL;
  g_autofree char *first_created = NULL;
  g_autofree char *second_created = NULL;

  g_assert_no_error (error);
  first_created = query_text (first, "SELECT value FROM settings WHERE key = 'created_at'");
  g_clear_object (&first);

  second = puratan_database_open (path, &error);
  g_assert_no_error (error);
  second_created = query_text (second, "SELECT value FROM settings WHERE key = 'created_at'");
  g_assert_cmpstr (first_created, ==, second_created);
  g_assert_cmpint (query_int (second, "SELECT count(*) FROM settings"), ==, 1);
}

static void
on_opened (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PuratanDatabase **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = puratan_database_open_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_open_async (void)
{
  g_autofree char *path = temp_path ("async.sqlite3");
  g_autoptr (PuratanDatabase) database = NULL;

  puratan_database_open_async (path, NULL, on_opened, &database);
  while (database == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (puratan_database_get_schema_version (database), ==,
                   puratan_database_get_latest_schema_version ());
}

static void
on_open_failed (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **out = user_data;

  g_assert_null (puratan_database_open_finish (result, out));
  g_assert_nonnull (*out);
}

static void
test_open_async_reports_error (void)
{
  g_autofree char *path = temp_path ("garbage.sqlite3");
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "not a database at all, just text\n", -1, NULL));
  puratan_database_open_async (path, NULL, on_open_failed, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
}

static void
test_garbage_file_is_refused_untouched (void)
{
  g_autofree char *path = temp_path ("garbage.sqlite3");
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GBytes) before = NULL;
  char noise[8192];

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (path, noise, sizeof noise, NULL));
  before = read_file (path);

  database = puratan_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  assert_file_unchanged (path, before);
}

static void
test_damaged_header_is_refused (void)
{
  g_autofree char *path = temp_path ("damaged.sqlite3");
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open (path, &error);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_clear_object (&database);

  /* Overwrite the 16-byte "SQLite format 3" magic, as a bad disk sector would. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100);
  memset (contents, 'X', 16);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));

  database = puratan_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_CORRUPT);
}

static void
test_other_programs_database_is_refused (void)
{
  g_autofree char *path = temp_path ("browser-history.sqlite");
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GBytes) before = NULL;

  write_raw_sqlite (path, "CREATE TABLE visits (url TEXT); INSERT INTO visits VALUES ('x');");
  before = read_file (path);

  database = puratan_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "not a Puratan shop database"));
  assert_file_unchanged (path, before);
}

static void
test_newer_schema_is_refused (void)
{
  g_autofree char *path = temp_path ("future.sqlite3");
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open (path, &error);
  g_autoptr (PuratanDatabase) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (puratan_database_get_handle (database), "PRAGMA user_version = 99",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_clear_object (&database);

  again = puratan_database_open (path, &error);
  g_assert_null (again);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_UNSUPPORTED_VERSION);
  g_assert_nonnull (strstr (error->message, "99"));
}

static const PuratanMigration three_steps[] = {
  { 1, "customers", "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);" },
  { 2, "customer phone", "ALTER TABLE customers ADD COLUMN phone TEXT;" },
  { 3, "orders",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY,"
    " customer_id INTEGER NOT NULL REFERENCES customers (id));" },
};

static void
test_migrates_from_every_earlier_version (void)
{
  for (gsize start = 0; start < G_N_ELEMENTS (three_steps); start++)
    {
      g_autofree char *name = g_strdup_printf ("from-%" G_GSIZE_FORMAT ".sqlite3", start);
      g_autofree char *path = temp_path (name);
      g_autoptr (GError) error = NULL;
      g_autoptr (PuratanDatabase) old =
          puratan_database_open_with_migrations (path, three_steps, start, &error);
      g_autoptr (PuratanDatabase) current = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (puratan_database_get_schema_version (old), ==, (int) start);
      if (start >= 1)
        g_assert_cmpint (sqlite3_exec (puratan_database_get_handle (old),
                                       "INSERT INTO customers (id, name) VALUES (7, 'Asha')", NULL,
                                       NULL, NULL),
                         ==, SQLITE_OK);
      g_clear_object (&old);

      current = puratan_database_open_with_migrations (path, three_steps,
                                                       G_N_ELEMENTS (three_steps), &error);
      g_assert_no_error (error);
      g_assert_cmpint (puratan_database_get_schema_version (current), ==, 3);
      g_assert_cmpint (query_int (current, "SELECT count(*) FROM customers"), ==,
                       start >= 1 ? 1 : 0);
      /* Foreign keys are enforced after migration. */
      g_assert_cmpint (sqlite3_exec (puratan_database_get_handle (current),
                                     "INSERT INTO orders (customer_id) VALUES (12345)", NULL, NULL,
                                     NULL),
                       ==, SQLITE_CONSTRAINT_FOREIGNKEY);
    }
}

static const PuratanMigration broken_second_step[] = {
  { 1, "customers", "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);" },
  { 2, "half-written step", "CREATE TABLE invoices (id INTEGER PRIMARY KEY); THIS IS NOT SQL;" },
};

static void
test_failed_step_rolls_back (void)
{
  g_autofree char *path = temp_path ("broken.sqlite3");
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;

  database = puratan_database_open_with_migrations (path, broken_second_step, 2, &error);
  g_assert_null (database);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "schema version 2"));
  g_clear_error (&error);

  /* Step 1 stays committed; nothing of step 2 is left behind. */
  database = puratan_database_open_with_migrations (path, broken_second_step, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (database, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (
      query_int (database, "SELECT count(*) FROM sqlite_schema WHERE name = 'invoices'"), ==, 0);
}

static void
test_unusable_folder (void)
{
  g_autofree char *blocker = temp_path ("a-file");
  g_autofree char *path = g_build_filename (blocker, "shop.sqlite3", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  database = puratan_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
}

static void
test_empty_path (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open ("", &error);

  g_assert_null (database);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
}

static void
test_default_path (void)
{
  g_autofree char *path = puratan_database_default_path ();

  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "/puratan-studio/shop.sqlite3"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/database/create-new", test_create_new);
  g_test_add_func ("/store/database/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/store/database/open-async", test_open_async);
  g_test_add_func ("/store/database/open-async-reports-error", test_open_async_reports_error);
  g_test_add_func ("/store/database/garbage-refused-untouched",
                   test_garbage_file_is_refused_untouched);
  g_test_add_func ("/store/database/damaged-header", test_damaged_header_is_refused);
  g_test_add_func ("/store/database/other-program", test_other_programs_database_is_refused);
  g_test_add_func ("/store/database/newer-schema", test_newer_schema_is_refused);
  g_test_add_func ("/store/database/migrate-from-every-version",
                   test_migrates_from_every_earlier_version);
  g_test_add_func ("/store/database/failed-step-rolls-back", test_failed_step_rolls_back);
  g_test_add_func ("/store/database/unusable-folder", test_unusable_folder);
  g_test_add_func ("/store/database/empty-path", test_empty_path);
  g_test_add_func ("/store/database/default-path", test_default_path);

  return g_test_run ();
}

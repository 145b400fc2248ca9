/* test-cli.c: end-to-end tests of the puratan command
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test runs the real, built puratan program and checks its exit
 * status and output.
 */
#include "config.h"

#include <string.h>

#include "e2e-util.h"

/* Runs `puratan ARGS…` (a NULL-terminated list). */
static void
run_cli (E2eRun *run, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  const char *arg;
  va_list args;

  g_strv_builder_add (builder, e2e_program ("PURATAN_CLI"));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, arg);
  va_end (args);
  argv = g_strv_builder_end (builder);

  e2e_run (run, (const char *const *) argv);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->exit_status, run->out, run->err);
}

static void
test_help (void)
{
  g_auto (E2eRun) long_option = { 0 };
  g_auto (E2eRun) short_option = { 0 };
  g_auto (E2eRun) command = { 0 };

  run_cli (&long_option, "--help", NULL);
  g_assert_cmpint (long_option.exit_status, ==, 0);
  g_assert_cmpstr (long_option.err, ==, "");
  g_assert_true (g_str_has_prefix (long_option.out, "Usage: puratan COMMAND"));
  g_assert_nonnull (strstr (long_option.out, "  db         Create or locate the shop database\n"));
  g_assert_nonnull (strstr (long_option.out, "  help       "));
  g_assert_nonnull (strstr (long_option.out, "  version    Show the versions"));

  run_cli (&short_option, "-h", NULL);
  g_assert_cmpint (short_option.exit_status, ==, 0);
  g_assert_cmpstr (short_option.out, ==, long_option.out);

  run_cli (&command, "help", NULL);
  g_assert_cmpint (command.exit_status, ==, 0);
  g_assert_cmpstr (command.out, ==, long_option.out);
}

static void
test_version (void)
{
  g_auto (E2eRun) option = { 0 };
  g_auto (E2eRun) command = { 0 };
  g_auto (GStrv) lines = NULL;

  run_cli (&option, "--version", NULL);
  g_assert_cmpint (option.exit_status, ==, 0);
  g_assert_cmpstr (option.out, ==, "puratan " PACKAGE_VERSION "\n");

  run_cli (&command, "version", NULL);
  g_assert_cmpint (command.exit_status, ==, 0);
  lines = g_strsplit (command.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "puratan " PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (lines[1], "GLib 2."));
  g_assert_true (g_str_has_prefix (lines[2], "json-glib 1."));
  g_assert_true (g_str_has_prefix (lines[3], "SQLite 3."));
  g_assert_cmpstr (lines[4], ==, "");
}

static void
test_unknown (void)
{
  g_auto (E2eRun) unknown = { 0 };
  g_auto (E2eRun) option = { 0 };
  g_auto (E2eRun) none = { 0 };
  g_auto (E2eRun) extra = { 0 };

  run_cli (&unknown, "foo", NULL);
  g_assert_cmpint (unknown.exit_status, ==, 2);
  g_assert_cmpstr (unknown.out, ==, "");
  g_assert_cmpstr (unknown.err, ==,
                   "puratan: 'foo' is not a puratan command. See 'puratan --help'.\n");

  run_cli (&option, "--bogus", NULL);
  g_assert_cmpint (option.exit_status, ==, 2);
  g_assert_nonnull (strstr (option.err, "unknown option '--bogus'"));

  run_cli (&none, NULL);
  g_assert_cmpint (none.exit_status, ==, 2);
  g_assert_nonnull (strstr (none.err, "a command is needed"));

  run_cli (&extra, "version", "now", NULL);
  g_assert_cmpint (extra.exit_status, ==, 2);
  g_assert_nonnull (strstr (extra.err, "puratan version: unexpected argument 'now'"));
}

static void
test_help_command (void)
{
  g_auto (E2eRun) version = { 0 };
  g_auto (E2eRun) db = { 0 };
  g_auto (E2eRun) init = { 0 };
  g_auto (E2eRun) unknown = { 0 };
  g_auto (E2eRun) two = { 0 };

  run_cli (&version, "help", "version", NULL);
  g_assert_cmpint (version.exit_status, ==, 0);
  g_assert_nonnull (strstr (version.out, "puratan version"));
  g_assert_nonnull (strstr (version.out, "Show the versions of puratan and its libraries."));

  run_cli (&db, "help", "db", NULL);
  g_assert_cmpint (db.exit_status, ==, 0);
  g_assert_nonnull (strstr (db.out, "puratan db"));
  g_assert_nonnull (strstr (db.out, "  init "));
  g_assert_nonnull (strstr (db.out, "  path "));

  run_cli (&init, "db", "init", "--help", NULL);
  g_assert_cmpint (init.exit_status, ==, 0);
  g_assert_nonnull (strstr (init.out, "--database=PATH"));

  run_cli (&unknown, "help", "nope", NULL);
  g_assert_cmpint (unknown.exit_status, ==, 2);
  g_assert_cmpstr (unknown.err, ==,
                   "puratan: 'nope' is not a puratan command. See 'puratan --help'.\n");

  run_cli (&two, "help", "db", "version", NULL);
  g_assert_cmpint (two.exit_status, ==, 2);
}

static void
test_db_path (void)
{
  g_autofree char *expected =
      g_build_filename (g_get_user_data_dir (), "puratan-studio", "shop.sqlite3", NULL);
  g_autofree char *line = g_strconcat (expected, "\n", NULL);
  g_auto (E2eRun) run = { 0 };

  run_cli (&run, "db", "path", NULL);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpstr (run.out, ==, line);
  /* Locating the database does not create it. */
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));
}

static void
test_db_init (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "shop", "test.sqlite3", NULL);
  g_autofree char *default_path =
      g_build_filename (g_get_user_data_dir (), "puratan-studio", "shop.sqlite3", NULL);
  g_autofree char *prefix = g_strconcat (path, ": schema version ", NULL);
  g_auto (E2eRun) first = { 0 };
  g_auto (E2eRun) again = { 0 };
  g_auto (E2eRun) fallback = { 0 };

  run_cli (&first, "db", "init", "--database", path, NULL);
  g_assert_cmpint (first.exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (first.out, prefix));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Running it again leaves the database as it is. */
  run_cli (&again, "db", "init", "--database", path, NULL);
  g_assert_cmpint (again.exit_status, ==, 0);
  g_assert_cmpstr (again.out, ==, first.out);

  run_cli (&fallback, "db", "init", NULL);
  g_assert_cmpint (fallback.exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (fallback.out, default_path));
  g_assert_true (g_file_test (default_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_db_errors (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "junk.sqlite3", NULL);
  g_autofree char *junk = g_strnfill (4096, 'x');
  g_autoptr (GError) error = NULL;
  g_auto (E2eRun) corrupt = { 0 };
  g_auto (E2eRun) unknown = { 0 };
  g_auto (E2eRun) bare = { 0 };
  g_auto (E2eRun) bad_option = { 0 };
  g_auto (E2eRun) empty = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_file_set_contents (path, junk, -1, &error);
  g_assert_no_error (error);

  run_cli (&corrupt, "db", "init", "--database", path, NULL);
  g_assert_cmpint (corrupt.exit_status, ==, 1);
  g_assert_cmpstr (corrupt.out, ==, "");
  g_assert_true (g_str_has_prefix (corrupt.err, "puratan db init: "));
  g_assert_nonnull (strstr (corrupt.err, "is damaged or is not a database"));

  run_cli (&unknown, "db", "nope", NULL);
  g_assert_cmpint (unknown.exit_status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "puratan db: 'nope' is not a db command"));

  run_cli (&bare, "db", NULL);
  g_assert_cmpint (bare.exit_status, ==, 2);
  g_assert_nonnull (strstr (bare.err, "puratan db: a command is needed"));

  run_cli (&bad_option, "db", "init", "--bogus", NULL);
  g_assert_cmpint (bad_option.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad_option.err, "Unknown option --bogus"));

  run_cli (&empty, "db", "init", "--database", "", NULL);
  g_assert_cmpint (empty.exit_status, ==, 2);
  g_assert_nonnull (strstr (empty.err, "--database needs a file name"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/e2e/cli/help", test_help);
  g_test_add_func ("/e2e/cli/version", test_version);
  g_test_add_func ("/e2e/cli/unknown", test_unknown);
  g_test_add_func ("/e2e/cli/help-command", test_help_command);
  g_test_add_func ("/e2e/cli/db-path", test_db_path);
  g_test_add_func ("/e2e/cli/db-init", test_db_init);
  g_test_add_func ("/e2e/cli/db-errors", test_db_errors);

  return g_test_run ();
}

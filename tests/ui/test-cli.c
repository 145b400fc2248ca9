/* test-cli.c: the command line of puratan-studio, run as a separate process
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>

typedef struct
{
  char *out;
  char *err;
  int status;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

/* Runs the studio with one argument in the C locale and no display. */
static void
run_studio (const char *argument, RunResult *result)
{
  const char *binary = g_getenv ("PURATAN_STUDIO_BIN");
  const char *argv[] = { binary, argument, NULL };
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (binary);
  envp = g_environ_setenv (envp, "LC_ALL", "C", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &result->out, &result->err,
                &result->status, &error);
  g_assert_no_error (error);
}

static void
test_version (void)
{
  RunResult result = { 0 };
  g_autoptr (GError) error = NULL;

  run_studio ("--version", &result);
  g_spawn_check_wait_status (result.status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result.out, ==, "puratan-studio " PACKAGE_VERSION "\n");
  g_assert_cmpstr (result.err, ==, "");
  run_result_clear (&result);
}

static void
test_help (void)
{
  RunResult result = { 0 };
  g_autoptr (GError) error = NULL;

  run_studio ("--help", &result);
  g_spawn_check_wait_status (result.status, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (result.out, "Usage:"));
  g_assert_nonnull (strstr (result.out, "--version"));
  g_assert_nonnull (strstr (result.out, "--database=FILE"));
  g_assert_nonnull (strstr (result.out, "Use the shop database in FILE"));
  run_result_clear (&result);
}

static void
test_unknown_option (void)
{
  RunResult result = { 0 };

  run_studio ("--no-such-option", &result);
  g_assert_false (g_spawn_check_wait_status (result.status, NULL));
  g_assert_nonnull (strstr (result.err, "--no-such-option"));
  g_assert_cmpstr (result.out, ==, "");
  run_result_clear (&result);
}

static void
test_empty_database (void)
{
  RunResult result = { 0 };

  run_studio ("--database=", &result);
  g_assert_false (g_spawn_check_wait_status (result.status, NULL));
  g_assert_nonnull (strstr (result.err, "--database option needs the file name"));
  run_result_clear (&result);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/studio/cli/version", test_version);
  g_test_add_func ("/studio/cli/help", test_help);
  g_test_add_func ("/studio/cli/unknown-option", test_unknown_option);
  g_test_add_func ("/studio/cli/empty-database", test_empty_database);

  return g_test_run ();
}

/* e2e-util.c: running the real programs from end-to-end tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "e2e-util.h"

#include <signal.h>
#include <sys/prctl.h>

/* Clears what e2e_run() filled in. */
void
e2e_run_clear (E2eRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* The path of a built program, from the environment variable meson sets
 * for the test (PURATAN_SERVER, PURATAN_CLI). */
const char *
e2e_program (const char *env_var)
{
  const char *path = g_getenv (env_var);

  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE));
  return path;
}

/* Runs in the child before exec: the child dies with the test, even when
 * a failed assertion ends the test early. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* A launcher for a program under test. G_TEST_OPTION_ISOLATE_DIRS points
 * the test's own user directories into a fresh folder per test but leaves
 * the environment pointing at /dev/null; the child gets the test's
 * folders. */
GSubprocessLauncher *
e2e_launcher_new (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

/* Runs @argv to its end with no input and captures its output; the
 * program must exit normally (not die of a signal). */
void
e2e_run (E2eRun *run, const char *const *argv)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  launcher = e2e_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->exit_status = g_subprocess_get_exit_status (process);
}

/* Reads a file of the shared corpus (PURATAN_CORPUS_DIR), e.g.
 * "pdfjs/issue6127.pdf". */
GBytes *
e2e_corpus_file (const char *name)
{
  const char *dir = g_getenv ("PURATAN_CORPUS_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

/* test-run-studio.c: the set-up commands on a bare machine
 *
 * `build-aux/run-studio.sh` (what `make run` starts) serves the studio through Broadway with no
 * display, no home folder and no runtime folder, and says clearly when its port is taken;
 * `meson devenv -C BUILD` runs the uninstalled programs with the shipped data found.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "e2e-util.h"
#include "puratan-test-tmpdir.h"

static char *temp_dir;

/* The child leads its own process group, so the test can stop the script, Broadway and the
 * studio together; it dies with the test. */
static void
own_group (gpointer user_data)
{
  setpgid (0, 0);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* A launcher with the bare environment of a container or a service account: no display, no
 * runtime folder, and a home folder that does not exist. */
static GSubprocessLauncher *
bare_launcher (const char *home, guint port, const char *display)
{
  GSubprocessLauncher *launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "XDG_RUNTIME_DIR");
  g_subprocess_launcher_unsetenv (launcher, "XDG_DATA_HOME");
  g_subprocess_launcher_unsetenv (launcher, "XDG_CACHE_HOME");
  g_subprocess_launcher_unsetenv (launcher, "XDG_CONFIG_HOME");
  /* The script finds the data and schema through meson devenv, not through the test's own. */
  g_subprocess_launcher_unsetenv (launcher, "PURATAN_DATA_DIR");
  g_subprocess_launcher_unsetenv (launcher, "GSETTINGS_SCHEMA_DIR");
  /* The studio is run as a person runs it: warnings are not fatal. */
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", temp_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "PURATAN_BROADWAY_PORT", port_text, TRUE);
  g_subprocess_launcher_setenv (launcher, "PURATAN_BROADWAY_DISPLAY", display, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, own_group, NULL, NULL);
  return launcher;
}

/* A TCP port on 127.0.0.1 that was free a moment ago. */
static guint
free_port (void)
{
  g_autoptr (GSocketListener) listener = g_socket_listener_new ();
  g_autoptr (GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

/* The status line of GET / on 127.0.0.1:@port, or NULL while nothing answers. */
static char *
http_status_line (guint port)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GDataInputStream) input = NULL;
  const char request[] = "GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  if (connection == NULL)
    return NULL;
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), request,
                                  strlen (request), NULL, NULL, NULL))
    return NULL;
  input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  return g_data_input_stream_read_line_utf8 (input, NULL, NULL, NULL);
}

static gboolean
wake_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
sleep_in_loop (guint ms)
{
  gboolean woke = FALSE;

  g_timeout_add (ms, wake_cb, &woke);
  while (!woke)
    g_main_context_iteration (NULL, TRUE);
}

static void
exited_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static const char *
private_runtime_dir (void)
{
  static char found[4096];
  g_autoptr (GDir) dir = g_dir_open (temp_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "puratan-runtime-"))
      {
        g_snprintf (found, sizeof found, "%s/%s", temp_dir, name);
        return found;
      }
  return NULL;
}

static void
test_broadway_without_home (void)
{
  const char *script = g_getenv ("PURATAN_RUN_STUDIO");
  const char *build_root = g_getenv ("PURATAN_BUILD_ROOT");
  g_autofree char *home = g_build_filename (temp_dir, "no-such-home", NULL);
  g_autofree char *database = g_build_filename (temp_dir, "shop.sqlite3", NULL);
  g_autofree char *display = g_strdup_printf (":%d", 40 + (int) (getpid () % 50));
  g_autofree char *status_line = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocessLauncher) second_launcher = NULL;
  g_autoptr (GSubprocess) studio = NULL;
  g_autoptr (GSubprocess) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *runtime;
  guint port = free_port ();
  gboolean exited = FALSE;
  struct stat st;

  g_assert_nonnull (script);
  g_assert_nonnull (build_root);
  g_assert_false (g_file_test (home, G_FILE_TEST_EXISTS));

  launcher = bare_launcher (home, port, display);
  studio = g_subprocess_launcher_spawn (launcher, &error, script, build_root, "--database",
                                        database, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (studio, NULL, exited_cb, &exited);

  /* Broadway's page answers once the script says it is ready; the loop is bounded so a script
   * that never gets there fails the test instead of hanging it. */
  for (guint tries = 0; tries < 600 && status_line == NULL; tries++)
    {
      status_line = http_status_line (port);
      if (status_line == NULL)
        {
          g_assert_false (exited);
          sleep_in_loop (50);
        }
    }
  g_assert_nonnull (status_line);
  g_assert_true (g_str_has_prefix (status_line, "HTTP/1."));
  g_assert_nonnull (strstr (status_line, " 200"));

  /* The runtime folder the script made for Broadway is private. */
  runtime = private_runtime_dir ();
  g_assert_nonnull (runtime);
  g_assert_cmpint (g_stat (runtime, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* A second studio on the same port stops at once and says which port and what to set. */
  second_launcher = bare_launcher (home, port, ":39");
  second = g_subprocess_launcher_spawn (second_launcher, &error, script, build_root, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (second, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (second));
  g_assert_cmpint (g_subprocess_get_exit_status (second), ==, 1);
  {
    g_autofree char *port_text = g_strdup_printf ("port %u ", port);
    g_assert_nonnull (strstr (err, port_text));
    g_assert_nonnull (strstr (err, "already in use"));
    g_assert_nonnull (strstr (err, "PURATAN_BROADWAY_PORT"));
  }

  /* Stopping the first leaves nothing behind: Broadway, the studio and the runtime folder. */
  g_assert_cmpint (
      kill (-(pid_t) g_ascii_strtoll (g_subprocess_get_identifier (studio), NULL, 10), SIGTERM), ==,
      0);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_file_test (runtime, G_FILE_TEST_EXISTS));
}

static void
test_devenv_catalog (void)
{
  const char *meson = g_getenv ("PURATAN_MESON");
  const char *build_root = g_getenv ("PURATAN_BUILD_ROOT");
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_nonnull (meson);
  g_assert_nonnull (build_root);
  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Nothing set by hand: the data folder comes from meson's devenv object. */
  g_subprocess_launcher_unsetenv (launcher, "PURATAN_DATA_DIR");
  g_subprocess_launcher_set_cwd (launcher, temp_dir);
  process = g_subprocess_launcher_spawn (launcher, &error, meson, "devenv", "-C", build_root,
                                         "puratan", "catalog", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_test_message ("meson devenv said: %s", err);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "Business cards (business-cards)"));
  g_assert_nonnull (strstr (out, "Flyers"));
}

int
main (int argc, char **argv)
{
  int status;

  temp_dir = puratan_test_use_private_tmpdir ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/run-studio/broadway-without-home", test_broadway_without_home);
  g_test_add_func ("/e2e/run-studio/devenv-catalog", test_devenv_catalog);
  status = g_test_run ();
  puratan_test_remove_tree (temp_dir);
  g_free (temp_dir);
  return status;
}

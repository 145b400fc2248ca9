/* sync-studio.c: the studio's frame clock while its sync engine pushes and pulls orders
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "The studio stays responsive while it syncs." Starts the real puratan-server on 127.0.0.1
 * with two counter accounts, writes N orders (default 2,000) into workstation A's database
 * while nothing talks to the server, then runs the real studio (its window on the Orders view,
 * under Xvfb, tokens in the keyring of the private session sync-keyring.sh starts) twice:
 *
 *   push   on A's database: the frame clock for five seconds with no sync (the baseline),
 *          then while the engine sends all N orders;
 *   pull   on an empty install B: the baseline again, then while the engine pulls them all.
 *
 * The window asks for a frame on every tick, so the frame clock runs as it does during an
 * animation; the program prints the median, 95th percentile and longest interval between
 * frames for each phase. A main loop that waited on the network or the database would show
 * as long intervals in the sync phases that the baseline does not have.
 *
 * Usage: bench-sync-studio PURATAN_SERVER [N]
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "puratan-application.h"
#include "puratan-orders-view.h"
#include "puratan-orders.h"
#include "puratan-pricing.h"
#include "puratan-window.h"
#include "sync-shop.h"

#define BASELINE_SECONDS 5

typedef struct
{
  const char *database;
  const char *url;
  const char *email;
  GArray *baseline; /* (element-type double) frame intervals, ms */
  GArray *syncing;
  gint64 last_frame;
  GArray *recording; /* (nullable) where intervals go now */
  double sync_seconds;
} Run;

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  Run *run = data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (run->recording != NULL && run->last_frame > 0)
    {
      double ms = (now - run->last_frame) / 1000.0;
      g_array_append_val (run->recording, ms);
    }
  run->last_frame = now;
  /* A frame on every tick, as during an animation. */
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
iterate_for (gint64 microseconds)
{
  gint64 until = g_get_monotonic_time () + microseconds;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
in_step (Run *run, PuratanSyncEngine *engine, gboolean *seen_syncing)
{
  PuratanSyncState state = puratan_sync_engine_get_state (engine);

  if (state == PURATAN_SYNC_STATE_SYNCING)
    *seen_syncing = TRUE;
  return *seen_syncing && state == PURATAN_SYNC_STATE_ONLINE &&
         puratan_sync_engine_get_pending (engine) == 0;
}

static void
activate_cb (GApplication *application, gpointer data)
{
  Run *run = data;
  PuratanApplication *app = PURATAN_APPLICATION (application);
  GtkWindow *window = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  g_autoptr (PuratanSyncEngine) engine = NULL;
  g_autoptr (PuratanSyncHttp) http = NULL;
  g_autoptr (PuratanSyncTokens) tokens = NULL;
  g_autoptr (GError) error = NULL;
  gboolean seen_syncing = FALSE;
  PuratanOrdersView *orders;
  gint64 start;

  while (puratan_application_is_opening_database (app))
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "orders");
  orders = PURATAN_ORDERS_VIEW (adw_view_stack_get_child_by_name (
      puratan_window_get_stack (PURATAN_WINDOW (window)), "orders"));
  gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, run, NULL);
  /* The board shown before the clock starts: its first load is not the sync's doing. */
  iterate_for (G_USEC_PER_SEC);
  while (puratan_orders_view_is_busy (orders))
    g_main_context_iteration (NULL, TRUE);
  iterate_for (G_USEC_PER_SEC);

  /* The baseline: the same window, no sync. */
  run->recording = run->baseline;
  iterate_for (BASELINE_SECONDS * G_USEC_PER_SEC);

  /* Signed in (into the keyring, before the clock), then the engine starts with the studio. */
  run->recording = NULL;
  http = puratan_sync_http_new (run->url, &error);
  g_assert_no_error (error);
  tokens = puratan_sync_sign_in (http, puratan_application_get_credential_store (app), run->email,
                                 BENCH_PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  engine = puratan_sync_engine_new (run->database, run->url,
                                    puratan_application_get_credential_store (app), &error);
  g_assert_no_error (error);
  run->recording = run->syncing;
  start = g_get_monotonic_time ();
  puratan_application_signed_in (app, engine, tokens->role, tokens->email);
  while (!in_step (run, engine, &seen_syncing))
    g_main_context_iteration (NULL, TRUE);
  run->sync_seconds = (g_get_monotonic_time () - start) / 1e6;
  run->recording = NULL;
  gtk_window_destroy (window);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_intervals (const char *name, GArray *intervals)
{
  double p50, p95, max;

  g_assert_cmpuint (intervals->len, >, 0);
  g_array_sort (intervals, compare_doubles);
  p50 = g_array_index (intervals, double, intervals->len / 2);
  p95 = g_array_index (intervals, double, MIN (intervals->len - 1, intervals->len * 95 / 100));
  max = g_array_index (intervals, double, intervals->len - 1);
  g_print ("  %-22s %6u frames  median %6.1f ms  p95 %6.1f ms  max %7.1f ms\n", name,
           intervals->len, p50, p95, max);
}

static gint64
count_orders (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open (path, &error);
  g_autoptr (GPtrArray) page = NULL;
  gint64 n = 0, before = 0;

  g_assert_no_error (error);
  do
    {
      g_clear_pointer (&page, g_ptr_array_unref);
      page = puratan_order_list_page (database, NULL, NULL, NULL, before, 1000, &error);
      g_assert_no_error (error);
      n += page->len;
      if (page->len > 0)
        before = ((PuratanOrder *) page->pdata[page->len - 1])->number;
    }
  while (page->len == 1000);
  return n;
}

static void
run_studio (Run *run)
{
  g_autoptr (PuratanApplication) app = puratan_application_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  /* Each run is a workstation's first sign-in. */
  g_settings_reset (settings, "sync-server-url");
  run->baseline = g_array_new (FALSE, FALSE, sizeof (double));
  run->syncing = g_array_new (FALSE, FALSE, sizeof (double));
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  puratan_application_set_database_path (app, run->database);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_remove (path);
}

int
main (int argc, char **argv)
{
  g_autofree char *root = g_dir_make_tmp ("puratan-bench-sync-studio-XXXXXX", NULL);
  g_autofree char *server_dir = g_build_filename (root, "server", NULL);
  g_autofree char *db_a = g_build_filename (root, "a.db", NULL);
  g_autofree char *db_b = g_build_filename (root, "b.db", NULL);
  g_autoptr (GSubprocess) server = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GPtrArray) quoted = NULL;
  guint n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 2000;
  Run push = { 0 }, pull = { 0 };

  if (argc < 2 || n == 0)
    {
      g_printerr ("usage: bench-sync-studio PURATAN_SERVER [N]\n");
      return 2;
    }
  g_assert_nonnull (root);
  g_setenv ("XDG_DATA_HOME", root, TRUE);
  bench_create_account (argv[1], server_dir, "a@bench.example.in");
  bench_create_account (argv[1], server_dir, "b@bench.example.in");
  server = bench_start_server (argv[1], server_dir, &url);

  /* Workstation A works offline: nothing here talks to the server. */
  quoted = bench_quoted_lines ();
  bench_write_orders (db_a, quoted, n, TRUE);

  push = (Run){ db_a, url, "a@bench.example.in" };
  run_studio (&push);
  pull = (Run){ db_b, url, "b@bench.example.in" };
  run_studio (&pull);
  g_assert_cmpint (count_orders (db_b), ==, n);

  g_print ("the studio's frame clock while it syncs %u orders on loopback (Orders view shown)\n",
           n);
  print_intervals ("push: baseline", push.baseline);
  print_intervals ("push: while syncing", push.syncing);
  g_print ("  push took %.1f s (%.0f orders/s)\n", push.sync_seconds, n / push.sync_seconds);
  print_intervals ("pull: baseline", pull.baseline);
  print_intervals ("pull: while syncing", pull.syncing);
  g_print ("  pull took %.1f s (%.0f orders/s)\n", pull.sync_seconds, n / pull.sync_seconds);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_array_unref (push.baseline);
  g_array_unref (push.syncing);
  g_array_unref (pull.baseline);
  g_array_unref (pull.syncing);
  remove_tree (root);
  return 0;
}

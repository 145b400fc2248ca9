/* sync.c: pushing 10,000 orders made offline, and pulling them into an empty install
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts the real puratan-server on 127.0.0.1 with a fresh data folder and two counter
 * accounts, writes N orders (default 10,000; each placed with one priced line, as the
 * Counter writes them: a creation, its line and its place step in the outbox; taking in turn
 * five products in five usual quantities, so the server prices 25 different lines) into
 * workstation A's database while nothing talks to the server, then measures, in orders per
 * second:
 *
 *   write        baseline: writing the orders locally (orders layer, SQLite, outbox);
 *   push         A's engine sending its outbox in batches (POST /api/v1/sync/batch: each
 *                order's creation and its place step, each under its own idempotency key,
 *                answers recorded in A's database one transaction per batch);
 *   pull         an empty install B reading the change feed until it has every order, with
 *                its lines and customer;
 *   push, single baseline: workstation C sending up to 500 such orders one request each
 *                (POST /api/v1/orders, then reading the order and
 *                POST /api/v1/orders/{id}/transitions), the engine's path before batches.
 *
 * Target: push and pull at least 1,000 orders per second on loopback. Tokens are kept by an
 * in-memory credential store here (the benchmark measures the network and the databases,
 * not the keyring).
 *
 * Usage: bench-sync PURATAN_SERVER [N]
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "puratan-orders.h"
#include "sync-shop.h"
#include "puratan-pricing.h"
#include "puratan-sync.h"

/* Tokens in memory only: a credential store for this process. */
struct _BenchStore
{
  GObject parent_instance;
  PuratanSyncTokens *tokens;
};

#define BENCH_TYPE_STORE (bench_store_get_type ())
G_DECLARE_FINAL_TYPE (BenchStore, bench_store, BENCH, STORE, GObject)

static PuratanSyncTokens *
store_load (PuratanSyncCredentialStore *store, const char *url, GCancellable *c, GError **e)
{
  BenchStore *self = BENCH_STORE (store);
  return self->tokens != NULL ? puratan_sync_tokens_copy (self->tokens) : NULL;
}

static gboolean
store_save (PuratanSyncCredentialStore *store,
            const char *url,
            const PuratanSyncTokens *tokens,
            GCancellable *c,
            GError **e)
{
  BenchStore *self = BENCH_STORE (store);
  g_clear_pointer (&self->tokens, puratan_sync_tokens_free);
  self->tokens = puratan_sync_tokens_copy (tokens);
  return TRUE;
}

static gboolean
store_clear (PuratanSyncCredentialStore *store, const char *url, GCancellable *c, GError **e)
{
  g_clear_pointer (&BENCH_STORE (store)->tokens, puratan_sync_tokens_free);
  return TRUE;
}

static void
bench_store_iface_init (PuratanSyncCredentialStoreInterface *iface)
{
  iface->load = store_load;
  iface->save = store_save;
  iface->clear = store_clear;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchStore,
                               bench_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PURATAN_TYPE_SYNC_CREDENTIAL_STORE,
                                                      bench_store_iface_init))

static void
bench_store_finalize (GObject *object)
{
  g_clear_pointer (&BENCH_STORE (object)->tokens, puratan_sync_tokens_free);
  G_OBJECT_CLASS (bench_store_parent_class)->finalize (object);
}

static void
bench_store_class_init (BenchStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_store_finalize;
}

static void
bench_store_init (BenchStore *self)
{
}

static PuratanSyncEngine *
signed_in_engine (const char *database, const char *url, const char *email)
{
  g_autoptr (PuratanSyncCredentialStore) store = g_object_new (BENCH_TYPE_STORE, NULL);
  g_autoptr (PuratanSyncHttp) http = NULL;
  g_autoptr (PuratanSyncTokens) tokens = NULL;
  g_autoptr (GError) error = NULL;
  PuratanSyncEngine *engine;

  http = puratan_sync_http_new (url, &error);
  g_assert_no_error (error);
  tokens = puratan_sync_sign_in (http, store, email, BENCH_PASSWORD, NULL, NULL, &error);
  g_assert_no_error (error);
  engine = puratan_sync_engine_new (database, url, store, &error);
  g_assert_no_error (error);
  return engine;
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

/* Counts the orders, checking that the first thousand came whole (one line, the customer's
 * name). */
static gint64
count (PuratanDatabase *database)
{
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GError) error = NULL;
  gint64 n = 0, before = 0;

  /* Pages through the orders, 1000 at a time. */
  do
    {
      g_clear_pointer (&page, g_ptr_array_unref);
      page = puratan_order_list_page (database, NULL, NULL, NULL, before, 1000, &error);
      g_assert_no_error (error);
      for (guint i = 0; n == 0 && i < page->len; i++)
        {
          PuratanOrder *listed = page->pdata[i];
          g_autoptr (PuratanOrder) order = puratan_order_get (database, listed->id, &error);
          g_autoptr (PuratanCustomer) customer = NULL;

          g_assert_no_error (error);
          g_assert_cmpuint (order->lines->len, ==, 1);
          customer = puratan_customer_get (database, order->customer_id, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (customer->name, ==, "Bench Customer");
        }
      n += page->len;
      if (page->len > 0)
        before = ((PuratanOrder *) page->pdata[page->len - 1])->number;
    }
  while (page->len == 1000);
  return n;
}

/* Syncs @engine until idle; returns the seconds it took. */
static double
sync_seconds (PuratanSyncEngine *engine)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (puratan_sync_engine_run_until_idle (engine, 60, NULL, &error));
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int argc, char **argv)
{
  g_autofree char *root = g_dir_make_tmp ("puratan-bench-sync-XXXXXX", NULL);
  g_autofree char *server_dir = g_build_filename (root, "server", NULL);
  g_autofree char *db_a = g_build_filename (root, "a.db", NULL);
  g_autofree char *db_b = g_build_filename (root, "b.db", NULL);
  g_autofree char *db_c = g_build_filename (root, "c.db", NULL);
  g_autoptr (GSubprocess) server = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr (PuratanSyncEngine) a = NULL;
  g_autoptr (PuratanSyncEngine) b = NULL;
  g_autoptr (PuratanSyncEngine) c = NULL;
  g_autoptr (GPtrArray) quoted = NULL;
  guint n = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 10000;
  guint n_single;
  double write_s, push_s, pull_s, single_s;

  if (argc < 2 || n == 0)
    {
      g_printerr ("usage: bench-sync PURATAN_SERVER [N]\n");
      return 2;
    }
  n_single = MIN (n, 500);
  g_assert_nonnull (root);
  bench_create_account (argv[1], server_dir, "a@bench.example.in");
  bench_create_account (argv[1], server_dir, "b@bench.example.in");
  bench_create_account (argv[1], server_dir, "c@bench.example.in");
  server = bench_start_server (argv[1], server_dir, &url);

  /* Workstation A works offline: nothing here talks to the server. */
  quoted = bench_quoted_lines ();
  write_s = bench_write_orders (db_a, quoted, n, TRUE);

  a = signed_in_engine (db_a, url, "a@bench.example.in");
  push_s = sync_seconds (a);
  {
    g_autoptr (PuratanDatabase) database = puratan_database_open (db_a, &error);
    g_assert_no_error (error);
    g_assert_cmpint (puratan_sync_count_waiting (database, NULL), ==, 0);
  }

  b = signed_in_engine (db_b, url, "b@bench.example.in");
  pull_s = sync_seconds (b);
  {
    g_autoptr (PuratanDatabase) pulled = puratan_database_open (db_b, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count (pulled), ==, n);
  }

  /* The baseline: the same kind of orders, one request each. */
  bench_write_orders (db_c, quoted, n_single, TRUE);
  c = signed_in_engine (db_c, url, "c@bench.example.in");
  puratan_sync_engine_set_batch_size (c, 1);
  single_s = sync_seconds (c);

  g_print ("sync of %u orders on loopback (target: push and pull >= 1000 orders/s)\n", n);
  g_print ("  mix: %u priced lines, taken in turn\n", quoted->len);
  g_print ("  write (baseline)     %8.2f s %10.0f orders/s\n", write_s, n / write_s);
  g_print ("  push, single (%4u)  %8.2f s %10.0f orders/s   (baseline: one request per order)\n",
           n_single, single_s, n_single / single_s);
  g_print ("  push                 %8.2f s %10.0f orders/s\n", push_s, n / push_s);
  g_print ("  pull                 %8.2f s %10.0f orders/s\n", pull_s, n / pull_s);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  remove_tree (root);
  return 0;
}

/* sync-shop.c: a workstation's shop database and its sync engine, for sync tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sync-shop.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "e2e-util.h"
#include "puratan-orders.h"
#include "puratan-pricing.h"

void
sync_shop_init (SyncShop *shop, const char *name, const char *server_url)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;

  shop->dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (shop->dir, 0700), ==, 0);
  shop->database = g_build_filename (shop->dir, "shop.db", NULL);
  shop->server_url = g_strdup (server_url);
  database = puratan_database_open (shop->database, &error);
  g_assert_no_error (error);
}

void
sync_shop_clear (SyncShop *shop)
{
  g_clear_pointer (&shop->dir, g_free);
  g_clear_pointer (&shop->database, g_free);
  g_clear_pointer (&shop->server_url, g_free);
}

/* Runs `puratan sync ARGS…` for the shop to its end; returns its exit status. */
int
sync_shop_cli (SyncShop *shop, const char *input, char **out, const char *command, ...)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) e2e_program ("PURATAN_CLI"));
  g_ptr_array_add (argv, (gpointer) "sync");
  g_ptr_array_add (argv, (gpointer) command);
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = e2e_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (g_subprocess_get_exit_status (process) != 0)
    g_test_message ("puratan sync %s: %s%s", command, stdout_text, stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return g_subprocess_get_exit_status (process);
}

void
sync_shop_sign_in (SyncShop *shop, const char *email, const char *password)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);

  g_assert_cmpint (sync_shop_cli (shop, input, NULL, "sign-in", "--server", shop->server_url,
                                  "--email", email, NULL),
                   ==, 0);
}

/* Starts `puratan sync run` for the shop without waiting. */
GSubprocess *
sync_shop_spawn_run (SyncShop *shop)
{
  g_autoptr (GSubprocessLauncher) launcher =
      e2e_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  process = g_subprocess_launcher_spawn (launcher, &error, e2e_program ("PURATAN_CLI"), "sync",
                                         "run", "--server", shop->server_url, "--database",
                                         shop->database, "--give-up-after", "120", NULL);
  g_assert_no_error (error);
  return process;
}

/* Runs `puratan sync run` until it reports the shop in step. */
void
sync_shop_run (SyncShop *shop)
{
  g_assert_cmpint (sync_shop_cli (shop, NULL, NULL, "run", "--server", shop->server_url,
                                  "--database", shop->database, "--give-up-after", "300", NULL),
                   ==, 0);
}

static PuratanOrderLine *
quoted_line (gint64 quantity)
{
  static PuratanCatalog *catalog = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  PuratanQuoteRequest request = { "Q-SYNC" };
  PuratanOrderLine *line;

  if (catalog == NULL)
    {
      g_autofree char *dir = g_build_filename (g_getenv ("PURATAN_DATA_DIR"), "catalog", NULL);
      catalog = puratan_catalog_load_dir (dir, &error);
      g_assert_no_error (error);
    }
  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, 1, 12, 2026);
  job = puratan_job_new (catalog, "business-cards", options, &error);
  g_assert_no_error (error);
  quote = puratan_quote_new (catalog, &request, &job, &quantity, 1, &error);
  g_assert_no_error (error);
  line = puratan_order_line_from_quote (quote, 0, &error);
  g_assert_no_error (error);
  return line;
}

typedef struct
{
  const char *customer_id;
  const char *tag;
  gboolean pay;
  char *order_id;
} Place;

/* As the Counter places a walk-in order: the draft, its line and the move to placed in one
 * transaction; then, as a second step, the cash payment. */
static gboolean
place_in_transaction (PuratanDatabase *database, gpointer data, GError **error)
{
  Place *place = data;
  g_autoptr (PuratanOrder) draft = NULL;
  g_autoptr (PuratanOrder) placed = NULL;
  g_autoptr (PuratanOrderLine) line = quoted_line (500);

  draft = puratan_orders_create (database, place->customer_id, "2027-01-15", place->tag, "counter",
                                 PURATAN_ROLE_COUNTER, error);
  if (draft == NULL || !puratan_order_add_line (database, draft, line, error))
    return FALSE;
  placed =
      puratan_orders_transition (database, draft->id, draft->version, PURATAN_ORDER_ACTION_PLACE,
                                 "counter", PURATAN_ROLE_COUNTER, "walk-in order", NULL, error);
  if (placed == NULL)
    return FALSE;
  place->order_id = g_strdup (placed->id);
  return TRUE;
}

/* Creates @n placed orders (with a cash payment each when @pay) in the shop's database, notes
 * "TAG-i", for one new customer. The server may be unreachable: nothing here talks to it. */
void
sync_shop_create_orders (SyncShop *shop, const char *tag, guint n, gboolean pay)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open (shop->database, &error);
  g_autofree char *name = g_strdup_printf ("Customer %s", tag);
  g_autoptr (PuratanCustomer) customer = puratan_customer_new (name);

  g_assert_no_error (error);
  puratan_customer_insert (database, customer, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *notes = g_strdup_printf ("%s-%u", tag, i);
      Place place = { customer->id, notes, pay, NULL };

      puratan_database_run_in_transaction (database, place_in_transaction, &place, &error);
      g_assert_no_error (error);
      if (pay)
        {
          g_autoptr (PuratanPayment) attempt = NULL;
          g_autoptr (PuratanPayment) taken = NULL;

          attempt =
              puratan_payment_new (place.order_id, "payment", "cash", 10000, "counter", &error);
          g_assert_no_error (error);
          taken = puratan_payments_take (database, attempt, PURATAN_ROLE_COUNTER, NULL, &error);
          g_assert_no_error (error);
        }
      g_free (place.order_id);
    }
}

/* Counts rows of the shop's database with a fixed query (no user input). */
gint64
sync_shop_count (SyncShop *shop, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (shop->database, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Returns (transfer full) the SHA-256 of the file at @path, read in pieces. */
char *
sync_sha256_of_file (const char *path)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (1024 * 1024);
  FILE *file = fopen (path, "rbe");
  size_t n;

  g_assert_nonnull (file);
  while ((n = fread (buffer, 1, 1024 * 1024, file)) > 0)
    g_checksum_update (sum, buffer, (gssize) n);
  g_assert_cmpint (ferror (file), ==, 0);
  fclose (file);
  return g_strdup (g_checksum_get_string (sum));
}

/* Makes a file of @size bytes (random bytes, or @pattern over and over), takes it into the
 * shop's store and attaches it to the order whose notes are @notes, as the Counter does.
 * Returns (transfer full) its SHA-256. */
char *
sync_shop_attach_file (
    SyncShop *shop, const char *notes, const char *name, gsize size, const char *pattern)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = puratan_database_open (shop->database, &error);
  g_autofree char *source = g_build_filename (shop->dir, "source-file", NULL);
  g_autofree guint8 *block = g_malloc (1024 * 1024);
  g_autoptr (GRand) rand = g_rand_new_with_seed ((guint32) size);
  g_autofree char *sha256 = NULL;
  g_autofree char *order_id = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  FILE *out;

  g_assert_no_error (error);
  out = fopen (source, "wbe");
  g_assert_nonnull (out);
  for (gsize done = 0; done < size;)
    {
      gsize n = MIN (size - done, (gsize) 1024 * 1024);

      for (gsize i = 0; i < n; i++)
        block[i] = pattern != NULL ? (guint8) pattern[(done + i) % strlen (pattern)]
                                   : (guint8) g_rand_int_range (rand, 0, 256);
      g_assert_cmpuint (fwrite (block, 1, n, out), ==, n);
      done += n;
    }
  g_assert_cmpint (fclose (out), ==, 0);
  sha256 = puratan_file_store_import (database, source, "application/octet-stream", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (source), ==, 0);

  g_assert_cmpint (sqlite3_open_v2 (shop->database, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "SELECT id FROM orders WHERE notes = ?", -1, &stmt, NULL), ==,
      SQLITE_OK);
  sqlite3_bind_text (stmt, 1, notes, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  order_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_true (puratan_file_store_attach (database, order_id, sha256, name, "artwork", &error));
  g_assert_no_error (error);
  return g_steal_pointer (&sha256);
}

/* sync-shop.c: the shop the sync benches set up: a server with accounts, and orders written
 * offline in a workstation's database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sync-shop.h"

#include <string.h>

/* The orders' mix: what a counter sells most, each product in its usual quantities. */
static const char *const mix_products[] = { "business-cards", "flyers", "letterheads", "posters",
                                            "stickers" };
static const gint64 mix_quantities[] = { 100, 250, 500, 1000, 2000 };

/* Makes a counter account on the server's data folder, with BENCH_PASSWORD. */
void
bench_create_account (const char *server, const char *data_dir, const char *email)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                              &error, server, "admin", "create-user", email, "--role", "counter",
                              "--data-dir", data_dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, BENCH_PASSWORD "\n", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* Starts the server on a free loopback port; @url gets where it listens.
 * Returns: (transfer full): the server process */
GSubprocess *
bench_start_server (const char *server, const char *data_dir, char **url)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process =
      g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                        server, "--listen", "127.0.0.1:0", "--data-dir", data_dir, NULL);

  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (line != NULL && g_str_has_prefix (line, "listening on "));
  *url = g_strdup (line + strlen ("listening on "));
  return process;
}

static PuratanOrderLine *
quoted_line (PuratanCatalog *catalog, const char *product, gint64 quantity)
{
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (GError) error = NULL;
  PuratanQuoteRequest request = { "Q-BENCH" };
  PuratanOrderLine *line;

  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, 1, 12, 2026);
  job = puratan_job_new (catalog, product, options, &error);
  g_assert_no_error (error);
  quote = puratan_quote_new (catalog, &request, &job, &quantity, 1, &error);
  g_assert_no_error (error);
  line = puratan_order_line_from_quote (quote, 0, &error);
  g_assert_no_error (error);
  return line;
}

/* Returns: (transfer full) (element-type PuratanOrderLine): one priced line of each product
 * and quantity of the mix (five products in five usual quantities) */
GPtrArray *
bench_quoted_lines (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("PURATAN_DATA_DIR"), "catalog", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) catalog = puratan_catalog_load_dir (dir, &error);
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) puratan_order_line_free);

  g_assert_no_error (error);
  for (guint p = 0; p < G_N_ELEMENTS (mix_products); p++)
    for (guint q = 0; q < G_N_ELEMENTS (mix_quantities); q++)
      g_ptr_array_add (lines, quoted_line (catalog, mix_products[p], mix_quantities[q]));
  return lines;
}

typedef struct
{
  GPtrArray *lines; /* (element-type PuratanOrderLine) taken in turn */
  const char *customer_id;
  guint n;
  gboolean place;
} Write;

static gboolean
write_orders (PuratanDatabase *database, gpointer data, GError **error)
{
  Write *write = data;

  for (guint i = 0; i < write->n; i++)
    {
      g_autofree char *notes = g_strdup_printf ("bench-%u", i);
      g_autoptr (PuratanOrder) draft = puratan_orders_create (
          database, write->customer_id, NULL, notes, "counter", PURATAN_ROLE_COUNTER, error);
      g_autoptr (PuratanOrderLine) line = NULL;
      g_autoptr (PuratanOrder) placed = NULL;

      if (draft == NULL)
        return FALSE;
      line = puratan_order_line_from_snapshot (
          ((PuratanOrderLine *) write->lines->pdata[i % write->lines->len])->snapshot, error);
      if (line == NULL || !puratan_order_add_line (database, draft, line, error))
        return FALSE;
      if (!write->place)
        continue;
      placed = puratan_orders_transition (database, draft->id, draft->version,
                                          PURATAN_ORDER_ACTION_PLACE, "counter",
                                          PURATAN_ROLE_COUNTER, NULL, NULL, error);
      if (placed == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Writes @n orders for one customer into the workstation database at @database_path, offline
 * and in one transaction, each with one of @lines in turn, as the Counter writes them (drafts
 * with their line, or placed with @place).
 * Returns: the seconds the writing took */
double
bench_write_orders (const char *database_path, GPtrArray *lines, guint n, gboolean place)
{
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanCustomer) customer = puratan_customer_new ("Bench Customer");
  g_autoptr (GError) error = NULL;
  Write write;
  gint64 start;

  database = puratan_database_open (database_path, &error);
  g_assert_no_error (error);
  puratan_customer_insert (database, customer, &error);
  g_assert_no_error (error);
  write = (Write){ lines, customer->id, n, place };
  start = g_get_monotonic_time ();
  puratan_database_run_in_transaction (database, write_orders, &write, &error);
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* test-cli-orders.c: `puratan orders` and `puratan db backup|check` as scripts run them
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>

#include "e2e-util.h"

#define LINE_JSON                                                          \
  "{\"product\":\"Visiting cards\",\"hsn_sac\":\"4911\",\"quantity\":500," \
  "\"unit_price_paise\":100,\"line_total_paise\":50000,\"tax_rate_bp\":1800,\"tax_paise\":9000}"

/* G_TEST_OPTION_ISOLATE_DIRS gives every test case a fresh data folder, removed afterwards. */
static char *
new_database_path (void)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), "shop.sqlite3", NULL);
}

static void
run (E2eRun *result, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) e2e_program ("PURATAN_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  e2e_run (result, (const char *const *) argv->pdata);
}

static void
test_order_lifecycle (void)
{
  g_autofree char *database_path = new_database_path ();
  g_autofree char *line = g_build_filename (g_get_user_data_dir (), "line.json", NULL);
  g_autofree char *bad_line = g_build_filename (g_get_user_data_dir (), "bad.json", NULL);
  g_auto (E2eRun) create = { 0 };
  g_auto (E2eRun) refused = { 0 };
  g_auto (E2eRun) bad = { 0 };
  g_auto (E2eRun) placed = { 0 };
  g_auto (E2eRun) wrong_role = { 0 };
  g_auto (E2eRun) stale = { 0 };
  g_auto (E2eRun) list = { 0 };
  g_auto (E2eRun) show = { 0 };
  g_auto (E2eRun) usage = { 0 };
  g_auto (E2eRun) priced = { 0 };
  g_auto (E2eRun) priced_show = { 0 };
  g_auto (E2eRun) no_product = { 0 };

  g_assert_true (g_file_set_contents (line, LINE_JSON, -1, NULL));
  g_assert_true (g_file_set_contents (bad_line, "{\"product\": 5}", -1, NULL));

  run (&create, "orders", "create", "--database", database_path, "--new-customer", "Asha Traders",
       "--phone", "9820012345", "--due", "2026-12-01", "--line", line, "--user", "meera", NULL);
  g_assert_cmpint (create.exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (create.out, "ORDER-000001 "));

  /* A bad line saves nothing: not even the new customer. */
  run (&bad, "orders", "create", "--database", database_path, "--new-customer", "Ghost", "--line",
       bad_line, "--user", "meera", NULL);
  g_assert_cmpint (bad.exit_status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "bad.json"));

  run (&refused, "orders", "transition", "--database", database_path, "1", "start_production",
       "--user", "ravi", "--role", "production", NULL);
  g_assert_cmpint (refused.exit_status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "Cannot start_production an order that is draft"));

  run (&placed, "orders", "transition", "--database", database_path, "ORDER-000001", "place",
       "--user", "meera", "--reason", "walk-in", NULL);
  g_assert_cmpint (placed.exit_status, ==, 0);
  g_assert_cmpstr (placed.out, ==, "ORDER-000001: draft → placed (version 3)\n");

  run (&wrong_role, "orders", "transition", "--database", database_path, "1", "request_files",
       "--user", "x", "--role", "customer", NULL);
  g_assert_cmpint (wrong_role.exit_status, ==, 1);
  g_assert_nonnull (strstr (wrong_role.err, "customer role may not"));

  run (&stale, "orders", "transition", "--database", database_path, "1", "request_files", "--user",
       "x", "--expect-version", "2", NULL);
  g_assert_cmpint (stale.exit_status, ==, 1);
  g_assert_nonnull (strstr (stale.err, "changed elsewhere"));

  run (&list, "orders", "list", "--database", database_path, "--status", "placed", NULL);
  g_assert_cmpint (list.exit_status, ==, 0);
  g_assert_nonnull (strstr (list.out, "ORDER-000001  placed"));
  g_assert_nonnull (strstr (list.out, "Asha Traders"));
  g_assert_null (strstr (list.out, "Ghost"));

  run (&show, "orders", "show", "--database", database_path, "1", NULL);
  g_assert_cmpint (show.exit_status, ==, 0);
  g_assert_nonnull (strstr (show.out, "1. Visiting cards × 500  HSN/SAC 4911"));
  g_assert_nonnull (strstr (show.out, "total: ₹590.00"));
  g_assert_nonnull (strstr (show.out, "meera (counter) place: draft → placed  — walk-in"));

  /* Priced now from the seed catalog: the line keeps the quote it was placed at. */
  run (&priced, "orders", "create", "--database", database_path, "--new-customer", "Ravi",
       "--product", "business-cards", "--quantity", "500", "--option", "lamination=matt", "--user",
       "meera", NULL);
  g_assert_cmpint (priced.exit_status, ==, 0);
  g_assert_true (g_str_has_prefix (priced.out, "ORDER-000002 "));
  run (&priced_show, "orders", "show", "--database", database_path, "2", NULL);
  g_assert_nonnull (strstr (priced_show.out, "1. Business cards"));
  g_assert_nonnull (strstr (priced_show.out, "× 500"));
  run (&no_product, "orders", "create", "--database", database_path, "--new-customer", "Nobody",
       "--product", "nope", "--quantity", "5", "--user", "meera", NULL);
  g_assert_cmpint (no_product.exit_status, ==, 1);
  g_assert_nonnull (strstr (no_product.err, "no product"));

  run (&usage, "orders", "transition", "--database", database_path, "1", "teleport", "--user", "x",
       NULL);
  g_assert_cmpint (usage.exit_status, ==, 2);
  g_assert_nonnull (strstr (usage.err, "not an order action"));
}

static void
test_db_backup_and_check (void)
{
  g_autofree char *database_path = new_database_path ();
  g_autofree char *backup = g_build_filename (g_get_user_data_dir (), "backup.sqlite3", NULL);
  g_auto (E2eRun) init = { 0 };
  g_auto (E2eRun) copy = { 0 };
  g_auto (E2eRun) again = { 0 };
  g_auto (E2eRun) sound = { 0 };
  g_auto (E2eRun) broken = { 0 };
  g_auto (E2eRun) shop_missing = { 0 };
  g_auto (E2eRun) shop_bad = { 0 };
  g_auto (E2eRun) shop = { 0 };
  sqlite3 *db = NULL;

  run (&init, "db", "init", "--database", database_path, NULL);
  g_assert_cmpint (init.exit_status, ==, 0);
  run (&copy, "db", "backup", "--database", database_path, backup, NULL);
  g_assert_cmpint (copy.exit_status, ==, 0);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  run (&again, "db", "backup", "--database", database_path, backup, NULL);
  g_assert_cmpint (again.exit_status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already exists"));

  run (&shop_missing, "db", "shop", "--database", database_path, "--phone", "020 1234", NULL);
  g_assert_cmpint (shop_missing.exit_status, ==, 1);
  g_assert_nonnull (strstr (shop_missing.err, "not set"));
  run (&shop_bad, "db", "shop", "--database", database_path, "--gstin", "27AAPFU0939F1ZZ", NULL);
  g_assert_cmpint (shop_bad.exit_status, ==, 1);
  run (&shop, "db", "shop", "--database", database_path, "--name", "Puratan Printers", "--address",
       "Pune", "--gstin", "27AAPFU0939F1ZV", "--upi", "puratan@okaxis", NULL);
  g_assert_cmpint (shop.exit_status, ==, 0);
  g_assert_nonnull (
      strstr (shop.out, "gstin: 27AAPFU0939F1ZV\nphone: 020 1234\nupi: puratan@okaxis"));

  run (&sound, "db", "check", "--database", backup, NULL);
  g_assert_cmpint (sound.exit_status, ==, 0);
  g_assert_true (g_str_has_suffix (sound.out, ": ok\n"));

  /* Break a foreign key behind the schema's back; the check must say so. */
  g_assert_cmpint (sqlite3_open (backup, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO orders (id, number, customer_id, created_at,"
                                 " updated_at) VALUES ('00000000-0000-4000-8000-0000000000aa', 99,"
                                 " 'no-such-customer', 'x', 'x')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  run (&broken, "db", "check", "--database", backup, NULL);
  g_assert_cmpint (broken.exit_status, ==, 1);
  g_assert_nonnull (strstr (broken.out, "foreign key"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/orders/cli/lifecycle", test_order_lifecycle);
  g_test_add_func ("/orders/cli/db-backup-check", test_db_backup_and_check);

  return g_test_run ();
}

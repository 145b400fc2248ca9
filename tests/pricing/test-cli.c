/* test-cli.c: `puratan catalog` and `puratan quote`, run as a user would
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "e2e-util.h"

static void
run_cli (E2eRun *run, ...)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  g_autofree char *catalog = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", NULL);
  va_list args;

  g_strv_builder_add (builder, e2e_program ("PURATAN_CLI"));
  va_start (args, run);
  for (const char *arg = va_arg (args, const char *); arg != NULL;
       arg = va_arg (args, const char *))
    g_strv_builder_add (builder, arg);
  va_end (args);
  g_strv_builder_add_many (builder, "--catalog", catalog, NULL);
  argv = g_strv_builder_end (builder);
  e2e_run (run, (const char *const *) argv);
}

static void
test_catalog (void)
{
  g_auto (E2eRun) text = { 0 };
  g_auto (E2eRun) json = { 0 };
  g_auto (E2eRun) bad = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();

  run_cli (&text, "catalog", NULL);
  g_assert_cmpint (text.exit_status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Business cards (business-cards), 50 to 10000 copies"));
  g_assert_nonnull (strstr (text.out, "lamination  none, matt, gloss (default none)"));

  run_cli (&json, "catalog", "--format", "json", NULL);
  g_assert_cmpint (json.exit_status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        json_node_get_object (json_parser_get_root (parser)), "products")),
                    ==, 8);

  run_cli (&bad, "catalog", "--format", "xml", NULL);
  g_assert_cmpint (bad.exit_status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "--format is text or json"));
}

static void
test_quote (void)
{
  g_auto (E2eRun) text = { 0 };
  g_auto (E2eRun) json = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *dir = g_dir_make_tmp ("puratan-cli-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "quote.pdf", NULL);
  JsonObject *totals;

  /* The worked example of test-pricing.c (3.5 × 2 in): ₹1,205.80 + 12 % GST = ₹1,350.50. */
  run_cli (&text, "quote", "--product", "business-cards", "--quantity", "500", "--option",
           "lamination=matt", "--option", "size=us", "--date", "2026-11-25", "--pdf", pdf, NULL);
  g_assert_cmpint (text.exit_status, ==, 0);
  g_assert_nonnull (
      strstr (text.out, "Rupees One Thousand Three Hundred Fifty and Fifty Paise Only"));
  g_assert_nonnull (strstr (text.out, "24 up"));
  /* Options are named as the catalog names them, not by their ids. */
  g_assert_nonnull (strstr (text.out, "Stock: Art card 350 gsm matt"));
  g_assert_nonnull (strstr (text.out, "Size: 3.5 × 2 in"));
  g_assert_nonnull (strstr (text.out, "Lamination: Matt lamination"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);

  run_cli (&json, "quote", "--product", "business-cards", "--quantity", "500", "--option",
           "lamination=matt", "--option", "size=us", "--ship-to-state", "MH", "--format", "json",
           "--date", "2026-11-25", NULL);
  g_assert_cmpint (json.exit_status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, NULL));
  totals = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                          "totals");
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (totals, "igst"), "amount_minor"),
      ==, 14470);
}

static void
test_quote_errors (void)
{
  g_auto (E2eRun) constraint = { 0 };
  g_auto (E2eRun) quantity = { 0 };
  g_auto (E2eRun) option = { 0 };
  g_auto (E2eRun) coupon = { 0 };
  g_auto (E2eRun) missing = { 0 };

  run_cli (&constraint, "quote", "--product", "booklets", "--quantity", "100", "--option",
           "pages=26", NULL);
  g_assert_cmpint (constraint.exit_status, ==, 1);
  g_assert_nonnull (strstr (constraint.err, "puratan quote: Booklets: Saddle stitching needs a "
                                            "page count that is a multiple of 4"));
  run_cli (&quantity, "quote", "--product", "flyers", "--quantity", "-5", NULL);
  g_assert_cmpint (quantity.exit_status, ==, 2);
  run_cli (&option, "quote", "--product", "flyers", "--quantity", "5", "--option", "size", NULL);
  g_assert_cmpint (option.exit_status, ==, 2);
  g_assert_nonnull (strstr (option.err, "--option takes KEY=VALUE"));
  run_cli (&coupon, "quote", "--product", "flyers", "--quantity", "500", "--coupon", "DIWALI10",
           "--date", "2027-03-01", NULL);
  g_assert_cmpint (coupon.exit_status, ==, 1);
  g_assert_nonnull (strstr (coupon.err, "valid from 2026-10-15 to 2026-12-31"));
  run_cli (&missing, "quote", "--quantity", "500", NULL);
  g_assert_cmpint (missing.exit_status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "--product is needed"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pricing/cli/catalog", test_catalog);
  g_test_add_func ("/pricing/cli/quote", test_quote);
  g_test_add_func ("/pricing/cli/quote-errors", test_quote_errors);

  return g_test_run ();
}

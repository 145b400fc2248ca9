/* test-quote.c: quotes end to end: discounts, GST, words, rates, JSON, text and PDF
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The business-card job is the one worked out in test-pricing.c: 500 cards
 * with matt lamination have a list price of ₹1,205.80 and are stationery
 * (HSN 4817, GST 12 %). The shop is in Karnataka (29).
 */
#include <glib/gstdio.h>

#include "puratan-pricing.h"

typedef struct
{
  PuratanCatalog *catalog;
  PuratanJob *cards;
  PuratanJob *flyers;
  PuratanQuoteRequest request;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", NULL);
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;

  f->catalog = puratan_catalog_load_dir (dir, &error);
  g_assert_no_error (error);
  g_hash_table_insert (options, (gpointer) "lamination", (gpointer) "matt");
  /* The figures below are for the 3.5 × 2 in card; the catalog's default is 90 × 55 mm. */
  g_hash_table_insert (options, (gpointer) "size", (gpointer) "us");
  f->cards = puratan_job_new (f->catalog, "business-cards", options, &error);
  g_assert_no_error (error);
  f->flyers = puratan_job_new (f->catalog, "flyers", NULL, &error);
  g_assert_no_error (error);
  f->request = (PuratanQuoteRequest){
    .number = "PQ-TEST-1",
    .customer_name = "Sharma Associates",
  };
  g_date_clear (&f->request.date, 1);
  g_date_set_dmy (&f->request.date, 25, G_DATE_NOVEMBER, 2026);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  puratan_job_free (f->flyers);
  puratan_job_free (f->cards);
  puratan_catalog_unref (f->catalog);
}

static PuratanQuote *
quote_cards (Fixture *f, GError **error)
{
  gint64 quantity = 500;

  return puratan_quote_new (f->catalog, &f->request, &f->cards, &quantity, 1, error);
}

static void
test_intra_state (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanQuote) quote = quote_cards (f, &error);
  const PuratanQuoteLine *line;
  const PuratanQuoteConversion *usd;
  char until[16];

  g_assert_no_error (error);
  g_assert_cmpstr (quote->number, ==, "PQ-TEST-1");
  g_date_strftime (until, sizeof until, "%Y-%m-%d", &quote->valid_until);
  g_assert_cmpstr (until, ==, "2026-12-10");
  g_assert_cmpstr (quote->place_of_supply, ==, "29");
  g_assert_false (quote->inter_state);
  line = g_ptr_array_index (quote->lines, 0);
  g_assert_cmpstr (line->hsn, ==, "4817");
  /* ₹1,205.80 at 6 % + 6 %: 72.348 → ₹72.35 each; total ₹1,350.50. */
  g_assert_cmpint (line->taxable.minor, ==, 120580);
  g_assert_cmpint (quote->cgst.minor, ==, 7235);
  g_assert_cmpint (quote->sgst.minor, ==, 7235);
  g_assert_cmpint (quote->igst.minor, ==, 0);
  g_assert_cmpint (quote->total.minor, ==, 135050);
  g_assert_cmpstr (quote->total.currency, ==, "INR");
  g_assert_cmpstr (quote->total_in_words, ==,
                   "Rupees One Thousand Three Hundred Fifty and Fifty Paise Only");
  /* USD at ₹84.42 (rates of 2026-11-20): 1,350.50 / 84.42 = 15.9974… → $16.00. */
  usd = &g_array_index (quote->conversions, PuratanQuoteConversion, 0);
  g_assert_cmpstr (usd->total.currency, ==, "USD");
  g_assert_cmpint (usd->total.minor, ==, 1600);
  g_assert_cmpstr (usd->inr_per_unit, ==, "84.42");
}

static void
test_inter_state (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanQuote) by_state = NULL;
  g_autoptr (PuratanQuote) by_gstin = NULL;

  /* Shipped to Maharashtra: IGST 12 % of ₹1,205.80 = 144.696 → ₹144.70. */
  f->request.ship_to_state = "MH";
  by_state = quote_cards (f, &error);
  g_assert_no_error (error);
  g_assert_true (by_state->inter_state);
  g_assert_cmpstr (by_state->place_of_supply, ==, "27");
  g_assert_cmpint (by_state->igst.minor, ==, 14470);
  g_assert_cmpint (by_state->cgst.minor + by_state->sgst.minor, ==, 0);

  /* A B2B customer registered in Maharashtra, no ship-to given. */
  f->request.ship_to_state = NULL;
  f->request.customer_gstin = "27aapfu0939f1zv";
  by_gstin = quote_cards (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_gstin->customer_gstin, ==, "27AAPFU0939F1ZV");
  g_assert_true (by_gstin->inter_state);
  g_assert_cmpint (by_gstin->igst.minor, ==, 14470);
}

static void
test_coupons (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanQuote) amount = NULL;
  g_autoptr (PuratanQuote) percent = NULL;
  const PuratanQuoteLine *line;

  /* WELCOME200 takes ₹200 off before tax: taxable ₹1,005.80, 6 % = 60.348 → ₹60.35
   * twice: total ₹1,126.50. */
  f->request.coupon = "welcome200";
  amount = quote_cards (f, &error);
  g_assert_no_error (error);
  line = g_ptr_array_index (amount->lines, 0);
  g_assert_cmpint (line->amount_coupon.minor, ==, 20000);
  g_assert_cmpint (amount->taxable.minor, ==, 100580);
  g_assert_cmpint (amount->cgst.minor, ==, 6035);
  g_assert_cmpint (amount->total.minor, ==, 112650);

  /* DIWALI10 takes 10 % inside the price curve: ₹120.58 off the list price. */
  f->request.coupon = "DIWALI10";
  percent = quote_cards (f, &error);
  g_assert_no_error (error);
  line = g_ptr_array_index (percent->lines, 0);
  g_assert_cmpint (line->breakdown.coupon_discount, ==, 12058);
  g_assert_cmpint (line->price.minor, <=, 108522);

  /* Out of its window, used up, or unknown. */
  g_date_set_dmy (&f->request.date, 5, G_DATE_JANUARY, 2027);
  g_assert_null (quote_cards (f, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==,
                   "Coupon DIWALI10 is valid from 2026-10-15 to 2026-12-31, not on the quote's "
                   "date");
  g_clear_error (&error);
  g_date_set_dmy (&f->request.date, 25, G_DATE_NOVEMBER, 2026);
  f->request.coupon_uses = 500;
  g_assert_null (quote_cards (f, &error));
  g_assert_nonnull (strstr (error->message, "limit of 500 uses"));
  g_clear_error (&error);
  f->request.coupon = "FREEPRINT";
  g_assert_null (quote_cards (f, &error));
  g_assert_cmpstr (error->message, ==, "There is no coupon “FREEPRINT”");
}

static void
test_bad_requests (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->request.tier = "platinum";
  g_assert_null (quote_cards (f, &error));
  g_assert_nonnull (strstr (error->message, "no customer tier “platinum”"));
  g_clear_error (&error);
  f->request.tier = "trade";
  f->request.customer_gstin = "27AAPFU0939F1ZX";
  g_assert_null (quote_cards (f, &error));
  g_assert_nonnull (strstr (error->message, "check character"));
  g_clear_error (&error);
  f->request.customer_gstin = NULL;
  f->request.ship_to_state = "XX";
  g_assert_null (quote_cards (f, &error));
  g_assert_nonnull (strstr (error->message, "“XX” is not a GST state"));
}

static void
test_two_lines (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  PuratanJob *jobs[] = { f->cards, f->flyers };
  gint64 quantities[] = { 500, 1000 };
  const PuratanQuoteLine *cards, *flyers;

  f->request.number = NULL;
  f->request.coupon = "WELCOME200";
  quote = puratan_quote_new (f->catalog, &f->request, jobs, quantities, 2, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (quote->number, "PQ-20261125-"));
  g_assert_cmpuint (strlen (quote->number), ==, strlen ("PQ-20261125-") + 6);
  cards = g_ptr_array_index (quote->lines, 0);
  flyers = g_ptr_array_index (quote->lines, 1);
  /* The amount coupon comes off the first line only; flyers pay 18 %. */
  g_assert_cmpint (cards->amount_coupon.minor, ==, 20000);
  g_assert_cmpint (flyers->amount_coupon.minor, ==, 0);
  g_assert_cmpint (flyers->gst_bp, ==, 1800);
  g_assert_cmpint (quote->taxable.minor, ==, cards->taxable.minor + flyers->taxable.minor);
  g_assert_cmpint (quote->total.minor, ==, cards->total.minor + flyers->total.minor);
  g_assert_cmpint (flyers->cgst.minor, ==, (flyers->taxable.minor * 900 + 5000) / 10000);
}

static void
test_outputs (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanQuote) quote = quote_cards (f, &error);
  g_autoptr (JsonNode) json = puratan_quote_to_json (quote);
  JsonObject *root = json_node_get_object (json);
  JsonObject *line =
      json_array_get_object_element (json_object_get_array_member (root, "lines"), 0);
  JsonObject *totals = json_object_get_object_member (root, "totals");
  g_autofree char *text = puratan_quote_to_text (quote);
  g_autofree char *dir = g_dir_make_tmp ("puratan-quote-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "quote.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "quote.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpstr (json_object_get_string_member (root, "number"), ==, "PQ-TEST-1");
  g_assert_cmpstr (json_object_get_string_member (root, "date"), ==, "2026-11-25");
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (totals, "total"), "amount_minor"),
      ==, 135050);
  g_assert_cmpstr (json_object_get_string_member (totals, "in_words"), ==,
                   "Rupees One Thousand Three Hundred Fifty and Fifty Paise Only");
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (line, "production"), "up"), ==,
      24);
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (line, "options"), "lamination"),
      ==, "matt");
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (root, "place_of_supply"), "supply"),
                   ==, "intra-state");

  g_assert_nonnull (strstr (text, "quotation PQ-TEST-1"));
  g_assert_nonnull (strstr (text, "CGST"));
  g_assert_nonnull (strstr (text, "1,350.50"));
  g_assert_nonnull (strstr (text, "Rupees One Thousand Three Hundred Fifty and Fifty Paise Only"));

  g_assert_true (puratan_quote_write_pdf (quote, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_false (puratan_quote_write_pdf (quote, bad, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_IO);
  g_assert_cmpint (g_remove (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The JSON text written straight from the quote is byte for byte what JsonGenerator writes
 * for puratan_quote_to_json()'s tree: one line, two lines with a coupon across states, and
 * texts a JSON string must escape. */
static void
assert_text_matches_tree (const PuratanQuote *quote)
{
  g_autoptr (JsonNode) tree = puratan_quote_to_json (quote);
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *expected = NULL;
  g_autofree char *text = puratan_quote_to_json_text (quote);

  json_generator_set_root (generator, tree);
  expected = json_generator_to_data (generator, NULL);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_json_text (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  PuratanJob *jobs[] = { f->cards, f->flyers };
  gint64 quantities[] = { 500, 1000 };

  {
    g_autoptr (PuratanQuote) quote = quote_cards (f, &error);

    g_assert_no_error (error);
    assert_text_matches_tree (quote);
  }
  f->request.coupon = "WELCOME200";
  f->request.ship_to_state = "27";
  f->request.customer_name =
      "\"Quote\" & Sons\\\t\n\x01 \xe0\xa4\xb6\xe0\xa4\xb0\xe0\xa5\x8d\xe0\xa4\xae\xe0\xa4\xbe \x7f";
  f->request.customer_gstin = NULL;
  {
    g_autoptr (PuratanQuote) quote =
        puratan_quote_new (f->catalog, &f->request, jobs, quantities, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (quote->lines->len, ==, 2);
    g_assert_true (quote->inter_state);
    assert_text_matches_tree (quote);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pricing/quote/intra-state", test_intra_state);
  ADD ("/pricing/quote/inter-state", test_inter_state);
  ADD ("/pricing/quote/coupons", test_coupons);
  ADD ("/pricing/quote/bad-requests", test_bad_requests);
  ADD ("/pricing/quote/two-lines", test_two_lines);
  ADD ("/pricing/quote/outputs", test_outputs);
  ADD ("/pricing/quote/json-text", test_json_text);
#undef ADD

  return g_test_run ();
}

/* test-pricing.c: worked examples of the pricing layer, computed by hand
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job examples use the shop's seed catalog in data/catalog; the figures
 * in the comments come from its rates, so a change of rates shows up here.
 */
#include "puratan-pricing.h"

#define IN(x) ((gint64) ((x) *PURATAN_UM_PER_INCH))

static PuratanCatalog *
seed_catalog (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", NULL);
  PuratanCatalog *catalog = puratan_catalog_load_dir (dir, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

static PuratanJob *
make_job (PuratanCatalog *catalog, const char *product, const char *first_key, ...)
{
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  PuratanJob *job;
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_hash_table_insert (options, (gpointer) key, va_arg (args, char *));
  va_end (args);
  job = puratan_job_new (catalog, product, options, &error);
  g_assert_no_error (error);
  return job;
}

static void
test_imposition_24_up (void)
{
  /* 1.5 × 5 in pieces with 1/8 in bleed are 1.75 × 5.25 in cells. On a
   * 15 × 19 in sheet that loses a 3/8 in gripper from its 19 in side:
   *   upright: ⌊15 / 1.75⌋ = 8 across × ⌊18.625 / 5.25⌋ = 3 down = 24
   *   turned:  ⌊15 / 5.25⌋ = 2 across × ⌊18.625 / 1.75⌋ = 10 down = 20
   * so 24-up, upright. */
  PuratanImpositionSpec spec = {
    .piece = { IN (1.5), IN (5) },
    .bleed_um = IN (0.125),
    .sheet = { IN (15), IN (19) },
    .gripper_um = IN (0.375),
  };
  PuratanImposition imposition;
  g_autoptr (GError) error = NULL;

  g_assert_true (puratan_impose (&spec, &imposition, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imposition.across, ==, 8);
  g_assert_cmpuint (imposition.down, ==, 3);
  g_assert_cmpuint (imposition.up, ==, 24);
  g_assert_false (imposition.rotated);

  /* A 1/8 in gutter: ⌊(15 + 0.125) / 1.875⌋ = 8, ⌊(18.625 + 0.125) / 5.375⌋ = 3:
   * still 24. A 1/4 in gutter: ⌊15.25 / 2⌋ = 7 × ⌊18.875 / 5.5⌋ = 3 = 21,
   * turned ⌊15.25 / 5.5⌋ = 2 × ⌊18.875 / 2⌋ = 9 = 18: 21. */
  spec.gutter_um = IN (0.125);
  g_assert_true (puratan_impose (&spec, &imposition, &error));
  g_assert_cmpuint (imposition.up, ==, 24);
  spec.gutter_um = IN (0.25);
  g_assert_true (puratan_impose (&spec, &imposition, &error));
  g_assert_cmpuint (imposition.up, ==, 21);

  /* Turning wins for 2 × 3.5 in cards on 12 × 18 in with no margins:
   * upright ⌊12/2⌋ × ⌊18/3.5⌋ = 6 × 5 = 30; turned ⌊12/3.5⌋ × ⌊18/2⌋ = 3 × 9 = 27.
   * And 3.5 × 2 in: upright 3 × 9 = 27, turned 6 × 5 = 30, rotated. */
  spec = (PuratanImpositionSpec){ .piece = { IN (3.5), IN (2) }, .sheet = { IN (12), IN (18) } };
  g_assert_true (puratan_impose (&spec, &imposition, &error));
  g_assert_cmpuint (imposition.up, ==, 30);
  g_assert_true (imposition.rotated);
}

static void
test_imposition_errors (void)
{
  PuratanImpositionSpec spec = {
    .piece = { IN (20), IN (20) },
    .sheet = { IN (15), IN (19) },
  };
  PuratanImposition imposition;
  g_autoptr (GError) error = NULL;
  gboolean rotated;

  g_assert_false (puratan_impose (&spec, &imposition, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "does not fit"));
  g_clear_error (&error);
  spec.piece.width_um = -1;
  g_assert_false (puratan_impose (&spec, &imposition, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);

  /* Parent-sheet cuts: 26 × 40 in gives four 13 × 19 in sheets (2 × 2),
   * and two 18 × 25 in sheets only when turned (⌊26/25⌋ × ⌊40/18⌋ = 2). */
  g_assert_cmpuint (puratan_parent_sheet_cuts ((PuratanSheetSize){ IN (26), IN (40) },
                                               (PuratanSheetSize){ IN (13), IN (19) }, &rotated),
                    ==, 4);
  g_assert_false (rotated);
  g_assert_cmpuint (puratan_parent_sheet_cuts ((PuratanSheetSize){ IN (26), IN (40) },
                                               (PuratanSheetSize){ IN (18), IN (25) }, &rotated),
                    ==, 2);
  g_assert_true (rotated);
  g_assert_cmpuint (puratan_parent_sheet_cuts ((PuratanSheetSize){ IN (10), IN (10) },
                                               (PuratanSheetSize){ IN (18), IN (25) }, NULL),
                    ==, 0);
}

static void
test_business_cards (void)
{
  g_autoptr (PuratanCatalog) catalog = seed_catalog ();
  g_autoptr (PuratanJob) job =
      make_job (catalog, "business-cards", "lamination", "matt", "size", "us", NULL);
  PuratanPriceAdjust walk_in = { 0 };
  PuratanJobPrice p;
  g_autoptr (GError) error = NULL;

  /* 500 cards, 3.5 × 2 in, 350 gsm (₹26 a 26 × 40 in parent sheet), 4/4,
   * matt lamination, standard turnaround, walk-in.
   * Digital 13 × 19 in sheet, 5 mm gripper and margins: printable 320.2 × 472.6 mm;
   * the card with 1/8 in bleed is 95.25 × 57.15 mm:
   *   upright ⌊320.2/95.25⌋ = 3 × ⌊472.6/57.15⌋ = 8 = 24; turned 5 × 4 = 20 → 24-up.
   * Sheets: ⌈500/24⌉ = 21 run + 5 make-ready + ⌈21 × 1 %⌉ = 1 → 27.
   * Parent sheets: ⌈27/4⌉ = 7 → paper ₹182.00.
   * Press: 27 sheets × 2 sides × ₹6.00 = ₹324.00.
   * Lamination: ₹200 set-up + 27 × 2 sides × ₹2.50 = ₹335.00.
   * Markup: 182 × 1.2 = 218.40; 324 × 1.6 = 518.40; 335 × 1.4 = 469.00
   * List: ₹1,205.80 (above the ₹300 minimum). The offset route needs 8
   * plates at ₹750 = ₹6,000 before a sheet is printed, so digital wins. */
  g_assert_true (puratan_job_price (job, &walk_in, 500, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (p.press_id, ==, "digital-13x19");
  g_assert_cmpuint (p.up, ==, 24);
  g_assert_cmpint (p.run_sheets, ==, 21);
  g_assert_cmpint (p.spoilage_sheets, ==, 6);
  g_assert_cmpint (p.press_sheets, ==, 27);
  g_assert_cmpuint (p.cuts, ==, 4);
  g_assert_cmpint (p.parent_sheets, ==, 7);
  g_assert_cmpint (p.paper_cost, ==, 18200);
  g_assert_cmpint (p.press_cost, ==, 32400);
  g_assert_cmpint (p.finishing_cost, ==, 33500);
  g_assert_cmpint (p.paper_price, ==, 21840);
  g_assert_cmpint (p.press_price, ==, 51840);
  g_assert_cmpint (p.finishing_price, ==, 46900);
  g_assert_cmpint (p.list_price, ==, 120580);
  g_assert_cmpint (p.volume_discount, ==, 0);
  g_assert_cmpint (p.curve_adjustment, ==, 0);
  g_assert_cmpint (p.price, ==, 120580);

  /* 1,000 cards: 42 run + 6 = 48 sheets, 12 parents: 312 × 1.2 + 576 × 1.6 +
   * (200 + 96 × 2.50 = 440) × 1.4 = 374.40 + 921.60 + 616.00 = ₹1,912.00 list.
   * The 3 % volume discount (₹57.36) would make it ₹1,854.64, below the
   * price of 999 cards; the guard lifts it to exactly that price. */
  g_assert_true (puratan_job_price (job, &walk_in, 1000, &p, &error));
  g_assert_cmpint (p.list_price, ==, 191200);
  g_assert_cmpint (p.volume_discount, ==, 5736);
  g_assert_cmpint (p.price, ==, puratan_job_price_curve (job, &walk_in, 999, NULL));
  g_assert_cmpint (p.curve_adjustment, ==, p.price - 185464);

  /* Trade tier (15 %) on 500: 1,205.80 - 180.87 = ₹1,024.93. */
  {
    PuratanPriceAdjust trade = { .tier_bp = 1500 };

    g_assert_true (puratan_job_price (job, &trade, 500, &p, &error));
    g_assert_cmpint (p.tier_discount, ==, 18087);
    g_assert_cmpint (p.price, <=, 102493);
  }

  /* Below the product's minimum quantity. */
  g_assert_false (puratan_job_price (job, &walk_in, 20, &p, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "50 to 10000"));
}

static void
test_booklet (void)
{
  g_autoptr (PuratanCatalog) catalog = seed_catalog ();
  g_autoptr (PuratanJob) job = make_job (catalog, "booklets", "pages", "16", NULL);
  PuratanPriceAdjust walk_in = { 0 };
  PuratanJobPrice p;
  g_autoptr (GError) error = NULL;

  /* 100 A5 booklets, 16 pages saddle-stitched on 130 gsm (₹9.50 a parent).
   * Each copy is 16/4 = 4 spreads of 296 × 210 mm, 302 × 216 mm with bleed.
   * On the digital sheet (320.2 × 472.6 mm printable): upright 1 × 2 = 2,
   * turned 1 × 1 → 2-up. 400 spreads → 200 run + 5 + 2 = 207 sheets,
   * ⌈207/4⌉ = 52 parents = ₹494.00; press 207 × 2 × ₹6 = ₹2,484.00;
   * stitching ₹500 + 100 × ₹3 = ₹800.00.
   * List: 494 × 1.2 + 2,484 × 1.5 + 800 × 1.4 = 592.80 + 3,726 + 1,120 = ₹5,438.80. */
  g_assert_true (puratan_job_price (job, &walk_in, 100, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (p.press_id, ==, "digital-13x19");
  g_assert_cmpint (p.pieces, ==, 400);
  g_assert_cmpuint (p.up, ==, 2);
  g_assert_cmpint (p.press_sheets, ==, 207);
  g_assert_cmpint (p.parent_sheets, ==, 52);
  g_assert_cmpint (p.paper_cost, ==, 49400);
  g_assert_cmpint (p.press_cost, ==, 248400);
  g_assert_cmpint (p.finishing_cost, ==, 80000);
  g_assert_cmpint (p.list_price, ==, 543880);
  g_assert_cmpint (p.price, ==, 543880);
}

static void
expect_job_error (PuratanCatalog *catalog, const char *product, const char *needle, ...)
{
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanJob) job = NULL;
  va_list args;

  va_start (args, needle);
  for (const char *key = va_arg (args, const char *); key != NULL;
       key = va_arg (args, const char *))
    g_hash_table_insert (options, (gpointer) key, va_arg (args, char *));
  va_end (args);
  job = puratan_job_new (catalog, product, options, &error);
  g_assert_null (job);
  g_assert_nonnull (error);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
}

static void
test_constraints (void)
{
  g_autoptr (PuratanCatalog) catalog = seed_catalog ();
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (GError) error = NULL;

  expect_job_error (catalog, "booklets", "multiple of 4, at most 48 (pages is 18)", "pages", "18",
                    NULL);
  expect_job_error (catalog, "booklets", "at most 48 (pages is 52)", "pages", "52", NULL);
  expect_job_error (catalog, "booklets", "at least 32 pages", "pages", "24", "binding", "perfect",
                    NULL);
  expect_job_error (catalog, "booklets", "need a binding", "binding", "none", NULL);
  expect_job_error (catalog, "booklets", "steps of 2", "pages", "17", NULL);
  expect_job_error (catalog, "business-cards", "choose lamination=matt", "spot-uv", "yes", NULL);
  expect_job_error (catalog, "business-cards", "choose one of none, matt, gloss", "lamination",
                    "silk", NULL);
  expect_job_error (catalog, "business-cards", "no option “colour”", "colour", "red", NULL);
  expect_job_error (catalog, "business-cards", "no option “pages”", "pages", "8", NULL);
  expect_job_error (catalog, "flyers", "stock “art-350-matt” is not offered", "stock",
                    "art-350-matt", NULL);
  expect_job_error (catalog, "calendars", "no product “calendars”", NULL);

  /* Perfect binding at 40 pages is fine; same-day over 1,000 copies is not. */
  job = make_job (catalog, "booklets", "pages", "40", "binding", "perfect", NULL);
  g_clear_pointer (&job, puratan_job_free);
  job = make_job (catalog, "business-cards", "turnaround", "same-day", NULL);
  g_assert_true (puratan_job_check_quantity (job, 1000, &error));
  g_assert_false (puratan_job_check_quantity (job, 1001, &error));
  g_assert_nonnull (strstr (error->message, "Same-day work is limited to 1,000 copies"));
}

static void
test_gst_split (void)
{
  PuratanMoney taxable = { 120580, "INR" }, cgst, sgst, igst;
  g_autoptr (GError) error = NULL;

  /* ₹1,205.80 at 12 %: intra-state 6 % + 6 %: 72.348 → ₹72.35 each;
   * inter-state 12 %: 144.696 → ₹144.70. */
  g_assert_true (puratan_gst_split (taxable, 1200, FALSE, &cgst, &sgst, &igst, &error));
  g_assert_cmpint (cgst.minor, ==, 7235);
  g_assert_cmpint (sgst.minor, ==, 7235);
  g_assert_cmpint (igst.minor, ==, 0);
  g_assert_true (puratan_gst_split (taxable, 1200, TRUE, &cgst, &sgst, &igst, &error));
  g_assert_cmpint (cgst.minor, ==, 0);
  g_assert_cmpint (sgst.minor, ==, 0);
  g_assert_cmpint (igst.minor, ==, 14470);
  g_assert_cmpstr (igst.currency, ==, "INR");
}

static void
test_rounding (void)
{
  PuratanMoney taxable = { 1020, "INR" }, cgst, sgst, igst;
  g_autoptr (GError) error = NULL;

  /* ₹10.20 at 5 %: each half is 25.5 paise, rounded half up to 26, so
   * intra-state tax is 52 paise; IGST is exactly 51 paise. Rounding is per
   * tax, so the two splits differ by a paisa. */
  g_assert_true (puratan_gst_split (taxable, 500, FALSE, &cgst, &sgst, &igst, &error));
  g_assert_cmpint (cgst.minor + sgst.minor, ==, 52);
  g_assert_true (puratan_gst_split (taxable, 500, TRUE, &cgst, &sgst, &igst, &error));
  g_assert_cmpint (igst.minor, ==, 51);

  /* ₹10.05 at 18 %: 9 % is 90.45 → 90 paise, twice 180; 18 % is 180.9 → 181. */
  taxable.minor = 1005;
  g_assert_true (puratan_gst_split (taxable, 1800, FALSE, &cgst, &sgst, &igst, &error));
  g_assert_cmpint (cgst.minor, ==, 90);
  g_assert_true (puratan_gst_split (taxable, 1800, TRUE, &cgst, &sgst, &igst, &error));
  g_assert_cmpint (igst.minor, ==, 181);
}

static void
check_words (gint64 paise, const char *expected)
{
  g_autofree char *words = puratan_rupees_in_words (paise);

  g_assert_cmpstr (words, ==, expected);
}

static void
test_words (void)
{
  check_words (1240000, "Rupees Twelve Thousand Four Hundred Only");
  check_words (1240050, "Rupees Twelve Thousand Four Hundred and Fifty Paise Only");
  check_words (12500000, "Rupees One Lakh Twenty Five Thousand Only");
  check_words (1234567890, "Rupees One Crore Twenty Three Lakh Forty Five Thousand Six Hundred "
                           "Seventy Eight and Ninety Paise Only");
  check_words (1000000000000, "Rupees One Thousand Crore Only");
  check_words (100, "Rupees One Only");
  check_words (1900, "Rupees Nineteen Only");
  check_words (10100, "Rupees One Hundred One Only");
  check_words (50, "Fifty Paise Only");
  check_words (1, "One Paise Only");
  check_words (0, "Rupees Zero Only");
  check_words (-150, "Minus Rupees One and Fifty Paise Only");
  check_words (G_MININT64, "Minus Rupees Nine Hundred Twenty Two Crore Thirty Three Lakh Seventy "
                           "Two Thousand Thirty Six Crore Eighty Five Lakh Forty Seven Thousand "
                           "Seven Hundred Fifty Eight and Eight Paise Only");
}

static void
test_gstin (void)
{
  g_autoptr (GError) error = NULL;

  /* 27AAPFU0939F1Z?: values 2 7 10 10 25 15 30 0 9 3 9 15 1 35, weights
   * alternating 1 and 2: products 2 14 10 20 25 30 30 0 9 6 9 30 1 70;
   * each as quotient + remainder by 36: 70 → 1 + 34 = 35, the rest as is.
   * Sum 221; 221 mod 36 = 5; (36 - 5) mod 36 = 31 → “V”. */
  g_assert_cmpint (puratan_gstin_check_character ("27AAPFU0939F1Z"), ==, 'V');
  g_assert_true (puratan_gstin_validate ("27AAPFU0939F1ZV", &error));
  g_assert_no_error (error);
  /* The shop's own GSTIN in the seed rules. */
  g_assert_true (puratan_gstin_validate ("29AAKFP4127M1ZQ", &error));

  g_assert_false (puratan_gstin_validate ("27AAPFU0939F1ZW", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "check character is “V”"));
  g_clear_error (&error);
  g_assert_false (puratan_gstin_validate ("27AAPFU0939F1Z", &error));
  g_assert_nonnull (strstr (error->message, "14 characters"));
  g_clear_error (&error);
  g_assert_false (puratan_gstin_validate ("00AAPFU0939F1ZV", &error));
  g_assert_nonnull (strstr (error->message, "not a GST state code"));
  g_clear_error (&error);
  g_assert_false (puratan_gstin_validate ("27aapfu0939F1ZV", &error));
  g_assert_nonnull (strstr (error->message, "PAN"));
  g_clear_error (&error);
  g_assert_false (puratan_gstin_validate ("27AAPFU0939F1YV", &error));
  g_assert_nonnull (strstr (error->message, "must be Z"));
  g_clear_error (&error);
  g_assert_cmpint (puratan_gstin_check_character ("27aapfu0939f1z"), ==, '\0');
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pricing/imposition/24-up", test_imposition_24_up);
  g_test_add_func ("/pricing/imposition/errors-and-cuts", test_imposition_errors);
  g_test_add_func ("/pricing/job/business-cards", test_business_cards);
  g_test_add_func ("/pricing/job/booklet", test_booklet);
  g_test_add_func ("/pricing/job/constraints", test_constraints);
  g_test_add_func ("/pricing/tax/gst-split", test_gst_split);
  g_test_add_func ("/pricing/tax/rounding", test_rounding);
  g_test_add_func ("/pricing/words/indian-english", test_words);
  g_test_add_func ("/pricing/gstin/check-character", test_gstin);

  return g_test_run ();
}

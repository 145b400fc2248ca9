/* test-catalog.c: a malformed catalog or rules file fails with a specific error
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case loads the seed catalog, breaks one thing, writes both files to
 * a fresh folder and loads them again: the load must fail as a whole with
 * an error that names the file, the record and the field.
 */
#include <glib/gstdio.h>

#include "puratan-pricing.h"

typedef void (*Breaker) (JsonObject *catalog, JsonObject *rules);

static JsonNode *
read_seed (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  return json_node_copy (json_parser_get_root (parser));
}

static char *
write_json (const char *dir, const char *name, JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  json_generator_set_root (generator, node);
  g_assert_true (json_generator_to_file (generator, path, &error));
  return path;
}

static JsonObject *
product (JsonObject *catalog, const char *id)
{
  JsonArray *products = json_object_get_array_member (catalog, "products");

  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      JsonObject *p = json_array_get_object_element (products, i);

      if (g_str_equal (json_object_get_string_member (p, "id"), id))
        return p;
    }
  g_assert_not_reached ();
}

static JsonObject *
first (JsonObject *object, const char *member)
{
  return json_array_get_object_element (json_object_get_array_member (object, member), 0);
}

/* Breaks the seed with @breaker, loads it and checks the error. */
static void
expect_failure (Breaker breaker, int code, const char *needle)
{
  g_autoptr (JsonNode) catalog = read_seed ("catalog.json");
  g_autoptr (JsonNode) rules = read_seed ("rules.json");
  g_autofree char *dir = g_dir_make_tmp ("puratan-catalog-XXXXXX", NULL);
  g_autofree char *catalog_path = NULL;
  g_autofree char *rules_path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) loaded = NULL;

  g_assert_nonnull (dir);
  if (breaker != NULL)
    breaker (json_node_get_object (catalog), json_node_get_object (rules));
  catalog_path = write_json (dir, "catalog.json", catalog);
  rules_path = write_json (dir, "rules.json", rules);
  loaded = puratan_catalog_load_dir (dir, &error);
  if (loaded != NULL)
    g_error ("the broken catalog loaded; expected an error mentioning “%s”", needle);
  g_assert_error (error, PURATAN_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, needle);
  g_assert_cmpint (g_remove (catalog_path), ==, 0);
  g_assert_cmpint (g_remove (rules_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
missing_minimum (JsonObject *c, JsonObject *r)
{
  json_object_remove_member (product (c, "flyers"), "minimum_paise");
}

static void
unknown_stock (JsonObject *c, JsonObject *r)
{
  json_array_add_string_element (json_object_get_array_member (product (c, "posters"), "stocks"),
                                 "vellum-90");
}

static void
misspelt_key (JsonObject *c, JsonObject *r)
{
  json_object_set_int_member (product (c, "stickers"), "minimun_paise", 100);
}

static void
fractional_cost (JsonObject *c, JsonObject *r)
{
  json_object_set_double_member (first (c, "stocks"), "cost_per_parent_paise", 22.5);
}

static void
bad_length (JsonObject *c, JsonObject *r)
{
  json_object_set_string_member (product (c, "flyers"), "bleed", "3 cm");
}

static void
negative_markup (JsonObject *c, JsonObject *r)
{
  json_object_set_int_member (json_object_get_object_member (product (c, "booklets"), "markup"),
                              "press_bp", -100);
}

static void
size_too_big (JsonObject *c, JsonObject *r)
{
  JsonObject *size = first (product (c, "flyers"), "sizes");

  json_object_set_string_member (size, "width", "420mm");
  json_object_set_string_member (size, "height", "594mm");
}

static void
bad_default (JsonObject *c, JsonObject *r)
{
  json_object_set_string_member (
      json_object_get_object_member (product (c, "booklets"), "defaults"), "pages", "18");
}

static void
duplicate_press (JsonObject *c, JsonObject *r)
{
  JsonArray *presses = json_object_get_array_member (c, "presses");

  json_array_add_element (presses, json_node_copy (json_array_get_element (presses, 0)));
}

static void
bad_sides (JsonObject *c, JsonObject *r)
{
  json_array_add_string_element (json_object_get_array_member (product (c, "letterheads"), "sides"),
                                 "4+4");
}

static void
bad_constraint_key (JsonObject *c, JsonObject *r)
{
  JsonObject *require = json_object_get_object_member (
      first (product (c, "business-cards"), "constraints"), "require");

  json_object_set_string_member (require, "key", "laminaton");
}

static void
bad_gstin (JsonObject *c, JsonObject *r)
{
  json_object_set_string_member (json_object_get_object_member (r, "shop"), "gstin",
                                 "29AAKFP4127M1ZR");
}

static void
reversed_coupon (JsonObject *c, JsonObject *r)
{
  json_object_set_string_member (first (r, "coupons"), "valid_until", "2026-01-01");
}

static void
lowercase_coupon (JsonObject *c, JsonObject *r)
{
  json_object_set_string_member (first (r, "coupons"), "code", "diwali10");
}

static void
bad_date (JsonObject *c, JsonObject *r)
{
  json_object_set_string_member (first (r, "coupons"), "valid_from", "2026-02-30");
}

static void
bad_rate (JsonObject *c, JsonObject *r)
{
  json_object_set_string_member (
      first (json_object_get_object_member (r, "currency_rates"), "rates"), "inr_per_unit",
      "84,42");
}

static void
odd_gst (JsonObject *c, JsonObject *r)
{
  json_object_set_int_member (first (r, "tax_categories"), "gst_bp", 1201);
}

static void
unknown_category (JsonObject *c, JsonObject *r)
{
  json_object_set_string_member (product (c, "banners"), "category", "signage");
}

static void
no_products (JsonObject *c, JsonObject *r)
{
  json_object_set_array_member (c, "products", json_array_new ());
}

static void
falling_volume (JsonObject *c, JsonObject *r)
{
  JsonArray *breaks = json_object_get_array_member (r, "volume_discounts");

  json_object_set_int_member (json_array_get_object_element (breaks, 1), "discount_bp", 100);
}

static void
test_malformed (void)
{
  expect_failure (missing_minimum, PURATAN_ERROR_INVALID_INPUT,
                  "catalog.json: product “flyers”: field “minimum_paise” is missing");
  expect_failure (unknown_stock, PURATAN_ERROR_INVALID_INPUT,
                  "catalog.json: product “posters”: field “stocks” names stock “vellum-90”");
  expect_failure (misspelt_key, PURATAN_ERROR_INVALID_INPUT,
                  "product “stickers”: field “minimun_paise” is not known here");
  expect_failure (fractional_cost, PURATAN_ERROR_INVALID_INPUT,
                  "stock “art-300-matt”: field “cost_per_parent_paise” must be a whole number");
  expect_failure (bad_length, PURATAN_ERROR_INVALID_INPUT,
                  "product “flyers”: field “bleed” is “3 cm”");
  expect_failure (negative_markup, PURATAN_ERROR_INVALID_INPUT,
                  "product “booklets”: “markup”: field “press_bp” is -100");
  expect_failure (size_too_big, PURATAN_ERROR_INVALID_INPUT,
                  "product “flyers”: size “a5” does not fit press “digital-13x19”");
  expect_failure (bad_default, PURATAN_ERROR_INVALID_INPUT,
                  "product “booklets”: its defaults are not a valid choice");
  expect_failure (duplicate_press, PURATAN_ERROR_INVALID_INPUT,
                  "catalog.json: there are two presses with the id “digital-13x19”");
  expect_failure (bad_sides, PURATAN_ERROR_INVALID_INPUT,
                  "product “letterheads”: “sides[2]” is “4+4”");
  expect_failure (bad_constraint_key, PURATAN_ERROR_INVALID_INPUT,
                  "requires “laminaton”, which is no option");
  expect_failure (bad_gstin, PURATAN_ERROR_INVALID_INPUT,
                  "rules.json: “shop”: field “gstin”: GSTIN “29AAKFP4127M1ZR” ends in “R”");
  expect_failure (reversed_coupon, PURATAN_ERROR_INVALID_INPUT,
                  "rules.json: coupons[0]: coupon “DIWALI10” ends before it starts");
  expect_failure (lowercase_coupon, PURATAN_ERROR_INVALID_INPUT,
                  "coupon code “diwali10” must be capital letters and digits");
  expect_failure (bad_date, PURATAN_ERROR_INVALID_INPUT,
                  "coupons[0]: field “valid_from” must be a date written YYYY-MM-DD");
  expect_failure (bad_rate, PURATAN_ERROR_INVALID_INPUT,
                  "“currency_rates”: rates[0]: field “inr_per_unit” is “84,42”");
  expect_failure (odd_gst, PURATAN_ERROR_INVALID_INPUT,
                  "tax_categories[0]: field “gst_bp” must be even");
  expect_failure (unknown_category, PURATAN_ERROR_INVALID_INPUT,
                  "product “banners”: field “category” is “signage”");
  expect_failure (no_products, PURATAN_ERROR_INVALID_INPUT,
                  "“products” must list at least one product");
  expect_failure (falling_volume, PURATAN_ERROR_INVALID_INPUT,
                  "volume breaks must rise in quantity and not fall in discount");
}

static void
test_not_json (void)
{
  g_autofree char *dir = g_dir_make_tmp ("puratan-catalog-XXXXXX", NULL);
  g_autofree char *catalog_path = g_build_filename (dir, "catalog.json", NULL);
  g_autofree char *rules_path = g_build_filename (dir, "rules.json", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) catalog = NULL;

  catalog = puratan_catalog_load_dir (dir, &error);
  g_assert_null (catalog);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "catalog.json"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (catalog_path, "{ \"version\": 1, ", -1, NULL));
  g_assert_true (g_file_set_contents (rules_path, "[]", -1, NULL));
  catalog = puratan_catalog_load_dir (dir, &error);
  g_assert_null (catalog);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "catalog.json: "));
  g_clear_error (&error);

  /* json-glib alone would accept a comment and wrap a huge integer. */
  g_assert_true (g_file_set_contents (catalog_path, "{ \"version\": 1 } // seed", -1, NULL));
  catalog = puratan_catalog_load_dir (dir, &error);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "catalog.json: "));
  g_clear_error (&error);
  g_assert_true (
      g_file_set_contents (catalog_path, "{ \"version\": 18446744073709551617 }", -1, NULL));
  catalog = puratan_catalog_load_dir (dir, &error);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (catalog_path, "{}", -1, NULL));
  catalog = puratan_catalog_load_dir (dir, &error);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "rules.json: the file must hold one JSON object");

  g_assert_cmpint (g_remove (catalog_path), ==, 0);
  g_assert_cmpint (g_remove (rules_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_seed_loads (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) catalog = puratan_catalog_load_dir (dir, &error);
  g_autoptr (JsonNode) json = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) domains = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (puratan_catalog_get_n_products (catalog), ==, 8);
  g_assert_cmpstr (puratan_catalog_get_product_id (catalog, 0), ==, "business-cards");
  g_assert_cmpstr (puratan_catalog_get_product_name (catalog, 7), ==, "Booklets");

  json = puratan_catalog_to_json (catalog);
  g_assert_cmpuint (json_array_get_length (
                        json_object_get_array_member (json_node_get_object (json), "products")),
                    ==, 8);
  text = puratan_catalog_describe (catalog);
  g_assert_nonnull (strstr (text, "Booklets (booklets), 25 to 10000 copies"));
  g_assert_nonnull (strstr (text, "binding     saddle-stitch, perfect (default saddle-stitch)"));

  domains = puratan_catalog_get_option_domains (catalog, "brochures", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((PuratanOptionDomain *) g_ptr_array_index (domains, 0))->key, ==, "size");
  g_clear_pointer (&domains, g_ptr_array_unref);
  domains = puratan_catalog_get_option_domains (catalog, "mugs", &error);
  g_assert_null (domains);
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

/* Checks one name: found, and the one the catalog's domains carry. */
static void
assert_name (const char *name, GError *error, const char *in_domain)
{
  g_assert_no_error (error);
  g_assert_nonnull (name);
  g_assert_cmpstr (name, !=, "");
  g_assert_cmpstr (name, ==, in_domain);
}

/* Asserts one choice's label. */
static void
assert_choice (PuratanCatalog *catalog,
               const char *product,
               const char *key,
               const char *value,
               const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *label = puratan_catalog_get_choice_label (catalog, product, key, value, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, expected);
}

/* Asserts one option's title. */
static void
assert_title (PuratanCatalog *catalog, const char *product, const char *key, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *title = puratan_catalog_get_option_title (catalog, product, key, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (title, ==, expected);
}

/* Asserts a choice the product does not offer has no label, with the product's name said. */
static void
assert_no_choice (PuratanCatalog *catalog, const char *product, const char *key, const char *value)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (puratan_catalog_get_choice_label (catalog, product, key, value, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, value));
}

/* Asserts an option the product does not have (or an unknown product) has no title. */
static void
assert_no_title (PuratanCatalog *catalog, const char *product, const char *key)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (puratan_catalog_get_option_title (catalog, product, key, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
}

/* Describes a job of the product with the given options as people read it. */
static char *
describe_job (PuratanCatalog *catalog, const char *product, ...)
{
  g_autoptr (GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanJob) job = NULL;
  const char *key;
  va_list args;

  va_start (args, product);
  while ((key = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (options, (gpointer) key, va_arg (args, char *));
  va_end (args);
  job = puratan_job_new (catalog, product, options, &error);
  g_assert_no_error (error);
  return puratan_job_describe_options_for_people (job);
}

/* Options as people read them, from the one place that names them: every option and choice
 * of every product has a name, the domains carry those names, and job descriptions use them. */
static void
test_labels (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) catalog = puratan_catalog_load_dir (dir, &error);
  guint n_choices = 0;
  char *text;

  g_assert_no_error (error);
  for (guint i = 0; i < puratan_catalog_get_n_products (catalog); i++)
    {
      const char *product = puratan_catalog_get_product_id (catalog, i);
      g_autoptr (GPtrArray) domains = puratan_catalog_get_option_domains (catalog, product, &error);

      g_assert_no_error (error);
      for (guint d = 0; d < domains->len; d++)
        {
          PuratanOptionDomain *domain = domains->pdata[d];
          g_autofree char *title =
              puratan_catalog_get_option_title (catalog, product, domain->key, &error);

          g_test_message ("%s: %s", product, domain->key);
          assert_name (title, error, domain->title);
          g_assert_cmpuint (g_strv_length (domain->labels), ==, g_strv_length (domain->values));
          for (guint v = 0; domain->values[v] != NULL; v++)
            {
              g_autofree char *label = puratan_catalog_get_choice_label (
                  catalog, product, domain->key, domain->values[v], &error);

              /* A name for people, never the id a program uses (ids like "4/4", "yes"). */
              assert_name (label, error, domain->labels[v]);
              g_assert_cmpstr (label, !=, domain->values[v]);
              n_choices++;
            }
        }
    }
  g_assert_cmpuint (n_choices, >, 50);

  /* The known names. */
  assert_title (catalog, "business-cards", "size", "Size");
  assert_title (catalog, "business-cards", "sides", "Printed sides");
  assert_title (catalog, "booklets", "pages", "Pages");
  assert_title (catalog, "business-cards", "spot-uv", "Spot UV");
  assert_title (catalog, "business-cards", "lamination", "Lamination");
  assert_choice (catalog, "business-cards", "stock", "art-350-matt", "Art card 350 gsm matt");
  assert_choice (catalog, "business-cards", "size", "india", "90 × 55 mm");
  assert_choice (catalog, "business-cards", "sides", "4/4", "Full colour, both sides");
  assert_choice (catalog, "business-cards", "sides", "4/0", "Full colour, one side");
  assert_choice (catalog, "business-cards", "sides", "1/0", "One colour, one side");
  assert_choice (catalog, "business-cards", "lamination", "matt", "Matt lamination");
  assert_choice (catalog, "business-cards", "lamination", "none", "None");
  assert_choice (catalog, "booklets", "pages", "16", "16 pages");
  assert_choice (catalog, "flyers", "turnaround", "same-day", "Same day");
  assert_choice (catalog, "flyers", "turnaround", "standard", "Standard, 3 working days");

  /* What the product does not offer has no name: not made up from the id. */
  assert_no_choice (catalog, "business-cards", "stock", "flex-280");
  assert_no_choice (catalog, "business-cards", "sides", "4/1");
  assert_no_choice (catalog, "booklets", "pages", "17");
  assert_no_choice (catalog, "booklets", "pages", "16x");
  assert_no_choice (catalog, "booklets", "pages", "66");
  assert_no_choice (catalog, "booklets", "binding", "none");
  assert_no_choice (catalog, "flyers", "turnaround", "overnight");
  g_assert_null (puratan_catalog_get_choice_label (catalog, "mugs", "size", "a4", &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "mugs"));
  g_clear_error (&error);
  assert_no_title (catalog, "mugs", "size");
  assert_no_title (catalog, "business-cards", "binding");
  assert_no_title (catalog, "business-cards", "pages");

  /* Job descriptions (quote lines, receipts, tickets) use the same names. */
  text = describe_job (catalog, "business-cards", NULL);
  g_assert_cmpstr (text, ==,
                   "Size: 90 × 55 mm; Stock: Art card 350 gsm matt; Printed sides: Full colour, "
                   "both sides; Turnaround: Standard, 3 working days");
  g_free (text);
  text = describe_job (catalog, "business-cards", "lamination", "matt", "spot-uv", "yes", NULL);
  g_assert_cmpstr (text, ==,
                   "Size: 90 × 55 mm; Stock: Art card 350 gsm matt; Printed sides: Full colour, "
                   "both sides; Turnaround: Standard, 3 working days; Lamination: Matt "
                   "lamination; Spot UV");
  g_free (text);
  text = describe_job (catalog, "booklets", "turnaround", "express", NULL);
  g_assert_cmpstr (text, ==,
                   "Size: A5 portrait, 148 × 210 mm; Stock: Art paper 130 gsm gloss; Printed "
                   "sides: Full colour, both sides; Pages: 16 pages; Turnaround: Express, next "
                   "working day; Binding: Saddle stitching");
  g_free (text);
}

/* The product's quantity range and a turnaround's working days, with unknown ids refused. */
static void
test_quantity_and_days (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "catalog", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) catalog = puratan_catalog_load_dir (dir, &error);
  gint64 min = 0, max = 0;

  g_assert_no_error (error);
  g_assert_true (
      puratan_catalog_get_quantity_range (catalog, "business-cards", &min, &max, &error));
  g_assert_cmpint (min, ==, 50);
  g_assert_cmpint (max, ==, 10000);
  g_assert_false (puratan_catalog_get_quantity_range (catalog, "mugs", &min, NULL, &error));
  g_assert_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND);
  g_assert_cmpint (puratan_catalog_get_turnaround_days (catalog, "standard"), ==, 3);
  g_assert_cmpint (puratan_catalog_get_turnaround_days (catalog, "same-day"), ==, 0);
  g_assert_cmpint (puratan_catalog_get_turnaround_days (catalog, "overnight"), ==, -1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pricing/catalog/seed-loads", test_seed_loads);
  g_test_add_func ("/pricing/catalog/malformed", test_malformed);
  g_test_add_func ("/pricing/catalog/not-json", test_not_json);
  g_test_add_func ("/pricing/catalog/labels", test_labels);
  g_test_add_func ("/pricing/catalog/quantity-and-days", test_quantity_and_days);

  return g_test_run ();
}

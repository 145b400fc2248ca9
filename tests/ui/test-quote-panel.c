/* test-quote-panel.c: the Design view's Quote panel under a real display
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "panel-test.h"
#include "puratan-core.h"
#include "puratan-pricing.h"
#include "puratan-quote-panel.h"

static gboolean
catalog_loaded (gpointer panel)
{
  return !puratan_quote_panel_is_loading (panel);
}

static void
fixture_set_up (PanelFixture *fixture, gconstpointer data)
{
  panel_fixture_show (fixture, puratan_quote_panel_new ());
  panel_test_wait (catalog_loaded, fixture->panel, "the catalog");
}

static void
fixture_set_up_without_catalog (PanelFixture *fixture, gconstpointer data)
{
  g_autofree char *saved = g_strdup (g_getenv ("PURATAN_DATA_DIR"));

  g_setenv ("PURATAN_DATA_DIR", "/nonexistent/puratan-data", TRUE);
  fixture_set_up (fixture, data);
  g_setenv ("PURATAN_DATA_DIR", saved, TRUE);
}

/* The total the pricing layer itself gives, formatted as money. */
static char *
expected_total (const char *product, GHashTable *options, gint64 quantity)
{
  g_autofree char *dir = puratan_data_dir_get_path ("catalog");
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanCatalog) catalog = puratan_catalog_load_dir (dir, &error);
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  PuratanQuoteRequest request = { 0 };

  g_assert_no_error (error);
  job = puratan_job_new (catalog, product, options, &error);
  g_assert_no_error (error);
  g_date_clear (&request.date, 1);
  g_date_set_dmy (&request.date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  quote = puratan_quote_new (catalog, &request, &job, &quantity, 1, &error);
  g_assert_no_error (error);
  return puratan_money_format (quote->total, NULL, NULL);
}

static const char *
label_text (PanelFixture *fixture, const char *name)
{
  return gtk_label_get_text (panel_child (fixture, name));
}

static AdwComboRow *
option_row (PanelFixture *fixture, const char *title)
{
  GtkWidget *group = panel_child (fixture, "options_group");
  GtkWidget *stack[64] = { group };
  guint depth = 1;

  while (depth > 0)
    {
      GtkWidget *widget = stack[--depth];

      if (ADW_IS_COMBO_ROW (widget) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
        return ADW_COMBO_ROW (widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && depth < 64;
           child = gtk_widget_get_next_sibling (child))
        stack[depth++] = child;
    }
  return NULL;
}

/* The option row titled @title: its shown choice. */
static const char *
option_choice (PanelFixture *fixture, const char *title)
{
  AdwComboRow *row = option_row (fixture, title);

  return row != NULL ? gtk_string_object_get_string (adw_combo_row_get_selected_item (row)) : NULL;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_price_follows_quantity (PanelFixture *fixture, gconstpointer data)
{
  PuratanQuotePanel *panel = PURATAN_QUOTE_PANEL (fixture->panel);
  GtkSpinButton *quantity = panel_child (fixture, "quantity_spin");
  g_autofree char *at_500 = expected_total ("business-cards", NULL, 500);
  g_autofree char *at_1000 = expected_total ("business-cards", NULL, 1000);
  g_autofree char *first = NULL;

  puratan_quote_panel_set_product (panel, "business-cards", NULL);
  puratan_quote_panel_set_quantity (panel, 500);
  panel_test_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (panel_child (fixture, "stack")), ==, "quote");
  g_assert_cmpstr (label_text (fixture, "product_label"), ==, "Business cards");
  /* Options as the catalog names them. */
  g_assert_cmpstr (option_choice (fixture, "Stock"), ==, "Art card 350 gsm matt");
  g_assert_cmpstr (option_choice (fixture, "Size"), ==, "90 × 55 mm");
  g_assert_cmpstr (option_choice (fixture, "Printed sides"), ==, "Full colour, both sides");
  g_assert_cmpstr (option_choice (fixture, "Spot UV"), ==, "None");

  first = g_strdup (label_text (fixture, "total_label"));
  g_assert_cmpstr (first, ==, at_500);
  g_assert_true (g_str_has_prefix (label_text (fixture, "cgst_title"), "CGST "));
  g_assert_true (gtk_widget_get_visible (panel_child (fixture, "cgst_label")));
  g_assert_false (gtk_widget_get_visible (panel_child (fixture, "igst_label")));
  g_assert_null (puratan_quote_panel_get_message (panel));

  /* Typing a quantity prices it. */
  panel_test_type_spin (quantity, "1000");
  g_assert_cmpint (puratan_quote_panel_get_quantity (panel), ==, 1000);
  g_assert_cmpstr (label_text (fixture, "total_label"), ==, at_1000);
  g_assert_cmpstr (label_text (fixture, "total_label"), !=, first);

  /* A quantity the product is not made in says why. */
  panel_test_type_spin (quantity, "20");
  g_assert_cmpstr (puratan_quote_panel_get_message (panel), ==,
                   "Business cards are made in quantities of 50 to 10000; 20 was asked for");
  g_assert_false (gtk_widget_get_visible (panel_child (fixture, "price_grid")));
}

static void
test_design_options (PanelFixture *fixture, gconstpointer data)
{
  PuratanQuotePanel *panel = PURATAN_QUOTE_PANEL (fixture->panel);
  g_autoptr (GHashTable) options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) shown = NULL;
  g_autofree char *expected = NULL;

  g_hash_table_insert (options, g_strdup ("stock"), g_strdup ("textured-300"));
  g_hash_table_insert (options, g_strdup ("lamination"), g_strdup ("matt"));
  expected = expected_total ("business-cards", options, 250);
  puratan_quote_panel_set_product (panel, "business-cards", options);
  puratan_quote_panel_set_quantity (panel, 250);
  panel_test_settle ();
  g_assert_cmpstr (option_choice (fixture, "Stock"), ==, "Textured card 300 gsm");
  g_assert_cmpstr (option_choice (fixture, "Lamination"), ==, "Matt lamination");
  g_assert_cmpstr (label_text (fixture, "total_label"), ==, expected);
  shown = puratan_quote_panel_dup_options (panel);
  g_assert_cmpstr (g_hash_table_lookup (shown, "stock"), ==, "textured-300");
  g_clear_pointer (&shown, g_hash_table_unref);

  /* Choosing another option reprices and tells the design. */
  {
    guint changes = 0;
    gulong handler =
        g_signal_connect_swapped (panel, "options-changed", G_CALLBACK (count_cb), &changes);
    g_autofree char *before = g_strdup (label_text (fixture, "total_label"));

    adw_combo_row_set_selected (option_row (fixture, "Stock"), 0);
    panel_test_settle ();
    g_assert_cmpuint (changes, ==, 1);
    g_assert_cmpstr (option_choice (fixture, "Stock"), ==, "Art card 300 gsm matt");
    g_assert_cmpstr (label_text (fixture, "total_label"), !=, before);
    shown = puratan_quote_panel_dup_options (panel);
    g_assert_cmpstr (g_hash_table_lookup (shown, "stock"), ==, "art-300-matt");
    g_signal_handler_disconnect (panel, handler);
  }

  /* A combination the catalog forbids says so, in the catalog's words. */
  g_hash_table_remove (options, "lamination");
  g_hash_table_insert (options, g_strdup ("spot-uv"), g_strdup ("yes"));
  puratan_quote_panel_set_product (panel, "business-cards", options);
  panel_test_settle ();
  g_assert_nonnull (puratan_quote_panel_get_message (panel));
  g_assert_nonnull (strstr (puratan_quote_panel_get_message (panel), "Spot UV"));

  /* A choice the catalog does not have is named, and the default is priced. */
  g_hash_table_remove (options, "spot-uv");
  g_hash_table_insert (options, g_strdup ("stock"), g_strdup ("gold-leaf"));
  puratan_quote_panel_set_product (panel, "business-cards", options);
  panel_test_settle ();
  g_assert_cmpstr (puratan_quote_panel_get_message (panel), ==,
                   "The catalog does not offer the design's Stock “gold-leaf”; the product's "
                   "default is priced");
  g_assert_cmpstr (option_choice (fixture, "Stock"), ==, "Art card 350 gsm matt");
  g_assert_true (g_str_has_prefix (label_text (fixture, "total_label"), "₹"));
}

static void
test_unknown_product (PanelFixture *fixture, gconstpointer data)
{
  PuratanQuotePanel *panel = PURATAN_QUOTE_PANEL (fixture->panel);
  AdwStatusPage *status = panel_child (fixture, "status_page");

  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Product");
  puratan_quote_panel_set_product (panel, "mugs", NULL);
  panel_test_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (panel_child (fixture, "stack")), ==, "status");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Unknown Product");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "“mugs”"));
  g_assert_nonnull (strstr (puratan_quote_panel_get_message (panel), "no product “mugs”"));

  puratan_quote_panel_set_product (panel, "flyers", NULL);
  panel_test_settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (panel_child (fixture, "stack")), ==, "quote");
  g_assert_cmpstr (label_text (fixture, "product_label"), ==, "Flyers");
}

static void
test_missing_catalog (PanelFixture *fixture, gconstpointer data)
{
  AdwStatusPage *status = panel_child (fixture, "status_page");

  puratan_quote_panel_set_product (PURATAN_QUOTE_PANEL (fixture->panel), "business-cards", NULL);
  panel_test_settle ();
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Catalog");
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (status),
                                   "The shop's catalog cannot be read, so no price can be shown:"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func)                                                              \
  g_test_add ("/studio/quote-panel/" path, PanelFixture, NULL, fixture_set_up, func, \
              panel_fixture_tear_down)
  ADD ("price-follows-quantity", test_price_follows_quantity);
  ADD ("design-options", test_design_options);
  ADD ("unknown-product", test_unknown_product);
#undef ADD
  g_test_add ("/studio/quote-panel/missing-catalog", PanelFixture, NULL,
              fixture_set_up_without_catalog, test_missing_catalog, panel_fixture_tear_down);

  return g_test_run ();
}

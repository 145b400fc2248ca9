/* puratan-cli-quote.c: `puratan quote`, price a job for a customer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "puratan-cli.h"
#include "puratan-cli-catalog.h"
#include "puratan-json.h"

static gboolean
parse_quantity (const char *text, gint64 *out)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  *out = g_ascii_strtoll (text, &end, 10);
  return *end == '\0' && *out > 0 && *out <= G_MAXINT32;
}

static gboolean
parse_date (const char *text, GDate *out)
{
  guint y, m, d;
  char tail;

  g_date_clear (out, 1);
  if (text == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (out, (GDateDay) g_date_time_get_day_of_month (now),
                      (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
      return TRUE;
    }
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static gboolean
parse_options (char **pairs, GHashTable *options, char **bad)
{
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');

      if (eq == NULL || eq == pairs[i] || eq[1] == '\0')
        {
          *bad = pairs[i];
          return FALSE;
        }
      g_hash_table_insert (options, g_strndup (pairs[i], (gsize) (eq - pairs[i])),
                           g_strdup (eq + 1));
    }
  return TRUE;
}

static int
print_quote (const PuratanQuote *quote, const char *format, const char *pdf)
{
  g_autoptr (GError) error = NULL;

  if (pdf != NULL && !puratan_quote_write_pdf (quote, pdf, &error))
    return puratan_cli_failure ("quote", error);
  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonNode) json = puratan_quote_to_json (quote);
      g_autofree char *text = puratan_json_to_string (json, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = puratan_quote_to_text (quote);

      g_print ("%s", text);
    }
  return PURATAN_CLI_EXIT_OK;
}

/**
 * puratan_cli_quote_run:
 * @argc: the number of arguments
 * @argv: "quote" and its options
 *
 * Prices one job for a customer and prints the quote as text or JSON,
 * optionally writing the letterhead PDF too.
 *
 * Returns: a PURATAN_CLI_EXIT_* status
 */
int
puratan_cli_quote_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanCatalog) catalog = NULL;
  g_autoptr (PuratanJob) job = NULL;
  g_autoptr (PuratanQuote) quote = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *product = NULL, *quantity_text = NULL, *tier = NULL, *coupon = NULL;
  g_autofree char *state = NULL, *format = NULL, *pdf = NULL, *directory = NULL;
  g_autofree char *customer = NULL, *gstin = NULL, *date = NULL;
  g_auto (GStrv) pairs = NULL;
  PuratanQuoteRequest request = { 0 };
  gint64 quantity;
  char *bad = NULL;
  const GOptionEntry entries[] = {
    { "product", 0, 0, G_OPTION_ARG_STRING, &product, "The product (see puratan catalog)", "ID" },
    { "quantity", 0, 0, G_OPTION_ARG_STRING, &quantity_text, "How many copies", "N" },
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &pairs, "Set an option; may be repeated",
      "KEY=VALUE" },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &tier, "Customer tier: walk-in, trade, corporate…", "T" },
    { "coupon", 0, 0, G_OPTION_ARG_STRING, &coupon, "A coupon code", "CODE" },
    { "ship-to-state", 0, 0, G_OPTION_ARG_STRING, &state,
      "Place of supply: GST state code or letters (29, KA)", "CODE" },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer, "The customer's name", "NAME" },
    { "gstin", 0, 0, G_OPTION_ARG_STRING, &gstin, "The customer's GSTIN (B2B)", "GSTIN" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "The quote's date (default today)", "YYYY-MM-DD" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "Print as text (the default) or json",
      "FORMAT" },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, "Also write the quote on the letterhead as PDF",
      "OUT" },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &directory,
      "Read catalog.json and rules.json from DIR instead of the shop's catalog", "DIR" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "quote", NULL,
      "Price a job: production figures, price build-up, GST and the total in figures and words.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "quote", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("quote", "unexpected argument '%s'", argv[1]);
  if (product == NULL)
    return puratan_cli_usage_error ("quote", "--product is needed");
  if (!parse_quantity (quantity_text, &quantity))
    return puratan_cli_usage_error ("quote", "--quantity needs a whole number of copies above 0");
  if (!parse_options (pairs, options, &bad))
    return puratan_cli_usage_error ("quote", "--option takes KEY=VALUE, not '%s'", bad);
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    return puratan_cli_usage_error ("quote", "--format is text or json, not '%s'", format);
  if (!parse_date (date, &request.date))
    return puratan_cli_usage_error ("quote", "--date takes a date as YYYY-MM-DD, not '%s'", date);

  catalog = puratan_cli_load_catalog (directory, &error);
  if (catalog == NULL)
    return puratan_cli_failure ("quote", error);
  job = puratan_job_new (catalog, product, options, &error);
  if (job == NULL)
    return puratan_cli_failure ("quote", error);
  request.customer_name = customer;
  request.customer_gstin = gstin;
  request.tier = tier;
  request.coupon = coupon;
  request.ship_to_state = state;
  quote = puratan_quote_new (catalog, &request, &job, &quantity, 1, &error);
  if (quote == NULL)
    return puratan_cli_failure ("quote", error);
  return print_quote (quote, format, pdf);
}

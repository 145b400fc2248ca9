/* puratan-cli-preflight.c: `puratan preflight`, checking a PDF before printing
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit statuses follow the preflight contract rather than the generic ones: 0 when the
 * file has no errors, 1 when it has errors, 2 when it cannot be checked (or the command
 * line is wrong), with the reason on stderr.
 */
#include <string.h>

#include "puratan-cli.h"
#include "puratan-core.h"
#include "puratan-preflight.h"

#define EXIT_CLEAN      0
#define EXIT_HAS_ERRORS 1
#define EXIT_UNCHECKED  2

static PuratanPreflightProfile *
choose_profile (const char *profile, const char *product, const char *size, GError **error)
{
  if (size != NULL && product == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "--size is a size of a product; give --product too");
      return NULL;
    }
  if (product != NULL)
    return puratan_preflight_profile_for_product_size (product, size, profile, error);
  return puratan_preflight_profile_lookup (
      profile != NULL ? profile : PURATAN_PREFLIGHT_SHOP_DEFAULT_PROFILE, error);
}

static char *
description (void)
{
  g_auto (GStrv) profiles = puratan_preflight_profile_list_builtin ();
  g_auto (GStrv) products = puratan_preflight_product_list ();
  g_autofree char *p1 = g_strjoinv (", ", profiles);
  g_autofree char *p2 = g_strjoinv (", ", products);

  return g_strdup_printf ("Profiles: %s (default gwg-sheetcmyk), or a profile file.\n"
                          "Products: %s.\n\n"
                          "Exit status: 0 no errors, 1 errors found, 2 the file cannot be checked.",
                          p1, p2);
}

/* `puratan preflight FILE.pdf [--profile NAME|FILE] [--product ID [--size SIZE]] [--format
 * text|json]
 * [--annotate DIR]` */
int
puratan_cli_preflight_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *product = NULL;
  g_autofree char *size = NULL;
  g_autofree char *format = NULL;
  g_autofree char *annotate = NULL;
  g_autofree char *text = NULL;
  g_autofree char *help = description ();
  const GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_name,
      "Check against profile NAME or the profile file FILE", "NAME|FILE" },
    { "product", 0, 0, G_OPTION_ARG_STRING, &product,
      "Check for catalog product ID (as in 'puratan catalog'): its sizes, bleed and page count",
      "ID" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      "Accept only the product's size option SIZE (default: any of its sizes)", "SIZE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "Write the report as text (default) or json",
      "text|json" },
    { "annotate", 0, 0, G_OPTION_ARG_FILENAME, &annotate,
      "Write a PNG of every page with findings, problems outlined, into DIR", "DIR" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "preflight", "FILE.pdf",
      "Check a PDF for what would spoil the print run and say how to fix it.");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, help);
  if (!puratan_cli_parse_options (context, "preflight", &argc, &argv))
    return EXIT_UNCHECKED;
  if (argc != 2)
    return puratan_cli_usage_error ("preflight", "give one PDF file");
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    return puratan_cli_usage_error ("preflight", "--format must be text or json, not '%s'", format);

  profile = choose_profile (profile_name, product, size, &error);
  if (profile == NULL)
    {
      g_printerr ("puratan preflight: %s\n", error->message);
      return EXIT_UNCHECKED;
    }
  report = puratan_preflight_run (argv[1], profile, NULL, &error);
  if (report == NULL)
    {
      g_printerr ("puratan preflight: %s cannot be checked: %s\n", argv[1], error->message);
      return EXIT_UNCHECKED;
    }
  if (annotate != NULL && !puratan_preflight_annotate (report, argv[1], annotate, &error))
    {
      g_printerr ("puratan preflight: the annotated pages were not written: %s\n", error->message);
      return EXIT_UNCHECKED;
    }

  if (format != NULL && strcmp (format, "json") == 0)
    text = puratan_preflight_report_to_json (report);
  else
    text = puratan_preflight_report_to_text (report);
  g_print ("%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");
  return puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_ERROR) > 0
             ? EXIT_HAS_ERRORS
             : EXIT_CLEAN;
}

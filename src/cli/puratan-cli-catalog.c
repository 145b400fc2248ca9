/* puratan-cli-catalog.c: `puratan catalog`, the products and their options
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "puratan-cli.h"
#include "puratan-cli-catalog.h"
#include "puratan-core.h"

/**
 * puratan_cli_load_catalog:
 * @directory: (nullable): a folder with catalog.json and rules.json; %NULL
 *   for the shipped seed catalog (see puratan_data_dir_get_path())
 * @error: return location for an error
 *
 * Loads the catalog a pricing command works from.
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL with @error set
 */
PuratanCatalog *
puratan_cli_load_catalog (const char *directory, GError **error)
{
  g_autofree char *installed = puratan_data_dir_get_path ("catalog");
  g_autoptr (PuratanCatalog) catalog = NULL;
  g_autoptr (GError) local_error = NULL;

  if (directory == NULL)
    directory = installed;
  catalog = puratan_catalog_load_dir (directory, &local_error);
  if (catalog == NULL && g_error_matches (local_error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND))
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_NOT_FOUND,
                   "%s; give --catalog DIR with "
                   "catalog.json and rules.json",
                   local_error->message);
      return NULL;
    }
  if (catalog == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&catalog);
}

/**
 * puratan_cli_catalog_run:
 * @argc: the number of arguments
 * @argv: "catalog" and its options
 *
 * Prints the catalog's products with their options and choices, as text or
 * with `--format json` as JSON.
 *
 * Returns: a PURATAN_CLI_EXIT_* status
 */
int
puratan_cli_catalog_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanCatalog) catalog = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *directory = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "Print as text (the default) or json",
      "FORMAT" },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &directory,
      "Read catalog.json and rules.json from DIR instead of the shop's catalog", "DIR" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "catalog", NULL, "List the products the shop prices, with every option and its choices.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "catalog", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("catalog", "unexpected argument '%s'", argv[1]);
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    return puratan_cli_usage_error ("catalog", "--format is text or json, not '%s'", format);

  catalog = puratan_cli_load_catalog (directory, &error);
  if (catalog == NULL)
    return puratan_cli_failure ("catalog", error);
  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr (JsonNode) json = puratan_catalog_to_json (catalog);
      g_autofree char *text = puratan_json_to_string (json, TRUE);

      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = puratan_catalog_describe (catalog);

      g_print ("%s", text);
    }
  return PURATAN_CLI_EXIT_OK;
}

/* puratan-cli-templates.c: `puratan templates`, the shop's product templates
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-cli.h"
#include "puratan-doc.h"

int
puratan_cli_templates_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  const GOptionEntry entries[] = {
    { "templates", 0, 0, G_OPTION_ARG_FILENAME, &dir,
      "Read templates from DIR instead of the installed ones", "DIR" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "templates", NULL, "List the product templates that 'puratan new' can start a design from.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "templates", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("templates", "unexpected argument '%s'", argv[1]);

  if (dir == NULL)
    dir = puratan_template_default_dir ();
  list = puratan_template_list (dir, &error);
  if (list == NULL)
    return puratan_cli_failure ("templates", error);
  for (guint i = 0; i < list->len; i++)
    {
      PuratanTemplateInfo *info = list->pdata[i];
      /* The product column is the catalog id 'puratan quote --product' and preflight take. */
      g_print ("%-16s %-16s %s\n", info->name, info->product != NULL ? info->product : "-",
               info->title);
    }
  return PURATAN_CLI_EXIT_OK;
}

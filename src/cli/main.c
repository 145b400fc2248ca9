/* main.c: the puratan command and its subcommand table
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "puratan-cli.h"

static int help_run (int argc, char **argv);

/* Every subcommand, in alphabetical order; see puratan-cli.h. */
static const PuratanCliCommand commands[] = {
  { "catalog", "List the products and their options", puratan_cli_catalog_run },
  { "color", "Convert a colour value through the press profile", puratan_cli_color_run },
  { "db", "Create or locate the shop database", puratan_cli_db_run },
  { "export", "Export a design as a print-ready PDF/X file", puratan_cli_export_run },
  { "help", "Show the help of puratan or of one command", help_run },
  { "new", "Create a design from a product template", puratan_cli_new_run },
  { "orders", "List, show, create and move orders through the workflow", puratan_cli_orders_run },
  { "preflight", "Check a PDF before it is printed", puratan_cli_preflight_run },
  { "profiles", "List ICC profiles and press conditions", puratan_cli_profiles_run },
  { "proof", "Soft-proof an image or a PDF page for a press", puratan_cli_proof_run },
  { "quote", "Price a job and print or save the quote", puratan_cli_quote_run },
  { "render", "Render a design page as a PNG proof", puratan_cli_render_run },
  { "sync", "Keep the shop database and the shop's server in step", puratan_cli_sync_run },
  { "templates", "List the product templates", puratan_cli_templates_run },
  { "version", "Show the versions of puratan and its libraries", puratan_cli_version_run },
};

static const PuratanCliCommand *
find_command (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

static void
print_help (void)
{
  g_print ("Usage: puratan COMMAND [ARGUMENT…]\n\n"
           "Work with Puratan Studio's shop data from scripts and hot folders.\n\n"
           "Commands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, commands[i].summary);
  g_print ("\nOptions:\n"
           "  -h, --help   Show this help\n"
           "  --version    Show the version\n\n"
           "Run 'puratan help COMMAND' for the options of a command.\n");
}

static int
unknown_command (const char *name)
{
  g_printerr ("puratan: '%s' is not a puratan command. See 'puratan --help'.\n", name);
  return PURATAN_CLI_EXIT_USAGE;
}

/* `puratan help [COMMAND]`: runs COMMAND --help. */
static int
help_run (int argc, char **argv)
{
  const PuratanCliCommand *command;
  char *help_argv[3] = { NULL, (char *) "--help", NULL };

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_help ();
      return PURATAN_CLI_EXIT_OK;
    }
  if (argc > 2)
    return puratan_cli_usage_error ("help", "give one command, not %d", argc - 1);

  command = find_command (argv[1]);
  if (command == NULL)
    return unknown_command (argv[1]);
  if (command->run == help_run)
    {
      print_help ();
      return PURATAN_CLI_EXIT_OK;
    }

  help_argv[0] = (char *) command->name;
  return command->run (2, help_argv);
}

int
main (int argc, char *argv[])
{
  const PuratanCliCommand *command;
  const char *name;

  setlocale (LC_ALL, "");
  g_set_prgname ("puratan");

  if (argc < 2)
    {
      g_printerr ("puratan: a command is needed. See 'puratan --help'.\n");
      return PURATAN_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0)
    {
      print_help ();
      return PURATAN_CLI_EXIT_OK;
    }
  if (strcmp (name, "--version") == 0)
    {
      g_print ("puratan %s\n", PACKAGE_VERSION);
      return PURATAN_CLI_EXIT_OK;
    }
  if (name[0] == '-')
    {
      g_printerr ("puratan: unknown option '%s'. See 'puratan --help'.\n", name);
      return PURATAN_CLI_EXIT_USAGE;
    }

  command = find_command (name);
  if (command == NULL)
    return unknown_command (name);
  return command->run (argc - 1, argv + 1);
}

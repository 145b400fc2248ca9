/* puratan-cli-db.c: `puratan db`, the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-cli.h"
#include "puratan-store.h"

static int
db_path_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *path = NULL;

  context = puratan_cli_option_context_new ("db path", NULL,
                                            "Print where the shop database is kept by default.");
  if (!puratan_cli_parse_options (context, "db path", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("db path", "unexpected argument '%s'", argv[1]);

  path = puratan_database_default_path ();
  g_print ("%s\n", path);
  return PURATAN_CLI_EXIT_OK;
}

static int
db_init_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path,
      "Use the database file PATH instead of the default", "PATH" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "db init", NULL,
      "Create the shop database, or bring an existing one up to the current schema, and print "
      "its schema version.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "db init", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("db init", "unexpected argument '%s'", argv[1]);
  if (path != NULL && path[0] == '\0')
    return puratan_cli_usage_error ("db init", "--database needs a file name");

  if (path == NULL)
    path = puratan_database_default_path ();

  database = puratan_database_open (path, &error);
  if (database == NULL)
    return puratan_cli_failure ("db init", error);

  g_print ("%s: schema version %d\n", puratan_database_get_path (database),
           puratan_database_get_schema_version (database));
  return PURATAN_CLI_EXIT_OK;
}

static const PuratanCliCommand db_commands[] = {
  { "init", "Create or upgrade the shop database", db_init_run },
  { "path", "Print the default location of the shop database", db_path_run },
};

static char *
db_description (void)
{
  GString *text = g_string_new ("Commands:\n");

  for (gsize i = 0; i < G_N_ELEMENTS (db_commands); i++)
    g_string_append_printf (text, "  %-8s %s\n", db_commands[i].name, db_commands[i].summary);
  g_string_append (text, "\nRun 'puratan db COMMAND --help' for a command's options.");
  return g_string_free (text, FALSE);
}

/**
 * puratan_cli_db_run:
 * @argc: the number of arguments
 * @argv: "db", then a db command and its arguments
 *
 * Runs a command on the shop database: `db path` prints the default
 * database file, `db init [--database PATH]` creates or migrates one and
 * prints its schema version.
 *
 * Returns: a PURATAN_CLI_EXIT_* status
 */
int
puratan_cli_db_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *description = NULL;

  if (argc > 1 && argv[1][0] != '-')
    {
      for (gsize i = 0; i < G_N_ELEMENTS (db_commands); i++)
        if (strcmp (argv[1], db_commands[i].name) == 0)
          return db_commands[i].run (argc - 1, argv + 1);
      return puratan_cli_usage_error ("db", "'%s' is not a db command", argv[1]);
    }

  description = db_description ();
  context = puratan_cli_option_context_new ("db", "COMMAND", "Work with the shop database.");
  g_option_context_set_description (context, description);
  if (!puratan_cli_parse_options (context, "db", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  return puratan_cli_usage_error ("db", "a command is needed");
}

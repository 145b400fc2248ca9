/* puratan-cli-db.c: `puratan db`, the shop database
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "puratan-cli.h"
#include "puratan-orders.h"
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

  database = puratan_cli_open_database (path, &error);
  if (database == NULL)
    return puratan_cli_failure ("db init", error);

  g_print ("%s: schema version %d\n", puratan_database_get_path (database),
           puratan_database_get_schema_version (database));
  return PURATAN_CLI_EXIT_OK;
}

static int
db_backup_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path,
      "Back up the database file PATH instead of the default", "PATH" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "db backup", "FILE",
      "Copy the shop database to FILE with SQLite's online backup. The shop can keep working "
      "meanwhile; FILE must not exist yet.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "db backup", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc != 2)
    return puratan_cli_usage_error ("db backup", "give exactly one backup FILE");

  database = puratan_cli_open_database (path, &error);
  if (database == NULL || !puratan_database_backup (database, argv[1], &error))
    return puratan_cli_failure ("db backup", error);
  g_print ("%s: backed up to %s\n", puratan_database_get_path (database), argv[1]);
  return PURATAN_CLI_EXIT_OK;
}

static int
db_check_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_auto (GStrv) problems = NULL;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path,
      "Check the database file PATH instead of the default", "PATH" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "db check", NULL,
      "Run SQLite's integrity check and foreign key check on the shop database. Exits with 1 "
      "and lists the problems when any are found.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "db check", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("db check", "unexpected argument '%s'", argv[1]);

  database = puratan_cli_open_database (path, &error);
  if (database == NULL || !puratan_database_check (database, &problems, &error))
    return puratan_cli_failure ("db check", error);
  for (guint i = 0; problems[i] != NULL; i++)
    g_print ("%s\n", problems[i]);
  if (problems[0] != NULL)
    {
      g_printerr ("puratan db check: %s has %u problems; restore it from a backup\n",
                  puratan_database_get_path (database), g_strv_length (problems));
      return PURATAN_CLI_EXIT_FAILURE;
    }
  g_print ("%s: ok\n", puratan_database_get_path (database));
  return PURATAN_CLI_EXIT_OK;
}

static int
db_shop_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanShopSettings) shop = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  PuratanShopSettings change = { 0 };
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path, "Use the database file PATH", "PATH" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &change.name, "The shop's legal name", "NAME" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &change.address, "Its postal address", "TEXT" },
    { "gstin", 0, 0, G_OPTION_ARG_STRING, &change.gstin, "Its GSTIN", "GSTIN" },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &change.phone, "Its phone number", "PHONE" },
    { "upi", 0, 0, G_OPTION_ARG_STRING, &change.upi_vpa, "Its UPI address for payment QR codes",
      "NAME@BANK" },
    { NULL },
  };
  int status = PURATAN_CLI_EXIT_OK;

  context = puratan_cli_option_context_new (
      "db shop", NULL,
      "Set the shop's details printed on invoices, receipts and job tickets, then print them.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "db shop", &argc, &argv))
    status = PURATAN_CLI_EXIT_USAGE;
  else if (argc > 1)
    status = puratan_cli_usage_error ("db shop", "unexpected argument '%s'", argv[1]);
  else if ((database = puratan_cli_open_database (path, &error)) == NULL ||
           !puratan_shop_settings_save (database, &change, &error) ||
           (shop = puratan_shop_settings_load (database, &error)) == NULL)
    status = puratan_cli_failure ("db shop", error);
  else
    g_print ("name: %s\naddress: %s\ngstin: %s\nphone: %s\nupi: %s\n", shop->name, shop->address,
             shop->gstin, shop->phone != NULL ? shop->phone : "-",
             shop->upi_vpa != NULL ? shop->upi_vpa : "-");

  g_free (change.name);
  g_free (change.address);
  g_free (change.gstin);
  g_free (change.phone);
  g_free (change.upi_vpa);
  return status;
}

static const PuratanCliCommand db_commands[] = {
  { "backup", "Copy the shop database to a new file while it is in use", db_backup_run },
  { "check", "Check the shop database's integrity and foreign keys", db_check_run },
  { "init", "Create or upgrade the shop database", db_init_run },
  { "path", "Print the default location of the shop database", db_path_run },
  { "shop", "Set or show the shop's name, address, GSTIN and UPI address", db_shop_run },
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
 * prints its schema version, `db backup FILE` copies it online and
 * `db check` runs the integrity and foreign key checks.
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

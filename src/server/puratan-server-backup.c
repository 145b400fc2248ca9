/* puratan-server-backup.c: `puratan-server backup FILE` and `puratan-server restore FILE`
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `backup` writes one archive of the shop database and its stored files while the
 * server goes on serving (puratan_backup_write()); `restore` unpacks one into an empty
 * data directory, for a server started on it afterwards (puratan_backup_restore()).
 * Neither carries the access-token key: a restored server makes a new one, so access
 * tokens signed before the backup stop working and clients refresh theirs. Exit status:
 * 0 done, 1 failed, 2 usage error.
 */
#include "config.h"

#include <string.h>

#include "puratan-server-admin.h"
#include "puratan-server-config.h"
#include "puratan-server.h"

#define EXIT_USAGE 2

static int
usage (const char *command, const char *message)
{
  g_printerr ("puratan-server %s: %s\n"
              "Usage: puratan-server %s FILE --data-dir DIR [--config FILE]\n",
              command, message, command);
  return EXIT_USAGE;
}

static int
backup (const char *archive, const char *data_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autofree char *path = g_build_filename (data_dir, PURATAN_SERVER_DATABASE_NAME, NULL);
  PuratanBackupSummary summary;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("puratan-server backup: “%s” holds no shop database to back up\n", data_dir);
      return EXIT_FAILURE;
    }
  database = puratan_database_open (path, &error);
  if (database == NULL || !puratan_backup_write (database, archive, &summary, &error))
    {
      g_printerr ("puratan-server backup: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("Backed up the database (schema %d) and %u stored files, %" G_GUINT64_FORMAT
           " bytes, to %s.\n",
           summary.schema_version, summary.n_files, summary.n_bytes, archive);
  return EXIT_SUCCESS;
}

static int
restore (const char *archive, const char *data_dir)
{
  g_autoptr (GError) error = NULL;
  PuratanBackupSummary summary;

  if (!puratan_backup_restore (archive, data_dir, PURATAN_SERVER_DATABASE_NAME, &summary, &error))
    {
      g_printerr ("puratan-server restore: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("Restored the database (schema %d) and %u stored files, %" G_GUINT64_FORMAT
           " bytes, into %s.\n",
           summary.schema_version, summary.n_files, summary.n_bytes, data_dir);
  return EXIT_SUCCESS;
}

/**
 * puratan_server_backup_main:
 * @argc: the number of arguments, starting with the command
 * @argv: (array length=argc): the arguments: "backup" or "restore", then the options
 *
 * Runs `puratan-server backup` or `puratan-server restore`.
 *
 * Returns: the program's exit status
 */
int
puratan_server_backup_main (int argc, char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *config_file = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PuratanServerConfig) config = { 0 };
  const char *command = argv[0];
  gboolean is_backup = strcmp (command, "backup") == 0;
  GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "The server's data directory", "DIR" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file,
      "Read the data directory from this configuration file", "FILE" },
    { NULL },
  };

  puratan_server_config_init (&config);
  context = g_option_context_new (is_backup ? "backup FILE" : "restore FILE");
  g_option_context_set_summary (
      context, is_backup ? "Write a consistent backup of the shop database and its stored files "
                           "to FILE, which must not exist, while the server runs."
                         : "Restore the backup FILE into an empty or new data directory.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (command, error->message);
  if (argc != 2)
    return usage (command, argc < 2 ? "the archive's file name is required" : "too many arguments");
  if (config_file != NULL && !puratan_server_config_load (&config, config_file, &error))
    {
      g_printerr ("puratan-server %s: %s\n", command, error->message);
      return EXIT_FAILURE;
    }
  if (data_dir == NULL && config.data_dir != NULL)
    data_dir = g_strdup (config.data_dir);
  if (data_dir == NULL)
    return usage (command, "the --data-dir option is required");
  return is_backup ? backup (argv[1], data_dir) : restore (argv[1], data_dir);
}

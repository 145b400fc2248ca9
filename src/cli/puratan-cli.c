/* puratan-cli.c: helpers shared by the puratan subcommands
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-cli.h"

#include <stdarg.h>

/**
 * puratan_cli_option_context_new:
 * @command: the command words after "puratan", such as "db init"
 * @parameters: (nullable): the positional parameters for the usage line
 * @summary: (nullable): one paragraph shown under the usage line
 *
 * Creates an option context whose `--help` reads
 * "Usage: puratan COMMAND [OPTION…] PARAMETERS". GOption answers `--help`
 * itself: it prints the help on stdout and exits with status 0.
 *
 * Returns: (transfer full): a new option context
 */
GOptionContext *
puratan_cli_option_context_new (const char *command, const char *parameters, const char *summary)
{
  g_autofree char *program = NULL;
  GOptionContext *context;

  g_return_val_if_fail (command != NULL, NULL);

  /* GOption's usage line starts with the program name, so the command's
   * words go there. */
  program = g_strconcat ("puratan ", command, NULL);
  g_set_prgname (program);

  context = g_option_context_new (parameters);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  return context;
}

/**
 * puratan_cli_parse_options:
 * @context: a context from puratan_cli_option_context_new()
 * @command: the command words, for error messages
 * @argc: (inout): the argument count
 * @argv: (inout): the arguments; options are removed from them
 *
 * Parses the options of a command. On a bad option the error has been
 * printed, and the command returns %PURATAN_CLI_EXIT_USAGE.
 *
 * Returns: %TRUE when the options were valid
 */
gboolean
puratan_cli_parse_options (GOptionContext *context, const char *command, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (command != NULL, FALSE);

  if (g_option_context_parse (context, argc, argv, &error))
    return TRUE;

  puratan_cli_usage_error (command, "%s", error->message);
  return FALSE;
}

/**
 * puratan_cli_usage_error:
 * @command: the command words, such as "db init"
 * @format: a printf() format for the message
 * @...: the format's arguments
 *
 * Prints "puratan COMMAND: MESSAGE" and a pointer to the command's help on
 * stderr.
 *
 * Returns: %PURATAN_CLI_EXIT_USAGE, for the command to return
 */
int
puratan_cli_usage_error (const char *command, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_val_if_fail (command != NULL, PURATAN_CLI_EXIT_USAGE);
  g_return_val_if_fail (format != NULL, PURATAN_CLI_EXIT_USAGE);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("puratan %s: %s\nSee 'puratan %s --help'.\n", command, message, command);
  return PURATAN_CLI_EXIT_USAGE;
}

/**
 * puratan_cli_failure:
 * @command: the command words, such as "db init"
 * @error: what went wrong
 *
 * Prints "puratan COMMAND: MESSAGE" on stderr.
 *
 * Returns: %PURATAN_CLI_EXIT_FAILURE, for the command to return
 */
int
puratan_cli_failure (const char *command, const GError *error)
{
  g_return_val_if_fail (command != NULL, PURATAN_CLI_EXIT_FAILURE);
  g_return_val_if_fail (error != NULL, PURATAN_CLI_EXIT_FAILURE);

  g_printerr ("puratan %s: %s\n", command, error->message);
  return PURATAN_CLI_EXIT_FAILURE;
}

/**
 * puratan_cli_database_path:
 * @path: (transfer full) (nullable): the value of a command's `--database` option
 *
 * Returns: (transfer full): @path, or the default shop database's path when it is %NULL
 */
char *
puratan_cli_database_path (char *path)
{
  return path != NULL ? path : puratan_database_default_path ();
}

/**
 * puratan_cli_open_database:
 * @path: (nullable): the value of a command's `--database` option
 * @error: return location for a #GError
 *
 * Opens (creating and migrating it when new) the shop database at @path, or the default
 * shop database: the one way every subcommand opens it.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL with @error set
 */
PuratanDatabase *
puratan_cli_open_database (const char *path, GError **error)
{
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = puratan_database_default_path ();
  return puratan_database_open (path, error);
}

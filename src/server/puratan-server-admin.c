/* puratan-server-admin.c: `puratan-server admin`, commands run by the shop's manager
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `puratan-server admin create-user EMAIL --role ROLE --data-dir DIR`
 * makes an account, typically the first admin. The password is never an
 * argument (arguments show in `ps` and shell history): it is read from the
 * terminal without echo, twice, or as the first line of standard input when
 * that is not a terminal. Exit status: 0 done, 1 failed, 2 usage error.
 */
#include "config.h"

#include "puratan-server-admin.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "puratan-core.h"
#include "puratan-server-config.h"
#include "puratan-server.h"

#define EXIT_USAGE 2

static int
usage (const char *message)
{
  g_printerr ("puratan-server admin: %s\n"
              "Usage: puratan-server admin create-user EMAIL --role ROLE --data-dir DIR "
              "[--config FILE]\n",
              message);
  return EXIT_USAGE;
}

/* Reads one line of at most PURATAN_PASSWORD_MAX_BYTES bytes without its
 * line end; returns NULL at end of input or for a longer line. */
static char *
read_line (FILE *in)
{
  char buffer[PURATAN_PASSWORD_MAX_BYTES + 3];
  gsize length;

  if (fgets (buffer, sizeof buffer, in) == NULL)
    return NULL;
  length = strlen (buffer);
  if (length > 0 && buffer[length - 1] == '\n')
    buffer[--length] = '\0';
  else if (!feof (in))
    {
      explicit_bzero (buffer, sizeof buffer);
      return NULL;
    }
  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = '\0';
  {
    char *line = g_strdup (buffer);
    explicit_bzero (buffer, sizeof buffer);
    return line;
  }
}

static char *
prompt_hidden (const char *prompt)
{
  struct termios saved, quiet;
  char *line;
  gboolean hidden;

  g_printerr ("%s", prompt);
  hidden = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (hidden)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      hidden = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  line = read_line (stdin);
  if (hidden)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");
  return line;
}

/* Returns (transfer full) the new account's password, or NULL with @error set. */
static char *
read_password (GError **error)
{
  char *password, *again;

  if (!isatty (STDIN_FILENO))
    {
      password = read_line (stdin);
      if (password == NULL)
        g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                             "No password on standard input: give it as the first line");
      return password;
    }

  password = prompt_hidden ("Password for the new account: ");
  if (password == NULL)
    {
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT, "No password given");
      return NULL;
    }
  again = prompt_hidden ("The same password again: ");
  if (again == NULL || strcmp (password, again) != 0)
    {
      explicit_bzero (password, strlen (password));
      g_free (password);
      if (again != NULL)
        explicit_bzero (again, strlen (again));
      g_free (again);
      g_set_error_literal (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                           "The two passwords differ; nothing was changed");
      return NULL;
    }
  explicit_bzero (again, strlen (again));
  g_free (again);
  return password;
}

static int
create_user (const char *email, const char *role_name, const char *data_dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (PuratanAccount) account = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *path = NULL;
  char *password = NULL;
  PuratanRole role;

  if (!puratan_role_from_string (role_name, &role, &error))
    return usage (error->message);
  normal = puratan_account_normalize_email (email, &error);
  if (normal == NULL)
    return usage (error->message);

  password = read_password (&error);
  if (password != NULL)
    {
      hash = puratan_password_hash (password, &error);
      explicit_bzero (password, strlen (password));
      g_free (password);
    }
  if (hash == NULL)
    goto failed;

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (&error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "Cannot create the data directory “%s”: %s", data_dir, g_strerror (saved_errno));
      goto failed;
    }
  path = g_build_filename (data_dir, PURATAN_SERVER_DATABASE_NAME, NULL);
  database = puratan_database_open (path, &error);
  if (database == NULL)
    goto failed;
  account = puratan_account_insert (database, normal, hash, role_name, &error);
  if (account == NULL)
    goto failed;

  g_print ("Created the %s account %s (id %s).\n", account->role, account->email, account->id);
  if (role == PURATAN_ROLE_ADMIN)
    g_print ("Admin accounts must enrol an authenticator app after their first sign-in "
             "(POST /api/v1/auth/totp) before they can use anything else.\n");
  return EXIT_SUCCESS;

failed:
  g_printerr ("puratan-server admin: %s\n", error->message);
  return EXIT_FAILURE;
}

/**
 * puratan_server_admin_main:
 * @argc: the number of arguments after "admin"
 * @argv: (array length=argc): the arguments after "admin", starting with
 *   the command
 *
 * Runs one admin command.
 *
 * Returns: the program's exit status
 */
int
puratan_server_admin_main (int argc, char **argv)
{
  g_autofree char *role = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *config_file = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (PuratanServerConfig) config = { 0 };
  GOptionEntry entries[] = {
    { "role", 'r', 0, G_OPTION_ARG_STRING, &role,
      "The account's role: customer, counter, designer, production or admin", "ROLE" },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, "The server's data directory", "DIR" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file,
      "Read the data directory from this configuration file", "FILE" },
    { NULL },
  };

  puratan_server_config_init (&config);
  if (argc < 1 || strcmp (argv[0], "create-user") != 0)
    return usage (argc < 1 ? "a command is required" : "unknown command");

  context = g_option_context_new ("create-user EMAIL");
  g_option_context_set_summary (context, "Create an account; the password is read from the "
                                         "terminal or the first line of standard input.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (error->message);
  if (argc != 2)
    return usage (argc < 2 ? "the account's email address is required"
                           : "too many arguments (the password is never an argument)");
  if (role == NULL)
    return usage ("the --role option is required");
  if (config_file != NULL && !puratan_server_config_load (&config, config_file, &error))
    {
      g_printerr ("puratan-server admin: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (data_dir == NULL && config.data_dir != NULL)
    data_dir = g_strdup (config.data_dir);
  if (data_dir == NULL)
    return usage ("the --data-dir option is required");
  return create_user (argv[1], role, data_dir);
}

/* puratan-cli-sync.c: `puratan sync`, the shop database and the shop's server in step
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "puratan-cli.h"
#include "puratan-store.h"
#include "puratan-sync.h"

/* Reads the password as the first line of standard input: never a command-line argument,
 * which other users can see. */
static char *
read_password (void)
{
  char buffer[1100];
  size_t length;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;
  length = strcspn (buffer, "\r\n");
  buffer[length] = '\0';
  return g_strdup (buffer);
}

static int
sync_sign_in_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *server = NULL;
  g_autofree char *email = NULL;
  g_autofree char *totp = NULL;
  g_autofree char *password = NULL;
  g_autoptr (PuratanSyncHttp) http = NULL;
  g_autoptr (PuratanSyncCredentialStore) store = NULL;
  g_autoptr (PuratanSyncTokens) tokens = NULL;
  g_autoptr (GError) error = NULL;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The shop server's address", "URL" },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, "The account's email address", "EMAIL" },
    { "totp", 0, 0, G_OPTION_ARG_STRING, &totp, "The authenticator app's code", "CODE" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "sync sign-in", NULL,
      "Sign in to the shop's server; the password is read from the first line of standard "
      "input. The tokens are kept in the keyring, never in a file.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "sync sign-in", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (server == NULL || email == NULL)
    return puratan_cli_usage_error ("sync sign-in", "--server and --email are needed");
  password = read_password ();
  if (password == NULL)
    return puratan_cli_usage_error ("sync sign-in", "no password on standard input");

  store = puratan_sync_keyring_new ();
  http = puratan_sync_http_new (server, &error);
  if (http != NULL)
    tokens = puratan_sync_sign_in (http, store, email, password, totp, NULL, &error);
  memset (password, 0, strlen (password));
  if (tokens == NULL)
    return puratan_cli_failure ("sync sign-in", error);
  g_print ("Signed in to %s as %s (%s)\n", puratan_sync_http_get_url (http), tokens->email,
           tokens->role);
  return PURATAN_CLI_EXIT_OK;
}

static int
sync_sign_out_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *server = NULL;
  g_autoptr (PuratanSyncHttp) http = NULL;
  g_autoptr (PuratanSyncCredentialStore) store = NULL;
  g_autoptr (GError) error = NULL;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The shop server's address", "URL" },
    { NULL },
  };

  context = puratan_cli_option_context_new ("sync sign-out", NULL,
                                            "End the session on the server and forget its tokens.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "sync sign-out", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (server == NULL)
    return puratan_cli_usage_error ("sync sign-out", "--server is needed");
  store = puratan_sync_keyring_new ();
  http = puratan_sync_http_new (server, &error);
  if (http == NULL || !puratan_sync_sign_out (http, store, NULL, &error))
    return puratan_cli_failure ("sync sign-out", error);
  g_print ("Signed out of %s\n", puratan_sync_http_get_url (http));
  return PURATAN_CLI_EXIT_OK;
}

static int
sync_run_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *server = NULL;
  g_autofree char *path = NULL;
  gint64 give_up = 0;
  g_autoptr (PuratanSyncCredentialStore) store = NULL;
  g_autoptr (PuratanSyncEngine) engine = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  gint64 pending;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The shop server's address", "URL" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path,
      "Sync the database file PATH instead of the default", "PATH" },
    { "give-up-after", 0, 0, G_OPTION_ARG_INT64, &give_up,
      "Stop retrying an unreachable server after SECONDS (default: never)", "SECONDS" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "sync run", NULL,
      "Send the changes waiting in the outbox to the server and read its change feed, "
      "retrying with backoff while the server cannot be reached; exit once in step.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "sync run", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (server == NULL)
    return puratan_cli_usage_error ("sync run", "--server is needed");
  if (give_up < 0)
    return puratan_cli_usage_error ("sync run", "--give-up-after must not be negative");
  path = puratan_cli_database_path (g_steal_pointer (&path));

  store = puratan_sync_keyring_new ();
  engine = puratan_sync_engine_new (path, server, store, &error);
  if (engine == NULL || !puratan_sync_engine_run_until_idle (engine, give_up, NULL, &error))
    return puratan_cli_failure ("sync run", error);
  database = puratan_cli_open_database (path, &error);
  if (database == NULL || (pending = puratan_sync_count_waiting (database, &error)) < 0)
    return puratan_cli_failure ("sync run", error);
  g_print ("In step with %s; %" G_GINT64_FORMAT " changes waiting\n",
           puratan_sync_engine_get_server_url (engine), pending);
  return PURATAN_CLI_EXIT_OK;
}

static int
sync_status_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *path = NULL;
  g_autoptr (PuratanDatabase) database = NULL;
  g_autoptr (GPtrArray) log = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cursor = NULL;
  gint64 pending, files;
  gint limit = 20;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path,
      "Read the database file PATH instead of the default", "PATH" },
    { "log", 0, 0, G_OPTION_ARG_INT, &limit, "Show the last N lines of the sync log", "N" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "sync status", NULL, "Show the changes waiting, the open conflicts and the sync log.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "sync status", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (limit < 0 || limit > 100000)
    return puratan_cli_usage_error ("sync status", "--log takes 0 to 100000 lines");
  path = puratan_cli_database_path (g_steal_pointer (&path));
  database = puratan_cli_open_database (path, &error);
  if (database == NULL || (pending = puratan_sync_count_waiting (database, &error)) < 0 ||
      (files = puratan_sync_count_files_waiting (database, &error)) < 0 ||
      (cursor = puratan_sync_cursor_get (database, &error)) == NULL ||
      (conflicts = puratan_sync_conflict_list (database, TRUE, &error)) == NULL ||
      (log = puratan_sync_log_list (database, (guint) limit, &error)) == NULL)
    return puratan_cli_failure ("sync status", error);

  g_print ("Waiting: %" G_GINT64_FORMAT " (files: %" G_GINT64_FORMAT ")\nFeed cursor: %s\n"
           "Open conflicts: %u\n",
           pending, files, cursor, conflicts->len);
  for (guint i = 0; i < conflicts->len; i++)
    {
      PuratanSyncConflict *conflict = conflicts->pdata[i];
      g_print ("  conflict %" G_GINT64_FORMAT ": order %s\n    mine:   %s\n    theirs: %s\n",
               conflict->id, conflict->order_id, conflict->mine, conflict->theirs);
    }
  for (guint i = log->len; i > 0; i--)
    {
      PuratanSyncLogEntry *entry = log->pdata[i - 1];
      g_print ("%s %-8s %-8s %s %u %s\n", entry->at, entry->direction, entry->entity,
               entry->entity_id, entry->status, entry->detail);
    }
  return PURATAN_CLI_EXIT_OK;
}

static int
sync_resolve_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *server = NULL;
  g_autofree char *path = NULL;
  g_autofree char *keep = NULL;
  gint64 id = 0;
  g_autoptr (PuratanSyncCredentialStore) store = NULL;
  g_autoptr (GError) error = NULL;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, "The shop server's address", "URL" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path,
      "Use the database file PATH instead of the default", "PATH" },
    { "conflict", 0, 0, G_OPTION_ARG_INT64, &id, "The conflict's number", "N" },
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, "Which version wins: mine or theirs",
      "mine|theirs" },
    { NULL },
  };

  context = puratan_cli_option_context_new ("sync resolve", NULL,
                                            "Resolve a conflict with the version you choose.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "sync resolve", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (server == NULL || id <= 0)
    return puratan_cli_usage_error ("sync resolve", "--server and --conflict are needed");
  if (g_strcmp0 (keep, "mine") != 0 && g_strcmp0 (keep, "theirs") != 0)
    return puratan_cli_usage_error ("sync resolve", "--keep must be mine or theirs");
  path = puratan_cli_database_path (g_steal_pointer (&path));
  store = puratan_sync_keyring_new ();
  if (!puratan_sync_resolve_conflict (path, server, store, id, g_str_equal (keep, "mine"), NULL,
                                      &error))
    return puratan_cli_failure ("sync resolve", error);
  g_print ("Conflict %" G_GINT64_FORMAT " resolved: %s\n", id, keep);
  return PURATAN_CLI_EXIT_OK;
}

static const PuratanCliCommand sync_commands[] = {
  { "resolve", "Resolve a conflict with the version you choose", sync_resolve_run },
  { "run", "Send the outbox and read the server's change feed", sync_run_run },
  { "sign-in", "Sign in to the shop's server", sync_sign_in_run },
  { "sign-out", "Sign out of the shop's server", sync_sign_out_run },
  { "status", "Show what waits, the conflicts and the sync log", sync_status_run },
};

static char *
sync_description (void)
{
  GString *text = g_string_new ("Commands:\n");

  for (gsize i = 0; i < G_N_ELEMENTS (sync_commands); i++)
    g_string_append_printf (text, "  %-9s %s\n", sync_commands[i].name, sync_commands[i].summary);
  g_string_append (text, "\nRun 'puratan sync COMMAND --help' for a command's options.");
  return g_string_free (text, FALSE);
}

/**
 * puratan_cli_sync_run:
 * @argc: the number of arguments
 * @argv: "sync", then a sync command and its arguments
 *
 * Keeps the shop database and the shop's server in step: `sync sign-in`, `sync run`,
 * `sync status`, `sync resolve` and `sync sign-out`.
 *
 * Returns: a PURATAN_CLI_EXIT_* status
 */
int
puratan_cli_sync_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *description = NULL;

  if (argc > 1 && argv[1][0] != '-')
    {
      for (gsize i = 0; i < G_N_ELEMENTS (sync_commands); i++)
        if (strcmp (argv[1], sync_commands[i].name) == 0)
          return sync_commands[i].run (argc - 1, argv + 1);
      return puratan_cli_usage_error ("sync", "'%s' is not a sync command", argv[1]);
    }

  description = sync_description ();
  context = puratan_cli_option_context_new (
      "sync", "COMMAND", "Keep the shop database and the shop's server in step.");
  g_option_context_set_description (context, description);
  if (!puratan_cli_parse_options (context, "sync", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  return puratan_cli_usage_error ("sync", "a command is needed");
}

/* puratan-cli.h: the puratan command's subcommand contract
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding a subcommand takes one file and one line: write
 * puratan-cli-NAME.c with an `int puratan_cli_NAME_run (int argc, char **argv)`,
 * declare it below, and add `{ "NAME", "summary", puratan_cli_NAME_run }`
 * to the table in main.c (kept in alphabetical order).
 */
#pragma once

#include <glib.h>

#include "puratan-store.h"

G_BEGIN_DECLS

/* Exit statuses every subcommand uses. */
#define PURATAN_CLI_EXIT_OK      0 /* done */
#define PURATAN_CLI_EXIT_FAILURE 1 /* the work failed; the reason is on stderr */
#define PURATAN_CLI_EXIT_USAGE   2 /* the command line was wrong; nothing was done */

/**
 * PuratanCliCommand:
 * @name: the word that selects the command, such as "version"
 * @summary: one line for `puratan --help`, a verb phrase without a full stop
 * @run: runs the command. @argv holds @argc arguments and ends with %NULL;
 *   argv[0] is @name and the command's own arguments follow. The command
 *   writes its results to stdout in text, its errors to stderr as
 *   "puratan NAME: message", and returns a PURATAN_CLI_EXIT_* status. It
 *   must answer `--help` by printing its usage on stdout and returning
 *   %PURATAN_CLI_EXIT_OK (`puratan help NAME` relies on this). It may
 *   modify @argv's array (option parsing does) but not free it.
 *
 * One entry of the subcommand table.
 */
typedef struct
{
  const char *name;
  const char *summary;
  int (*run) (int argc, char **argv);
} PuratanCliCommand;

GOptionContext *
puratan_cli_option_context_new (const char *command, const char *parameters, const char *summary);
gboolean
puratan_cli_parse_options (GOptionContext *context, const char *command, int *argc, char ***argv);
int puratan_cli_usage_error (const char *command, const char *format, ...) G_GNUC_PRINTF (2, 3);
int puratan_cli_failure (const char *command, const GError *error);
char *puratan_cli_database_path (char *path);
PuratanDatabase *puratan_cli_open_database (const char *path, GError **error);

/* The subcommands, one file each. */
int puratan_cli_catalog_run (int argc, char **argv);
int puratan_cli_color_run (int argc, char **argv);
int puratan_cli_db_run (int argc, char **argv);
int puratan_cli_export_run (int argc, char **argv);
int puratan_cli_new_run (int argc, char **argv);
int puratan_cli_orders_run (int argc, char **argv);
int puratan_cli_preflight_run (int argc, char **argv);
int puratan_cli_profiles_run (int argc, char **argv);
int puratan_cli_proof_run (int argc, char **argv);
int puratan_cli_quote_run (int argc, char **argv);
int puratan_cli_render_run (int argc, char **argv);
int puratan_cli_sync_run (int argc, char **argv);
int puratan_cli_templates_run (int argc, char **argv);
int puratan_cli_version_run (int argc, char **argv);

G_END_DECLS

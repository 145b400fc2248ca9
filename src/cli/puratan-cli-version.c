/* puratan-cli-version.c: `puratan version`
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "puratan-cli.h"

/**
 * puratan_cli_version_run:
 * @argc: the number of arguments
 * @argv: "version" and its arguments
 *
 * Prints puratan's version, then one line per library it runs on with
 * that library's version: GLib and SQLite as loaded at run time, json-glib
 * as built against (it has no run-time version query).
 *
 * Returns: a PURATAN_CLI_EXIT_* status
 */
int
puratan_cli_version_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;

  context = puratan_cli_option_context_new ("version", NULL,
                                            "Show the versions of puratan and its libraries.");
  if (!puratan_cli_parse_options (context, "version", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("version", "unexpected argument '%s'", argv[1]);

  g_print ("puratan %s\n", PACKAGE_VERSION);
  g_print ("GLib %u.%u.%u\n", glib_major_version, glib_minor_version, glib_micro_version);
  g_print ("json-glib %s\n", JSON_VERSION_S);
  g_print ("SQLite %s\n", sqlite3_libversion ());
  return PURATAN_CLI_EXIT_OK;
}

/* puratan-cli-new.c: `puratan new`, a design from a product template
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-cli.h"
#include "puratan-render.h"

int
puratan_cli_new_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDocument) doc = NULL;
  g_autoptr (PuratanRenderer) renderer = NULL;
  g_autoptr (GBytes) thumbnail = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *dir = NULL;
  const GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &name, "Start from the template NAME", "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the design to FILE", "FILE" },
    { "templates", 0, 0, G_OPTION_ARG_FILENAME, &dir,
      "Read templates from DIR instead of the installed ones", "DIR" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "new", NULL,
      "Create a design file from a product template ('puratan templates' lists them).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "new", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc > 1)
    return puratan_cli_usage_error ("new", "unexpected argument '%s'", argv[1]);
  if (name == NULL || *name == '\0')
    return puratan_cli_usage_error ("new", "--template NAME is required");
  if (output == NULL || *output == '\0')
    return puratan_cli_usage_error ("new", "--output FILE is required");
  if (g_file_test (output, G_FILE_TEST_EXISTS))
    return puratan_cli_usage_error ("new", "'%s' exists already; choose a new file name", output);

  if (dir == NULL)
    dir = puratan_template_default_dir ();
  doc = puratan_template_instantiate (dir, name, &error);
  if (doc == NULL)
    return puratan_cli_failure ("new", error);

  /* The preview is a convenience: without press profiles the design is still written. */
  renderer = puratan_renderer_new (doc, NULL, &error);
  if (renderer != NULL)
    thumbnail = puratan_renderer_thumbnail_png (renderer, 256, &error);
  if (thumbnail == NULL)
    {
      g_printerr ("puratan new: writing the design without a preview: %s\n", error->message);
      g_clear_error (&error);
    }
  if (!puratan_document_save (doc, output, thumbnail, &error))
    return puratan_cli_failure ("new", error);
  g_print ("%s: %s, %u page(s)\n", output, puratan_document_get_title (doc),
           puratan_document_get_n_pages (doc));
  return PURATAN_CLI_EXIT_OK;
}

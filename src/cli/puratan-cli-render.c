/* puratan-cli-render.c: `puratan render`, a PNG proof of a design page
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-cli.h"
#include "puratan-render.h"

int
puratan_cli_render_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDocument) doc = NULL;
  g_autoptr (PuratanRenderer) renderer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *press = NULL;
  double dpi = 150;
  int page = 1;
  gboolean soft_proof = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the PNG to FILE", "FILE" },
    { "dpi", 'r', 0, G_OPTION_ARG_DOUBLE, &dpi, "Resolution in dots per inch (default 150)", "N" },
    { "page", 0, 0, G_OPTION_ARG_INT, &page, "Page number to render (default 1)", "N" },
    { "soft-proof", 0, 0, G_OPTION_ARG_NONE, &soft_proof,
      "Show RGB colours and images as the press will reproduce them", NULL },
    { "press", 'p', 0, G_OPTION_ARG_STRING, &press,
      "Press condition id or name, or a CMYK profile file (default: the shop default; see 'puratan profiles')",
      "NAME" },
    { NULL },
  };

  context = puratan_cli_option_context_new (
      "render", "FILE", "Render a page of a design file, with its bleed, as a PNG proof.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "render", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc != 2)
    return puratan_cli_usage_error ("render", "give one design FILE");
  if (output == NULL || *output == '\0')
    return puratan_cli_usage_error ("render", "--output OUT.png is required");
  if (page < 1)
    return puratan_cli_usage_error ("render", "--page counts from 1");

  doc = puratan_document_open (argv[1], &error);
  if (doc == NULL)
    return puratan_cli_failure ("render", error);
  renderer = puratan_renderer_new (doc, press, &error);
  if (renderer == NULL)
    return puratan_cli_failure ("render", error);
  puratan_renderer_set_soft_proof (renderer, soft_proof);
  if (!puratan_renderer_write_png (renderer, page - 1, dpi, output, &error))
    return puratan_cli_failure ("render", error);
  g_print ("%s: page %d at %g dpi\n", output, page, dpi);
  return PURATAN_CLI_EXIT_OK;
}

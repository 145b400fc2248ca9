/* puratan-cli-export.c: `puratan export`, the print-ready PDF of a design
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-cli.h"
#include "puratan-preflight.h"
#include "puratan-render.h"

int
puratan_cli_export_run (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (PuratanDocument) doc = NULL;
  g_autoptr (GDateTime) date = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *standard = NULL;
  g_autofree char *press = NULL;
  g_autofree char *date_text = NULL;
  gboolean marks = FALSE;
  PuratanPdfOptions options;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the PDF to FILE", "FILE" },
    { "standard", 's', 0, G_OPTION_ARG_STRING, &standard, "pdfx4 (default) or pdfx1a", "STANDARD" },
    { "marks", 'm', 0, G_OPTION_ARG_NONE, &marks,
      "Add crop and registration marks, a colour bar and a job slug", NULL },
    { "press", 'p', 0, G_OPTION_ARG_STRING, &press,
      "Press condition id or name, or a CMYK profile file (default: the press condition of the "
      "design's product, else the shop default; see 'puratan profiles')",
      "NAME" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      "Write DATE (ISO 8601, e.g. 2026-03-14T10:30:00Z) instead of now, for reproducible "
      "files; SOURCE_DATE_EPOCH is honoured too",
      "DATE" },
    { NULL },
  };

  context = puratan_cli_option_context_new ("export", "FILE",
                                            "Export a design file as a print-ready PDF/X file.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!puratan_cli_parse_options (context, "export", &argc, &argv))
    return PURATAN_CLI_EXIT_USAGE;
  if (argc != 2)
    return puratan_cli_usage_error ("export", "give one design FILE");
  if (output == NULL || *output == '\0')
    return puratan_cli_usage_error ("export", "--output OUT.pdf is required");

  puratan_pdf_options_init (&options);
  if (standard == NULL || g_ascii_strcasecmp (standard, "pdfx4") == 0)
    options.standard = PURATAN_PDF_X4;
  else if (g_ascii_strcasecmp (standard, "pdfx1a") == 0)
    options.standard = PURATAN_PDF_X1A;
  else
    return puratan_cli_usage_error ("export", "--standard must be pdfx4 or pdfx1a, not '%s'",
                                    standard);
  if (date_text != NULL)
    {
      date = g_date_time_new_from_iso8601 (date_text, NULL);
      if (date == NULL)
        return puratan_cli_usage_error ("export", "'%s' is not an ISO 8601 date and time",
                                        date_text);
    }
  else if (g_getenv ("SOURCE_DATE_EPOCH") != NULL)
    {
      /* The reproducible-builds convention for a fixed timestamp. */
      guint64 epoch = 0;
      if (!g_ascii_string_to_unsigned (g_getenv ("SOURCE_DATE_EPOCH"), 10, 0, G_MAXINT64, &epoch,
                                       NULL))
        return puratan_cli_usage_error ("export", "SOURCE_DATE_EPOCH must be seconds since 1970");
      date = g_date_time_new_from_unix_utc ((gint64) epoch);
    }
  options.marks = marks;
  options.press = press;
  options.date = date;

  doc = puratan_document_open (argv[1], &error);
  if (doc != NULL && press == NULL && puratan_document_get_product (doc) != NULL)
    {
      /* A design made for a product is exported for the press its product prints on. */
      g_autoptr (PuratanPreflightProfile) spec = puratan_preflight_profile_for_job (
          puratan_document_get_product (doc), puratan_document_get_product_option (doc, "size"),
          NULL);
      if (spec != NULL && puratan_preflight_profile_get_press (spec) != NULL)
        press = g_strdup (puratan_preflight_profile_get_press (spec));
      options.press = press;
    }
  if (doc == NULL || !puratan_pdf_export_to_file (doc, &options, output, &error))
    return puratan_cli_failure ("export", error);
  g_print ("%s: %s, %u page(s)\n", output,
           options.standard == PURATAN_PDF_X4 ? "PDF/X-4" : "PDF/X-1a",
           puratan_document_get_n_pages (doc));
  return PURATAN_CLI_EXIT_OK;
}

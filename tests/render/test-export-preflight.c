/* test-export-preflight.c: the print PDF passes the shop's own preflight
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "puratan-document.h"
#include "puratan-preflight.h"
#include "puratan-render.h"

typedef struct
{
  PuratanPdfStandard standard;
  gboolean marks;
} ExportCase;

static char *
export_template (const char *template_name, const ExportCase *export_case)
{
  g_autofree char *dir = puratan_template_default_dir ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDocument) document = puratan_template_instantiate (dir, template_name, &error);
  g_autoptr (GDateTime) date = g_date_time_new_utc (2026, 11, 25, 12, 0, 0);
  g_autofree char *path = NULL;
  PuratanPdfOptions options;
  int fd;

  g_assert_no_error (error);
  puratan_pdf_options_init (&options);
  options.standard = export_case->standard;
  options.marks = export_case->marks;
  options.date = date;

  fd = g_file_open_tmp ("export-preflight-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (puratan_pdf_export_to_file (document, &options, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Every finding of error severity, for a readable failure message. */
static char *
describe_errors (PuratanPreflightReport *report)
{
  GPtrArray *findings = puratan_preflight_report_get_findings (report);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      PuratanPreflightFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == PURATAN_PREFLIGHT_SEVERITY_ERROR)
        g_string_append_printf (text, "%s: %s\n", finding->check_id, finding->message);
    }
  return g_string_free (text, FALSE);
}

static void
test_business_card_passes (gconstpointer data)
{
  const ExportCase *export_case = data;
  g_autofree char *path = export_template ("business-card", export_case);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightProfile) profile =
      puratan_preflight_profile_for_product ("business-cards", NULL, &error);
  g_autoptr (PuratanPreflightReport) report = NULL;
  g_autofree char *errors = NULL;

  g_assert_no_error (error);
  report = puratan_preflight_run (path, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (puratan_preflight_report_is_complete (report));
  g_assert_cmpuint (puratan_preflight_report_get_n_pages (report), ==, 1);

  errors = describe_errors (report);
  g_assert_cmpstr (errors, ==, "");
  g_assert_cmpuint (puratan_preflight_report_count (report, PURATAN_PREFLIGHT_SEVERITY_ERROR), ==,
                    0);
  /* The checks that the export's own claims are true ran and found nothing wrong. */
  g_assert_cmpuint (puratan_preflight_report_count_check (report, "fonts-embedded"), ==, 0);
  g_assert_cmpuint (puratan_preflight_report_count_check (report, "bleed"), ==, 0);
  g_assert_cmpuint (puratan_preflight_report_count_check (report, "page-size"), ==, 0);
  g_assert_cmpuint (puratan_preflight_report_count_check (report, "total-ink-coverage"), ==, 0);

  g_unlink (path);
}

static const ExportCase x4_plain = { PURATAN_PDF_X4, FALSE };
static const ExportCase x4_marks = { PURATAN_PDF_X4, TRUE };
static const ExportCase x1a_marks = { PURATAN_PDF_X1A, TRUE };

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/render/export-preflight/business-card-x4", &x4_plain,
                        test_business_card_passes);
  g_test_add_data_func ("/render/export-preflight/business-card-x4-marks", &x4_marks,
                        test_business_card_passes);
  g_test_add_data_func ("/render/export-preflight/business-card-x1a-marks", &x1a_marks,
                        test_business_card_passes);
  return g_test_run ();
}

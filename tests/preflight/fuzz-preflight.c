/* fuzz-preflight.c: libFuzzer target for the preflight entry point
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is written to a file and checked with puratan_preflight_run() against a
 * profile that runs every check except total ink (that one starts Ghostscript, which is
 * fuzzed upstream and would make each run a hundred times slower). Any input must give a
 * report or an error in the preflight domain; anything else is a bug.
 */
#include <glib/gstdio.h>
#include <unistd.h>

#include "puratan-preflight.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static PuratanPreflightProfile *profile;
static char *path;

static void
setup (void)
{
  const char *json =
      "{\"format\": \"puratan-preflight-profile\", \"version\": 1, \"id\": \"fuzz\", "
      "\"inherits\": \"gwg-sheetcmyk\", \"checks\": {\"total-ink-coverage\": "
      "{\"severity\": \"off\"}}}";
  g_autofree char *dir = g_dir_make_tmp ("puratan-fuzz-XXXXXX", NULL);

  profile = puratan_preflight_profile_load_data (json, -1, "fuzz", NULL);
  g_assert_nonnull (profile);
  g_assert_nonnull (dir);
  path = g_build_filename (dir, "input.pdf", NULL);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightReport) report = NULL;

  if (profile == NULL)
    setup ();
  if (size > 4 * 1024 * 1024)
    return 0;
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  report = puratan_preflight_run (path, profile, NULL, &error);
  if (report == NULL)
    g_assert_true (error != NULL && error->domain == PURATAN_PREFLIGHT_ERROR);
  else
    {
      g_autofree char *json = puratan_preflight_report_to_json (report);
      g_autofree char *text = puratan_preflight_report_to_text (report);
      g_assert_nonnull (json);
      g_assert_nonnull (text);
    }
  return 0;
}

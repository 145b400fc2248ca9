/* puratan-preflight-report.h: what preflight found, for people and programs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "puratan-preflight-profile.h"

G_BEGIN_DECLS

/**
 * PuratanPreflightFinding:
 * @check_id: the stable id of the check, e.g. "image-resolution"
 * @severity: how bad it is, from the profile
 * @page: 1-based page number; 0 when the finding is about the whole document
 * @has_bbox: whether @bbox locates the finding
 * @bbox: x0, y0, x1, y1 in PDF points, in the page's default user space
 * @message: what is wrong and what to do about it, written for the customer
 *
 * One thing preflight found.
 */
typedef struct
{
  char *check_id;
  PuratanPreflightSeverity severity;
  guint page;
  gboolean has_bbox;
  double bbox[4];
  char *message;
} PuratanPreflightFinding;

void puratan_preflight_finding_free (PuratanPreflightFinding *finding);

/**
 * PuratanPreflightPageInk:
 * @page: 1-based page number
 * @max_percent: the highest total ink over any square of the profile's area, in percent
 * @bbox: where that square is, in PDF points
 * @channels: (element-type utf8 double): colorant name to page average in percent
 * @method: (nullable): how @max_percent was measured: %NULL for the file's own CMYK
 *   (Ghostscript), or "press-profile ID" for an RGB page measured through that press
 *   condition's ICC profile
 *
 * Ink coverage of one page.
 */
typedef struct
{
  guint page;
  double max_percent;
  double bbox[4];
  GHashTable *channels;
  char *method;
} PuratanPreflightPageInk;

typedef struct _PuratanPreflightReport PuratanPreflightReport;

PuratanPreflightReport *puratan_preflight_report_ref (PuratanPreflightReport *report);
void puratan_preflight_report_unref (PuratanPreflightReport *report);

const char *puratan_preflight_report_get_file (PuratanPreflightReport *report);
const char *puratan_preflight_report_get_profile_id (PuratanPreflightReport *report);
guint puratan_preflight_report_get_n_pages (PuratanPreflightReport *report);
double puratan_preflight_report_get_elapsed (PuratanPreflightReport *report);
gboolean puratan_preflight_report_is_complete (PuratanPreflightReport *report);
GPtrArray *puratan_preflight_report_get_findings (PuratanPreflightReport *report);
GPtrArray *puratan_preflight_report_get_ink (PuratanPreflightReport *report);
guint puratan_preflight_report_count (PuratanPreflightReport *report,
                                      PuratanPreflightSeverity severity);
guint puratan_preflight_report_count_check (PuratanPreflightReport *report, const char *check_id);
const PuratanPreflightFinding *
puratan_preflight_report_find (PuratanPreflightReport *report, const char *check_id, guint page);
char *puratan_preflight_report_to_json (PuratanPreflightReport *report);
char *puratan_preflight_report_to_text (PuratanPreflightReport *report);
PuratanPreflightReport *
puratan_preflight_report_new_from_json (const char *json, gssize length, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPreflightFinding, puratan_preflight_finding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPreflightReport, puratan_preflight_report_unref)

G_END_DECLS

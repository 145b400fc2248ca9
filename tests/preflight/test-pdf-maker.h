/* test-pdf-maker.h: small PDFs with one known defect each, for the preflight tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DEFECT_NONE,
  DEFECT_LOW_RES_IMAGE,
  DEFECT_WHITE_OVERPRINT,
  DEFECT_HAIRLINE,
  DEFECT_RGB,
  DEFECT_HIGH_INK,
  DEFECT_RICH_BLACK_TEXT,
  DEFECT_BLACK_KNOCKOUT_TEXT,
  DEFECT_UNEMBEDDED_FONT,
  DEFECT_WRONG_SIZE,
  DEFECT_NO_BLEED,
  DEFECT_EMPTY_PAGE,
  DEFECT_TOO_MANY_PAGES,
  DEFECT_NO_TRIM_BOX,
  DEFECT_SPOT,
  DEFECT_TRANSPARENCY,
  DEFECT_NO_OUTPUT_INTENT,
  DEFECT_NO_PDFX_VERSION,
  DEFECT_BROKEN_XREF,
  DEFECT_SMALL_MULTI_INK_TEXT,
  DEFECT_NONE_SLUG_MARKS, /* not a defect: 400 % marks in the slug, outside the BleedBox */
  DEFECT_RGB_BLACK_PAGE,  /* all the content is RGB black */
} TestDefect;

char *test_make_business_card (const char *dir, TestDefect defect);

G_END_DECLS

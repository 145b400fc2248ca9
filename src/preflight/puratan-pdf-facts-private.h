/* puratan-pdf-facts-private.h: what the structure reader learns about a PDF
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "puratan-preflight-profile.h"

G_BEGIN_DECLS

/* A rectangle in PDF points: x0, y0, x1, y1 with x0 <= x1 and y0 <= y1. */
typedef struct
{
  double x0, y0, x1, y1;
} PuratanRect;

/* Kinds of colour a piece of content is painted with, as far as ink goes. */
typedef enum
{
  PURATAN_INK_NONE,       /* white: no ink at all */
  PURATAN_INK_SINGLE,     /* exactly one colorant */
  PURATAN_INK_BLACK,      /* 100 % black and nothing else (CMYK 0/0/0/100 or gray 0) */
  PURATAN_INK_MULTI,      /* several colorants */
  PURATAN_INK_RICH_BLACK, /* black built from black plus other inks, or RGB black */
  PURATAN_INK_UNKNOWN,    /* patterns and other colours without a single value */
} PuratanInkKind;

/* Bits of PuratanPageFacts.color_families. */
typedef enum
{
  PURATAN_CS_GRAY = 1 << 0,
  PURATAN_CS_RGB = 1 << 1,
  PURATAN_CS_CMYK = 1 << 2,
  PURATAN_CS_LAB = 1 << 3,
  PURATAN_CS_SEPARATION = 1 << 4,
  PURATAN_CS_DEVICEN = 1 << 5,
  PURATAN_CS_ICC_RGB = 1 << 6,
  PURATAN_CS_ICC_CMYK = 1 << 7,
  PURATAN_CS_ICC_GRAY = 1 << 8,
} PuratanColorFamily;

/* Bits of PuratanPageFacts.transparency. */
typedef enum
{
  PURATAN_TRANSP_PAGE_GROUP = 1 << 0,
  PURATAN_TRANSP_SOFT_MASK = 1 << 1,
  PURATAN_TRANSP_BLEND_MODE = 1 << 2,
  PURATAN_TRANSP_ALPHA = 1 << 3,
  PURATAN_TRANSP_IMAGE_SMASK = 1 << 4,
  PURATAN_TRANSP_FORM_GROUP = 1 << 5,
} PuratanTransparency;

/* Many objects of one kind on a page, summarised: how many, the extreme value, where. */
typedef struct
{
  guint count;
  double extreme; /* thinnest line or smallest text, in points */
  PuratanRect bbox;
} PuratanTally;

/* One placed image. */
typedef struct
{
  double ppi;          /* effective resolution at the printed size (lower of the two axes) */
  guint width, height; /* pixels */
  gboolean one_bit;    /* 1-bit line art or image mask */
  guint32 family;      /* PuratanColorFamily of the image */
  PuratanRect bbox;
} PuratanImageUse;

#define PURATAN_MAX_IMAGES_PER_PAGE 256

typedef struct
{
  guint number; /* 1-based */
  PuratanRect media, crop, bleed, trim;
  gboolean has_crop, has_bleed, has_trim;
  int rotate;

  guint32 color_families;
  guint32 transparency;
  guint marks;          /* painting operators that put something on the page */
  gboolean scan_failed; /* the content could not be read completely */
  char *scan_problem;   /* (nullable) what went wrong while reading the content */

  /* Strokes by ink kind; widths are in points at the printed size. */
  PuratanTally thin_multi_lines;  /* several inks or white, under the multi-ink limit */
  PuratanTally thin_single_lines; /* one ink, under the single-ink limit */
  /* Text by ink kind; sizes are in points at the printed size. */
  PuratanTally small_multi_text;
  PuratanTally small_white_text;
  PuratanTally black_text_knockout; /* small 100 % black text not set to overprint */
  PuratanTally rich_black_text;
  PuratanTally white_overprint;
  PuratanTally technical_knockout; /* die lines (accepted technical spots) that knock out */

  GArray *images; /* PuratanImageUse, at most PURATAN_MAX_IMAGES_PER_PAGE */
  guint images_dropped;
  GPtrArray *spots; /* (element-type utf8) colorant names used on the page, unique */
  GPtrArray *fonts; /* (element-type utf8) unembedded fonts the content uses: "\"Name\" (Type)" */
} PuratanPageFacts;

/* Limits the content scan sorts lines and text by; they come from the profile. */
typedef struct
{
  double multi_line_min_pt;
  double single_line_min_pt;
  double multi_text_min_pt;
  double white_text_min_pt;
  double black_overprint_max_pt;
  double rich_black_text_max_pt;
  PuratanPreflightProfile *profile; /* (nullable) borrowed: names the technical spots */
} PuratanScanLimits;

typedef struct
{
  char *pdf_version;
  gboolean encrypted;
  guint n_pages;
  char *pdfx_version;        /* (nullable) GTS_PDFXVersion from Info or XMP */
  gboolean xmp_has_pdfx_ns;  /* XMP declares the pdfxid namespace */
  GPtrArray *output_intents; /* (element-type PuratanOutputIntent) */
  GPtrArray *warnings;       /* (element-type utf8) damage the reader recovered from (first 20) */
  guint n_warnings;          /* all damage warnings, including those not kept */
} PuratanDocFacts;

typedef struct
{
  char *subtype;        /* GTS_PDFX, GTS_PDFA1, ... */
  char *condition;      /* OutputConditionIdentifier (nullable) */
  char *info;           /* Info (nullable) */
  int profile_channels; /* N of DestOutputProfile, 0 when none is embedded */
} PuratanOutputIntent;

void puratan_rect_union (PuratanRect *acc, const PuratanRect *r, gboolean acc_empty);
void puratan_tally_add (PuratanTally *tally, double value, const PuratanRect *where);

PuratanPageFacts *puratan_page_facts_new (guint number);
void puratan_page_facts_free (PuratanPageFacts *facts);
void puratan_page_facts_add_spot (PuratanPageFacts *facts, const char *name);
void puratan_page_facts_add_font (PuratanPageFacts *facts, const char *name, const char *type);
void puratan_doc_facts_free (PuratanDocFacts *facts);
void puratan_output_intent_free (PuratanOutputIntent *intent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanPageFacts, puratan_page_facts_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanDocFacts, puratan_doc_facts_free)

G_END_DECLS

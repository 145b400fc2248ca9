/* puratan-pdf-private.h: internals of the print PDF writer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer appends objects to one buffer as it goes and records their offsets.
 * Every page shares one resource dictionary, written last, which names fonts (/F),
 * colour spaces (/CS), graphics states (/GS) and images (/Im) in order of first use,
 * so the output depends only on the design and the options.
 */
#pragma once

#include <lcms2.h>

#include "puratan-pdf.h"
#include "puratan-render-private.h"

G_BEGIN_DECLS

typedef struct _PuratanPdfFont PuratanPdfFont;

typedef struct
{
  GString *out;
  GArray *offsets; /* gsize per object number; [0] unused */
  PuratanDocument *doc;
  PuratanPdfStandard standard;
  PuratanRenderPress *press;
  GBytes *press_icc; /* owned by press->profile */

  cmsHPROFILE press_profile; /* for converting image pixels in bulk (PDF/X-1a) */
  cmsHPROFILE srgb_profile;
  guint srgb_space; /* object of the sRGB ICCBased stream (X-4), 0 until used */

  /* Resource entries, in order of first use: "/Name n 0 R" lines. */
  GString *res_fonts;
  GString *res_spaces;
  GString *res_states;
  GString *res_images;
  GHashTable *spaces;        /* spot name → resource name */
  GHashTable *states;        /* graphics state key → resource name */
  GHashTable *images;        /* asset hash → resource name */
  GHashTable *placed;        /* asset hash → placed PDF source (puratan-pdf-placed.c) */
  GHashTable *masked;        /* image resource names that carry a soft mask */
  gboolean page_transparent; /* the page being written uses transparency */
  guint n_spaces, n_states, n_images, n_forms;

  GPtrArray *fonts;       /* (element-type PuratanPdfFont) */
  GHashTable *font_index; /* font file key → PuratanPdfFont */
  PangoContext *text;
} PuratanPdf;

/* Serialiser (puratan-pdf-writer.c). */
guint puratan_pdf_alloc (PuratanPdf *pdf);
void puratan_pdf_begin (PuratanPdf *pdf, guint number);
void puratan_pdf_end (PuratanPdf *pdf);
void puratan_pdf_object (PuratanPdf *pdf, guint number, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
void puratan_pdf_stream (PuratanPdf *pdf,
                         guint number,
                         const char *dictionary,
                         const guint8 *data,
                         gsize length,
                         gboolean compress);
void puratan_pdf_num (GString *s, double value);
void puratan_pdf_ops (GString *s, const double *values, int n, const char *op);
void puratan_pdf_string (GString *s, const char *utf8);
void puratan_pdf_name (GString *s, const char *name);
gboolean puratan_pdf_deflate (const guint8 *data, gsize length, GByteArray *out);

/* Colour (puratan-pdf-color.c). */
gboolean puratan_pdf_color_init (PuratanPdf *pdf, const PuratanPdfOptions *options, GError **error);
void puratan_pdf_color_clear (PuratanPdf *pdf);
gboolean puratan_pdf_set_paint (PuratanPdf *pdf,
                                GString *content,
                                const PuratanDocPaint *paint,
                                gboolean stroke,
                                GError **error);
void puratan_pdf_set_registration (PuratanPdf *pdf, GString *content, gboolean stroke);
void puratan_pdf_set_state (
    PuratanPdf *pdf, GString *content, gboolean op_fill, gboolean op_stroke, double opacity);
gboolean puratan_pdf_is_technical_spot (const char *name);
guint puratan_pdf_srgb_space (PuratanPdf *pdf);

/* Fonts and text (puratan-pdf-font.c, puratan-pdf-text.c). */
void puratan_pdf_font_free (PuratanPdfFont *font);
PuratanPdfFont *puratan_pdf_font_for (PuratanPdf *pdf, PangoFont *font, GError **error);
const char *puratan_pdf_font_resource (PuratanPdfFont *font);
guint puratan_pdf_font_cid (PuratanPdfFont *font, guint glyph, const char *text, gssize length);
double puratan_pdf_font_advance (PuratanPdfFont *font, guint cid);
gboolean puratan_pdf_fonts_write (PuratanPdf *pdf, GError **error);
gboolean
puratan_pdf_show_layout (PuratanPdf *pdf, GString *content, PangoLayout *layout, GError **error);

/* Images (puratan-pdf-image.c). */
gboolean puratan_pdf_draw_image (PuratanPdf *pdf,
                                 GString *content,
                                 const PuratanDocItem *item,
                                 GError **error);

guint puratan_pdf_tiff_device_image (PuratanPdf *pdf, const guint8 *data, gsize size);

/* Placed PDF pages (puratan-pdf-placed.c). */
gboolean puratan_pdf_draw_placed (PuratanPdf *pdf,
                                  GString *content,
                                  const PuratanDocItem *item,
                                  GError **error);
void puratan_pdf_placed_free (gpointer source);

/* Pages and marks (puratan-pdf-page.c, puratan-pdf-marks.c). */
gboolean
puratan_pdf_draw_items (PuratanPdf *pdf, GString *content, GPtrArray *items, GError **error);
double puratan_pdf_marks_margin (const PuratanPdfOptions *options);
gboolean puratan_pdf_draw_marks (PuratanPdf *pdf,
                                 GString *content,
                                 const PuratanDocPage *page,
                                 guint page_number,
                                 const char *slug,
                                 GError **error);

G_END_DECLS

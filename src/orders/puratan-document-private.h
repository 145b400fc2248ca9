/* puratan-document-private.h: page layout shared by the orders layer's PDFs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "puratan-documents.h"

G_BEGIN_DECLS

/* A4 in PostScript points, with 40 pt margins. */
#define PAGE_WIDTH  595.0
#define PAGE_HEIGHT 842.0
#define MARGIN      40.0

typedef enum
{
  TEXT_LEFT,
  TEXT_RIGHT,
  TEXT_CENTER,
} TextAlign;

double puratan_doc_text (cairo_t *cr,
                         double x,
                         double y,
                         double width,
                         const char *font,
                         TextAlign align,
                         const char *text);

void puratan_doc_rule (cairo_t *cr, double y);

char *puratan_doc_money (gint64 paise);

cairo_t *puratan_doc_begin (const char *path, cairo_surface_t **surface, GError **error);

gboolean
puratan_doc_finish (cairo_t *cr, cairo_surface_t *surface, const char *path, GError **error);

G_END_DECLS

/* puratan-content-color-private.h: colours in content streams and the ink they put down
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <qpdf/qpdf-c.h>

#include "puratan-content-lexer-private.h"
#include "puratan-pdf-facts-private.h"

G_BEGIN_DECLS

typedef enum
{
  CS_GRAY,
  CS_RGB,
  CS_CMYK,
  CS_LAB,
  CS_SEP,
  CS_DEVN,
  CS_OTHER, /* patterns, indexed: no single ink value */
} CsKind;

typedef struct
{
  CsKind kind;
  guint n;
  gboolean sep_all;
  gboolean sep_none;
  gboolean technical; /* a Separation the profile accepts as a technical spot (a die line) */
  double c[8];
} Color;

/* What colour resolution needs from the scan: the document and the page's facts. */
typedef struct
{
  qpdf_data q;
  PuratanPageFacts *facts;
  PuratanPreflightProfile *profile; /* (nullable) names the technical spots */
} PuratanColorScope;

void puratan_color_init (Color *c, CsKind kind, guint n);
PuratanInkKind puratan_color_classify (const Color *c);
void
puratan_color_resolve (PuratanColorScope *s, qpdf_oh resources, qpdf_oh cs, Color *out, int depth);
void puratan_color_set_values (Color *c, const PuratanToken *ops, int n_ops);

G_END_DECLS

/* puratan-doc-item.h: values of the design model: swatches, layers, page items, pages
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Geometry is in PostScript points (1/72 inch) as doubles, with the origin at the top-left
 * corner of the trim box and y growing downwards. See docs/file-format.md.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * PuratanDocColorModel:
 * @PURATAN_DOC_COLOR_CMYK: process CMYK, values 0..1 for C, M, Y, K
 * @PURATAN_DOC_COLOR_RGB: RGB in sRGB, values 0..1
 * @PURATAN_DOC_COLOR_GRAY: DeviceGray level 0..1 (0 is black, 1 is paper white)
 * @PURATAN_DOC_COLOR_SPOT: a named spot ink; values hold its CMYK alternate
 */
typedef enum
{
  PURATAN_DOC_COLOR_CMYK,
  PURATAN_DOC_COLOR_RGB,
  PURATAN_DOC_COLOR_GRAY,
  PURATAN_DOC_COLOR_SPOT,
} PuratanDocColorModel;

/**
 * PuratanDocSwatch:
 * @name: unique name in the document; for a spot, the ink name the press knows
 * @model: colour model of @values
 * @values: components as the designer typed them (see #PuratanDocColorModel)
 */
typedef struct
{
  char *name;
  PuratanDocColorModel model;
  double values[4];
} PuratanDocSwatch;

/**
 * PuratanDocLayer:
 * @id: unique id in the document
 * @name: shown to the designer
 * @visible: drawn on screen and in exports
 * @locked: items cannot be selected on the canvas
 * @printable: written to the print PDF
 */
typedef struct
{
  char *id;
  char *name;
  gboolean visible;
  gboolean locked;
  gboolean printable;
} PuratanDocLayer;

typedef enum
{
  PURATAN_DOC_ITEM_TEXT,
  PURATAN_DOC_ITEM_IMAGE,
  PURATAN_DOC_ITEM_SHAPE,
  PURATAN_DOC_ITEM_PDF,
  PURATAN_DOC_ITEM_GROUP,
} PuratanDocItemKind;

typedef enum
{
  PURATAN_DOC_SHAPE_RECT,
  PURATAN_DOC_SHAPE_ELLIPSE,
  PURATAN_DOC_SHAPE_LINE,
  PURATAN_DOC_SHAPE_PATH,
} PuratanDocShapeKind;

typedef enum
{
  PURATAN_DOC_ALIGN_LEFT,
  PURATAN_DOC_ALIGN_CENTER,
  PURATAN_DOC_ALIGN_RIGHT,
  PURATAN_DOC_ALIGN_JUSTIFY,
} PuratanDocAlign;

/**
 * PuratanDocFit:
 * @PURATAN_DOC_FIT_FILL: scale to cover the frame, cropping the overflow
 * @PURATAN_DOC_FIT_FIT: scale to fit inside the frame, keeping the aspect ratio
 * @PURATAN_DOC_FIT_STRETCH: scale each axis to the frame
 * @PURATAN_DOC_FIT_NONE: place at 72 ppi per pixel from the top-left corner
 */
typedef enum
{
  PURATAN_DOC_FIT_FILL,
  PURATAN_DOC_FIT_FIT,
  PURATAN_DOC_FIT_STRETCH,
  PURATAN_DOC_FIT_NONE,
} PuratanDocFit;

/**
 * PuratanDocPaint:
 * @swatch: (nullable): name of a document swatch, %NULL for no paint
 * @tint: 0..1 multiplier of the swatch (screens of a spot or process colour)
 */
typedef struct
{
  char *swatch;
  double tint;
} PuratanDocPaint;

typedef struct _PuratanDocItem PuratanDocItem;

/**
 * PuratanDocItem:
 *
 * One item on a page. The frame is the rectangle (0, 0, @width, @height) in item space;
 * @transform (a, b, c, d, e, f as in cairo_matrix_t) maps item space to page space.
 * Fields after @visible apply to the item kind named in their comment.
 */
struct _PuratanDocItem
{
  char *id;
  PuratanDocItemKind kind;
  char *layer;
  double transform[6];
  double width;
  double height;
  PuratanDocPaint fill;
  PuratanDocPaint stroke;
  double stroke_width;
  double opacity;
  gboolean overprint;
  gboolean locked;
  gboolean visible;

  /* text */
  char *text;
  char *font_family;
  int font_weight;
  gboolean italic;
  double font_size;
  PuratanDocAlign align;
  double leading;  /* baseline to baseline in points; 0 means the font's own */
  double tracking; /* thousandths of an em */

  /* image and pdf */
  char *asset; /* SHA-256 of the asset, lower-case hex */
  PuratanDocFit fit;
  double crop[4]; /* image: x, y, width, height in pixels; all 0 means whole image */
  int pdf_page;   /* pdf: 0-based page of the placed file */

  /* shape */
  PuratanDocShapeKind shape;
  double corner_radius;
  char *path; /* SVG path data subset: M L C Z with absolute coordinates */

  /* group */
  GPtrArray *children; /* (element-type PuratanDocItem) */
};

/**
 * PuratanDocPage:
 * @width: trim width in points
 * @height: trim height in points
 * @bleed: bleed on every side in points
 * @safe: safe margin inside the trim in points
 * @guides_x: (element-type double): vertical guides, x in points
 * @guides_y: (element-type double): horizontal guides, y in points
 * @items: (element-type PuratanDocItem): items bottom to top
 */
typedef struct
{
  double width;
  double height;
  double bleed;
  double safe;
  GArray *guides_x;
  GArray *guides_y;
  GPtrArray *items;
} PuratanDocPage;

PuratanDocSwatch *
puratan_doc_swatch_new (const char *name, PuratanDocColorModel model, const double values[4]);
PuratanDocSwatch *puratan_doc_swatch_copy (const PuratanDocSwatch *swatch);
void puratan_doc_swatch_free (PuratanDocSwatch *swatch);

PuratanDocLayer *puratan_doc_layer_new (const char *id, const char *name);
PuratanDocLayer *puratan_doc_layer_copy (const PuratanDocLayer *layer);
void puratan_doc_layer_free (PuratanDocLayer *layer);

PuratanDocItem *puratan_doc_item_new (PuratanDocItemKind kind);
PuratanDocItem *puratan_doc_item_copy (const PuratanDocItem *item);
void puratan_doc_item_free (PuratanDocItem *item);
void puratan_doc_item_set_fill (PuratanDocItem *item, const char *swatch, double tint);
void puratan_doc_item_set_stroke (PuratanDocItem *item, const char *swatch, double tint);
void puratan_doc_item_set_position (PuratanDocItem *item, double x, double y);
void puratan_doc_item_image_rect (const PuratanDocItem *item,
                                  int px_width,
                                  int px_height,
                                  double *x,
                                  double *y,
                                  double *width,
                                  double *height);

PuratanDocPage *puratan_doc_page_new (double width, double height, double bleed, double safe);
PuratanDocPage *puratan_doc_page_copy (const PuratanDocPage *page);
void puratan_doc_page_free (PuratanDocPage *page);

const char *puratan_doc_color_model_to_string (PuratanDocColorModel model);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanDocSwatch, puratan_doc_swatch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanDocLayer, puratan_doc_layer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanDocItem, puratan_doc_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PuratanDocPage, puratan_doc_page_free)

G_END_DECLS

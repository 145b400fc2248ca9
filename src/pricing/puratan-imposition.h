/* puratan-imposition.h: n-up on the press sheet and parent-sheet cuts
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PURATAN_UM_PER_INCH:
 *
 * Micrometres in an inch, exactly.
 */
#define PURATAN_UM_PER_INCH 25400

/**
 * PuratanSheetSize:
 * @width_um: width in micrometres
 * @height_um: height in micrometres
 *
 * A rectangle's size. Lengths are integer micrometres so that inch and
 * millimetre sizes are both exact.
 */
typedef struct
{
  gint64 width_um;
  gint64 height_um;
} PuratanSheetSize;

/**
 * PuratanImpositionSpec:
 * @piece: the trimmed piece
 * @bleed_um: bleed added on each of the piece's four sides
 * @gutter_um: space between neighbouring pieces (bleed included in the piece)
 * @sheet: the press sheet
 * @gripper_um: unprintable strip along the sheet's leading edge (taken from its height)
 * @margin_um: unprintable strip along each of the other three edges
 *
 * What is laid out on a press sheet.
 */
typedef struct
{
  PuratanSheetSize piece;
  gint64 bleed_um;
  gint64 gutter_um;
  PuratanSheetSize sheet;
  gint64 gripper_um;
  gint64 margin_um;
} PuratanImpositionSpec;

/**
 * PuratanImposition:
 * @across: pieces along the sheet's width
 * @down: pieces along the sheet's height
 * @up: @across × @down
 * @rotated: whether the piece is turned a quarter turn on the sheet
 *
 * The better of the two orientations of a grid of pieces.
 */
typedef struct
{
  guint across;
  guint down;
  guint up;
  gboolean rotated;
} PuratanImposition;

gboolean puratan_impose (const PuratanImpositionSpec *spec, PuratanImposition *out, GError **error);

guint
puratan_parent_sheet_cuts (PuratanSheetSize parent, PuratanSheetSize sheet, gboolean *out_rotated);

G_END_DECLS

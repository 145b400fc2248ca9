/* puratan-imposition.c: grid imposition in integer micrometres
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-imposition.h"

#include "puratan-error.h"

/* How many cells of @cell with @gutter between them fit in @available. */
static guint
fit (gint64 available, gint64 cell, gint64 gutter)
{
  if (cell <= 0 || available < cell)
    return 0;
  return (guint) MIN ((available + gutter) / (cell + gutter), (gint64) G_MAXUINT16);
}

static void
grid (gint64 avail_w,
      gint64 avail_h,
      gint64 cell_w,
      gint64 cell_h,
      gint64 gutter,
      PuratanImposition *out)
{
  out->across = fit (avail_w, cell_w, gutter);
  out->down = fit (avail_h, cell_h, gutter);
  out->up = out->across * out->down;
}

/**
 * puratan_impose:
 * @spec: the piece, its bleed and gutter, the sheet and its unprintable edges
 * @out: (out caller-allocates): the imposition
 * @error: return location for a %PURATAN_ERROR_INVALID_INPUT error
 *
 * Lays the piece out on the sheet in a grid, upright and turned, and keeps
 * the orientation that fits more pieces (upright on a tie). Each piece takes
 * its trim size plus bleed on every side; neighbours are a gutter apart.
 *
 * Returns: %TRUE, or %FALSE when a length is negative or not even one piece fits
 */
gboolean
puratan_impose (const PuratanImpositionSpec *spec, PuratanImposition *out, GError **error)
{
  PuratanImposition upright, turned;
  gint64 avail_w, avail_h, cell_w, cell_h;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (spec->piece.width_um <= 0 || spec->piece.height_um <= 0 || spec->sheet.width_um <= 0 ||
      spec->sheet.height_um <= 0 || spec->bleed_um < 0 || spec->gutter_um < 0 ||
      spec->gripper_um < 0 || spec->margin_um < 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "Imposition needs positive piece and sheet sizes and no negative bleed, "
                   "gutter, gripper or margin");
      return FALSE;
    }

  avail_w = spec->sheet.width_um - 2 * spec->margin_um;
  avail_h = spec->sheet.height_um - spec->gripper_um - spec->margin_um;
  cell_w = spec->piece.width_um + 2 * spec->bleed_um;
  cell_h = spec->piece.height_um + 2 * spec->bleed_um;

  grid (avail_w, avail_h, cell_w, cell_h, spec->gutter_um, &upright);
  grid (avail_w, avail_h, cell_h, cell_w, spec->gutter_um, &turned);
  upright.rotated = FALSE;
  turned.rotated = TRUE;
  *out = (turned.up > upright.up) ? turned : upright;

  if (out->up == 0)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
                   "A %.1f × %.1f mm piece with %.1f mm bleed does not fit the printable "
                   "%.1f × %.1f mm of a %.1f × %.1f mm sheet",
                   spec->piece.width_um / 1000.0, spec->piece.height_um / 1000.0,
                   spec->bleed_um / 1000.0, avail_w / 1000.0, avail_h / 1000.0,
                   spec->sheet.width_um / 1000.0, spec->sheet.height_um / 1000.0);
      return FALSE;
    }
  return TRUE;
}

/**
 * puratan_parent_sheet_cuts:
 * @parent: the sheet as the mill supplies it
 * @sheet: the press sheet cut from it
 * @out_rotated: (out) (optional): whether the press sheets are turned on the parent
 *
 * Counts the press sheets that guillotine cuts get from one parent sheet,
 * in the better orientation (no trim allowance: mill sizes are cut flush).
 *
 * Returns: the number of press sheets per parent sheet, 0 when it does not fit
 */
guint
puratan_parent_sheet_cuts (PuratanSheetSize parent, PuratanSheetSize sheet, gboolean *out_rotated)
{
  PuratanImposition upright, turned;

  grid (parent.width_um, parent.height_um, sheet.width_um, sheet.height_um, 0, &upright);
  grid (parent.width_um, parent.height_um, sheet.height_um, sheet.width_um, 0, &turned);
  if (out_rotated != NULL)
    *out_rotated = turned.up > upright.up;
  return MAX (upright.up, turned.up);
}

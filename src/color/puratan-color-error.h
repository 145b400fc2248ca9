/* puratan-color-error.h: error domain of the color layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PURATAN_COLOR_ERROR (puratan_color_error_quark ())

/**
 * PuratanColorError:
 * @PURATAN_COLOR_ERROR_TRUNCATED: an ICC file is shorter than its header declares
 * @PURATAN_COLOR_ERROR_CORRUPT: data is not an ICC profile, or its tags are damaged
 * @PURATAN_COLOR_ERROR_WRONG_CLASS: a profile's device class does not fit the use asked of it
 *   (a display profile where a press profile is needed)
 * @PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE: a profile's colour space does not fit the use
 *   asked of it (an RGB profile where a CMYK press profile is needed)
 * @PURATAN_COLOR_ERROR_UNKNOWN_PRESS: no press condition has the given name or id
 * @PURATAN_COLOR_ERROR_PARSE: a colour value could not be parsed
 * @PURATAN_COLOR_ERROR_TRANSFORM: Little CMS could not build a transform from the profiles
 * @PURATAN_COLOR_ERROR_UNSUPPORTED_SURFACE: a Cairo surface is not an image surface in
 *   ARGB32 or RGB24 format
 *
 * The color layer has its own domain because callers (the canvas, preflight, the CLI)
 * branch on exactly which profile problem occurred, which %PURATAN_ERROR does not name.
 * File system failures keep their %G_FILE_ERROR.
 */
typedef enum
{
  PURATAN_COLOR_ERROR_TRUNCATED,
  PURATAN_COLOR_ERROR_CORRUPT,
  PURATAN_COLOR_ERROR_WRONG_CLASS,
  PURATAN_COLOR_ERROR_WRONG_COLOR_SPACE,
  PURATAN_COLOR_ERROR_UNKNOWN_PRESS,
  PURATAN_COLOR_ERROR_PARSE,
  PURATAN_COLOR_ERROR_TRANSFORM,
  PURATAN_COLOR_ERROR_UNSUPPORTED_SURFACE,
} PuratanColorError;

GQuark puratan_color_error_quark (void);

G_END_DECLS

/* puratan-display-profile.h: the colour profile of the screen the studio shows on
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "puratan-color.h"

G_BEGIN_DECLS

/* Sources puratan_display_profile_lookup() reports. */
#define PURATAN_DISPLAY_PROFILE_SOURCE_X11     "X11 _ICC_PROFILE"
#define PURATAN_DISPLAY_PROFILE_SOURCE_DEFAULT "sRGB (default)"

PuratanIccProfile *puratan_display_profile_lookup (GdkDisplay *display, char **out_source);

G_END_DECLS

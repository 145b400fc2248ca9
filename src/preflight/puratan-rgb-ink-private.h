/* puratan-rgb-ink-private.h: total ink of RGB pages through the press profile
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint page;
  double max_percent;
  double bbox[4];
} PuratanRgbInk;

GArray *puratan_rgb_ink_measure (const char *path,
                                 GArray *pages,
                                 const char *press_condition,
                                 char **condition_id,
                                 GError **error);

G_END_DECLS

/* puratan-clock.h: an injectable source of wall and monotonic time
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PURATAN_TYPE_CLOCK (puratan_clock_get_type ())

G_DECLARE_FINAL_TYPE (PuratanClock, puratan_clock, PURATAN, CLOCK, GObject)

PuratanClock *puratan_clock_get_default (void);
PuratanClock *puratan_clock_new_system (void);
PuratanClock *puratan_clock_new_fixed (GDateTime *wall_time, gint64 monotonic_us);

gboolean puratan_clock_is_fixed (PuratanClock *self);
GDateTime *puratan_clock_now_utc (PuratanClock *self);
gint64 puratan_clock_get_monotonic (PuratanClock *self);

void puratan_clock_advance (PuratanClock *self, GTimeSpan span);
void puratan_clock_set_wall_time (PuratanClock *self, GDateTime *wall_time);

G_END_DECLS

/* puratan-clock.c
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-clock.h"

/* A clock is either the system's or a fixed one that moves only when told
 * to. Code that needs the time takes a PuratanClock, so that tests can hand
 * it a fixed clock and get the same answer on every run. */
struct _PuratanClock
{
  GObject parent_instance;

  gboolean fixed;
  GMutex mutex;
  GDateTime *wall_time;
  gint64 monotonic_us;
};

G_DEFINE_FINAL_TYPE (PuratanClock, puratan_clock, G_TYPE_OBJECT)

static void
puratan_clock_finalize (GObject *object)
{
  PuratanClock *self = PURATAN_CLOCK (object);

  g_clear_pointer (&self->wall_time, g_date_time_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (puratan_clock_parent_class)->finalize (object);
}

static void
puratan_clock_class_init (PuratanClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = puratan_clock_finalize;
}

static void
puratan_clock_init (PuratanClock *self)
{
  g_mutex_init (&self->mutex);
}

/**
 * puratan_clock_get_default:
 *
 * Gives the process-wide system clock, for code that is not handed one.
 *
 * Returns: (transfer none): the shared system clock; it lives until exit
 */
PuratanClock *
puratan_clock_get_default (void)
{
  static PuratanClock *clock;

  if (g_once_init_enter (&clock))
    g_once_init_leave (&clock, puratan_clock_new_system ());
  return clock;
}

/**
 * puratan_clock_new_system:
 *
 * Makes a clock that reads the system's real-time and monotonic clocks.
 *
 * Returns: (transfer full): a new clock
 */
PuratanClock *
puratan_clock_new_system (void)
{
  return g_object_new (PURATAN_TYPE_CLOCK, NULL);
}

/**
 * puratan_clock_new_fixed:
 * @wall_time: the wall time the clock starts at, in any time zone
 * @monotonic_us: the monotonic reading it starts at, in microseconds
 *
 * Makes a clock that stands still until puratan_clock_advance() or
 * puratan_clock_set_wall_time() moves it. It is safe to use from several
 * threads.
 *
 * Returns: (transfer full): a new clock
 */
PuratanClock *
puratan_clock_new_fixed (GDateTime *wall_time, gint64 monotonic_us)
{
  PuratanClock *self;

  g_return_val_if_fail (wall_time != NULL, NULL);

  self = g_object_new (PURATAN_TYPE_CLOCK, NULL);
  self->fixed = TRUE;
  self->wall_time = g_date_time_to_utc (wall_time);
  self->monotonic_us = monotonic_us;
  return self;
}

/**
 * puratan_clock_is_fixed:
 * @self: a clock
 *
 * Returns: %TRUE for a clock made by puratan_clock_new_fixed()
 */
gboolean
puratan_clock_is_fixed (PuratanClock *self)
{
  g_return_val_if_fail (PURATAN_IS_CLOCK (self), FALSE);

  return self->fixed;
}

/**
 * puratan_clock_now_utc:
 * @self: a clock
 *
 * Reads the wall time, for timestamps that people see or that are stored.
 *
 * Returns: (transfer full): the current time in UTC
 */
GDateTime *
puratan_clock_now_utc (PuratanClock *self)
{
  GDateTime *now;

  g_return_val_if_fail (PURATAN_IS_CLOCK (self), NULL);

  if (!self->fixed)
    return g_date_time_new_now_utc ();

  g_mutex_lock (&self->mutex);
  now = g_date_time_ref (self->wall_time);
  g_mutex_unlock (&self->mutex);
  return now;
}

/**
 * puratan_clock_get_monotonic:
 * @self: a clock
 *
 * Reads the monotonic time, for durations and timeouts; it never goes
 * backwards and has no relation to the wall time.
 *
 * Returns: microseconds since an unspecified start
 */
gint64
puratan_clock_get_monotonic (PuratanClock *self)
{
  gint64 now;

  g_return_val_if_fail (PURATAN_IS_CLOCK (self), 0);

  if (!self->fixed)
    return g_get_monotonic_time ();

  g_mutex_lock (&self->mutex);
  now = self->monotonic_us;
  g_mutex_unlock (&self->mutex);
  return now;
}

/**
 * puratan_clock_advance:
 * @self: a fixed clock
 * @span: how far to move, in microseconds, zero or more
 *
 * Moves both the wall time and the monotonic time of a fixed clock forward.
 */
void
puratan_clock_advance (PuratanClock *self, GTimeSpan span)
{
  GDateTime *later;

  g_return_if_fail (PURATAN_IS_CLOCK (self));
  g_return_if_fail (self->fixed);
  g_return_if_fail (span >= 0);

  g_mutex_lock (&self->mutex);
  later = g_date_time_add (self->wall_time, span);
  if (later != NULL)
    {
      g_date_time_unref (self->wall_time);
      self->wall_time = later;
      self->monotonic_us += span;
    }
  g_mutex_unlock (&self->mutex);
}

/**
 * puratan_clock_set_wall_time:
 * @self: a fixed clock
 * @wall_time: the new wall time, in any time zone
 *
 * Sets the wall time of a fixed clock, forwards or backwards, as when the
 * system clock is corrected; the monotonic time does not change.
 */
void
puratan_clock_set_wall_time (PuratanClock *self, GDateTime *wall_time)
{
  GDateTime *utc;

  g_return_if_fail (PURATAN_IS_CLOCK (self));
  g_return_if_fail (self->fixed);
  g_return_if_fail (wall_time != NULL);

  utc = g_date_time_to_utc (wall_time);
  g_mutex_lock (&self->mutex);
  g_date_time_unref (self->wall_time);
  self->wall_time = utc;
  g_mutex_unlock (&self->mutex);
}

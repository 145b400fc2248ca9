/* test-clock.c: system and fixed clocks
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-core.h"

static void
test_system (void)
{
  PuratanClock *clock = puratan_clock_get_default ();
  g_autoptr (GDateTime) now = NULL;
  gint64 a, b;

  g_assert_true (PURATAN_IS_CLOCK (clock));
  g_assert_true (clock == puratan_clock_get_default ());
  g_assert_false (puratan_clock_is_fixed (clock));

  now = puratan_clock_now_utc (clock);
  g_assert_cmpint (g_date_time_get_utc_offset (now), ==, 0);
  g_assert_cmpint (g_date_time_get_year (now), >=, 2024);

  a = puratan_clock_get_monotonic (clock);
  b = puratan_clock_get_monotonic (clock);
  g_assert_cmpint (b, >=, a);
}

static void
test_fixed (void)
{
  g_autoptr (GTimeZone) ist = g_time_zone_new_identifier ("+05:30");
  g_autoptr (GDateTime) start = g_date_time_new (ist, 2026, 3, 31, 23, 45, 0);
  g_autoptr (PuratanClock) clock = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDateTime) later = NULL;
  g_autoptr (GDateTime) corrected = NULL;
  g_autoptr (GDateTime) after_set = NULL;
  g_autofree char *iso = NULL;

  clock = puratan_clock_new_fixed (start, 1000);
  g_assert_true (puratan_clock_is_fixed (clock));

  now = puratan_clock_now_utc (clock);
  iso = g_date_time_format_iso8601 (now);
  g_assert_cmpstr (iso, ==, "2026-03-31T18:15:00Z");
  g_assert_cmpint (puratan_clock_get_monotonic (clock), ==, 1000);
  g_assert_cmpint (puratan_clock_get_monotonic (clock), ==, 1000);

  puratan_clock_advance (clock, 90 * G_TIME_SPAN_MINUTE);
  later = puratan_clock_now_utc (clock);
  g_assert_cmpint (g_date_time_difference (later, now), ==, 90 * G_TIME_SPAN_MINUTE);
  g_assert_cmpint (puratan_clock_get_monotonic (clock), ==, 1000 + 90 * G_TIME_SPAN_MINUTE);

  /* Setting the wall time back leaves the monotonic time alone. */
  corrected = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  puratan_clock_set_wall_time (clock, corrected);
  after_set = puratan_clock_now_utc (clock);
  g_assert_true (g_date_time_equal (after_set, corrected));
  g_assert_cmpint (puratan_clock_get_monotonic (clock), ==, 1000 + 90 * G_TIME_SPAN_MINUTE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/clock/system", test_system);
  g_test_add_func ("/core/clock/fixed", test_fixed);

  return g_test_run ();
}

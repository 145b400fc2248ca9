/* canvas-input.c: real pointer and key events for the canvas tests, through XTest
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <gdk/x11/gdkx.h>

#include "canvas-input.h"

static Display *
xdisplay (void)
{
  return gdk_x11_display_get_xdisplay (gdk_display_get_default ());
}

/* Lets the X server deliver what was sent and GTK handle it (and draw). */
void
input_settle (void)
{
  XSync (xdisplay (), False);
  for (int round = 0; round < 6; round++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
      XSync (xdisplay (), False);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @done, for at most @timeout_ms. */
gboolean
input_wait (gboolean (*done) (gpointer), gpointer data, guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

/* Screen coordinates of a point on @widget. */
static void
to_screen (GtkWidget *widget, double x, double y, int *sx, int *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  double nx, ny, tx, ty;
  Window child;
  int rx, ry;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native), x, y, &nx, &ny));
  gtk_native_get_surface_transform (native, &tx, &ty);
  XTranslateCoordinates (xdisplay (), gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (xdisplay ()), 0, 0, &rx, &ry, &child);
  *sx = rx + (int) (nx + tx + 0.5);
  *sy = ry + (int) (ny + ty + 0.5);
}

void
input_move (GtkWidget *widget, double x, double y)
{
  int sx, sy;

  to_screen (widget, x, y, &sx, &sy);
  XTestFakeMotionEvent (xdisplay (), -1, sx, sy, CurrentTime);
  input_settle ();
}

void
input_button (guint button, gboolean press)
{
  XTestFakeButtonEvent (xdisplay (), button, press, CurrentTime);
  input_settle ();
}

void
input_click (GtkWidget *widget, double x, double y)
{
  input_move (widget, x, y);
  input_button (1, TRUE);
  input_button (1, FALSE);
  /* Far apart in time from the next click, so two clicks are never a double-click. */
  g_usleep (450 * 1000);
  input_settle ();
}

/* Presses at (x0, y0) and moves to (x1, y1) in eight steps, holding the button. */
void
input_drag_begin (GtkWidget *widget, guint button, double x0, double y0, double x1, double y1)
{
  input_move (widget, x0, y0);
  input_button (button, TRUE);
  for (int k = 1; k <= 8; k++)
    input_move (widget, x0 + (x1 - x0) * k / 8, y0 + (y1 - y0) * k / 8);
}

void
input_drag_end (guint button)
{
  input_button (button, FALSE);
  g_usleep (450 * 1000);
  input_settle ();
}

void
input_drag (GtkWidget *widget, guint button, double x0, double y0, double x1, double y1)
{
  input_drag_begin (widget, button, x0, y0, x1, y1);
  input_drag_end (button);
}

void
input_key (guint keysym, gboolean press)
{
  KeyCode code = XKeysymToKeycode (xdisplay (), keysym);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay (), code, press, CurrentTime);
  input_settle ();
}

void
input_tap (guint keysym)
{
  input_key (keysym, TRUE);
  input_key (keysym, FALSE);
}

/* Types lower-case letters, digits and spaces. */
void
input_type (const char *ascii)
{
  for (const char *p = ascii; *p != '\0'; p++)
    input_tap (*p == ' ' ? XK_space : (guint) (unsigned char) *p);
}

/* One wheel step over (x, y), with a modifier key held (0 for none). */
void
input_scroll (GtkWidget *widget, double x, double y, gboolean down, guint modifier_keysym)
{
  input_move (widget, x, y);
  if (modifier_keysym != 0)
    input_key (modifier_keysym, TRUE);
  input_button (down ? 5 : 4, TRUE);
  input_button (down ? 5 : 4, FALSE);
  if (modifier_keysym != 0)
    input_key (modifier_keysym, FALSE);
}

/* A free keycode, to put a keysym on. */
static KeyCode
spare_keycode (void)
{
  Display *dpy = xdisplay ();
  int min, max, per;
  KeySym *map;
  KeyCode spare = 0;

  XDisplayKeycodes (dpy, &min, &max);
  map = XGetKeyboardMapping (dpy, (KeyCode) min, max - min + 1, &per);
  for (int code = max; code >= min && spare == 0; code--)
    {
      gboolean empty = TRUE;
      for (int k = 0; k < per; k++)
        empty = empty && map[(code - min) * per + k] == NoSymbol;
      if (empty)
        spare = (KeyCode) code;
    }
  XFree (map);
  g_assert_cmpuint (spare, !=, 0);
  return spare;
}

/* Presses and releases a key that types @keysym, as a keyboard layout that has it would:
 * the keysym is put on a spare keycode for the press. */
void
input_tap_keysym (guint keysym)
{
  Display *dpy = xdisplay ();
  KeyCode spare = spare_keycode ();
  KeySym syms[2] = { keysym, keysym };
  KeySym none[2] = { NoSymbol, NoSymbol };

  XChangeKeyboardMapping (dpy, spare, 2, syms, 1);
  input_settle ();
  XTestFakeKeyEvent (dpy, spare, True, CurrentTime);
  XTestFakeKeyEvent (dpy, spare, False, CurrentTime);
  input_settle ();
  XChangeKeyboardMapping (dpy, spare, 2, none, 1);
  input_settle ();
}

/* Types any text, one Unicode keysym per character. */
void
input_type_unicode (const char *utf8)
{
  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    input_tap_keysym (0x01000000 + g_utf8_get_char (p));
}

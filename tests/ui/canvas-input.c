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

/* An XDND drag source on its own X connection and thread, as a file manager would be. */
typedef struct
{
  Display *dpy;
  Window source;
  Window target;
  int x, y;
  char *uri_list;
  gint finished; /* atomic: set by the source's thread */
  gboolean accepted;
} DropSource;

static void
send_xdnd (DropSource *d, const char *message, long l1, long l2, long l3, long l4)
{
  XEvent event = { 0 };

  event.xclient.type = ClientMessage;
  event.xclient.display = d->dpy;
  event.xclient.window = d->target;
  event.xclient.message_type = XInternAtom (d->dpy, message, False);
  event.xclient.format = 32;
  event.xclient.data.l[0] = (long) d->source;
  event.xclient.data.l[1] = l1;
  event.xclient.data.l[2] = l2;
  event.xclient.data.l[3] = l3;
  event.xclient.data.l[4] = l4;
  XSendEvent (d->dpy, d->target, False, NoEventMask, &event);
  XFlush (d->dpy);
}

static gpointer
drop_source_thread (gpointer data)
{
  DropSource *d = data;
  Atom uri_list = XInternAtom (d->dpy, "text/uri-list", False);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  gboolean dropped = FALSE;
  int positions = 0;

  send_xdnd (d, "XdndEnter", 5L << 24, (long) uri_list, 0, 0);
  send_xdnd (d, "XdndPosition", 0, ((long) d->x << 16) | d->y, CurrentTime,
             (long) XInternAtom (d->dpy, "XdndActionCopy", False));
  while (!g_atomic_int_get (&d->finished) && g_get_monotonic_time () < end)
    {
      XEvent event;

      if (!XPending (d->dpy))
        {
          g_usleep (2000);
          continue;
        }
      XNextEvent (d->dpy, &event);
      if (event.type == ClientMessage &&
          event.xclient.message_type == XInternAtom (d->dpy, "XdndStatus", False))
        {
          d->accepted = (event.xclient.data.l[1] & 1) != 0;
          if (d->accepted && !dropped)
            {
              send_xdnd (d, "XdndDrop", 0, CurrentTime, 0, 0);
              dropped = TRUE;
            }
          else if (!dropped && positions++ < 50)
            {
              /* The target decides as the pointer moves: move on to the spot again. */
              g_usleep (20000);
              send_xdnd (d, "XdndPosition", 0, ((long) d->x << 16) | d->y, CurrentTime,
                         (long) XInternAtom (d->dpy, "XdndActionCopy", False));
            }
        }
      else if (event.type == ClientMessage &&
               event.xclient.message_type == XInternAtom (d->dpy, "XdndFinished", False))
        g_atomic_int_set (&d->finished, TRUE);
      else if (event.type == SelectionRequest)
        {
          XSelectionRequestEvent *request = &event.xselectionrequest;
          XEvent reply = { 0 };

          reply.xselection.type = SelectionNotify;
          reply.xselection.display = d->dpy;
          reply.xselection.requestor = request->requestor;
          reply.xselection.selection = request->selection;
          reply.xselection.target = request->target;
          reply.xselection.time = request->time;
          reply.xselection.property = None;
          if (request->target == uri_list)
            {
              XChangeProperty (d->dpy, request->requestor, request->property, uri_list, 8,
                               PropModeReplace, (const unsigned char *) d->uri_list,
                               (int) strlen (d->uri_list));
              reply.xselection.property = request->property;
            }
          XSendEvent (d->dpy, request->requestor, False, NoEventMask, &reply);
          XFlush (d->dpy);
        }
    }
  return NULL;
}

/* Drags the file @uri from another client onto (x, y) of @widget and drops it there,
 * through the XDND protocol. Returns whether the drop was accepted and finished. */
gboolean
input_drop_uri (GtkWidget *widget, double x, double y, const char *uri)
{
  DropSource d = { 0 };
  GThread *thread;
  gint64 end;
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  d.dpy = XOpenDisplay (NULL);
  g_assert_nonnull (d.dpy);
  d.source = XCreateSimpleWindow (d.dpy, DefaultRootWindow (d.dpy), 0, 0, 1, 1, 0, 0, 0);
  XSetSelectionOwner (d.dpy, XInternAtom (d.dpy, "XdndSelection", False), d.source, CurrentTime);
  d.target = gdk_x11_surface_get_xid (surface);
  to_screen (widget, x, y, &d.x, &d.y);
  input_move (widget, x, y);
  d.uri_list = g_strdup_printf ("%s\r\n", uri);
  XFlush (d.dpy);
  thread = g_thread_new ("drop-source", drop_source_thread, &d);
  /* GTK answers on the main loop; the source gives up after 20 seconds. */
  end = g_get_monotonic_time () + 21 * G_USEC_PER_SEC;
  while (!g_atomic_int_get (&d.finished) && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_thread_join (thread);
  input_settle ();
  XDestroyWindow (d.dpy, d.source);
  XCloseDisplay (d.dpy);
  g_free (d.uri_list);
  return d.accepted && g_atomic_int_get (&d.finished);
}

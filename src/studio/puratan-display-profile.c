/* puratan-display-profile.c: the colour profile of the screen the studio shows on
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gdk/x11/gdkx.h>

#include "puratan-display-profile.h"

/* A monitor profile is at most a few megabytes; anything larger is not one. */
#define MAX_PROFILE_BYTES (16 * 1024 * 1024)

/* Reads the "ICC Profiles in X" property of the root window, which colord, dispwin and
 * xcalib set: _ICC_PROFILE for screen 0, _ICC_PROFILE_n for screen n. Returns NULL and
 * says why in @why when there is no usable property. */
static GBytes *
read_x11_property (GdkDisplay *display, char **atom_name, char **why)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);
  int screen = gdk_x11_screen_get_screen_number (gdk_x11_display_get_screen (display));
  Atom atom, type = None;
  int format = 0;
  unsigned long items = 0, bytes_after = 0;
  unsigned char *data = NULL;
  GBytes *bytes = NULL;
  int status;

  *atom_name =
      screen == 0 ? g_strdup ("_ICC_PROFILE") : g_strdup_printf ("_ICC_PROFILE_%d", screen);
  atom = XInternAtom (xdisplay, *atom_name, True);
  if (atom == None)
    {
      *why = g_strdup_printf ("no client has set %s", *atom_name);
      return NULL;
    }

  gdk_x11_display_error_trap_push (display);
  status = XGetWindowProperty (xdisplay, gdk_x11_display_get_xrootwindow (display), atom, 0,
                               MAX_PROFILE_BYTES / 4, False, AnyPropertyType, &type, &format,
                               &items, &bytes_after, &data);
  if (gdk_x11_display_error_trap_pop (display) != 0 || status != Success)
    *why = g_strdup_printf ("%s could not be read from the root window", *atom_name);
  else if (type == None)
    *why = g_strdup_printf ("the root window has no %s property", *atom_name);
  else if (format != 8)
    *why = g_strdup_printf ("%s holds %d-bit items, not bytes", *atom_name, format);
  else if (items == 0)
    *why = g_strdup_printf ("%s is empty", *atom_name);
  else if (bytes_after != 0)
    *why = g_strdup_printf ("%s is larger than any monitor profile", *atom_name);
  else
    bytes = g_bytes_new (data, items);

  if (data != NULL)
    XFree (data);
  return bytes;
}

/**
 * puratan_display_profile_lookup:
 * @display: the display the studio's windows show on
 * @out_source: (out) (optional) (transfer full): where the profile came from:
 *   %PURATAN_DISPLAY_PROFILE_SOURCE_X11 ("X11 _ICC_PROFILE", or "X11 _ICC_PROFILE_n" for
 *   screen n) or %PURATAN_DISPLAY_PROFILE_SOURCE_DEFAULT
 *
 * Finds the colour profile of @display where the system makes one known. On X11 that is
 * the `_ICC_PROFILE` property of the root window of the display's screen (`_ICC_PROFILE_n`
 * for screen n), as set by colord, dispwin or xcalib; GTK 4.8 offers no profile on other
 * backends. When there is no such property, the backend is not X11, or the property does
 * not hold a valid RGB display profile, the standard sRGB profile is returned and the
 * reason is logged at debug level.
 *
 * Returns: (transfer full): the display profile; never %NULL
 */
PuratanIccProfile *
puratan_display_profile_lookup (GdkDisplay *display, char **out_source)
{
  g_autofree char *atom_name = NULL;
  g_autofree char *why = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  PuratanIccProfile *profile = NULL;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  if (!GDK_IS_X11_DISPLAY (display))
    why = g_strdup_printf ("the %s backend makes no display profile known",
                           G_OBJECT_TYPE_NAME (display));
  else
    bytes = read_x11_property (display, &atom_name, &why);

  if (bytes != NULL)
    {
      profile = puratan_icc_profile_new_display_from_data (bytes, &error);
      if (profile == NULL)
        why = g_strdup_printf ("%s does not hold a usable profile: %s", atom_name, error->message);
    }

  if (profile != NULL)
    {
      g_debug ("Display profile “%s” from %s", puratan_icc_profile_get_description (profile),
               atom_name);
      if (out_source != NULL)
        *out_source = g_strdup_printf ("X11 %s", atom_name);
      return profile;
    }

  g_debug ("Using sRGB as the display profile: %s", why);
  if (out_source != NULL)
    *out_source = g_strdup (PURATAN_DISPLAY_PROFILE_SOURCE_DEFAULT);
  return puratan_icc_profile_new_srgb ();
}

/* main.c: entry point of puratan-studio
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <epoxy/gl.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "puratan-application.h"

/* Whether @renderer (GL_RENDERER) names one of Mesa's software rasterisers. */
static gboolean
is_software_gl (const char *renderer)
{
  static const char *const software[] = { "llvmpipe", "softpipe", "swrast", "SWR" };

  for (guint i = 0; renderer != NULL && i < G_N_ELEMENTS (software); i++)
    if (strstr (renderer, software[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* GSK draws with OpenGL unless told otherwise. Where OpenGL is only Mesa's software
 * rasteriser (llvmpipe: no GPU, a virtual machine, Xvfb), GSK's Cairo renderer draws the
 * Design view's canvas far faster: bench/canvas measured pan frames at about 33 ms under
 * GL on llvmpipe against about 4 ms under Cairo.
 *
 * Which GL driver Mesa loads is only known once a context exists, so the display is opened
 * here (gtk_init_check(), which GtkApplication would call anyway) and a GL context is made
 * through GDK, as GSK would make it, to read its GL_RENDERER string. GSK reads GSK_RENDERER
 * when the first window is realised; this runs before the application exists and before
 * any thread of ours, so setting it is safe. A GSK_RENDERER the person set is kept. */
static void
choose_renderer (void)
{
  GdkDisplay *display;
  g_autoptr (GdkGLContext) context = NULL;
  const char *renderer;

  if (g_getenv ("GSK_RENDERER") != NULL || !gtk_init_check ())
    return;
  display = gdk_display_get_default ();
  /* Without GL at all, GSK chooses Cairo by itself. */
  if (display == NULL || !gdk_display_prepare_gl (display, NULL))
    return;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return;
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  if (is_software_gl (renderer))
    {
      g_debug ("OpenGL is software rendering (%s): drawing with GSK's Cairo renderer", renderer);
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
    }
  gdk_gl_context_clear_current ();
}

int
main (int argc, char *argv[])
{
  g_autoptr (PuratanApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  choose_renderer ();
  app = puratan_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

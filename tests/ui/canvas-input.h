/* canvas-input.h: real pointer and key events for the canvas tests, through XTest
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Events go to the X server (Xvfb) and come back to GTK as any user's input would, through
 * GDK's X11 backend and the widgets' event controllers.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void input_settle (void);
gboolean input_wait (gboolean (*done) (gpointer), gpointer data, guint timeout_ms);
void input_move (GtkWidget *widget, double x, double y);
void input_button (guint button, gboolean press);
void input_click (GtkWidget *widget, double x, double y);
void input_drag (GtkWidget *widget, guint button, double x0, double y0, double x1, double y1);
void input_drag_begin (GtkWidget *widget, guint button, double x0, double y0, double x1, double y1);
void input_drag_end (guint button);
void input_key (guint keysym, gboolean press);
void input_tap (guint keysym);
void input_type (const char *ascii);
void input_type_unicode (const char *utf8);
void input_tap_keysym (guint keysym);
gboolean input_drop_uri (GtkWidget *widget, double x, double y, const char *uri);
void input_scroll (GtkWidget *widget, double x, double y, gboolean down, guint modifier_keysym);

G_END_DECLS

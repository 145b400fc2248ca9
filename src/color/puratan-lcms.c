/* puratan-lcms.c: Little CMS contexts whose errors become GErrors
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-lcms-private.h"

#include "puratan-color-error.h"

struct _PuratanLcms
{
  cmsContext context;
  GMutex lock;
  char *message;
};

static void
log_error (cmsContext context, cmsUInt32Number code, const char *text)
{
  PuratanLcms *self = cmsGetContextUserData (context);

  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  g_free (self->message);
  self->message = g_strdup (text != NULL ? text : "unknown Little CMS error");
  g_mutex_unlock (&self->lock);
}

PuratanLcms *
puratan_lcms_new (void)
{
  PuratanLcms *self = g_new0 (PuratanLcms, 1);

  g_mutex_init (&self->lock);
  self->context = cmsCreateContext (NULL, self);
  g_assert (self->context != NULL);
  cmsSetLogErrorHandlerTHR (self->context, log_error);
  return self;
}

void
puratan_lcms_free (PuratanLcms *self)
{
  if (self == NULL)
    return;

  cmsDeleteContext (self->context);
  g_free (self->message);
  g_mutex_clear (&self->lock);
  g_free (self);
}

cmsContext
puratan_lcms_context (PuratanLcms *self)
{
  return self->context;
}

char *
puratan_lcms_take_message (PuratanLcms *self)
{
  char *message;

  g_mutex_lock (&self->lock);
  message = g_steal_pointer (&self->message);
  g_mutex_unlock (&self->lock);
  return message;
}

void
puratan_lcms_set_error (PuratanLcms *self, GError **error, int code, const char *prefix)
{
  g_autofree char *message = puratan_lcms_take_message (self);

  if (message != NULL)
    g_set_error (error, PURATAN_COLOR_ERROR, code, "%s: %s", prefix, message);
  else
    g_set_error_literal (error, PURATAN_COLOR_ERROR, code, prefix);
}

/* puratan-preflight-error.h: why a PDF could not be checked
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preflight has its own domain because callers act on these cases differently: the
 * CLI exits 2 for all of them, while the studio and the server tell a customer to remove
 * a password, to export the file again, or (for a missing renderer) call the shop.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PURATAN_PREFLIGHT_ERROR (puratan_preflight_error_quark ())

/**
 * PuratanPreflightError:
 * @PURATAN_PREFLIGHT_ERROR_UNREADABLE: the file cannot be opened or read at all
 * @PURATAN_PREFLIGHT_ERROR_DAMAGED: the file is not a PDF or is too damaged to check
 * @PURATAN_PREFLIGHT_ERROR_ENCRYPTED: the file needs a password to open
 * @PURATAN_PREFLIGHT_ERROR_RENDERER: the separations renderer (Ghostscript) failed
 * @PURATAN_PREFLIGHT_ERROR_TIMEOUT: checking took longer than the time limit
 *
 * Error codes of the %PURATAN_PREFLIGHT_ERROR domain.
 */
typedef enum
{
  PURATAN_PREFLIGHT_ERROR_UNREADABLE,
  PURATAN_PREFLIGHT_ERROR_DAMAGED,
  PURATAN_PREFLIGHT_ERROR_ENCRYPTED,
  PURATAN_PREFLIGHT_ERROR_RENDERER,
  PURATAN_PREFLIGHT_ERROR_TIMEOUT,
} PuratanPreflightError;

GQuark puratan_preflight_error_quark (void);

G_END_DECLS

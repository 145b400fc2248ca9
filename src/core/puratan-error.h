/* puratan-error.h: the project's error domain
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PURATAN_ERROR (puratan_error_quark ())

/**
 * PuratanError:
 * @PURATAN_ERROR_INVALID_INPUT: input broke a documented rule (range, syntax, required field)
 * @PURATAN_ERROR_PARSE: text or a file could not be parsed (malformed JSON, number, amount)
 * @PURATAN_ERROR_OVERFLOW: an arithmetic result does not fit its type
 * @PURATAN_ERROR_CURRENCY_MISMATCH: amounts in different currencies were combined
 * @PURATAN_ERROR_UNKNOWN_CURRENCY: a currency code is not an ISO 4217 code the project knows
 * @PURATAN_ERROR_NOT_FOUND: a named record, file or item does not exist
 * @PURATAN_ERROR_IO: reading or writing storage failed
 * @PURATAN_ERROR_CORRUPT: stored data is damaged or not what it claims to be
 * @PURATAN_ERROR_UNSUPPORTED_VERSION: data comes from a newer version of Puratan Studio
 * @PURATAN_ERROR_CONFLICT: a write was based on a stale version of a record
 * @PURATAN_ERROR_PERMISSION_DENIED: the acting user's role does not allow the operation
 * @PURATAN_ERROR_RANDOM: the operating system's secure random source failed
 *
 * Error codes of the %PURATAN_ERROR domain. Callers may branch on the code;
 * the message is written for the person who must act on it.
 */
typedef enum
{
  PURATAN_ERROR_INVALID_INPUT,
  PURATAN_ERROR_PARSE,
  PURATAN_ERROR_OVERFLOW,
  PURATAN_ERROR_CURRENCY_MISMATCH,
  PURATAN_ERROR_UNKNOWN_CURRENCY,
  PURATAN_ERROR_NOT_FOUND,
  PURATAN_ERROR_IO,
  PURATAN_ERROR_CORRUPT,
  PURATAN_ERROR_UNSUPPORTED_VERSION,
  PURATAN_ERROR_CONFLICT,
  PURATAN_ERROR_PERMISSION_DENIED,
  PURATAN_ERROR_RANDOM,
} PuratanError;

GQuark puratan_error_quark (void);

G_END_DECLS

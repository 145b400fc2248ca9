/* puratan-auth.h: umbrella header of the auth layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-auth-error.h"
#include "puratan-base32.h"
#include "puratan-login-throttle.h"
#include "puratan-password.h"
#include "puratan-permission.h"
#include "puratan-role.h"
#include "puratan-token.h"
#include "puratan-totp.h"

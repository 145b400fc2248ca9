/* puratan-store.h: umbrella header of the store layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-account.h"
#include "puratan-audit.h"
#include "puratan-auth-session.h"
#include "puratan-backup.h"
#include "puratan-change-feed.h"
#include "puratan-customer.h"
#include "puratan-database.h"
#include "puratan-file-store.h"
#include "puratan-idempotency.h"
#include "puratan-login-failure.h"
#include "puratan-order.h"
#include "puratan-outbox.h"
#include "puratan-payment.h"
#include "puratan-online-payment.h"
#include "puratan-settings.h"
#include "puratan-store-health.h"
#include "puratan-upload.h"
#include "puratan-sync-state.h"
#include "puratan-sync-upload.h"

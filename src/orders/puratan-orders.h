/* puratan-orders.h: umbrella header of the orders layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-documents.h"
#include "puratan-line-snapshot.h"
#include "puratan-order-service.h"
#include "puratan-payment-provider.h"
#include "puratan-payments.h"
#include "puratan-qr.h"
#include "puratan-shop.h"
#include "puratan-stripe-provider.h"
#include "puratan-workflow.h"

/* puratan-doc.h: umbrella header of the document layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-doc-item.h"
#include "puratan-document.h"
#include "puratan-template.h"

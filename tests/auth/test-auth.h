/* test-auth.h: the auth layer's test cases, registered by test-auth.c
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

void add_token_tests (void);

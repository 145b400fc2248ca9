/* puratan-icc-profile-private.h: Little CMS access to profiles inside the color layer
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-icc-profile.h"
#include "puratan-lcms-private.h"

G_BEGIN_DECLS

/* Opens a fresh Little CMS handle on the profile's bytes in @lcms's context. The handle
 * belongs to the caller (cmsCloseProfile) and to one thread at a time. */
cmsHPROFILE puratan_icc_profile_open (PuratanIccProfile *self, PuratanLcms *lcms, GError **error);
void puratan_icc_profile_set_origin (PuratanIccProfile *self, PuratanProfileOrigin origin);

G_END_DECLS

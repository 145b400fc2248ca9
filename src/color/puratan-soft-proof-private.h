/* puratan-soft-proof-private.h: the Little CMS proofing transform behind a soft proof
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-lcms-private.h"
#include "puratan-soft-proof.h"

G_BEGIN_DECLS

/* Builds Little CMS's own soft-proofing transform for @options (working -> press -> display),
 * in @lcms's context. With @alarm non-NULL the transform checks the gamut and writes
 * @alarm (16-bit display channels in R, G, B order) for colours outside the press gamut.
 * @extra_flags are added to the cmsFLAGS_ the options call for.
 * The soft proof samples its table through this; benchmarks and tests compare with it. */
cmsHTRANSFORM puratan_soft_proof_create_lcms_transform (PuratanLcms *lcms,
                                                        PuratanIccProfile *working,
                                                        PuratanIccProfile *press,
                                                        PuratanIccProfile *display,
                                                        const PuratanProofOptions *options,
                                                        cmsUInt32Number input_format,
                                                        cmsUInt32Number output_format,
                                                        const cmsUInt16Number *alarm,
                                                        cmsUInt32Number extra_flags,
                                                        GError **error);

G_END_DECLS

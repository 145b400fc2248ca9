/* e2e-util.h: running the real programs from end-to-end tests
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a finished program left behind. */
typedef struct
{
  int exit_status;
  char *out;
  char *err;
} E2eRun;

void e2e_run_clear (E2eRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (E2eRun, e2e_run_clear)

const char *e2e_program (const char *env_var);
GSubprocessLauncher *e2e_launcher_new (GSubprocessFlags flags);
void e2e_run (E2eRun *run, const char *const *argv);
GBytes *e2e_corpus_file (const char *name);

G_END_DECLS

/* bench-preflight.c: full preflight against what a technician runs by hand
 *
 * The baseline is `pdffonts FILE; pdfimages -list FILE; gs -sDEVICE=inkcov FILE`, run
 * one after the other as a prepress technician would. Preflight does all its checks,
 * ink coverage at the GWG area rule included, two ways:
 *
 * - warm: in this process, as the studio and the server run it. Before each timed run the
 *   Ghostscript workers are stopped and warmed up again on the built-in page, so a run
 *   never profits from having seen the file before: it is the first check of that file by
 *   a program that has just started.
 * - cold: `puratan preflight FILE` as a new process, workers started from nothing.
 *
 * Each is run five times, alternating, and the median wall time is printed with the ratio;
 * the target is at most 0.50 on multi-page files.
 *
 * Usage: bench-preflight [FILE.pdf…]. Without files it joins corpus pages into a
 * 33-page file with qpdf and also measures the corpus's 3-page issue6127.pdf.
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <stdio.h>
#include <sys/wait.h>

#include "puratan-gs-pool-private.h"
#include "puratan-preflight.h"

#define ROUNDS 5
#define TARGET 0.50

/* Runs @argv to its end; returns its wall time and adds to *@peak_mb the larger of it and
 * the peak resident size of the process and the children it waited for. */
static double
run_measured (const char *const *argv, double *peak_mb)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  GPid pid;
  int status = 0;

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                          G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (wait4 (pid, &status, 0, &usage) != pid)
    g_error ("cannot wait for %s", argv[0]);
  g_spawn_close_pid (pid);
  *peak_mb = MAX (*peak_mb, usage.ru_maxrss / 1024.0);
  return (g_get_monotonic_time () - start) / 1e6;
}

/* CPU seconds (user + system) used so far by this process and its finished children. */
static double
cpu_seconds (void)
{
  struct rusage self, children;

  getrusage (RUSAGE_SELF, &self);
  getrusage (RUSAGE_CHILDREN, &children);
  return self.ru_utime.tv_sec + self.ru_stime.tv_sec + children.ru_utime.tv_sec +
         children.ru_stime.tv_sec +
         (self.ru_utime.tv_usec + self.ru_stime.tv_usec + children.ru_utime.tv_usec +
          children.ru_stime.tv_usec) /
             1e6;
}

/* The technician's three commands, one after the other; see run_measured() for @peak_mb. */
static double
baseline (const char *path, double *peak_mb)
{
  const char *fonts[] = { "pdffonts", path, NULL };
  const char *images[] = { "pdfimages", "-list", path, NULL };
  const char *ink[] = { "gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=inkcov",
                        "-o", "-",  path,      NULL };

  return run_measured (fonts, peak_mb) + run_measured (images, peak_mb) +
         run_measured (ink, peak_mb);
}

/* `puratan preflight FILE` in a new process: exit 0 or 1 (findings), not 2. */
static double
preflight_cold (const char *path)
{
  const char *argv[] = { PURATAN_CLI_PATH, "preflight", path, "--format", "json", NULL };
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  if (!WIFEXITED (status) || WEXITSTATUS (status) > 1)
    g_error ("puratan preflight %s could not check the file", path);
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
preflight_warm (const char *path, PuratanPreflightProfile *profile, guint *pages)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanPreflightReport) report = NULL;
  gint64 start;
  double elapsed;

  puratan_gs_pool_stop_idle ();
  puratan_gs_pool_warm_up_sync ();
  start = g_get_monotonic_time ();
  report = puratan_preflight_run (path, profile, NULL, &error);
  elapsed = (g_get_monotonic_time () - start) / 1e6;

  if (report == NULL)
    g_error ("preflight of %s failed: %s", path, error->message);
  if (puratan_preflight_report_get_ink (report)->len == 0)
    g_error ("preflight of %s measured no ink", path);
  *pages = puratan_preflight_report_get_n_pages (report);
  return elapsed;
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v)
{
  qsort (v, ROUNDS, sizeof (double), (GCompareFunc) compare_doubles);
  return v[ROUNDS / 2];
}

/* Joins the pages of @inputs, in order, into @out with qpdf. */
static void
join_pages (GPtrArray *inputs, const char *out)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  double unused_peak = 0;

  g_ptr_array_add (argv, (gpointer) "qpdf");
  g_ptr_array_add (argv, (gpointer) "--empty");
  g_ptr_array_add (argv, (gpointer) "--pages");
  g_ptr_array_extend (argv, inputs, NULL, NULL);
  g_ptr_array_add (argv, (gpointer) "--");
  g_ptr_array_add (argv, (gpointer) out);
  g_ptr_array_add (argv, NULL);
  run_measured ((const char *const *) argv->pdata, &unused_peak);
  if (!g_file_test (out, G_FILE_TEST_IS_REGULAR))
    g_error ("qpdf could not join the pages into %s", out);
}

static char *
join_corpus_pages (const char *dir)
{
  const char *round[] = { "pdfjs/issue6127.pdf",           "pdfjs/issue9949.pdf",
                          "pdfjs/issue20513.pdf",          "pdfjs/issue14297.pdf",
                          "pdfjs/issue21570.pdf",          "verapdf/6-2-11-4-1-t01-fail-c.pdf",
                          "verapdf/6-2-4-4-t01-pass-a.pdf" };
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  char *out = g_build_filename (dir, "joined-33.pdf", NULL);

  /* Three rounds of 9 pages, then issue6127 (3) and three single pages: 33 pages. */
  for (int r = 0; r < 4; r++)
    for (gsize i = 0; i < G_N_ELEMENTS (round) - (r == 3 ? 3 : 0); i++)
      g_ptr_array_add (inputs, g_build_filename (PURATAN_CORPUS_DIR, round[i], NULL));
  join_pages (inputs, out);
  return out;
}

/* The 33-page file fifteen times over: a long catalogue. */
static char *
join_long_file (const char *dir, const char *joined)
{
  g_autoptr (GPtrArray) inputs = g_ptr_array_new ();
  char *out = g_build_filename (dir, "joined-495.pdf", NULL);

  for (int r = 0; r < 15; r++)
    g_ptr_array_add (inputs, (gpointer) joined);
  join_pages (inputs, out);
  return out;
}

/* One round on each file, with the peak resident size of the largest process: a long file
 * must not need more memory than a short one. */
static void
print_memory (GPtrArray *files, PuratanPreflightProfile *profile)
{
  g_print ("\n%-16s %5s %10s %10s %10s  %s\n", "file (1 round)", "pages", "baseline s", "warm s",
           "cold s", "peak resident size, largest process: baseline / cold CLI");
  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autofree char *name = g_path_get_basename (path);
      const char *cli[] = { PURATAN_CLI_PATH, "preflight", path, "--format", "json", NULL };
      double base_mb = 0, cold_mb = 0, b, w, c;
      guint pages = 0;

      b = baseline (path, &base_mb);
      w = preflight_warm (path, profile, &pages);
      c = run_measured (cli, &cold_mb);
      g_print ("%-16s %5u %10.3f %10.3f %10.3f  %.0f MB / %.0f MB\n", name, pages, b, w, c, base_mb,
               cold_mb);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (PuratanPreflightProfile) profile =
      puratan_preflight_profile_load_builtin ("gwg-sheetcmyk", NULL);
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *long_file = NULL;

  if (argc > 1)
    for (int i = 1; i < argc; i++)
      g_ptr_array_add (files, g_strdup (argv[i]));
  else
    {
      dir = g_dir_make_tmp ("puratan-bench-preflight-XXXXXX", NULL);
      joined = join_corpus_pages (dir);
      g_ptr_array_add (files, g_strdup (joined));
      g_ptr_array_add (files, g_build_filename (PURATAN_CORPUS_DIR, "pdfjs/issue6127.pdf", NULL));
    }

  {
    g_autofree char *load = NULL;
    double one = 0, five = 0;
    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL) &&
        sscanf (load, "%lf %lf", &one, &five) == 2)
      g_print ("load average at start: %.2f (1 min), %.2f (5 min) on %u cores; other work on "
               "the machine slows the two-core preflight more than the one-core baseline\n",
               one, five, g_get_num_processors ());
  }
  g_print ("%-16s %5s %10s %10s %6s %10s %6s  target ≤ %.2f (warm)\n", "file", "pages",
           "baseline s", "warm s", "ratio", "cold s", "ratio", TARGET);
  for (guint f = 0; f < files->len; f++)
    {
      const char *path = g_ptr_array_index (files, f);
      g_autofree char *name = g_path_get_basename (path);
      double base[ROUNDS], warm[ROUNDS], cold[ROUNDS], base_cpu = 0, cold_cpu = 0, b, w, c;
      double base_peak_mb = 0; /* printed by the memory table, not here */
      guint pages = 0;

      for (int r = 0; r < ROUNDS; r++)
        {
          double c0, c1, c2;
          warm[r] = preflight_warm (path, profile, &pages);
          c0 = cpu_seconds ();
          base[r] = baseline (path, &base_peak_mb);
          c1 = cpu_seconds ();
          cold[r] = preflight_cold (path);
          c2 = cpu_seconds ();
          base_cpu += (c1 - c0) / ROUNDS;
          cold_cpu += (c2 - c1) / ROUNDS;
        }
      b = median (base);
      w = median (warm);
      c = median (cold);
      g_print ("%-16s %5u %10.3f %10.3f %6.2f %10.3f %6.2f  %s\n", name, pages, b, w, w / b, c,
               c / b,
               pages < 2         ? "(single page)"
               : w / b <= TARGET ? "met"
                                 : "missed");
      g_print ("%-16s %5s %10.3f %10s %6s %10.3f %6.2f  (CPU seconds, all processes)\n", "", "",
               base_cpu, "", "", cold_cpu, cold_cpu / base_cpu);
    }

  if (joined != NULL)
    {
      g_autoptr (GPtrArray) memory_files = g_ptr_array_new ();

      long_file = join_long_file (dir, joined);
      g_ptr_array_add (memory_files, joined);
      g_ptr_array_add (memory_files, long_file);
      print_memory (memory_files, profile);
      g_unlink (long_file);
      g_unlink (joined);
      g_rmdir (dir);
    }
  return 0;
}

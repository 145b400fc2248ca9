/* puratan-gs-worker.c: one long-lived Ghostscript process rendering CMYK pages
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting Ghostscript costs more than rendering a short file: the interpreter, the colour
 * links to CMYK and the substitute fonts are built again by every process. A worker keeps
 * one interpreter running and hands it one page range at a time, so that cost is paid once.
 *
 * The process runs with -dSAFER and may read and write only its own private directory
 * (mode 0700). Each job links the PDF into that directory as in.pdf and sends one line of
 * PostScript over a socket that is the process's standard input and output: the job runs
 * inside save/restore and `stopped`, renders the pages with the pamcmyk32 device as
 * p<N>.pam, and answers "PURATAN <nonce> ok|failed <page count before the job>". The nonce
 * is random per job, so nothing a PDF makes Ghostscript print can pass for the answer.
 * Ghostscript's own messages on the same stream are read and dropped.
 */
#include "puratan-gs-worker-private.h"
#include "puratan-id.h"
#include "puratan-preflight-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define REPLY_PREFIX     "PURATAN "
#define MAX_PENDING_TEXT (64 * 1024)
#define READ_CHUNK       4096

struct _PuratanGsWorker
{
  GSubprocess *process;
  int socket; /* our end; the other end is the process's stdin and stdout */
  char *directory;
  GString *pending; /* text read after the last complete line */
  guint n_jobs;
};

/* Appends @text as the body of a PostScript string literal. */
static void
append_ps_string (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '(' || *p == ')' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n' || *p == '\r')
        g_string_append_printf (out, "\\%03o", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
}

/* Appends @text to an OutputFile template, where a '%' would start a page-number field. */
static void
append_output_template (GString *out, const char *text)
{
  g_autoptr (GString) doubled = g_string_new (text);
  g_string_replace (doubled, "%", "%%", 0);
  append_ps_string (out, doubled->str);
}

static void
remove_directory_contents (const char *directory)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_unlink (path);
    }
}

static GSubprocess *
spawn_ghostscript (const char *directory, int child_end, GError **error)
{
  g_autoptr (GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *read_dir = g_strdup_printf ("--permit-file-read=%s/", directory);
  g_autofree char *write_dir = g_strdup_printf ("--permit-file-write=%s/", directory);
  g_autofree char *output = g_strdup_printf ("-sOutputFile=%s/start.pam", directory);
  int child_out = fcntl (child_end, F_DUPFD_CLOEXEC, 3);

  if (child_out < 0)
    {
      int saved = errno;
      close (child_end);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot connect to Ghostscript: %s", g_strerror (saved));
      return NULL;
    }
  g_subprocess_launcher_take_stdin_fd (launcher, child_end);
  g_subprocess_launcher_take_stdout_fd (launcher, child_out);
  return g_subprocess_launcher_spawn (launcher, error, "gs", "-q", "-dSAFER", "-dNOPAUSE",
                                      "-dNOPROMPT", "-dUseBleedBox", "-sDEVICE=pamcmyk32", output,
                                      read_dir, write_dir, NULL);
}

/**
 * puratan_gs_worker_new:
 * @error: return location for a #GError
 *
 * Starts a Ghostscript process in a new private directory. It is ready at once: the first
 * job waits while the interpreter finishes starting.
 *
 * Returns: (transfer full) (nullable): the worker, or %NULL with @error set when the
 *   directory cannot be made or Ghostscript (gs) cannot be started
 */
PuratanGsWorker *
puratan_gs_worker_new (GError **error)
{
  g_autoptr (PuratanGsWorker) worker = g_new0 (PuratanGsWorker, 1);
  int ends[2];

  worker->socket = -1;
  worker->pending = g_string_new (NULL);
  worker->directory = g_dir_make_tmp ("puratan-gs-XXXXXX", error);
  if (worker->directory == NULL)
    return NULL;
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot connect to Ghostscript: %s", g_strerror (saved));
      return NULL;
    }
  worker->socket = ends[0];
  worker->process = spawn_ghostscript (worker->directory, ends[1], error);
  if (worker->process == NULL)
    {
      g_prefix_error (error, "Ghostscript (gs) is needed to measure ink coverage: ");
      return NULL;
    }
  return g_steal_pointer (&worker);
}

static gboolean
send_all (int fd, const char *data, gsize length, GError **error)
{
  while (length > 0)
    {
      ssize_t sent = send (fd, data, length, MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR)
        continue;
      if (sent <= 0)
        {
          int saved = errno;
          g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_RENDERER,
                       "Ghostscript stopped unexpectedly (%s)", g_strerror (saved));
          return FALSE;
        }
      data += sent;
      length -= (gsize) sent;
    }
  return TRUE;
}

/* Takes complete lines out of @worker->pending; returns the first that starts with
 * @prefix (transfer full), dropping the others. */
static char *
take_reply_line (PuratanGsWorker *worker, const char *prefix)
{
  char *newline;

  while ((newline = memchr (worker->pending->str, '\n', worker->pending->len)) != NULL)
    {
      gsize length = (gsize) (newline - worker->pending->str);
      char *line = g_strndup (worker->pending->str, length);
      g_string_erase (worker->pending, 0, (gssize) length + 1);
      if (g_str_has_prefix (line, prefix))
        return line;
      g_free (line);
    }
  if (worker->pending->len > MAX_PENDING_TEXT)
    g_string_erase (worker->pending, 0, (gssize) (worker->pending->len - strlen (prefix)));
  return NULL;
}

static gboolean
wait_readable (int fd, gint64 deadline, GCancellable *cancellable, GError **error)
{
  struct pollfd fds[2] = { { .fd = fd, .events = POLLIN }, { .fd = -1, .events = POLLIN } };
  GPollFD cancel_fd = { .fd = -1 };
  gboolean can_cancel = g_cancellable_make_pollfd (cancellable, &cancel_fd);
  gint64 now = g_get_monotonic_time ();
  int timeout_ms = (int) MIN ((deadline - now + 999) / 1000, G_MAXINT);
  int ready = 0;
  int saved = 0;

  fds[1].fd = can_cancel ? cancel_fd.fd : -1;
  if (now < deadline)
    {
      ready = poll (fds, G_N_ELEMENTS (fds), timeout_ms);
      saved = errno;
    }
  if (can_cancel)
    g_cancellable_release_fd (cancellable);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (ready == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "Ghostscript did not answer in time");
      return FALSE;
    }
  if (ready < 0 && saved != EINTR)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot wait for Ghostscript: %s", g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Reads until the line that starts with @prefix; returns it (transfer full). */
static char *
read_reply (PuratanGsWorker *worker,
            const char *prefix,
            gint64 deadline,
            GCancellable *cancellable,
            GError **error)
{
  char chunk[READ_CHUNK];

  for (;;)
    {
      char *line = take_reply_line (worker, prefix);
      ssize_t got;

      if (line != NULL)
        return line;
      if (!wait_readable (worker->socket, deadline, cancellable, error))
        return NULL;
      got = recv (worker->socket, chunk, sizeof chunk, MSG_DONTWAIT);
      if (got < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (got <= 0)
        {
          g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_RENDERER,
                       "Ghostscript stopped unexpectedly");
          return NULL;
        }
      g_string_append_len (worker->pending, chunk, got);
    }
}

/* One line of PostScript that renders @first to @last of the linked file and answers. */
static char *
job_command (PuratanGsWorker *worker, const char *prefix, guint first, guint last, double dpi)
{
  g_autofree char *input = g_build_filename (worker->directory, "in.pdf", NULL);
  GString *ps = g_string_new ("/puratan_save save def << /OutputFile (");
  char resolution[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (resolution, sizeof resolution, "%.4f", dpi);
  append_output_template (ps, worker->directory);
  g_string_append (ps, "/p%d.pam");
  g_string_append_printf (ps, ") /HWResolution [%s %s] >> setpagedevice ", resolution, resolution);
  g_string_append (ps, "userdict /puratan_base currentpagedevice /PageCount get put mark { (");
  append_ps_string (ps, input);
  g_string_append_printf (ps,
                          ") (r) file runpdfbegin process_trailer_attrs %u %u dopdfpages "
                          "runpdfend } stopped not userdict /puratan_ok 3 -1 roll put clear "
                          "cleardictstack (%s) print puratan_ok { (ok ) } { (failed ) } ifelse "
                          "print puratan_base =only (\\n) print flush puratan_save restore\n",
                          first, last, prefix);
  return g_string_free (ps, FALSE);
}

static gboolean
link_input (PuratanGsWorker *worker, const char *pdf_path, GError **error)
{
  g_autofree char *absolute = g_canonicalize_filename (pdf_path, NULL);
  g_autofree char *link = g_build_filename (worker->directory, "in.pdf", NULL);

  if (symlink (absolute, link) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot hand the file to Ghostscript: %s", g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Parses "PURATAN <nonce> ok|failed <base>" after @prefix. */
static gboolean
parse_reply (
    const char *reply, gsize prefix_length, guint first, guint last, guint64 *base, GError **error)
{
  const char *rest = reply + prefix_length;

  if (g_str_has_prefix (rest, "ok ") &&
      g_ascii_string_to_unsigned (rest + 3, 10, 0, G_MAXUINT32, base, NULL))
    return TRUE;
  g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_RENDERER,
               "Ghostscript could not render pages %u to %u for the ink measurement", first, last);
  return FALSE;
}

/* The renders of @first to @last, which Ghostscript numbered from @base + 1. A page without
 * a render is a failure: Ghostscript reports what it cannot read and goes on. */
static gboolean
collect_renders (PuratanGsWorker *worker,
                 guint first,
                 guint last,
                 guint64 base,
                 GPtrArray **page_paths,
                 GError **error)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint page = first; page <= last; page++)
    {
      g_autofree char *name =
          g_strdup_printf ("p%" G_GUINT64_FORMAT ".pam", base + page - first + 1);
      char *path = g_build_filename (worker->directory, name, NULL);

      g_ptr_array_add (paths, path);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, PURATAN_PREFLIGHT_ERROR, PURATAN_PREFLIGHT_ERROR_RENDERER,
                       "Ghostscript could not render page %u for the ink measurement", page);
          return FALSE;
        }
    }
  *page_paths = g_steal_pointer (&paths);
  return TRUE;
}

/**
 * puratan_gs_worker_render:
 * @worker: an idle worker
 * @pdf_path: the PDF to render
 * @first: first page, 1-based
 * @last: last page, inclusive, not beyond the file's page count
 * @dpi: resolution of the render
 * @deadline: monotonic time (µs) by which the answer must come
 * @cancellable: (nullable): cancels the wait for the answer
 * @page_paths: (out) (transfer full) (element-type filename): for each page from @first to
 *   @last, the path of its render (a netpbm PAM file, TUPLTYPE CMYK)
 * @error: return location for a #GError: %G_IO_ERROR_TIMED_OUT, %G_IO_ERROR_CANCELLED or
 *   %PURATAN_PREFLIGHT_ERROR_RENDERER
 *
 * Renders the pages, using only the BleedBox. The renders stay until the next job or until
 * the worker is freed. After a failure the worker's interpreter may be left in any state:
 * free it rather than reuse it.
 *
 * Returns: %TRUE when Ghostscript rendered every page of the range
 */
gboolean
puratan_gs_worker_render (PuratanGsWorker *worker,
                          const char *pdf_path,
                          guint first,
                          guint last,
                          double dpi,
                          gint64 deadline,
                          GCancellable *cancellable,
                          GPtrArray **page_paths,
                          GError **error)
{
  g_autofree char *nonce = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *command = NULL;
  g_autofree char *reply = NULL;
  guint64 base = 0;

  g_return_val_if_fail (worker != NULL && pdf_path != NULL, FALSE);
  g_return_val_if_fail (first >= 1 && first <= last && dpi > 0, FALSE);
  g_return_val_if_fail (page_paths != NULL, FALSE);

  remove_directory_contents (worker->directory);
  worker->n_jobs++;
  nonce = puratan_id_new (error);
  if (nonce == NULL || !link_input (worker, pdf_path, error))
    return FALSE;
  prefix = g_strconcat (REPLY_PREFIX, nonce, " ", NULL);
  command = job_command (worker, prefix, first, last, dpi);
  if (!send_all (worker->socket, command, strlen (command), error))
    return FALSE;
  reply = read_reply (worker, prefix, deadline, cancellable, error);
  if (reply == NULL || !parse_reply (reply, strlen (prefix), first, last, &base, error))
    return FALSE;

  return collect_renders (worker, first, last, base, page_paths, error);
}

/**
 * puratan_gs_worker_get_n_jobs:
 * @worker: a worker
 *
 * Returns: how many jobs the worker has been given
 */
guint
puratan_gs_worker_get_n_jobs (PuratanGsWorker *worker)
{
  g_return_val_if_fail (worker != NULL, 0);
  return worker->n_jobs;
}

/**
 * puratan_gs_worker_free:
 * @worker: (transfer full) (nullable): a worker
 *
 * Stops the process, waits for it to end and removes its directory.
 */
void
puratan_gs_worker_free (PuratanGsWorker *worker)
{
  if (worker == NULL)
    return;
  if (worker->socket >= 0)
    close (worker->socket);
  if (worker->process != NULL)
    {
      g_subprocess_force_exit (worker->process);
      g_subprocess_wait (worker->process, NULL, NULL);
      g_object_unref (worker->process);
    }
  if (worker->directory != NULL)
    {
      remove_directory_contents (worker->directory);
      g_rmdir (worker->directory);
      g_free (worker->directory);
    }
  g_string_free (worker->pending, TRUE);
  g_free (worker);
}

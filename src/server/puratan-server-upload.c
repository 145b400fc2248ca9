/* puratan-server-upload.c: spooling upload bodies to private files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body of a request to an upload route is written to a file as it
 * arrives instead of being held in memory. Each file lives in the data
 * directory's "uploads" folder (mode 0700), has mode 0600 and a random name
 * ("upload-UUID"), and is created exclusively; a client's own file name is
 * never used. The file goes when the request ends unless a handler took it.
 */
#include "puratan-server-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "puratan-id.h"

#define UPLOAD_DIR    "uploads"
#define UPLOAD_PREFIX "upload-"

/* Creates a new, empty upload file in @data_dir's upload folder. Returns
 * its open descriptor and sets *path (transfer full), or returns -1 with
 * @error set. */
int
puratan_server_upload_create (const char *data_dir, char **path, GError **error)
{
  g_autofree char *dir = g_build_filename (data_dir, UPLOAD_DIR, NULL);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create the upload folder “%s”: %s", dir, g_strerror (saved_errno));
      return -1;
    }

  id = puratan_id_new (error);
  if (id == NULL)
    return -1;
  name = g_strconcat (UPLOAD_PREFIX, id, NULL);
  file = g_build_filename (dir, name, NULL);

  fd = g_open (file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create the upload file “%s”: %s", file, g_strerror (saved_errno));
      return -1;
    }

  *path = g_steal_pointer (&file);
  return fd;
}

/* Appends @length bytes of @data to the upload file @fd. Returns FALSE
 * with @error set when they cannot all be written. */
gboolean
puratan_server_upload_write (int fd, const void *data, gsize length, GError **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      ssize_t n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot write an upload file: %s", g_strerror (saved_errno));
          return FALSE;
        }
      p += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* Deletes uploads left in @data_dir's upload folder by a server that
 * stopped while it handled them. Called before the server listens. */
void
puratan_server_remove_stale_uploads (const char *data_dir)
{
  g_autofree char *dir_path = g_build_filename (data_dir, UPLOAD_DIR, NULL);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, UPLOAD_PREFIX))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_unlink (path) != 0)
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                          "Cannot remove the stale upload “%s”: %s", path, g_strerror (errno));
    }
}

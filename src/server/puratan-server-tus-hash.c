/* puratan-server-tus-hash.c: the SHA-256 of a tus PATCH's bytes, on a thread of its own
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PATCH's bytes are written to the upload's partial file on the main loop as they arrive
 * (got_chunk_cb in puratan-server.c); their SHA-256 (the chunk's, for Upload-Checksum, and
 * the whole upload's, so that a finished upload is stored by its hash without reading it
 * again) is worked out here, on a thread per PATCH, so hashing neither holds up the main
 * loop's other requests nor caps the upload's speed at one core's hashing speed on top of
 * the loop's own work. SHA-256 is Nettle's, which uses the CPU's SHA instructions where
 * there are some.
 *
 * The thread takes libsoup's chunks by reference, without copying them. At most
 * MAX_QUEUED bytes wait for it: when the network outruns the hashing, feeding waits
 * until the thread has caught up, so memory stays bounded whatever the upload's size.
 */
#include "puratan-server-tus-private.h"

#include <nettle/sha2.h>
#include <string.h>

/* The most bytes waiting to be hashed at once. */
#define MAX_QUEUED (8 * 1024 * 1024)

struct _PuratanTusHasher
{
  GMutex lock;
  GCond cond;
  /* Chunks not hashed yet (GBytes), their size, and whether more will come. */
  GQueue chunks;
  gsize queued;
  gboolean closed;
  /* Whether the thread waits for chunks, and the feeder for room. */
  gboolean thread_waiting;
  gboolean feeder_waiting;
  GThread *thread;
  /* Only the thread touches these until puratan_tus_hasher_finish() has joined it. */
  gboolean has_chunk, has_whole;
  struct sha256_ctx chunk;
  struct sha256_ctx whole;
};

static gpointer
hash_thread (gpointer user_data)
{
  PuratanTusHasher *hasher = user_data;

  g_mutex_lock (&hasher->lock);
  for (;;)
    {
      GBytes *bytes = g_queue_pop_head (&hasher->chunks);
      gsize size = 0;
      const guint8 *data;

      if (bytes == NULL)
        {
          if (hasher->closed)
            break;
          hasher->thread_waiting = TRUE;
          g_cond_wait (&hasher->cond, &hasher->lock);
          hasher->thread_waiting = FALSE;
          continue;
        }
      g_mutex_unlock (&hasher->lock);
      data = g_bytes_get_data (bytes, &size);
      if (hasher->has_chunk)
        sha256_update (&hasher->chunk, size, data);
      if (hasher->has_whole)
        sha256_update (&hasher->whole, size, data);
      g_bytes_unref (bytes);
      g_mutex_lock (&hasher->lock);
      hasher->queued -= size;
      if (hasher->feeder_waiting)
        g_cond_broadcast (&hasher->cond);
    }
  g_mutex_unlock (&hasher->lock);
  return NULL;
}

/* Starts a hasher of the chunk's bytes (when @chunk) and of the whole upload's, continuing
 * from @whole (when not NULL: the state after the upload's earlier bytes). */
PuratanTusHasher *
puratan_tus_hasher_new (gboolean chunk, const PuratanTusHashState *whole)
{
  PuratanTusHasher *hasher = g_new0 (PuratanTusHasher, 1);

  g_mutex_init (&hasher->lock);
  g_cond_init (&hasher->cond);
  g_queue_init (&hasher->chunks);
  hasher->has_chunk = chunk;
  if (chunk)
    sha256_init (&hasher->chunk);
  hasher->has_whole = whole != NULL;
  if (whole != NULL)
    memcpy (&hasher->whole, whole->ctx, sizeof hasher->whole);
  hasher->thread = g_thread_new ("puratan-tus-hash", hash_thread, hasher);
  return hasher;
}

/* Hands @bytes to the hasher; waits while MAX_QUEUED bytes are already waiting. */
void
puratan_tus_hasher_feed (PuratanTusHasher *hasher, GBytes *bytes)
{
  g_mutex_lock (&hasher->lock);
  while (hasher->queued >= MAX_QUEUED)
    {
      hasher->feeder_waiting = TRUE;
      g_cond_wait (&hasher->cond, &hasher->lock);
      hasher->feeder_waiting = FALSE;
    }
  g_queue_push_tail (&hasher->chunks, g_bytes_ref (bytes));
  hasher->queued += g_bytes_get_size (bytes);
  if (hasher->thread_waiting)
    g_cond_broadcast (&hasher->cond);
  g_mutex_unlock (&hasher->lock);
}

/* Waits for the hasher to hash all it was fed and frees it. Gives the chunk's digest in
 * @chunk_digest (when it hashed the chunk) and the whole upload's state in @whole (when it
 * hashed that). */
void
puratan_tus_hasher_finish (PuratanTusHasher *hasher,
                           guint8 chunk_digest[PURATAN_TUS_DIGEST_SIZE],
                           PuratanTusHashState *whole)
{
  g_mutex_lock (&hasher->lock);
  hasher->closed = TRUE;
  g_cond_broadcast (&hasher->cond);
  g_mutex_unlock (&hasher->lock);
  g_thread_join (hasher->thread);

  if (hasher->has_chunk && chunk_digest != NULL)
    sha256_digest (&hasher->chunk, PURATAN_TUS_DIGEST_SIZE, chunk_digest);
  if (hasher->has_whole && whole != NULL)
    memcpy (whole->ctx, &hasher->whole, sizeof hasher->whole);
  g_mutex_clear (&hasher->lock);
  g_cond_clear (&hasher->cond);
  g_free (hasher);
}

/* A new hash state, of no bytes yet. */
PuratanTusHashState *
puratan_tus_hash_state_new (void)
{
  PuratanTusHashState *state = g_new0 (PuratanTusHashState, 1);

  G_STATIC_ASSERT (sizeof state->ctx >= sizeof (struct sha256_ctx));
  sha256_init ((struct sha256_ctx *) state->ctx);
  return state;
}

/* Returns (transfer full) the lower-case hex SHA-256 of the bytes @state has taken;
 * @state itself is left as it was. */
char *
puratan_tus_hash_state_hex (const PuratanTusHashState *state)
{
  struct sha256_ctx copy;
  guint8 digest[SHA256_DIGEST_SIZE];
  static const char hex[] = "0123456789abcdef";
  char *text = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  memcpy (&copy, state->ctx, sizeof copy);
  sha256_digest (&copy, sizeof digest, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      text[2 * i] = hex[digest[i] >> 4];
      text[2 * i + 1] = hex[digest[i] & 0x0f];
    }
  text[2 * SHA256_DIGEST_SIZE] = '\0';
  return text;
}

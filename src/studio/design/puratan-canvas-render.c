/* puratan-canvas-render.c: the page drawn from cached tiles
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The render layer draws the page into 128-pixel tiles (Cairo image surfaces turned into
 * textures), one set per scale. Panning only moves them; a new zoom shows the last
 * complete scale stretched until its own tiles are drawn, a few per frame. When the document
 * changes, the top-level items are compared with what was drawn, and only the tiles under
 * the items that changed are drawn again. The renderer (which loads ICC profiles) and the
 * soft-proof transform are built on a worker; the proof is applied to each tile as it is
 * drawn, so it stays on while the designer edits, pans and zooms.
 */
#include "config.h"

#include <math.h>

#include "puratan-canvas-private.h"

/* Tiles are drawn in a frame while within this budget. Small tiles keep the one that
 * overruns it short; bench/canvas measured 128 pixels and 5 ms as the best balance of
 * zoom frames' p95 and the time until a new zoom is sharp. */
#define FRAME_BUDGET_US 5000
#define MAX_TILES       1280 /* about 80 MB of textures */

typedef struct
{
  double scale; /* device pixels per point */
  int i, j;
} CanvasTileKey;

typedef struct
{
  cairo_surface_t *surface; /* never changed once drawn */
  GdkTexture *texture;      /* made from @surface when a GL renderer first needs it */
  gboolean stale;           /* drawn before the items or settings changed: shown until redrawn */
  gboolean edited;          /* stale because items under it changed: redrawn in the next frame */
  guint64 used;
} CanvasTile;

static guint
tile_key_hash (gconstpointer key)
{
  const CanvasTileKey *k = key;

  return g_double_hash (&k->scale) ^ ((guint) k->i * 7919u) ^ ((guint) k->j * 104729u);
}

static gboolean
tile_key_equal (gconstpointer a, gconstpointer b)
{
  const CanvasTileKey *x = a, *y = b;

  return x->scale == y->scale && x->i == y->i && x->j == y->j;
}

static void
tile_free (CanvasTile *tile)
{
  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_free (tile);
}

static void
record_clear (CanvasItemRecord *record)
{
  g_free (record->id);
}

void
puratan_canvas_render_init (PuratanCanvas *self)
{
  self->tiles =
      g_hash_table_new_full (tile_key_hash, tile_key_equal, g_free, (GDestroyNotify) tile_free);
  self->records = g_array_new (FALSE, FALSE, sizeof (CanvasItemRecord));
  g_array_set_clear_func (self->records, (GDestroyNotify) record_clear);
}

void
puratan_canvas_render_dispose (PuratanCanvas *self)
{
  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  g_clear_handle_id (&self->refine_source, g_source_remove);
  g_clear_handle_id (&self->prefetch_source, g_source_remove);
  g_clear_object (&self->renderer);
  g_clear_object (&self->proof);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->records, g_array_unref);
}

/* Every tile is drawn again (a new renderer, proof or page). Old tiles stay as stand-ins. */
void
puratan_canvas_invalidate_all (PuratanCanvas *self)
{
  GHashTableIter iter;
  CanvasTile *tile;

  if (self->tiles == NULL)
    return;
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
    tile->stale = TRUE;
  self->records_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Forgets every tile: another design or page is shown, so none may stand in. */
void
puratan_canvas_clear_tiles (PuratanCanvas *self)
{
  if (self->tiles == NULL)
    return;
  g_hash_table_remove_all (self->tiles);
  self->shown_scale = 0;
  self->records_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- Building the renderer and the proof transform on a worker ---- */

typedef struct
{
  PuratanDocument *document;
  char *press;
  gboolean want_renderer;
  gboolean want_proof;
  PuratanProofOptions options;
  PuratanRenderer *renderer; /* out */
  PuratanSoftProof *proof;   /* out */
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_clear_object (&data->document);
  g_free (data->press);
  g_clear_object (&data->renderer);
  g_clear_object (&data->proof);
  g_free (data);
}

static void
build_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  BuildData *data = task_data;
  g_autoptr (PuratanPressCondition) condition = NULL;
  g_autoptr (PuratanIccProfile) press = NULL;
  g_autoptr (PuratanIccProfile) srgb = NULL;
  GError *error = NULL;

  (void) source;
  (void) cancellable;
  if (data->want_renderer)
    {
      data->renderer = puratan_renderer_new (data->document, data->press, &error);
      if (data->renderer == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  if (data->want_proof)
    {
      condition = data->press != NULL ? puratan_press_condition_lookup (data->press, &error)
                                      : puratan_press_condition_get_default (&error);
      if (condition != NULL)
        press = puratan_press_condition_load_profile (condition, &error);
      if (press == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      srgb = puratan_icc_profile_new_srgb ();
      data->proof = puratan_soft_proof_new (srgb, press, srgb, &data->options, &error);
      if (data->proof == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
build_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = G_TASK (result);
  BuildData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  PuratanCanvas *self;

  (void) source;
  (void) user_data;
  if (!g_task_propagate_boolean (task, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* An unknown press condition or an unreadable profile: the canvas goes on showing
       * the design as it did. */
      self = g_task_get_source_object (task);
      g_message ("Cannot show the design for this press condition: %s", error->message);
      self->build_pending = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  /* The task's source object holds the canvas alive; a cancelled build (the canvas was
   * disposed or a newer build started) is dropped. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  self = g_task_get_source_object (task);
  if (data->renderer != NULL)
    {
      /* The renderer records what it was built for, to tell when a new one is needed. */
      g_object_set_data (G_OBJECT (data->renderer), "document", data->document);
      g_object_set_data_full (G_OBJECT (data->renderer), "press", g_strdup (data->press), g_free);
      g_set_object (&self->renderer, data->renderer);
    }
  g_set_object (&self->proof, data->proof);
  self->build_pending = FALSE;
  puratan_canvas_invalidate_all (self);
}

/* Rebuilds what the document, press condition and proof settings need, on a worker. A
 * renderer is needed for a new document or press condition; a proof transform when the soft
 * proof is on. Until it is done the canvas shows what it had. */
void
puratan_canvas_rebuild_renderer (PuratanCanvas *self)
{
  g_autoptr (GTask) task = NULL;
  BuildData *data;
  gboolean new_renderer;

  if (self->build_cancellable != NULL)
    g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);

  new_renderer = self->renderer == NULL ||
                 g_strcmp0 (g_object_get_data (G_OBJECT (self->renderer), "press"),
                            self->press_condition) != 0 ||
                 g_object_get_data (G_OBJECT (self->renderer), "document") != self->document;
  if (self->document == NULL)
    {
      g_clear_object (&self->renderer);
      g_clear_object (&self->proof);
      self->build_pending = FALSE;
      return;
    }
  if (!self->soft_proof && !new_renderer)
    {
      /* Turning the proof off needs nothing built. */
      g_clear_object (&self->proof);
      self->build_pending = FALSE;
      puratan_canvas_invalidate_all (self);
      return;
    }
  /* For another press condition the old renderer shows the page until the new one is
   * ready; another design has nothing to show meanwhile. */
  if (self->renderer != NULL &&
      g_object_get_data (G_OBJECT (self->renderer), "document") != self->document)
    g_clear_object (&self->renderer);

  data = g_new0 (BuildData, 1);
  data->document = g_object_ref (self->document);
  data->press = g_strdup (self->press_condition);
  data->want_renderer = new_renderer;
  data->want_proof = self->soft_proof;
  puratan_proof_options_init (&data->options);
  data->options.simulate_paper = self->paper_white;
  data->options.gamut_warning = self->gamut_warning;

  self->build_pending = TRUE;
  self->build_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->build_cancellable, build_done, NULL);
  g_task_set_source_tag (task, puratan_canvas_rebuild_renderer);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  g_task_run_in_thread (task, build_thread);
}

/* ---- Finding what a document change touched ---- */

static guint64
mix (guint64 hash, guint64 value)
{
  hash ^= value + 0x9e3779b97f4a7c15ull + (hash << 6) + (hash >> 2);
  return hash;
}

static guint64
mix_double (guint64 hash, double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return mix (hash, bits);
}

static guint64
mix_string (guint64 hash, const char *string)
{
  return mix (hash, string != NULL ? g_str_hash (string) : 0x51ull);
}

/* A digest of everything about an item that shows on screen. */
static guint64
item_signature (const PuratanDocItem *item)
{
  guint64 h = (guint64) item->kind;

  for (int i = 0; i < 6; i++)
    h = mix_double (h, item->transform[i]);
  h = mix_double (mix_double (h, item->width), item->height);
  h = mix_double (mix_string (h, item->fill.swatch), item->fill.tint);
  h = mix_double (mix_string (h, item->stroke.swatch), item->stroke.tint);
  h = mix_double (mix_double (h, item->stroke_width), item->opacity);
  h = mix (mix (h, (guint64) item->visible), (guint64) item->overprint);
  h = mix_string (h, item->layer);
  h = mix_string (mix_string (h, item->text), item->font_family);
  h = mix (mix (h, (guint64) item->font_weight), (guint64) item->italic);
  h = mix_double (mix_double (mix_double (h, item->font_size), item->leading), item->tracking);
  h = mix (h, (guint64) item->align);
  h = mix (mix (mix_string (h, item->asset), (guint64) item->fit), (guint64) item->pdf_page);
  for (int i = 0; i < 4; i++)
    h = mix_double (h, item->crop[i]);
  h = mix (mix_double (mix (h, (guint64) item->shape), item->corner_radius), 0);
  h = mix_string (h, item->path);
  if (item->children != NULL)
    for (guint i = 0; i < item->children->len; i++)
      h = mix (h, item_signature (item->children->pdata[i]));
  return h;
}

/* What every item shares: the page's geometry, the swatches and the layers. */
static guint64
page_signature (PuratanCanvas *self, const PuratanDocPage *page)
{
  GPtrArray *swatches = puratan_document_get_swatches (self->document);
  GPtrArray *layers = puratan_document_get_layers (self->document);
  guint64 h = self->page_index;

  h = mix_double (mix_double (mix_double (h, page->width), page->height), page->bleed);
  for (guint i = 0; i < swatches->len; i++)
    {
      const PuratanDocSwatch *swatch = swatches->pdata[i];
      h = mix (mix_string (h, swatch->name), (guint64) swatch->model);
      for (int k = 0; k < 4; k++)
        h = mix_double (h, swatch->values[k]);
    }
  for (guint i = 0; i < layers->len; i++)
    {
      const PuratanDocLayer *layer = layers->pdata[i];
      h = mix (mix_string (h, layer->id), (guint64) layer->visible);
    }
  return h;
}

/* Where an item may paint: its frame with the stroke, and for text the frame's width
 * down to the page's foot, since text may run past its frame. */
static void
item_paint_bounds (const PuratanDocItem *item, const PuratanDocPage *page, CanvasRect *box)
{
  double pad = item->stroke_width + 2.0;

  puratan_canvas_item_bounds (item, box);
  if (item->kind == PURATAN_DOC_ITEM_TEXT)
    {
      pad += item->font_size;
      box->height = MAX (box->height, page->height + page->bleed - box->y);
    }
  box->x -= pad;
  box->y -= pad;
  box->width += 2 * pad;
  box->height += 2 * pad;
}

static void
mark_stale (PuratanCanvas *self, const CanvasRect *dirty)
{
  GHashTableIter iter;
  CanvasTileKey *key;
  CanvasTile *tile;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &tile))
    {
      CanvasRect r = { key->i * PURATAN_CANVAS_TILE / key->scale,
                       key->j * PURATAN_CANVAS_TILE / key->scale, PURATAN_CANVAS_TILE / key->scale,
                       PURATAN_CANVAS_TILE / key->scale };
      if (canvas_rect_intersects (&r, dirty))
        tile->stale = tile->edited = TRUE;
    }
}

/* Compares the page's items with those last drawn, and marks the tiles under every item
 * that was added, removed or changed as stale. */
static void
update_records (PuratanCanvas *self, const PuratanDocPage *page)
{
  g_autoptr (GHashTable) old = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) records =
      g_array_sized_new (FALSE, FALSE, sizeof (CanvasItemRecord), page->items->len);
  guint64 ph = page_signature (self, page);
  gboolean all = !self->records_valid || ph != self->page_hash;

  g_array_set_clear_func (records, (GDestroyNotify) record_clear);
  for (guint i = 0; i < self->records->len; i++)
    {
      CanvasItemRecord *r = &g_array_index (self->records, CanvasItemRecord, i);
      g_hash_table_insert (old, r->id, r);
    }
  for (guint i = 0; i < page->items->len; i++)
    {
      const PuratanDocItem *item = page->items->pdata[i];
      CanvasItemRecord record = { g_strdup (item->id), item_signature (item), { 0 } };
      CanvasItemRecord *before = g_hash_table_lookup (old, item->id);

      item_paint_bounds (item, page, &record.bounds);
      if (!all && before == NULL)
        mark_stale (self, &record.bounds);
      else if (!all && before->signature != record.signature)
        {
          mark_stale (self, &before->bounds);
          mark_stale (self, &record.bounds);
        }
      if (before != NULL)
        {
          /* Restacking changes what shows where two items overlap. */
          if (!all && (guint) (before - (CanvasItemRecord *) self->records->data) != i)
            mark_stale (self, &record.bounds);
          g_hash_table_remove (old, item->id);
        }
      g_array_append_val (records, record);
    }
  if (!all)
    {
      GHashTableIter iter;
      CanvasItemRecord *gone;

      g_hash_table_iter_init (&iter, old);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &gone))
        mark_stale (self, &gone->bounds);
    }
  else
    {
      GHashTableIter iter;
      CanvasTile *tile;

      /* Without records (new settings: invalidate_all() marked every tile stale already)
       * nothing was edited; a new page size, swatch or layer setting touches every item. */
      if (self->records_valid)
        {
          g_hash_table_iter_init (&iter, self->tiles);
          while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
            tile->stale = tile->edited = TRUE;
        }
    }
  g_hash_table_remove_all (old);
  g_array_unref (self->records);
  self->records = g_steal_pointer (&records);
  self->records_valid = TRUE;
  self->document_dirty = FALSE;
  self->page_hash = ph;
}

/* ---- Tiles ---- */

static cairo_surface_t *
render_tile (PuratanCanvas *self, double ds, int i, int j)
{
  cairo_surface_t *surface =
      cairo_image_surface_create (CAIRO_FORMAT_ARGB32, PURATAN_CANVAS_TILE, PURATAN_CANVAS_TILE);
  g_autoptr (GError) error = NULL;
  cairo_t *cr = cairo_create (surface);

  cairo_translate (cr, -i * PURATAN_CANVAS_TILE, -j * PURATAN_CANVAS_TILE);
  cairo_scale (cr, ds, ds);
  if (!puratan_renderer_draw_page (self->renderer, cr, self->page_index, &error))
    g_warning ("Cannot draw the page: %s", error->message);
  cairo_destroy (cr);
  if (self->soft_proof && self->proof != NULL &&
      !puratan_soft_proof_apply (self->proof, surface, &error))
    g_warning ("Cannot soft-proof the page: %s", error->message);
  cairo_surface_flush (surface);
  return surface;
}

/* Where tiles go in a frame. GSK's Cairo renderer (software) copies a texture node's pixels
 * on every frame, so for it the tiles' own surfaces are painted into one Cairo node; GL
 * renderers keep a texture's upload, so for them each tile is a texture node. */
typedef struct
{
  GtkSnapshot *snapshot;
  gboolean use_cairo;
  graphene_rect_t bounds;
  cairo_t *cr;
} TileSink;

static void
sink_init (TileSink *sink, PuratanCanvas *self, GtkSnapshot *snapshot)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  sink->snapshot = snapshot;
  sink->use_cairo = renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
  sink->bounds = GRAPHENE_RECT_INIT (0, 0, (float) gtk_widget_get_width (GTK_WIDGET (self)),
                                     (float) gtk_widget_get_height (GTK_WIDGET (self)));
  sink->cr = NULL;
}

static void
sink_tile (TileSink *sink, CanvasTile *tile, double x, double y, double size)
{
  if (!sink->use_cairo)
    {
      if (tile->texture == NULL)
        {
          g_autoptr (GBytes) bytes = g_bytes_new_with_free_func (
              cairo_image_surface_get_data (tile->surface),
              (gsize) cairo_image_surface_get_stride (tile->surface) * PURATAN_CANVAS_TILE,
              (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (tile->surface));
          tile->texture = gdk_memory_texture_new (
              PURATAN_CANVAS_TILE, PURATAN_CANVAS_TILE, GDK_MEMORY_DEFAULT, bytes,
              (gsize) cairo_image_surface_get_stride (tile->surface));
        }
      gtk_snapshot_append_texture (
          sink->snapshot, tile->texture,
          &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) size, (float) size));
      return;
    }
  if (sink->cr == NULL)
    sink->cr = gtk_snapshot_append_cairo (sink->snapshot, &sink->bounds);
  cairo_save (sink->cr);
  cairo_translate (sink->cr, x, y);
  cairo_scale (sink->cr, size / PURATAN_CANVAS_TILE, size / PURATAN_CANVAS_TILE);
  cairo_set_source_surface (sink->cr, tile->surface, 0, 0);
  /* Nearest: 1:1 for current tiles, and for the brief stand-in the cheapest stretch. */
  cairo_pattern_set_filter (cairo_get_source (sink->cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (sink->cr, 0, 0, PURATAN_CANVAS_TILE, PURATAN_CANVAS_TILE);
  cairo_fill (sink->cr);
  cairo_restore (sink->cr);
}

static void
sink_finish (TileSink *sink)
{
  g_clear_pointer (&sink->cr, cairo_destroy);
}

/* Tiles of one scale (device pixels per point) that cover the visible part of the page's
 * bleed box in the current view. */
static void
visible_tiles (PuratanCanvas *self,
               const PuratanDocPage *page,
               double level,
               int *i0,
               int *j0,
               int *i1,
               int *j1)
{
  double s = puratan_canvas_scale (self), ox, oy, T = PURATAN_CANVAS_TILE;
  double w = gtk_widget_get_width (GTK_WIDGET (self)),
         h = gtk_widget_get_height (GTK_WIDGET (self));
  double x0, y0, x1, y1;

  puratan_canvas_page_origin (self, &ox, &oy);
  x0 = MAX (-ox / s, -page->bleed);
  y0 = MAX (-oy / s, -page->bleed);
  x1 = MIN ((w - ox) / s, page->width + page->bleed);
  y1 = MIN ((h - oy) / s, page->height + page->bleed);
  *i0 = (int) floor (x0 * level / T);
  *j0 = (int) floor (y0 * level / T);
  /* A hair inside the far edge, so an edge exactly on a tile boundary adds no tile. */
  *i1 = (int) floor ((x1 * level - 0.01) / T);
  *j1 = (int) floor ((y1 * level - 0.01) / T);
}

static gboolean
refine_cb (gpointer data)
{
  PuratanCanvas *self = data;

  self->refine_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

/* Draws the stand-in: tiles of the last complete scale, stretched to this one. Returns
 * whether there is one. */
static gboolean
append_stand_in (PuratanCanvas *self, TileSink *sink, const PuratanDocPage *page, int sf)
{
  double from = self->shown_scale, ds = puratan_canvas_scale (self) * sf, ox, oy, size;
  int i0, j0, i1, j1;

  if (from <= 0)
    return FALSE;
  if (from == ds)
    return TRUE;
  visible_tiles (self, page, from, &i0, &j0, &i1, &j1);
  puratan_canvas_page_origin (self, &ox, &oy);
  size = PURATAN_CANVAS_TILE * ds / from / sf;
  for (int j = j0; j <= j1; j++)
    for (int i = i0; i <= i1; i++)
      {
        CanvasTileKey key = { from, i, j };
        CanvasTile *tile = g_hash_table_lookup (self->tiles, &key);

        if (tile != NULL)
          sink_tile (sink, tile, ox + i * size, oy + j * size, size);
      }
  return TRUE;
}

static int
compare_uses (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* Keeps the tile cache within MAX_TILES, dropping the least recently shown first. */
static void
evict_tiles (PuratanCanvas *self)
{
  guint n = g_hash_table_size (self->tiles);
  g_autoptr (GArray) used = NULL;
  GHashTableIter iter;
  CanvasTile *tile;
  guint64 cut;

  if (n <= MAX_TILES)
    return;
  used = g_array_sized_new (FALSE, FALSE, sizeof (guint64), n);
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
    g_array_append_val (used, tile->used);
  g_array_sort (used, compare_uses);
  /* Down to three quarters, so eviction is not repeated on every frame. */
  cut = g_array_index (used, guint64, n - MAX_TILES * 3 / 4);
  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
    if (tile->used < cut && tile->used != self->tick)
      g_hash_table_iter_remove (&iter);
}

/* Between frames, draws the missing tiles in a ring one tile wide around the view, one
 * per call, so that a pan finds them ready. */
static gboolean
prefetch_cb (gpointer data)
{
  PuratanCanvas *self = data;
  const PuratanDocPage *page = puratan_canvas_current_page (self);
  double ds = puratan_canvas_scale (self) * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int i0, j0, i1, j1;

  if (page == NULL || self->renderer == NULL || self->document_dirty)
    {
      self->prefetch_source = 0;
      return G_SOURCE_REMOVE;
    }
  visible_tiles (self, page, ds, &i0, &j0, &i1, &j1);
  for (int j = j0 - 1; j <= j1 + 1; j++)
    for (int i = i0 - 1; i <= i1 + 1; i++)
      {
        CanvasTileKey key = { ds, i, j };
        CanvasTile *tile;
        CanvasRect r = { i * PURATAN_CANVAS_TILE / ds, j * PURATAN_CANVAS_TILE / ds,
                         PURATAN_CANVAS_TILE / ds, PURATAN_CANVAS_TILE / ds };
        CanvasRect bleed = { -page->bleed, -page->bleed, page->width + 2 * page->bleed,
                             page->height + 2 * page->bleed };

        if (!canvas_rect_intersects (&r, &bleed))
          continue;
        tile = g_hash_table_lookup (self->tiles, &key);
        if (tile != NULL && !tile->stale)
          continue;
        if (tile == NULL)
          {
            tile = g_new0 (CanvasTile, 1);
            g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), tile);
          }
        g_clear_object (&tile->texture);
        g_clear_pointer (&tile->surface, cairo_surface_destroy);
        tile->surface = render_tile (self, ds, i, j);
        tile->stale = tile->edited = FALSE;
        tile->used = self->tick;
        return G_SOURCE_CONTINUE;
      }
  self->prefetch_source = 0;
  return G_SOURCE_REMOVE;
}

void
puratan_canvas_snapshot_page (PuratanCanvas *self, GtkSnapshot *snapshot)
{
  const PuratanDocPage *page = puratan_canvas_current_page (self);
  int sf = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double s = puratan_canvas_scale (self), ds = s * sf, ox, oy, size;
  graphene_rect_t bleed;
  gint64 start = g_get_monotonic_time ();
  gboolean complete = TRUE;
  TileSink sink;
  gboolean stand_in;
  int i0, j0, i1, j1, drawn = 0;

  puratan_canvas_page_origin (self, &ox, &oy);
  bleed = GRAPHENE_RECT_INIT ((float) (ox - page->bleed * s), (float) (oy - page->bleed * s),
                              (float) ((page->width + 2 * page->bleed) * s),
                              (float) ((page->height + 2 * page->bleed) * s));
  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 1, 1, 1, 1 }, &bleed);
  if (self->renderer == NULL)
    return;
  self->tick++;
  if (self->document_dirty || !self->records_valid)
    update_records (self, page);

  sink_init (&sink, self, snapshot);
  stand_in = append_stand_in (self, &sink, page, sf);
  visible_tiles (self, page, ds, &i0, &j0, &i1, &j1);
  size = (double) PURATAN_CANVAS_TILE / sf;
  for (int j = j0; j <= j1; j++)
    for (int i = i0; i <= i1; i++)
      {
        CanvasTileKey key = { ds, i, j };
        CanvasTile *tile = g_hash_table_lookup (self->tiles, &key);

        if (tile == NULL || tile->stale)
          {
            /* A tile whose items changed is drawn now, so an edit shows at once (and a
             * dragged item never shows twice); others within the frame's budget, or past it
             * when nothing stands in for them. */
            if ((tile != NULL && tile->edited) || (drawn == 0 && !stand_in) ||
                g_get_monotonic_time () - start < FRAME_BUDGET_US)
              {
                if (tile == NULL)
                  {
                    tile = g_new0 (CanvasTile, 1);
                    g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), tile);
                  }
                g_clear_object (&tile->texture);
                g_clear_pointer (&tile->surface, cairo_surface_destroy);
                tile->surface = render_tile (self, ds, i, j);
                tile->stale = tile->edited = FALSE;
                self->frame_tiles_rendered++;
                drawn++;
              }
            else
              complete = FALSE;
          }
        if (tile != NULL)
          {
            tile->used = self->tick;
            sink_tile (&sink, tile, ox + i * size, oy + j * size, size);
          }
      }
  sink_finish (&sink);
  if (complete)
    {
      self->shown_scale = ds;
      if (self->prefetch_source == 0)
        self->prefetch_source = g_idle_add_full (G_PRIORITY_LOW, prefetch_cb, self, NULL);
    }
  else if (self->refine_source == 0)
    self->refine_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refine_cb, self, NULL);
  evict_tiles (self);
}

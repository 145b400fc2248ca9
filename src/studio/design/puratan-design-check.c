/* puratan-design-check.c: a design checked by preflight, as it would be printed
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A check takes a copy of the design on the main loop, then on a worker exports the copy to
 * PDF/X-4 in a private temporary folder, runs the preflight layer on that file against the
 * product's profile, and removes the folder. One PuratanDesignCheck runs one check at a
 * time: starting another cancels the one in flight, whose callback then gets
 * G_IO_ERROR_CANCELLED.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "puratan-core.h"
#include "puratan-design-check.h"
#include "puratan-render.h"

struct _PuratanDesignCheck
{
  GObject parent_instance;

  GCancellable *current; /* the check in flight, NULL when none */
};

G_DEFINE_FINAL_TYPE (PuratanDesignCheck, puratan_design_check, G_TYPE_OBJECT)

typedef struct
{
  PuratanDocument *copy;
  char *product_id;
  GCancellable *caller; /* the caller's cancellable, chained to the task's */
  gulong caller_handler;
} CheckJob;

typedef struct
{
  PuratanPreflightReport *report;
  PuratanDocument *checked;
} CheckResult;

static void
check_job_free (CheckJob *job)
{
  if (job->caller != NULL)
    g_cancellable_disconnect (job->caller, job->caller_handler);
  g_clear_object (&job->caller);
  g_clear_object (&job->copy);
  g_free (job->product_id);
  g_free (job);
}

static void
check_result_free (CheckResult *result)
{
  g_clear_pointer (&result->report, puratan_preflight_report_unref);
  g_clear_object (&result->checked);
  g_free (result);
}

static void
puratan_design_check_dispose (GObject *object)
{
  PuratanDesignCheck *self = PURATAN_DESIGN_CHECK (object);

  puratan_design_check_cancel (self);

  G_OBJECT_CLASS (puratan_design_check_parent_class)->dispose (object);
}

static void
puratan_design_check_class_init (PuratanDesignCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = puratan_design_check_dispose;
}

static void
puratan_design_check_init (PuratanDesignCheck *self)
{
}

/**
 * puratan_design_check_new:
 *
 * Returns: (transfer full): a checker with no check in flight
 */
PuratanDesignCheck *
puratan_design_check_new (void)
{
  return g_object_new (PURATAN_TYPE_DESIGN_CHECK, NULL);
}

/* What the design is checked against: the one rule shared with the Counter and the command
 * line (the product's specification narrowed to its size, or the shop default). */
static PuratanPreflightProfile *
load_profile (PuratanDocument *copy, const char *product_id, GError **error)
{
  const char *size = NULL;

  if (product_id == NULL)
    product_id = puratan_document_get_product (copy);
  if (g_strcmp0 (product_id, puratan_document_get_product (copy)) == 0)
    size = puratan_document_get_product_option (copy, "size");
  return puratan_preflight_profile_for_job (product_id, size, error);
}

/* Exports @copy into a new private folder and checks the file; the folder is removed. */
static PuratanPreflightReport *
check_copy (PuratanDocument *copy,
            PuratanPreflightProfile *profile,
            GCancellable *cancellable,
            GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) local = NULL;
  PuratanPreflightReport *report = NULL;
  PuratanPdfOptions options;

  dir = g_dir_make_tmp ("puratan-design-check-XXXXXX", &local);
  if (dir == NULL)
    {
      g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_IO,
                   "No temporary folder for checking the design: %s", local->message);
      return NULL;
    }
  path = g_build_filename (dir, "design.pdf", NULL);
  puratan_pdf_options_init (&options);
  options.standard = PURATAN_PDF_X4;
  options.press = puratan_preflight_profile_get_press (profile);
  if (!puratan_pdf_export_to_file_full (copy, &options, path, cancellable, NULL, NULL, &local))
    {
      if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&local, "%s", _ ("The design cannot be exported for checking: "));
      g_propagate_error (error, g_steal_pointer (&local));
    }
  else
    report = puratan_preflight_run (path, profile, cancellable, error);
  g_unlink (path);
  g_rmdir (dir);
  return report;
}

static void
check_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CheckJob *job = task_data;
  g_autoptr (PuratanPreflightProfile) profile = NULL;
  CheckResult *result;
  GError *error = NULL;
  PuratanPreflightReport *report;

  profile = load_profile (job->copy, job->product_id, &error);
  report = profile != NULL ? check_copy (job->copy, profile, cancellable, &error) : NULL;
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  result = g_new0 (CheckResult, 1);
  result->report = report;
  result->checked = g_object_ref (job->copy);
  g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
}

static void
caller_cancelled_cb (GCancellable *caller, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/**
 * puratan_design_check_run_async:
 * @self: a #PuratanDesignCheck
 * @document: the design; copied now, so editing may go on meanwhile
 * @product_id: (nullable): the catalog product to check against; %NULL for the design's
 *   own product (and size). A custom design, or a product without a preflight
 *   specification, is checked against the shop's default profile
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Checks the design as it would print: exports it to PDF/X-4 and runs preflight on the file,
 * on a worker thread. A check still running is cancelled first.
 */
void
puratan_design_check_run_async (PuratanDesignCheck *self,
                                PuratanDocument *document,
                                const char *product_id,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  CheckJob *job;

  g_return_if_fail (PURATAN_IS_DESIGN_CHECK (self));
  g_return_if_fail (PURATAN_IS_DOCUMENT (document));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  puratan_design_check_cancel (self);
  self->current = g_cancellable_new ();
  job = g_new0 (CheckJob, 1);
  job->copy = puratan_document_dup (document);
  job->product_id = g_strdup (product_id);
  if (cancellable != NULL)
    {
      job->caller = g_object_ref (cancellable);
      job->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                   g_object_ref (self->current), g_object_unref);
    }
  task = g_task_new (self, self->current, callback, user_data);
  g_task_set_source_tag (task, puratan_design_check_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_in_thread);
}

/**
 * puratan_design_check_run_finish:
 * @self: a #PuratanDesignCheck
 * @result: the #GAsyncResult given to the callback
 * @checked: (out) (optional) (transfer full): the copy of the design that was checked, to
 *   locate findings with puratan_design_check_locate()
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set:
 *   %G_IO_ERROR_CANCELLED when cancelled or replaced by a newer check, the export's error when
 *   the design cannot be exported, the preflight layer's otherwise
 */
PuratanPreflightReport *
puratan_design_check_run_finish (PuratanDesignCheck *self,
                                 GAsyncResult *result,
                                 PuratanDocument **checked,
                                 GError **error)
{
  CheckResult *value;
  PuratanPreflightReport *report;

  g_return_val_if_fail (PURATAN_IS_DESIGN_CHECK (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (self->current == g_task_get_cancellable (G_TASK (result)))
    g_clear_object (&self->current);
  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return NULL;
  report = g_steal_pointer (&value->report);
  if (checked != NULL)
    *checked = g_steal_pointer (&value->checked);
  check_result_free (value);
  return report;
}

/**
 * puratan_design_check_cancel:
 * @self: a #PuratanDesignCheck
 *
 * Cancels the check in flight, if any; its callback gets %G_IO_ERROR_CANCELLED.
 */
void
puratan_design_check_cancel (PuratanDesignCheck *self)
{
  g_return_if_fail (PURATAN_IS_DESIGN_CHECK (self));

  if (self->current != NULL)
    g_cancellable_cancel (self->current);
  g_clear_object (&self->current);
}

/**
 * puratan_design_check_is_running:
 * @self: a #PuratanDesignCheck
 *
 * Returns: whether a check was started and has neither finished nor been cancelled
 */
gboolean
puratan_design_check_is_running (PuratanDesignCheck *self)
{
  g_return_val_if_fail (PURATAN_IS_DESIGN_CHECK (self), FALSE);

  return self->current != NULL;
}

typedef struct
{
  double x0, y0, x1, y1;
} Box;

static double
box_area (const Box *b)
{
  return MAX (b->x1 - b->x0, 0) * MAX (b->y1 - b->y0, 0);
}

/* The bounds of @item's rectangle (x, y, w, h in item space) in page space. */
static Box
item_box (const PuratanDocItem *item, double x, double y, double w, double h)
{
  const double *m = item->transform;
  const double corners[4][2] = { { x, y }, { x + w, y }, { x, y + h }, { x + w, y + h } };
  Box b = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  for (int i = 0; i < 4; i++)
    {
      double px = m[0] * corners[i][0] + m[2] * corners[i][1] + m[4];
      double py = m[1] * corners[i][0] + m[3] * corners[i][1] + m[5];

      b.x0 = MIN (b.x0, px);
      b.y0 = MIN (b.y0, py);
      b.x1 = MAX (b.x1, px);
      b.y1 = MAX (b.y1, py);
    }
  return b;
}

/* Where preflight sees @item: a placed image as its whole picture (which a frame may crop),
 * anything else as its frame. */
static Box
printed_box (PuratanDocument *doc, const PuratanDocItem *item)
{
  if (item->kind == PURATAN_DOC_ITEM_IMAGE && item->asset != NULL)
    {
      const PuratanDocAsset *asset = puratan_document_lookup_asset (doc, item->asset);

      if (asset != NULL && asset->width > 0 && asset->height > 0)
        {
          double x, y, w, h;

          puratan_doc_item_image_rect (item, asset->width, asset->height, &x, &y, &w, &h);
          return item_box (item, x, y, w, h);
        }
    }
  return item_box (item, 0, 0, item->width, item->height);
}

static gboolean
item_is_printed (PuratanDocument *doc, const PuratanDocItem *item)
{
  const PuratanDocLayer *layer =
      item->layer != NULL ? puratan_document_lookup_layer (doc, item->layer) : NULL;

  return item->visible && (layer == NULL || (layer->visible && layer->printable));
}

/* The kind of item a check's findings are about, or -1 when any kind. */
static int
kind_for_check (const char *check_id)
{
  static const char *const text_checks[] = { "text-size", "black-overprint", "rich-black-text" };

  if (g_strcmp0 (check_id, "image-resolution") == 0)
    return PURATAN_DOC_ITEM_IMAGE;
  for (guint i = 0; i < G_N_ELEMENTS (text_checks); i++)
    if (g_strcmp0 (check_id, text_checks[i]) == 0)
      return PURATAN_DOC_ITEM_TEXT;
  return -1;
}

/* The top-level item on @page whose printed bounds are @target: the one that overlaps it
 * most (intersection over union at least one half); failing that, the smallest item of the
 * check's kind that holds it whole, as a text frame holds its glyphs. */
static const char *
match_item (PuratanDocument *doc, guint page, const Box *target, const char *check_id)
{
  const PuratanDocPage *p = puratan_document_get_page (doc, page);
  int kind = kind_for_check (check_id);
  const char *best = NULL, *holder = NULL;
  double best_iou = 0.5, holder_area = G_MAXDOUBLE;

  for (guint i = 0; i < p->items->len; i++)
    {
      const PuratanDocItem *item = p->items->pdata[i];
      Box b, in;
      double inter, iou;

      if (!item_is_printed (doc, item) || (kind >= 0 && (int) item->kind != kind))
        continue;
      b = printed_box (doc, item);
      in = (Box){ MAX (b.x0, target->x0), MAX (b.y0, target->y0), MIN (b.x1, target->x1),
                  MIN (b.y1, target->y1) };
      inter = box_area (&in);
      iou = inter / (box_area (&b) + box_area (target) - inter + 1e-9);
      /* Later items are on top: on a tie, the top one. */
      if (iou >= best_iou)
        {
          best_iou = iou;
          best = item->id;
        }
      if (kind >= 0 && b.x0 <= target->x0 + 1 && b.y0 <= target->y0 + 1 && b.x1 >= target->x1 - 1 &&
          b.y1 >= target->y1 - 1 && box_area (&b) <= holder_area)
        {
          holder_area = box_area (&b);
          holder = item->id;
        }
    }
  return best != NULL ? best : holder;
}

/**
 * puratan_design_check_locate:
 * @checked: the copy of the design that was checked (see puratan_design_check_run_finish())
 * @finding: one of its report's findings
 * @x: (out) (optional): left of the finding's box, in points from the trim box's left
 * @y: (out) (optional): top of the box, in points from the trim box's top, y down
 * @width: (out) (optional): width of the box in points
 * @height: (out) (optional): height of the box in points
 * @item_id: (out) (optional) (transfer none) (nullable): the top-level item whose printed
 *   bounds match the box, owned by @checked; %NULL when none does
 *
 * Converts a finding's box from the checked PDF's page space (points, origin at the
 * MediaBox's bottom left, y up; the check exports without marks, so the MediaBox is the
 * bleed box) to the design's page space, and names the item it is about.
 *
 * Returns: %TRUE when the finding has a box on a page of the design; %FALSE (outputs
 *   untouched) for a finding about the whole file or without a box
 */
gboolean
puratan_design_check_locate (PuratanDocument *checked,
                             const PuratanPreflightFinding *finding,
                             double *x,
                             double *y,
                             double *width,
                             double *height,
                             const char **item_id)
{
  const PuratanDocPage *page;
  Box box;

  g_return_val_if_fail (PURATAN_IS_DOCUMENT (checked), FALSE);
  g_return_val_if_fail (finding != NULL, FALSE);

  if (!finding->has_bbox || finding->page == 0 ||
      finding->page > puratan_document_get_n_pages (checked))
    return FALSE;
  page = puratan_document_get_page (checked, finding->page - 1);
  box.x0 = MIN (finding->bbox[0], finding->bbox[2]) - page->bleed;
  box.x1 = MAX (finding->bbox[0], finding->bbox[2]) - page->bleed;
  box.y0 = page->height + page->bleed - MAX (finding->bbox[1], finding->bbox[3]);
  box.y1 = page->height + page->bleed - MIN (finding->bbox[1], finding->bbox[3]);
  if (x != NULL)
    *x = box.x0;
  if (y != NULL)
    *y = box.y0;
  if (width != NULL)
    *width = box.x1 - box.x0;
  if (height != NULL)
    *height = box.y1 - box.y0;
  if (item_id != NULL)
    *item_id = match_item (checked, finding->page - 1, &box, finding->check_id);
  return TRUE;
}

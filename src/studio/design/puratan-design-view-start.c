/* puratan-design-view-start.c: the start page: new from a template, and recent designs
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gallery lists the shop's templates with a thumbnail each, grouped by the catalog
 * product a template is made for. Templates are read, instantiated and drawn on a worker.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "puratan-core.h"
#include "puratan-design-view-private.h"
#include "puratan-pricing.h"
#include "puratan-render.h"

#define THUMBNAIL_EDGE 160
#define MAX_RECENT     8

/* One template as the gallery shows it. */
typedef struct
{
  char *name;
  char *title;
  char *group; /* product name, or NULL when the template names no product */
  GBytes *png; /* (nullable): its thumbnail */
} GalleryEntry;

static void
gallery_entry_free (GalleryEntry *entry)
{
  g_free (entry->name);
  g_free (entry->title);
  g_free (entry->group);
  g_clear_pointer (&entry->png, g_bytes_unref);
  g_free (entry);
}

/* The "product" member of a template's JSON, as the printing rules of a design name it. */
static char *
read_template_product (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;

  if (!json_parser_load_from_mapped_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "product") ||
      json_node_get_value_type (json_object_get_member (object, "product")) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_object_get_string_member (object, "product"));
}

static char *
product_name (PuratanCatalog *catalog, const char *id)
{
  for (guint i = 0; catalog != NULL && i < puratan_catalog_get_n_products (catalog); i++)
    if (g_strcmp0 (puratan_catalog_get_product_id (catalog, i), id) == 0)
      return g_strdup (puratan_catalog_get_product_name (catalog, i));
  return g_strdup (id);
}

/* Thumbnails already drawn in this process, by template file and modification time: every
 * window's start page shows the same gallery, and drawing it is the slow part. */
static GMutex thumbnail_lock;
static GHashTable *thumbnail_cache; /* "PATH\nMTIME" → GBytes (PNG) */

static GBytes *
draw_thumbnail (const char *dir, PuratanTemplateInfo *info)
{
  g_autoptr (GFile) file = g_file_new_for_path (info->path);
  g_autoptr (GFileInfo) file_info =
      g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, 0, NULL, NULL);
  g_autofree char *key = NULL;
  g_autoptr (PuratanDocument) document = NULL;
  g_autoptr (PuratanRenderer) renderer = NULL;
  g_autoptr (GError) error = NULL;
  GBytes *png;

  key = g_strdup_printf ("%s\n%" G_GUINT64_FORMAT, info->path,
                         file_info != NULL ? g_file_info_get_attribute_uint64 (
                                                 file_info, G_FILE_ATTRIBUTE_TIME_MODIFIED)
                                           : 0);
  g_mutex_lock (&thumbnail_lock);
  if (thumbnail_cache == NULL)
    thumbnail_cache =
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  png = g_hash_table_lookup (thumbnail_cache, key);
  if (png != NULL)
    png = g_bytes_ref (png);
  g_mutex_unlock (&thumbnail_lock);
  if (png != NULL)
    return png;

  document = puratan_template_instantiate (dir, info->name, &error);
  if (document != NULL)
    renderer = puratan_renderer_new (document, NULL, &error);
  if (renderer != NULL)
    png = puratan_renderer_thumbnail_png (renderer, THUMBNAIL_EDGE, &error);
  if (png == NULL)
    {
      g_message ("No thumbnail for the template “%s”: %s", info->name, error->message);
      return NULL;
    }
  g_mutex_lock (&thumbnail_lock);
  g_hash_table_replace (thumbnail_cache, g_steal_pointer (&key), g_bytes_ref (png));
  g_mutex_unlock (&thumbnail_lock);
  return png;
}

static void
load_templates_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autofree char *dir = puratan_template_default_dir ();
  g_autofree char *catalog_dir = puratan_data_dir_get_path ("catalog");
  g_autoptr (PuratanCatalog) catalog = puratan_catalog_load_dir (catalog_dir, NULL);
  g_autoptr (GPtrArray) infos = NULL;
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) gallery_entry_free);
  GError *error = NULL;

  infos = puratan_template_list (dir, &error);
  if (infos == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < infos->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      PuratanTemplateInfo *info = infos->pdata[i];
      GalleryEntry *entry = g_new0 (GalleryEntry, 1);
      g_autofree char *product = read_template_product (info->path);

      entry->name = g_strdup (info->name);
      entry->title = g_strdup (info->title);
      entry->group = product != NULL ? product_name (catalog, product) : NULL;
      entry->png = draw_thumbnail (dir, info);
      g_ptr_array_add (entries, entry);
    }
  g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
}

static GtkWidget *
template_button (GalleryEntry *entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (entry->title);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *picture = gtk_picture_new ();
  g_autofree char *tooltip = g_strdup_printf (_ ("New design from “%s”"), entry->title);

  if (entry->png != NULL)
    {
      g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (entry->png, NULL);
      gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
    }
  gtk_widget_set_size_request (picture, THUMBNAIL_EDGE, THUMBNAIL_EDGE * 3 / 4);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_name (button, entry->name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "design.new-from-template");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", entry->name);
  return button;
}

static GtkWidget *
group_box (const char *heading)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (heading);
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), flow);
  g_object_set_data (G_OBJECT (box), "flow", flow);
  return box;
}

static void
templates_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean any_product = FALSE;

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;
  if (entries == NULL)
    {
      g_autofree char *text =
          g_strdup_printf (_ ("The shop's templates cannot be read: %s"), error->message);
      gtk_label_set_text (self->templates_status, text);
      return;
    }
  if (entries->len == 0)
    {
      gtk_label_set_text (self->templates_status, _ ("The shop has no templates installed."));
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->templates_status), FALSE);

  for (guint i = 0; i < entries->len; i++)
    any_product |= ((GalleryEntry *) entries->pdata[i])->group != NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      GalleryEntry *entry = entries->pdata[i];
      const char *heading = entry->group != NULL
                                ? entry->group
                                : (any_product ? _ ("Other Templates") : _ ("Templates"));
      GtkWidget *box = g_hash_table_lookup (groups, heading);

      if (box == NULL)
        {
          box = group_box (heading);
          g_hash_table_insert (
              groups, (gpointer) gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))),
              box);
          gtk_box_append (self->template_groups, box);
        }
      gtk_flow_box_append (GTK_FLOW_BOX (g_object_get_data (G_OBJECT (box), "flow")),
                           template_button (entry));
    }
}

/* Reads the gallery the first time the start page is shown. */
void
puratan_design_view_load_templates (PuratanDesignView *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->templates_loaded)
    return;
  self->templates_loaded = TRUE;
  task = g_task_new (NULL, self->cancellable, templates_loaded_cb, puratan_design_view_weak (self));
  g_task_set_source_tag (task, puratan_design_view_load_templates);
  g_task_run_in_thread (task, load_templates_thread);
}

static void
instantiate_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autofree char *dir = puratan_template_default_dir ();
  GError *error = NULL;
  PuratanDocument *document = puratan_template_instantiate (dir, task_data, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

static void
instantiated_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (PuratanDesignView) self = puratan_design_view_unweak (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (PuratanDocument) document = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  if (document == NULL)
    {
      puratan_design_view_show_error (self, _ ("Cannot Start from the Template"), error);
      return;
    }
  puratan_design_view_set_document (self, document, NULL, FALSE);
}

static void
instantiate_template (PuratanDesignView *self, gpointer data)
{
  g_autoptr (GTask) task =
      g_task_new (NULL, self->cancellable, instantiated_cb, puratan_design_view_weak (self));

  g_task_set_source_tag (task, instantiate_template);
  g_task_set_task_data (task, g_strdup (data), g_free);
  g_task_run_in_thread (task, instantiate_thread);
}

/* Starts a new untitled design from the template @name, once unsaved changes are settled. */
void
puratan_design_view_new_from_template (PuratanDesignView *self, const char *name)
{
  puratan_design_view_ask_then (self, instantiate_template, g_strdup (name), g_free);
}

static void
recent_row_activated_cb (PuratanDesignView *self, GtkListBoxRow *row, GtkListBox *list)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr (GFile) file = g_file_new_for_uri (uri);

  puratan_design_view_open_file (self, file);
}

static int
compare_recent (gconstpointer a, gconstpointer b)
{
  GtkRecentInfo *x = (GtkRecentInfo *) a;
  GtkRecentInfo *y = (GtkRecentInfo *) b;

  return g_date_time_compare (gtk_recent_info_get_modified (y), gtk_recent_info_get_modified (x));
}

/* Lists the recent .pdesign files GtkRecentManager knows, newest first. */
static void
fill_recent (PuratanDesignView *self)
{
  GList *items = g_list_sort (gtk_recent_manager_get_items (self->recent), compare_recent);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (GList *l = items; l != NULL && shown < MAX_RECENT; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autofree char *location = NULL;
      GtkWidget *row;

      if (!g_str_has_suffix (uri, PURATAN_DESIGN_SUFFIX) || !gtk_recent_info_is_local (info))
        continue;
      location = gtk_recent_info_get_uri_display (info);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     gtk_recent_info_get_display_name (info));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), location != NULL ? location : uri);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }
  gtk_widget_set_visible (self->recent_box, shown > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Remembers @file among the recent designs. */
void
puratan_design_view_add_recent (PuratanDesignView *self, GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) PURATAN_DESIGN_MIME_TYPE,
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "puratan-studio %u",
    .groups = NULL,
    .is_private = FALSE,
  };

  if (data.app_name == NULL)
    data.app_name = (char *) "Puratan Studio";
  gtk_recent_manager_add_full (self->recent, uri, &data);
}

void
puratan_design_view_start_init (PuratanDesignView *self)
{
  self->recent = g_object_ref (gtk_recent_manager_get_default ());
  self->recent_handler =
      g_signal_connect_swapped (self->recent, "changed", G_CALLBACK (fill_recent), self);
  g_signal_connect_swapped (self->recent_list, "row-activated",
                            G_CALLBACK (recent_row_activated_cb), self);
  fill_recent (self);
}

void
puratan_design_view_start_dispose (PuratanDesignView *self)
{
  if (self->recent != NULL)
    g_clear_signal_handler (&self->recent_handler, self->recent);
  g_clear_object (&self->recent);
}

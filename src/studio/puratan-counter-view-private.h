/* puratan-counter-view-private.h: the Counter view's state, shared by its source files
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "puratan-core.h"
#include "puratan-counter-view.h"
#include "puratan-orders.h"

G_BEGIN_DECLS

/* GST rates offered by gst_row, in basis points, in its order. */

struct _PuratanCounterView
{
  AdwBin parent_instance;

  GtkStack *pages; /* (not owned) the bin's child */
  GtkRevealer *catalog_banner;
  GtkLabel *catalog_banner_label;
  GtkSearchEntry *customer_search;
  GtkListBox *customer_list;
  GtkLabel *customer_label;
  AdwComboRow *catalog_row;
  AdwEntryRow *product_row;
  AdwEntryRow *hsn_row;
  GtkSpinButton *quantity_spin;
  AdwEntryRow *price_row;
  AdwComboRow *gst_row;
  GtkLabel *total_label;
  GtkWidget *place_button; /* the summary bar's main button: Place Order, then Take Payment */
  GtkWidget *next_button;
  GtkLabel *summary_total_label;
  GtkLabel *summary_status_label;
  AdwEntryRow *due_row;
  GtkWidget *payment_group;
  GtkLabel *balance_label;
  AdwComboRow *method_row;
  AdwEntryRow *tendered_row;
  AdwEntryRow *reference_row;
  GtkPicture *upi_picture;
  GtkLabel *change_label;
  GtkWidget *documents_box;
  GtkLabel *message_label;
  AdwPreferencesGroup *options_group;
  AdwPreferencesGroup *attachments_group;

  PuratanCatalog *catalog;
  gboolean catalog_loading; /* read on a worker; see puratan_counter_view_load_catalog() */
  GPtrArray *option_rows;

  PuratanCustomer *customer;
  PuratanOrder *order;
  /* Kept until recorded, so a retry reuses its idempotency key and never charges twice. */
  PuratanPayment *attempt;
  char *last_document;
  /* (element-type CounterAttachment) the files attached while taking this order */
  GPtrArray *attachments;
  GtkNativeDialog *file_chooser;
  GtkNativeDialog *save_chooser; /* (owned) (nullable) asking where to save a document */
  GCancellable *cancellable;     /* (owned) cancelled in dispose: work on workers */
  /* (owned) (nullable) the customer search running; cancelled by a newer one and in dispose,
   * so a result that comes after a newer search is dropped */
  GCancellable *search_cancellable;
  /* A place, payment or document job is running; its button stays insensitive until done. */
  gboolean working;
  /* The role the studio acts as may take orders and payments (counter or admin), and which. */
  gboolean may_sell;
  PuratanRole role;
};

char *puratan_counter_view_money_text (gint64 paise);
PuratanDatabase *puratan_counter_view_get_database (PuratanCounterView *self, GError **error);
void puratan_counter_view_show_message (PuratanCounterView *self, const char *text);
const char *puratan_counter_view_actor (PuratanCounterView *self);
void puratan_counter_view_changed (PuratanCounterView *self);
void puratan_counter_view_show_error (PuratanCounterView *self, const GError *error);
void puratan_counter_view_select_customer (PuratanCounterView *self, PuratanCustomer *customer);
gboolean puratan_counter_view_read_price (PuratanCounterView *self,
                                          gint64 *unit,
                                          gint64 *total,
                                          gint64 *rate_bp,
                                          gint64 *tax,
                                          GError **error);
const char *puratan_counter_view_selected_product (PuratanCounterView *self);
void puratan_counter_view_load_catalog (PuratanCounterView *self);
PuratanQuote *puratan_counter_view_quote (PuratanCounterView *self, GError **error);
void puratan_counter_view_catalog_product_changed (PuratanCounterView *self);
gint64 puratan_counter_view_balance_due (PuratanCounterView *self);
void puratan_counter_view_update_payment (PuratanCounterView *self);
gint64 puratan_counter_view_quantity (PuratanCounterView *self);
void puratan_counter_view_update_summary (PuratanCounterView *self);
void puratan_counter_view_suggest_due_date (PuratanCounterView *self);
gboolean
puratan_counter_view_read_due_date (PuratanCounterView *self, char **due_date, GError **error);
void
puratan_counter_view_list_customers (PuratanCounterView *self, const char *typed, GPtrArray *found);
const char *puratan_counter_view_get_search_text (PuratanCounterView *self);
void puratan_counter_view_init_sale (PuratanCounterView *self);
gboolean puratan_counter_view_is_busy (PuratanCounterView *self);
void puratan_counter_view_set_working (PuratanCounterView *self, gboolean working);

void puratan_counter_view_new_customer_action (GtkWidget *widget,
                                               const char *action_name,
                                               GVariant *parameter);
void puratan_counter_view_place_order_action (GtkWidget *widget,
                                              const char *action_name,
                                              GVariant *parameter);
void puratan_counter_view_take_payment_action (GtkWidget *widget,
                                               const char *action_name,
                                               GVariant *parameter);
char *puratan_counter_view_documents_path (void);
char *puratan_counter_view_documents_folder (GError **error);
void puratan_counter_view_save_document_async (PuratanCounterView *self,
                                               gboolean receipt,
                                               const char *path,
                                               GCancellable *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer user_data);
char *puratan_counter_view_save_document_finish (GAsyncResult *result, GError **error);
gboolean puratan_counter_view_print_pdf (PuratanCounterView *self,
                                         const char *pdf,
                                         GtkPrintOperationAction action,
                                         const char *export_path,
                                         GError **error);
void
puratan_counter_view_print_action (GtkWidget *widget, const char *action_name, GVariant *parameter);
void puratan_counter_view_save_document_action (GtkWidget *widget,
                                                const char *action_name,
                                                GVariant *parameter);

void puratan_counter_view_init_files (PuratanCounterView *self);
void puratan_counter_view_clear_files (PuratanCounterView *self);
GPtrArray *puratan_counter_view_dup_links (PuratanCounterView *self);
gboolean puratan_counter_view_attach_links (PuratanDatabase *database,
                                            const char *order_id,
                                            GPtrArray *links,
                                            GError **error);
void puratan_counter_view_files_linked (GPtrArray *links);
void puratan_counter_view_link_late_files (PuratanCounterView *self);
void puratan_counter_view_attach_files_action (GtkWidget *widget,
                                               const char *action_name,
                                               GVariant *parameter);
void puratan_counter_view_attach_file (PuratanCounterView *self, GFile *file);
gboolean puratan_counter_view_files_busy (PuratanCounterView *self);
GPtrArray *puratan_counter_view_dup_pdf_paths (PuratanCounterView *self);
char *puratan_counter_view_render_artwork_thumbnail (GPtrArray *pdfs);
guint puratan_counter_view_get_n_files (PuratanCounterView *self);
AdwActionRow *puratan_counter_view_get_file_row (PuratanCounterView *self, guint index);
const char *puratan_counter_view_get_file_sha256 (PuratanCounterView *self, guint index);
const char *puratan_counter_view_get_file_status (PuratanCounterView *self, guint index);

G_END_DECLS

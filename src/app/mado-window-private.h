/* mado-window-private.h — the desk window's instance, shared with its pages' builder
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "mado-consent-page.h"
#include "mado-first-frame.h"
#include "mado-offline-banner.h"
#include "mado-pin-page.h"
#include "mado-resident-view.h"
#include "mado-setup-page.h"
#include "mado-visual-check-page.h"
#include "mado-window.h"

G_BEGIN_DECLS

struct _MadoWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  GtkStack             *top_stack;
  MadoSetupPage        *setup_page;
  GtkStack             *desk_stack;
  AdwStatusPage        *idle_page;
  GtkWidget            *read_again_button;
  GtkWidget            *setup_error_box;
  GtkLabel             *setup_error_label;
  MadoOfflineBanner    *offline_banner;
  MadoPinPage          *pin_page;
  MadoVisualCheckPage  *visual_page;
  MadoConsentPage      *consent_page;
  MadoResidentView     *resident_view;
  GtkWidget            *done_button;
  AdwStatusPage        *problem_page;
  GtkLabel             *problem_hint_label;
  GtkWidget            *problem_done_button;
  GtkLabel             *reader_status_label;
  GtkImage             *reader_status_icon;
  GtkLabel             *hub_status_label;
  GtkImage             *hub_status_icon;
  GtkLabel             *outbox_label;

  /* The visit pages after the idle page (mado-window-pages.c): NULL
   * until they are built, after the first frame or at their first use. */

  MadoDesk             *desk;
  MadoReaderMonitor    *reader_monitor;  /* the desk's */
  MadoHubMonitor       *hub_monitor;     /* the desk's */
  MadoApplication      *application;   /* not owned: it owns the window */
  MadoVisitController  *visit;
  guint                 pin_pad_idle_id;
  GtkWindow            *patient_window;  /* owned: destroyed with the desk */
  gboolean              closed_by_lock;  /* a resident's screen went with the lock */
  MadoFirstFrame       *pages_watch;     /* the visit pages wait for the first frame */
};

GtkBuilderScope *mado_window_page_scope_new         (void);

/* mado-window-pages.c */
void             mado_window_pages_build_later      (MadoWindow *self);
gboolean         mado_window_pages_ensure           (MadoWindow *self);
void             mado_window_pages_reset            (MadoWindow *self);
void             mado_window_pages_cancel           (MadoWindow *self);

G_END_DECLS

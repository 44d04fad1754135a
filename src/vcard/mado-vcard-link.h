/* mado-vcard-link.h — the TCP link to vpcd (vsmartcard's pcscd driver)
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MadoVcardLink MadoVcardLink;

typedef enum
{
  MADO_VCARD_LINK_MESSAGE,  /* a message arrived */
  MADO_VCARD_LINK_CLOSED,   /* vpcd closed the connection */
  MADO_VCARD_LINK_STOPPED,  /* the stop flag was raised while waiting */
} MadoVcardLinkStatus;

MadoVcardLink       *mado_vcard_link_connect (const char          *host,
                                              guint16              port,
                                              GError             **error);
void                 mado_vcard_link_free    (MadoVcardLink       *link);
MadoVcardLinkStatus  mado_vcard_link_receive (MadoVcardLink       *link,
                                              const volatile int  *stop,
                                              GByteArray          *message,
                                              GError             **error);
gboolean             mado_vcard_link_send    (MadoVcardLink       *link,
                                              const guint8        *bytes,
                                              gsize                length,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MadoVcardLink, mado_vcard_link_free)

G_END_DECLS

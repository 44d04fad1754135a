/* mado-vcard-link.c — the TCP link to vpcd (vsmartcard's pcscd driver)
 *
 * vpcd listens; the card connects. Every message either way is a 2-byte
 * big-endian length followed by the bytes. Closing the socket removes the
 * card from the reader.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "mado-vcard-link.h"

#include <errno.h>
#include <gio/gio.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define POLL_INTERVAL_MS 100

struct _MadoVcardLink
{
  int fd;
};

/* vpcd writes a message's length and its bytes separately; with Nagle on
 * its side and a delayed ACK on ours every APDU would wait ~40 ms. The
 * kernel clears TCP_QUICKACK as it goes, so it is set again after each read. */
static void
quick_ack (MadoVcardLink *link)
{
  int one = 1;

  setsockopt (link->fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
}

static int
connect_any (struct addrinfo *list)
{
  for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next)
    {
      int fd = socket (ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);

      if (fd < 0)
        continue;
      if (connect (fd, ai->ai_addr, ai->ai_addrlen) == 0)
        return fd;
      close (fd);
    }
  return -1;
}

/**
 * mado_vcard_link_connect:
 * @host: vpcd's host
 * @port: vpcd's port (one per reader slot)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the link: the card is in the reader
 */
MadoVcardLink *
mado_vcard_link_connect (const char  *host,
                         guint16      port,
                         GError     **error)
{
  struct addrinfo hints = { .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV };
  struct addrinfo *list = NULL;
  char service[8];
  int status, fd;
  MadoVcardLink *link;

  g_snprintf (service, sizeof service, "%u", port);
  status = getaddrinfo (host, service, &hints, &list);
  if (status != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "cannot resolve %s: %s", host, gai_strerror (status));
      return NULL;
    }
  fd = connect_any (list);
  freeaddrinfo (list);
  if (fd < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                   "cannot connect to vpcd at %s:%u: %s", host, port, g_strerror (errno));
      return NULL;
    }
  link = g_new0 (MadoVcardLink, 1);
  link->fd = fd;
  quick_ack (link);
  return link;
}

void
mado_vcard_link_free (MadoVcardLink *link)
{
  if (link == NULL)
    return;
  close (link->fd);
  g_free (link);
}

/* Waits for bytes, waking regularly to look at the stop flag. Returns 1 when
 * readable, 0 when stopped. */
static int
wait_readable (MadoVcardLink      *link,
               const volatile int *stop)
{
  struct pollfd pfd = { .fd = link->fd, .events = POLLIN };

  while (!*stop)
    {
      int status = poll (&pfd, 1, POLL_INTERVAL_MS);

      if (status > 0)
        return 1;
    }
  return 0;
}

/* Reads exactly @length bytes. */
static MadoVcardLinkStatus
read_exactly (MadoVcardLink       *link,
              const volatile int  *stop,
              guint8              *buffer,
              gsize                length,
              GError             **error)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n;

      if (!wait_readable (link, stop))
        return MADO_VCARD_LINK_STOPPED;
      n = read (link->fd, buffer + done, length - done);
      quick_ack (link);
      if (n == 0 || (n < 0 && errno == ECONNRESET))
        return MADO_VCARD_LINK_CLOSED;
      if (n < 0 && errno != EINTR && errno != EAGAIN)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       "reading from vpcd: %s", g_strerror (errno));
          return MADO_VCARD_LINK_CLOSED;
        }
      if (n > 0)
        done += (gsize) n;
    }
  return MADO_VCARD_LINK_MESSAGE;
}

/**
 * mado_vcard_link_receive:
 * @link: a link
 * @stop: a flag a signal handler raises to stop waiting
 * @message: (out caller-allocates): receives the message's bytes
 * @error: return location for a #GError (only set on a read error)
 *
 * Returns: whether a message arrived, the link closed or @stop was raised
 */
MadoVcardLinkStatus
mado_vcard_link_receive (MadoVcardLink       *link,
                         const volatile int  *stop,
                         GByteArray          *message,
                         GError             **error)
{
  guint8 header[2];
  MadoVcardLinkStatus status;

  status = read_exactly (link, stop, header, sizeof header, error);
  if (status != MADO_VCARD_LINK_MESSAGE)
    return status;
  g_byte_array_set_size (message, (guint) (header[0] << 8 | header[1]));
  if (message->len == 0)
    return MADO_VCARD_LINK_MESSAGE;
  return read_exactly (link, stop, message->data, message->len, error);
}

/**
 * mado_vcard_link_send:
 * @link: a link
 * @bytes: (array length=length): the message
 * @length: its length, at most 65535
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the whole message was written
 */
gboolean
mado_vcard_link_send (MadoVcardLink  *link,
                      const guint8   *bytes,
                      gsize           length,
                      GError        **error)
{
  g_autoptr(GByteArray) frame = g_byte_array_sized_new ((guint) length + 2);
  guint8 header[2] = { (guint8) (length >> 8), (guint8) (length & 0xFF) };
  gsize done = 0;

  g_return_val_if_fail (length <= 0xFFFF, FALSE);
  g_byte_array_append (frame, header, 2);
  g_byte_array_append (frame, bytes, (guint) length);
  while (done < frame->len)
    {
      ssize_t n = send (link->fd, frame->data + done, frame->len - done, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       "writing to vpcd: %s", g_strerror (errno));
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

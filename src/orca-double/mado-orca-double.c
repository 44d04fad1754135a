/* mado-orca-double.c — the ORCA double's server: authentication, dispatch, faults, control
 *
 * Plain HTTP on loopback, as on-premises ORCA answers on its own port.
 * Every API request needs the configured user and password (HTTP Basic)
 * and ?format=json; the control endpoints under /_double/ (set a fault,
 * read a patient's state and the call log) need neither, and exist only
 * here. See docs/orca.md for what is faithful and what is guessed.
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mado-orca-double.h"

#define MAX_BODY (256 * 1024)

static const char *const fault_names[] = {
  "locked", "question", "validation", "refused", "http-500", "garbage", "oversized", "slow",
  "not-found", "changed", NULL,
};

/**
 * mado_orca_double_take_fault:
 * @self: the double
 * @name: a fault that fits the request being answered
 *
 * Returns: whether @name was queued; it is then used up
 */
gboolean
mado_orca_double_take_fault (MadoOrcaDouble *self,
                             const char     *name)
{
  GList *link = g_queue_find_custom (self->faults, name, (GCompareFunc) g_strcmp0);

  if (link == NULL)
    return FALSE;
  g_free (link->data);
  g_queue_delete_link (self->faults, link);
  return TRUE;
}

void
mado_orca_double_respond (SoupServerMessage *msg,
                          guint              status,
                          JsonBuilder       *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

/* A request the documentation does not allow: the double refuses it
 * outright, where ORCA might ignore it, so a sloppy client cannot pass. */
void
mado_orca_double_refuse (SoupServerMessage *msg,
                         const char        *why)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_printerr ("orca-double: refused: %s\n", why);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, why);
  json_builder_end_object (b);
  mado_orca_double_respond (msg, SOUP_STATUS_BAD_REQUEST, b);
}

/* A string member; none for NULL, as ORCA leaves empty elements out. */
void
mado_orca_double_add_text (JsonBuilder *b,
                           const char  *name,
                           const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

/* A string member's value; NULL when absent or not a string. */
const char *
mado_orca_double_text (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

void
mado_orca_double_add_public (JsonBuilder                *b,
                             const MadoOrcaDoublePublic *item)
{
  json_builder_begin_object (b);
  mado_orca_double_add_text (b, "PublicInsurance_Id", item->id);
  mado_orca_double_add_text (b, "PublicInsurance_Class", item->class_code);
  mado_orca_double_add_text (b, "PublicInsurance_Name", item->name);
  mado_orca_double_add_text (b, "PublicInsurer_Number", item->payer);
  mado_orca_double_add_text (b, "PublicInsuredPerson_Number", item->recipient);
  mado_orca_double_add_text (b, "Certificate_IssuedDate", item->issued);
  mado_orca_double_add_text (b, "Certificate_ExpiredDate", item->expired);
  mado_orca_double_add_text (b, "Certificate_CheckDate", item->checked);
  json_builder_end_object (b);
}

static gboolean
authorised (MadoOrcaDouble    *self,
            SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  g_autofree char *pair = g_strdup_printf ("%s:%s", self->user, self->password);
  g_autofree char *expected = g_base64_encode ((const guchar *) pair, strlen (pair));

  return header != NULL && g_str_has_prefix (header, "Basic ") &&
         strcmp (header + 6, expected) == 0;
}

/* The body: one JSON object with exactly the member @root. */
static JsonObject *
read_request (SoupServerMessage *msg,
              const char        *root,
              JsonParser        *parser)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *node;
  JsonObject *object;

  if (length == 0 || length > MAX_BODY || !g_utf8_validate (data, (gssize) length, NULL) ||
      !json_parser_load_from_data (parser, data, (gssize) length, NULL))
    {
      mado_orca_double_refuse (msg, "the body is not JSON");
      return NULL;
    }
  node = json_parser_get_root (parser);
  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (object == NULL || json_object_get_size (object) != 1 ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, root)))
    {
      g_autofree char *why = g_strdup_printf ("the body must be {\"%s\": {…}}", root);

      mado_orca_double_refuse (msg, why);
      return NULL;
    }
  return json_object_get_object_member (object, root);
}

/* Faults that replace any API answer. */
static gboolean
apply_transport_fault (MadoOrcaDouble    *self,
                       SoupServerMessage *msg)
{
  if (mado_orca_double_take_fault (self, "http-500"))
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (mado_orca_double_take_fault (self, "garbage"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"patientmodv3res2\": {\"Api_Result\": ", 36);
  else if (mado_orca_double_take_fault (self, "oversized"))
    {
      gsize size = 2 * 1024 * 1024;
      char *big = g_malloc (size);

      memset (big, ' ', size);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, big, size);
    }
  else
    return FALSE;
  if (soup_server_message_get_status (msg) == 0)
    soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  return TRUE;
}

static void
api (MadoOrcaDouble    *self,
     SoupServerMessage *msg,
     const char        *path,
     GHashTable        *query)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gboolean patientmod = strcmp (path, "/orca12/patientmodv32") == 0;
  JsonObject *request;

  if (!authorised (self, msg))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Basic realm=\"orca\"");
      return;
    }
  if (strcmp (soup_server_message_get_method (msg), "POST") != 0)
    {
      mado_orca_double_refuse (msg, "this call is a POST");
      return;
    }
  if (query == NULL || g_strcmp0 (g_hash_table_lookup (query, "format"), "json") != 0)
    {
      mado_orca_double_refuse (msg, "the double answers ?format=json only");
      return;
    }
  if (!patientmod && g_strcmp0 (g_hash_table_lookup (query, "class"), "01") != 0)
    {
      mado_orca_double_refuse (msg, "patientlst3v2 takes class=01");
      return;
    }
  if (mado_orca_double_take_fault (self, "slow"))
    g_usleep (3 * G_USEC_PER_SEC);
  if (apply_transport_fault (self, msg))
    return;
  request = read_request (msg, patientmod ? "patientmodv3req2" : "patientlst3req", parser);
  if (request == NULL)
    return;
  if (patientmod)
    mado_orca_double_patientmod (self, msg, request);
  else
    mado_orca_double_search (self, msg, request);
}

/* "changed" needs the 公費 another terminal registers: &payer=8 digits&recipient=7. */
static gboolean
take_changed (MadoOrcaDouble *self,
              GHashTable     *query)
{
  const char *payer = g_hash_table_lookup (query, "payer");
  const char *recipient = g_hash_table_lookup (query, "recipient");

  if (payer == NULL || recipient == NULL || strlen (payer) != 8 || strlen (recipient) != 7 ||
      strspn (payer, "0123456789") != 8 || strspn (recipient, "0123456789") != 7)
    return FALSE;
  g_free (self->changed_payer);
  g_free (self->changed_recipient);
  self->changed_payer = g_strdup (payer);
  self->changed_recipient = g_strdup (recipient);
  return TRUE;
}

/* POST /_double/fault?name=N queues a fault; GET /_double/patient?id=N
 * answers the patient's 公費 and lock; GET /_double/log the calls. */
static void
control (MadoOrcaDouble    *self,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const char *name = query != NULL ? g_hash_table_lookup (query, "name") : NULL;
  const char *id = query != NULL ? g_hash_table_lookup (query, "id") : NULL;
  MadoOrcaDoublePatient *patient = id != NULL ? g_hash_table_lookup (self->patients, id) : NULL;

  json_builder_begin_object (b);
  if (strcmp (path, "/_double/fault") == 0 && name != NULL &&
      g_strv_contains (fault_names, name) &&
      (strcmp (name, "changed") != 0 || take_changed (self, query)))
    {
      g_queue_push_tail (self->faults, g_strdup (name));
      mado_orca_double_add_text (b, "queued", name);
    }
  else if (strcmp (path, "/_double/log") == 0)
    {
      json_builder_set_member_name (b, "calls");
      json_builder_begin_array (b);
      for (guint i = 0; i < self->log->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (self->log, i));
      json_builder_end_array (b);
    }
  else if (strcmp (path, "/_double/patient") == 0 && patient != NULL)
    {
      mado_orca_double_add_text (b, "Patient_ID", patient->id);
      json_builder_set_member_name (b, "locked");
      json_builder_add_boolean_value (b, patient->orca_uid != NULL);
      json_builder_set_member_name (b, "PublicInsurance_Info");
      json_builder_begin_array (b);
      for (guint i = 0; i < patient->publics->len; i++)
        mado_orca_double_add_public (b, g_ptr_array_index (patient->publics, i));
      json_builder_end_array (b);
    }
  else
    {
      json_builder_end_object (b);
      mado_orca_double_refuse (msg, "unknown control request");
      return;
    }
  json_builder_end_object (b);
  mado_orca_double_respond (msg, SOUP_STATUS_OK, b);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  MadoOrcaDouble *self = user_data;

  if (g_str_has_prefix (path, "/_double/"))
    control (self, msg, path, query);
  else if (strcmp (path, "/orca12/patientmodv32") == 0 || strcmp (path, "/api01rv2/patientlst3v2") == 0)
    api (self, msg, path, query);
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

MadoOrcaDouble *
mado_orca_double_new (const char *user,
                      const char *password,
                      GHashTable *patients)
{
  MadoOrcaDouble *self = g_new0 (MadoOrcaDouble, 1);

  self->user = g_strdup (user);
  self->password = g_strdup (password);
  self->patients = g_hash_table_ref (patients);
  self->faults = g_queue_new ();
  self->log = g_ptr_array_new_with_free_func (g_free);
  self->next_public_id = 101;
  self->server = soup_server_new ("server-header", "madoguchi-orca-double ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  return self;
}

void
mado_orca_double_free (MadoOrcaDouble *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->server);
  g_free (self->user);
  g_free (self->password);
  g_hash_table_unref (self->patients);
  g_queue_free_full (self->faults, g_free);
  g_ptr_array_unref (self->log);
  g_free (self->changed_payer);
  g_free (self->changed_recipient);
  g_free (self);
}

/**
 * mado_orca_double_set_certificate:
 * @self: the double
 * @certificate: (nullable): serve HTTPS with it; %NULL for plain HTTP
 *
 * Before mado_orca_double_listen(): an ORCA behind TLS, for the desk's
 * pinned-CA configuration.
 */
void
mado_orca_double_set_certificate (MadoOrcaDouble  *self,
                                  GTlsCertificate *certificate)
{
  self->https = certificate != NULL;
  if (certificate != NULL)
    g_object_set (self->server, "tls-certificate", certificate, NULL);
}

/**
 * mado_orca_double_listen:
 * @self: the double
 * @address: "127.0.0.1:PORT" (0: any free port)
 * @error: why it cannot listen
 *
 * Returns: the port, 0 on failure
 */
guint
mado_orca_double_listen (MadoOrcaDouble  *self,
                         const char      *address,
                         GError         **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoptr(GSocketConnectable) connectable = NULL;
  GSList *uris;
  guint port = 0;

  connectable = g_network_address_parse (address, 0, error);
  if (connectable == NULL)
    return 0;
  socket_address = g_inet_socket_address_new_from_string (
    g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)),
    g_network_address_get_port (G_NETWORK_ADDRESS (connectable)));
  if (socket_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s is not an IP address and port", address);
      return 0;
    }
  if (!soup_server_listen (self->server, socket_address, self->https ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return 0;
  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

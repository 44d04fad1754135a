/* bench-card-pkcs11.c — the identity proof through OpenSC's PKCS#11 module, in this process
 *
 * Copyright 2026 The Madoguchi authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a program that loads OpenSC's module instead of Madoguchi's card
 * code would do for one proof: open a session on the first slot with a
 * token, find and read the user-authentication certificate (ID 01) and
 * parse it, log in with PIN 1234, sign the challenge with key 01
 * (CKM_SHA256_RSA_PKCS: the module hashes, the card signs), log out and
 * close the session. The module is initialised once, before the first
 * proof, which is the module's best case: it keeps its card binding and
 * file cache between proofs.
 */
#include "config.h"

#include <dlfcn.h>
#include <openssl/x509.h>
#include <p11-kit/pkcs11.h>

#include "bench-card-pkcs11.h"

struct _BenchPkcs11 {
  void                *module;
  CK_FUNCTION_LIST_PTR p11;
  CK_SLOT_ID           slot;
};

static gboolean
check (CK_RV        rv,
       const char  *call,
       GError     **error)
{
  if (rv == CKR_OK)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: CKR 0x%lx", call, (unsigned long) rv);
  return FALSE;
}

static gboolean
first_slot_with_token (BenchPkcs11  *self,
                       GError      **error)
{
  CK_SLOT_ID slots[16];
  CK_ULONG n = G_N_ELEMENTS (slots);

  if (!check (self->p11->C_GetSlotList (CK_TRUE, slots, &n), "C_GetSlotList", error))
    return FALSE;
  if (n == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no slot holds a token");
      return FALSE;
    }
  self->slot = slots[0];
  return TRUE;
}

/**
 * bench_pkcs11_open:
 * @module_path: OpenSC's PKCS#11 module (opensc-pkcs11.so)
 *
 * Loads and initialises the module, and picks the first slot with a token.
 */
BenchPkcs11 *
bench_pkcs11_open (const char  *module_path,
                   GError     **error)
{
  g_autofree BenchPkcs11 *self = g_new0 (BenchPkcs11, 1);
  CK_C_GetFunctionList get_function_list;
  CK_C_INITIALIZE_ARGS args = { .flags = CKF_OS_LOCKING_OK };

  self->module = dlopen (module_path, RTLD_NOW | RTLD_LOCAL);
  if (self->module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", dlerror ());
      return NULL;
    }
  get_function_list = (CK_C_GetFunctionList) dlsym (self->module, "C_GetFunctionList");
  if (get_function_list == NULL
      || !check (get_function_list (&self->p11), "C_GetFunctionList", error)
      || !check (self->p11->C_Initialize (&args), "C_Initialize", error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s has no C_GetFunctionList", module_path);
      dlclose (self->module);
      return NULL;
    }
  if (!first_slot_with_token (self, error))
    {
      bench_pkcs11_close (g_steal_pointer (&self));
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
bench_pkcs11_close (BenchPkcs11 *self)
{
  if (self == NULL)
    return;
  self->p11->C_Finalize (NULL);
  dlclose (self->module);
  g_free (self);
}

/* The handle of the one object of @klass with CKA_ID 01. */
static gboolean
find_object (BenchPkcs11       *self,
             CK_SESSION_HANDLE  session,
             CK_OBJECT_CLASS    klass,
             CK_OBJECT_HANDLE  *out,
             GError           **error)
{
  CK_BYTE id = 0x01;
  CK_ATTRIBUTE template[] = {
    { CKA_CLASS, &klass, sizeof klass },
    { CKA_ID, &id, sizeof id },
  };
  CK_ULONG found = 0;

  if (!check (self->p11->C_FindObjectsInit (session, template, G_N_ELEMENTS (template)),
              "C_FindObjectsInit", error))
    return FALSE;
  if (!check (self->p11->C_FindObjects (session, out, 1, &found), "C_FindObjects", error)
      || !check (self->p11->C_FindObjectsFinal (session), "C_FindObjectsFinal", error))
    return FALSE;
  if (found == 1)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no object of class %lu with ID 01",
               (unsigned long) klass);
  return FALSE;
}

/* Reads the certificate's DER and parses it, as a proof needs its key. */
static gboolean
read_certificate (BenchPkcs11       *self,
                  CK_SESSION_HANDLE  session,
                  GError           **error)
{
  CK_OBJECT_HANDLE object;
  CK_ATTRIBUTE value = { CKA_VALUE, NULL, 0 };
  g_autofree guint8 *der = NULL;
  const guint8 *p;
  X509 *x509;

  if (!find_object (self, session, CKO_CERTIFICATE, &object, error)
      || !check (self->p11->C_GetAttributeValue (session, object, &value, 1), "C_GetAttributeValue", error))
    return FALSE;
  der = g_malloc (value.ulValueLen);
  value.pValue = der;
  if (!check (self->p11->C_GetAttributeValue (session, object, &value, 1), "C_GetAttributeValue", error))
    return FALSE;
  p = der;
  x509 = d2i_X509 (NULL, &p, (long) value.ulValueLen);
  if (x509 == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the certificate does not parse");
      return FALSE;
    }
  X509_free (x509);
  return TRUE;
}

static gboolean
sign (BenchPkcs11       *self,
      CK_SESSION_HANDLE  session,
      const guint8      *challenge,
      gsize              challenge_len,
      GError           **error)
{
  CK_MECHANISM mechanism = { CKM_SHA256_RSA_PKCS, NULL, 0 };
  CK_OBJECT_HANDLE key;
  CK_BYTE signature[512];
  CK_ULONG signature_len = sizeof signature;

  return find_object (self, session, CKO_PRIVATE_KEY, &key, error)
         && check (self->p11->C_SignInit (session, &mechanism, key), "C_SignInit", error)
         && check (self->p11->C_Sign (session, (CK_BYTE_PTR) challenge, challenge_len,
                                      signature, &signature_len), "C_Sign", error);
}

/**
 * bench_pkcs11_proof:
 *
 * One proof: session, certificate, login, signature of @challenge, logout.
 */
gboolean
bench_pkcs11_proof (BenchPkcs11   *self,
                    const guint8  *challenge,
                    gsize          challenge_len,
                    GError       **error)
{
  static CK_UTF8CHAR pin[] = "1234";
  CK_SESSION_HANDLE session;
  gboolean ok;

  if (!check (self->p11->C_OpenSession (self->slot, CKF_SERIAL_SESSION, NULL, NULL, &session),
              "C_OpenSession", error))
    return FALSE;
  ok = read_certificate (self, session, error)
       && check (self->p11->C_Login (session, CKU_USER, pin, 4), "C_Login", error)
       && sign (self, session, challenge, challenge_len, error)
       && check (self->p11->C_Logout (session), "C_Logout", error);
  self->p11->C_CloseSession (session);
  return ok;
}

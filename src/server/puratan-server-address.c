/* puratan-server-address.c: parses the address the server listens on
 *
 * Copyright 2026 Puratan Printers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "puratan-server.h"

#include <string.h>

#include "puratan-error.h"

static GInetSocketAddress *
invalid_address (const char *text, const char *why, GError **error)
{
  g_set_error (error, PURATAN_ERROR, PURATAN_ERROR_INVALID_INPUT,
               "Invalid listen address “%s”: %s. Use ADDRESS:PORT, such as 127.0.0.1:8080 or "
               "[::1]:8080",
               text, why);
  return NULL;
}

/**
 * puratan_server_parse_address:
 * @text: "IPV4:PORT" or "[IPV6]:PORT", such as "127.0.0.1:8080" or
 *   "[::1]:0"; port 0 means any free port
 * @error: return location for a #GError
 *
 * Parses a numeric listen address. Host names are refused: a server binds
 * to an interface's address, not to a name that may resolve elsewhere.
 *
 * Returns: (transfer full) (nullable): the socket address, or %NULL with
 *   @error set to %PURATAN_ERROR_INVALID_INPUT
 */
GInetSocketAddress *
puratan_server_parse_address (const char *text, GError **error)
{
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) inet = NULL;
  g_autoptr (GError) port_error = NULL;
  const char *port_text;
  guint64 port = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || close[1] != ':')
        return invalid_address (text, "an IPv6 address needs the form [ADDRESS]:PORT", error);
      host = g_strndup (text + 1, close - text - 1);
      port_text = close + 2;
      inet = g_inet_address_new_from_string (host);
      if (inet == NULL || g_inet_address_get_family (inet) != G_SOCKET_FAMILY_IPV6)
        return invalid_address (text, "the part in brackets is not an IPv6 address", error);
    }
  else
    {
      const char *colon = strrchr (text, ':');

      if (colon == NULL)
        return invalid_address (text, "the port is missing", error);
      host = g_strndup (text, colon - text);
      port_text = colon + 1;
      inet = g_inet_address_new_from_string (host);
      if (inet == NULL || g_inet_address_get_family (inet) != G_SOCKET_FAMILY_IPV4)
        return invalid_address (text, "the host is not an IPv4 address (write IPv6 in brackets)",
                                error);
    }

  if (!g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, &port_error))
    return invalid_address (text, "the port must be a number from 0 to 65535", error);

  return G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (inet, (guint16) port));
}

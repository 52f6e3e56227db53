package com.comptoir.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An external PostgreSQL, given either as {@code postgres://user:password@host:port/db} (the
 * DATABASE_URL convention) or as a JDBC URL.
 */
record DatabaseUrl(String jdbcUrl, String user, String password) {

  static DatabaseUrl parse(String setting, String value) {
    if (value.startsWith("jdbc:postgresql://")) {
      return new DatabaseUrl(value, null, null);
    }
    try {
      URI uri = new URI(value);
      if (!("postgres".equals(uri.getScheme()) || "postgresql".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getPath() == null
          || uri.getPath().length() < 2) {
        throw new SettingsException(setting + " must look like postgres://user:password@host:5432/database or jdbc:postgresql://...");
      }
      String user = null;
      String password = null;
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
      }
      int port = uri.getPort() == -1 ? 5432 : uri.getPort();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      return new DatabaseUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query, user, password);
    } catch (URISyntaxException e) {
      throw new SettingsException(setting + " is not a valid URL: " + e.getReason());
    }
  }

  /** The URL without its password, safe to print. */
  @Override
  public String toString() {
    return jdbcUrl + (user == null ? "" : " as " + user);
  }
}

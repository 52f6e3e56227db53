package com.comptoir.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect: only a client that knows the cluster's generated password, checked with
 * {@code scram-sha-256}. zonky's {@code initdb} trusts every local connection, so anybody on the
 * machine could read the secret keys, webhook secrets and password hashes; a cluster of ours is
 * initialised with the password instead, and one initialised by an earlier Comptoir (trust) is
 * given one on its next start.
 */
final class ClientAuthentication {
  private static final Logger LOG = LoggerFactory.getLogger(ClientAuthentication.class);
  static final String HBA_FILE = "pg_hba.conf";
  /** The rules {@code initdb --auth=scram-sha-256} writes, without the comments. */
  private static final String SCRAM_ONLY = """
      # Written by Comptoir: every connection must give the password kept beside this folder.
      local   all             all                                     scram-sha-256
      host    all             all             127.0.0.1/32            scram-sha-256
      host    all             all             ::1/128                 scram-sha-256
      local   replication     all                                     scram-sha-256
      host    replication     all             127.0.0.1/32            scram-sha-256
      host    replication     all             ::1/128                 scram-sha-256
      """;

  private ClientAuthentication() {}

  /** The password kept in {@code file} (0600), generated on first use. */
  static String keptPassword(Path file) throws IOException {
    if (Files.exists(file)) {
      PrivateFiles.restrict(file);
      String password = Files.readString(file).strip();
      if (!password.isEmpty()) {
        return password;
      }
    }
    String password = PrivateFiles.randomPassword();
    PrivateFiles.write(file, password + "\n");
    return password;
  }

  /**
   * Whether any of {@code pgData}'s rules lets a client in other than by scram-sha-256: trust (a
   * cluster of an earlier Comptoir), or a weaker password method.
   */
  static boolean needsUpgrade(Path pgData) throws IOException {
    Path hba = pgData.resolve(HBA_FILE);
    return Files.exists(hba) && Files.readAllLines(hba).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .anyMatch(line -> !line.contains("scram-sha-256"));
  }

  /**
   * Gives a running trust cluster its password and replaces its rules with {@link #SCRAM_ONLY},
   * then has the server reread them (rules apply on reload, no restart needed).
   */
  static void requirePassword(DataSource superuser, Path pgData, String password) throws IOException {
    if (!password.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("a generated password is base64url; this one is not, so it is not put into SQL");
    }
    try (Connection c = superuser.getConnection(); Statement s = c.createStatement()) {
      s.execute("SET password_encryption = 'scram-sha-256'");
      s.execute("ALTER ROLE " + PostgresCluster.USER + " WITH PASSWORD '" + password + "'");
      PrivateFiles.write(pgData.resolve(HBA_FILE), SCRAM_ONLY);
      try (ResultSet reloaded = s.executeQuery("SELECT pg_reload_conf()")) {
        reloaded.next();
      }
      try (ResultSet bad = s.executeQuery("SELECT count(*) FROM pg_hba_file_rules WHERE error IS NOT NULL OR auth_method <> 'scram-sha-256'")) {
        bad.next();
        if (bad.getLong(1) != 0) {
          throw new IllegalStateException(pgData.resolve(HBA_FILE) + " still has rules other than scram-sha-256 after the upgrade");
        }
      }
    } catch (SQLException e) {
      throw new IOException("could not give the PostgreSQL in " + pgData + " a password: " + e.getMessage(), e);
    }
    LOG.info("PostgreSQL in {} now asks for a password (it trusted local connections before)", pgData);
  }
}

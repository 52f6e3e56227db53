package com.comptoir.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the owner of a data folder reaches its PostgreSQL: another local user knows neither the
 * password nor can read the files, and cannot swap the server's binaries.
 */
class ClusterAccessTest {
  @TempDir Path dataDir;

  @Test
  void aNewDataFolderRefusesConnectionsWithoutItsPasswordAndIsTheOwnersAlone() throws Exception {
    try (PostgresCluster cluster = PostgresCluster.durable(dataDir)) {
      assertRefused(cluster.jdbcUrl("postgres"), null);
      assertRefused(cluster.jdbcUrl("postgres"), "guessed");
      assertThat(selectOne(cluster.jdbcUrl("postgres"), cluster.password())).isEqualTo(1);
      assertThat(Files.readString(dataDir.resolve("postgres-password")).strip()).isEqualTo(cluster.password());
      // nor can another user read the files, the password or swap the server
      assertThat(permissions(dataDir)).isEqualTo("rwx------");
      assertThat(permissions(dataDir.resolve("postgres"))).isEqualTo("rwx------");
      assertThat(permissions(dataDir.resolve("postgres-binaries"))).isEqualTo("rwx------");
      assertThat(permissions(dataDir.resolve("postgres-password"))).isEqualTo("rw-------");
      assertThat(permissions(dataDir.resolve("postgres/pg_hba.conf"))).isEqualTo("rw-------");
    }
  }

  @Test
  void aTrustingDataFolderOfAnEarlierVersionIsGivenAPasswordAndPrivateFoldersOnItsNextStart() throws Exception {
    Path pgData = dataDir.resolve("postgres");
    Path binaries = dataDir.resolve("postgres-binaries");
    // What the launcher made before: zonky's defaults (trust), folders as the umask left them.
    try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
        .setOverrideWorkingDirectory(binaries.toFile()).start();
        Connection c = earlier.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (secret text)");
      s.execute("INSERT INTO kept VALUES ('sk_test_kept')");
    }
    Files.createDirectories(binaries); // zonky unpacks once per JVM: an earlier test's cluster may have unpacked elsewhere
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).contains("trust");

    try (PostgresCluster cluster = PostgresCluster.durable(dataDir)) {
      assertRefused(cluster.jdbcUrl("postgres"), null);
      try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"), PostgresCluster.USER, cluster.password());
          ResultSet kept = c.createStatement().executeQuery("SELECT secret FROM kept")) {
        assertThat(kept.next()).isTrue();
        assertThat(kept.getString(1)).isEqualTo("sk_test_kept");
      }
      assertThat(permissions(dataDir)).isEqualTo("rwx------");
      assertThat(permissions(binaries)).isEqualTo("rwx------");
      assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).doesNotContain("trust");
    }
    // and the start after that is an ordinary one
    try (PostgresCluster again = PostgresCluster.durable(dataDir)) {
      assertRefused(again.jdbcUrl("postgres"), null);
      assertThat(selectOne(again.jdbcUrl("postgres"), again.password())).isEqualTo(1);
    }
  }

  @Test
  void aThrowAwayClusterAsksForItsPasswordTooAndKeepsItsBinariesPrivate() throws Exception {
    try (PostgresCluster cluster = PostgresCluster.temporary(PostgresCluster.Durability.FAST)) {
      assertRefused(cluster.jdbcUrl("postgres"), null);
      assertThat(selectOne(cluster.jdbcUrl("postgres"), cluster.password())).isEqualTo(1);
      Set<PosixFilePermission> binaries = Files.getPosixFilePermissions(PostgresCluster.sharedBinaries());
      assertThat(PosixFilePermissions.toString(binaries)).isEqualTo("rwx------");
      assertThat(System.getProperty("ot.epg.working-dir")).startsWith(PostgresCluster.sharedBinaries().getParent().toString());
      assertThat(permissions(PostgresCluster.sharedBinaries().getParent())).isEqualTo("rwx------");
    }
  }

  private static void assertRefused(String url, String password) {
    assertThatThrownBy(() -> selectOne(url, password)).isInstanceOf(SQLException.class)
        .hasMessageMatching("(?s).*(password authentication failed|no password was provided).*");
  }

  private static int selectOne(String url, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, PostgresCluster.USER, password);
        ResultSet r = c.createStatement().executeQuery("SELECT 1")) {
      r.next();
      return r.getInt(1);
    }
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}

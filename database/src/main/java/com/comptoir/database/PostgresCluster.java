package com.comptoir.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An embedded PostgreSQL (zonky's binaries, run as the current user) that only its owner can
 * reach: a generated password checked with scram-sha-256, data and binaries in 0700 folders, the
 * password in a 0600 file. {@link #durable} is the launcher's, kept under the data folder;
 * {@link #temporary} is a throw-away one for tests and benchmarks, deleted on close.
 */
public final class PostgresCluster implements AutoCloseable {
  /** The superuser zonky's initdb creates; the only role. */
  public static final String USER = "postgres";
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
  /** zonky's default, {@code java.io.tmpdir/embedded-pg}, is shared by every user of the machine. */
  private static final String ZONKY_WORKING_DIR = "ot.epg.working-dir";

  /** How the server writes: as a store of money must, or as fast as a throw-away test database may. */
  public enum Durability {
    /** fsync, synchronous commit and full-page writes on: what {@code comptoir start} runs. */
    DURABLE,
    /** zonky's test settings (fsync and synchronous commit off): a crash loses the last commits, which tests never see. */
    FAST
  }

  private final EmbeddedPostgres postgres;
  private final Path pgData;
  private final String password;
  private final Optional<Path> deleteOnClose;

  private PostgresCluster(EmbeddedPostgres postgres, Path pgData, String password, Optional<Path> deleteOnClose) {
    this.postgres = postgres;
    this.pgData = pgData;
    this.password = password;
    this.deleteOnClose = deleteOnClose;
  }

  /**
   * The cluster kept in {@code dataDir} ({@code postgres/} its data, {@code postgres-binaries/}
   * the server, {@code postgres-password} its password), started durable. A data folder of an
   * earlier Comptoir, whose cluster trusted local connections, is given a password and private
   * folders on this start. Fails with {@link DataFolderInUseException} while another launcher runs on it.
   */
  public static PostgresCluster durable(Path dataDir) throws IOException {
    PrivateFiles.folder(dataDir);
    Path pgData = PrivateFiles.folder(dataDir.resolve("postgres"));
    OrphanedPostmaster.refuseIfInUse(pgData);
    OrphanedPostmaster.stop(pgData);
    Path binaries = PrivateFiles.folder(dataDir.resolve("postgres-binaries"));
    Path passwordFile = dataDir.resolve("postgres-password");
    String password = ClientAuthentication.keptPassword(passwordFile);
    boolean upgrade = ClientAuthentication.needsUpgrade(pgData);
    EmbeddedPostgres postgres = builder(Durability.DURABLE, pgData, binaries, password, passwordFile)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .start();
    PostgresCluster cluster = new PostgresCluster(postgres, pgData, password, Optional.empty());
    try {
      PrivateFiles.folder(binaries); // zonky makes its working folder world-writable; the data folder (0700) already fences it
      if (upgrade) {
        ClientAuthentication.requirePassword(postgres.getPostgresDatabase(), pgData, password);
      }
      PrivateFiles.restrict(pgData.resolve(ClientAuthentication.HBA_FILE));
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** A cluster of its own in a new temporary folder (0700), deleted when it closes. */
  public static PostgresCluster temporary(Durability durability) throws IOException {
    Path root = Files.createTempDirectory("comptoir-postgres-"); // 0700, as createTempDirectory makes them
    Path pgData = root.resolve("data");
    Path passwordFile = root.resolve("password");
    String password = ClientAuthentication.keptPassword(passwordFile);
    EmbeddedPostgres postgres = builder(durability, pgData, sharedBinaries(), password, passwordFile)
        .setCleanDataDirectory(true)
        .start();
    PrivateFiles.folder(sharedBinaries());
    return new PostgresCluster(postgres, pgData, password, Optional.of(root));
  }

  private static EmbeddedPostgres.Builder builder(Durability durability, Path pgData, Path binaries, String password, Path passwordFile)
      throws IOException {
    privateZonkyWorkingDirectory();
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(pgData)
        .setOverrideWorkingDirectory(binaries.toFile())
        // zonky runs "initdb -A trust"; its "locale" settings are the extension point for initdb's
        // options, and a later --auth wins over -A. So the cluster is born with its password.
        .setLocaleConfig("auth", "scram-sha-256")
        .setLocaleConfig("pwfile", passwordFile.toString())
        .setConnectConfig("password", password)
        .setServerConfig("password_encryption", "scram-sha-256")
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setPGStartupWait(STARTUP_WAIT);
    if (durability == Durability.DURABLE) {
      // zonky turns fsync and synchronous commit off for speed in tests; a store of money must not.
      builder.setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("max_connections", "200")
          // Memory (issue #18: the whole stack under 512 MB): PostgreSQL's default 128 MB of shared
          // buffers is most of its resident size once a run has touched them. 64 MB holds the hot
          // indexes of a busy store (random ids spread inserts over the whole primary key); the rest
          // is read from the OS page cache. 32 MB saved 30 MB more, but a back-to-back run could not
          // rule out a loss on Checkout Session creates. The WAL buffers would follow shared_buffers
          // down to 2 MB; 4 MB keeps concurrent commits from waiting on WAL writes.
          .setServerConfig("shared_buffers", "64MB")
          .setServerConfig("wal_buffers", "4MB")
          // Memory again: autovacuum's ANALYZE holds its whole sample (300 rows per unit of this
          // target) in its worker, and a sample of wide rows is large: at the default 100, 30,000
          // rows of idempotency_keys (kept responses) took 47 MB, of api_request_logs 22 MB, for
          // as long as each ran (sampled from pg_stat_activity and /proc during the store scenario),
          // and three workers may run at once. The queries here find rows by key, id or account
          // through indexes; 20 (6,000 rows) still gives the planner 20 common values per column.
          .setServerConfig("default_statistics_target", "20");
    }
    return builder;
  }

  /**
   * Where throw-away clusters share their unpacked binaries: the user's own cache, not /tmp. zonky
   * makes the folder it unpacks into world-writable (so users can share it); inside a 0700 folder
   * nobody else can reach it, and it is made private again once the server runs.
   */
  static Path sharedBinaries() throws IOException {
    return PrivateFiles.folder(privateCache().resolve("postgres-binaries"));
  }

  private static Path privateCache() throws IOException {
    Path cache = Optional.ofNullable(System.getenv("XDG_CACHE_HOME")).filter(s -> !s.isBlank()).map(Path::of)
        .orElse(Path.of(System.getProperty("user.home"), ".cache"));
    return PrivateFiles.folder(cache.resolve("comptoir"));
  }

  /**
   * zonky scans its working directory for stale clusters and runs {@code pg_ctl stop} on them; in
   * the shared /tmp anybody could plant one there, so it is pointed into the private cache instead.
   */
  private static synchronized void privateZonkyWorkingDirectory() throws IOException {
    if (System.getProperty(ZONKY_WORKING_DIR) == null) {
      System.setProperty(ZONKY_WORKING_DIR, privateCache().resolve("embedded-pg").toString());
    }
  }

  /** Creates database {@code name} unless it exists. */
  public void createDatabase(String name) {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("database names here are lower-case identifiers, not '" + name + "'");
    }
    try (Connection c = superuser().getConnection();
        PreparedStatement check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      check.setString(1, name);
      if (!check.executeQuery().next()) {
        try (Statement create = c.createStatement()) {
          create.execute("CREATE DATABASE \"" + name + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
    }
  }

  /** A pool of at most {@code maximumPoolSize} connections to database {@code name}, created unless it exists. */
  public HikariDataSource pool(String name, int maximumPoolSize) {
    createDatabase(name);
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(jdbcUrl(name));
    config.setUsername(USER);
    config.setPassword(password);
    config.setMaximumPoolSize(maximumPoolSize);
    return new HikariDataSource(config);
  }

  /** The address of database {@code name}, without the password (see {@link #password()}). */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
  }

  public String password() {
    return password;
  }

  public int port() {
    return postgres.getPort();
  }

  /** The superuser's connection to the {@code postgres} database. */
  public DataSource superuser() {
    return postgres.getPostgresDatabase();
  }

  /** The postmaster's process id, from its pid file (for CPU accounting in benchmarks). */
  public Optional<Long> postmasterPid() {
    try {
      return Optional.of(Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).getFirst().strip()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
    if (deleteOnClose.isPresent()) {
      Folders.deleteRecursively(deleteOnClose.get());
    }
  }
}

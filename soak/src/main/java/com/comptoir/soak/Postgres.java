package com.comptoir.soak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The soak's own PostgreSQL, external to every Comptoir process (as {@code COMPTOIR_*_DATABASE_URL}
 * allows): the binaries the launcher embeds, unpacked once, a cluster of its own with a generated
 * password ({@code scram-sha-256}, loopback only), and the postmaster as a direct child so that
 * {@code kill -9} hits the real thing.
 */
final class Postgres implements AutoCloseable {
  static final String USER = "soak";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private static final boolean AS_ROOT = "root".equals(System.getProperty("user.name"));

  private final Path bin;
  private final Path data;
  private final Path log;
  private final int port;
  private final String password;
  private Process postmaster;

  private Postgres(Path bin, Path data, Path log, int port, String password) {
    this.bin = bin;
    this.data = data;
    this.log = log;
    this.port = port;
    this.password = password;
  }

  static Postgres create(Path dir, int port) throws IOException, InterruptedException, SQLException {
    Path binaries = dir.resolve("pg-binaries");
    Files.createDirectories(binaries);
    Path archive = dir.resolve("postgres.txz");
    try (InputStream in = Postgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
      if (in == null) {
        throw new IllegalStateException("the PostgreSQL binaries are not on the class path");
      }
      Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
    }
    Processes.run(Duration.ofMinutes(3), "tar", "-xJf", archive.toString(), "-C", binaries.toString());
    Files.delete(archive);
    Path data = dir.resolve("pg-data");
    Files.createDirectories(data);
    if (AS_ROOT) {
      // PostgreSQL refuses to run as root: the cluster belongs to nobody, as a packaged one belongs to postgres.
      Processes.run(Duration.ofSeconds(30), "chown", "nobody:nogroup", data.toString());
      Processes.run(Duration.ofSeconds(30), "chmod", "700", data.toString());
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    Path pwfile = dir.resolve("pg-password");
    Files.writeString(pwfile, password + "\n");
    Files.setPosixFilePermissions(pwfile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    if (AS_ROOT) {
      Processes.run(Duration.ofSeconds(30), "chown", "nobody:nogroup", pwfile.toString());
    }
    Processes.run(Duration.ofMinutes(3), unprivileged(binaries.resolve("bin/initdb").toString(), "-D", data.resolve("cluster").toString(),
        "-U", USER, "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale"));
    Files.delete(pwfile);
    Postgres pg = new Postgres(binaries.resolve("bin"), data.resolve("cluster"), dir.resolve("postgres.log"), port, password);
    pg.start();
    for (String db : List.of("processor", "platform")) {
      try (Connection c = pg.connect("postgres"); var s = c.createStatement()) {
        s.execute("CREATE DATABASE " + db);
      }
    }
    return pg;
  }

  /** The command as the unprivileged user when the soak runs as root (setpriv execs it: same pid, so kill -9 hits it). */
  private static String[] unprivileged(String... command) {
    if (!AS_ROOT) {
      return command;
    }
    String[] wrapped = new String[command.length + 4];
    wrapped[0] = "setpriv";
    wrapped[1] = "--reuid=nobody";
    wrapped[2] = "--regid=nogroup";
    wrapped[3] = "--clear-groups";
    System.arraycopy(command, 0, wrapped, 4, command.length);
    return wrapped;
  }

  /** A URL in the launcher's {@code postgres://user:password@host:port/db} form. */
  String url(String database) {
    return "postgres://" + USER + ":" + password + "@127.0.0.1:" + port + "/" + database;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, password);
  }

  synchronized void start() throws IOException, InterruptedException {
    // fsync and synchronous_commit on, as the launcher's embedded PostgreSQL runs: a kill must not lose a commit.
    postmaster = new ProcessBuilder(unprivileged(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
        "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=on", "-c", "synchronous_commit=on",
        "-c", "max_connections=300", "-c", "shared_buffers=64MB"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!postmaster.isAlive()) {
        throw new IllegalStateException("PostgreSQL exited with " + postmaster.exitValue() + "; see " + log);
      }
      try (Connection c = connect("postgres")) {
        return;
      } catch (SQLException e) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("PostgreSQL did not accept connections within " + START_TIMEOUT + "; see " + log);
  }

  /** {@code kill -9} of the postmaster, then waits for its backends to notice and exit (crash recovery needs them gone). */
  synchronized void kill() throws InterruptedException {
    List<ProcessHandle> backends = postmaster.descendants().toList();
    postmaster.destroyForcibly();
    postmaster.waitFor();
    awaitGone(backends);
  }

  /** A fast shutdown (SIGINT: open transactions rolled back, checkpoint), as an operator's restart does. */
  synchronized void stop() throws InterruptedException, IOException {
    if (postmaster == null || !postmaster.isAlive()) {
      return;
    }
    List<ProcessHandle> backends = postmaster.descendants().toList();
    Processes.run(Duration.ofSeconds(10), "kill", "-INT", Long.toString(postmaster.pid()));
    if (!postmaster.waitFor(STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
      postmaster.destroyForcibly();
      postmaster.waitFor();
    }
    awaitGone(backends);
  }

  private static void awaitGone(List<ProcessHandle> processes) throws InterruptedException {
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (ProcessHandle p : processes) {
      while (p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}

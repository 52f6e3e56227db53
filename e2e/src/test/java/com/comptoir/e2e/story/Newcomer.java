package com.comptoir.e2e.story;

import com.comptoir.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comptoir as a newcomer starts it: the launcher script, {@code ./comptoir start}, on a fresh data
 * folder, its banner read for the addresses and the passwords it prints on a first start. The jar
 * is the one the build just made ({@code COMPTOIR_NO_BUILD=1}: the reactor packages cli/ before e2e/; run
 * alone, build with {@code -pl cli,e2e -am}, as {@code ./comptoir screenshots} does).
 * Ports are free ones, so the suite never collides with a Comptoir the developer is running.
 */
final class Newcomer implements AutoCloseable {
  static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  /** Generous: the first start unpacks PostgreSQL, and the machine may be busy with other builds. */
  private static final Duration START_UP = Duration.ofMinutes(4);

  final String processorUrl;
  final String platformUrl;
  final String operatorEmail;
  final String operatorPassword;
  final String dashboardEmail;
  final String dashboardPassword;
  private final Process process;
  private final Path output;

  private Newcomer(Process process, Path output, String banner) {
    this.process = process;
    this.output = output;
    processorUrl = find(banner, "processor \\(Stripe API\\)\\s+(\\S+)");
    platformUrl = find(banner, "\\n  platform\\s+(\\S+)");
    operatorEmail = find(banner, "operator area\\s+\\S+ as (\\S+),");
    operatorPassword = find(banner, "operator area\\s+\\S+ as \\S+, password (\\S+) \\(new");
    dashboardEmail = find(banner, "Dashboard\\s+\\S+ as (\\S+),");
    dashboardPassword = find(banner, "Dashboard\\s+\\S+ as \\S+, password (\\S+) \\(new");
  }

  /** {@code ./comptoir start} with {@code dataDir} as its data folder, once its banner is printed. */
  static Newcomer start(Path dataDir) throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    Path output = dataDir.resolveSibling(dataDir.getFileName() + ".out");
    // setsid: the launcher and what it starts get a process group of their own, stopped together.
    ProcessBuilder pb = new ProcessBuilder("setsid", ROOT.resolve("comptoir").toString(), "start")
        .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().put("COMPTOIR_NO_BUILD", "1");
    pb.environment().put("COMPTOIR_DATA_DIR", dataDir.toString());
    pb.environment().put("COMPTOIR_PROCESSOR_PORT", Integer.toString(freePort()));
    pb.environment().put("COMPTOIR_PLATFORM_PORT", Integer.toString(freePort()));
    Process process = pb.start();
    try {
      String banner = Await.value(() -> "./comptoir start printed no banner:\n" + read(output), START_UP, () -> {
        String printed = read(output);
        if (!printed.contains("Stop with Ctrl-C.") && !process.isAlive()) {
          throw new AssertionError("./comptoir start stopped (exit " + process.exitValue() + "):\n" + printed);
        }
        return Optional.of(printed).filter(p -> p.contains("Stop with Ctrl-C."));
      });
      return new Newcomer(process, output, banner);
    } catch (AssertionError e) {
      stop(process);
      throw e;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the launcher printed so far. */
  String printed() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String find(String banner, String regex) {
    Matcher m = Pattern.compile(regex).matcher(banner);
    if (!m.find()) {
      throw new AssertionError("the banner has no " + regex + ":\n" + banner);
    }
    return m.group(1);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void stop(Process process) {
    try {
      if (process.isAlive()) {
        new ProcessBuilder("kill", "-TERM", "--", "-" + process.pid()).inheritIO().start().waitFor();
      }
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ctrl-C, as the banner says: SIGTERM to the launcher's process group, which stops PostgreSQL too. */
  @Override
  public void close() {
    stop(process);
  }
}

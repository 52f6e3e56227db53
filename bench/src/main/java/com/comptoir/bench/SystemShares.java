package com.comptoir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Which system of a one-JVM stack spent its CPU: JFR's execution samples of that JVM (recorded with
 * {@code jcmd}, so the stack runs exactly as a user runs it until then), each counted for the
 * platform or the processor by the innermost frame of our code on its stack. A sample with none
 * (Jetty parsing a request, the JDK's HTTP client, a stack deeper than JFR keeps) is unattributed.
 */
final class SystemShares {
  private static final String NAME = "comptoir-bench-shares";

  /** Samples per system; the shares of the JVM's CPU follow from them. */
  record Shares(long platform, long processor, long unattributed) {
    long total() {
      return platform + processor + unattributed;
    }

    double platformShare() {
      return total() == 0 ? 0 : (double) platform / total();
    }

    double processorShare() {
      return total() == 0 ? 0 : (double) processor / total();
    }

    double unattributedShare() {
      return total() == 0 ? 0 : (double) unattributed / total();
    }
  }

  private final long pid;
  private final Path file;

  private SystemShares(long pid, Path file) {
    this.pid = pid;
    this.file = file;
  }

  /** Starts sampling the JVM {@code pid} (JFR's "profile" settings: a sample every 10 ms per running thread). */
  static SystemShares start(long pid, Path file) throws IOException, InterruptedException {
    Files.deleteIfExists(file);
    // Without JDBI's own event: it describes every statement's bindings as a string while a recording
    // runs, a cost only profiling pays (JfrProfile leaves it out too). In the store's rounds it was
    // the innermost frame of the platform's busiest code, slowing the stack the rounds measure.
    jcmd(pid, "JFR.start", "name=" + NAME, "settings=profile", "+jdbi.statement#enabled=false");
    return new SystemShares(pid, file);
  }

  /** Stops the recording and counts its samples. */
  Shares stop() throws IOException, InterruptedException {
    jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file);
    long platform = 0;
    long processor = 0;
    long unattributed = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      String system = null;
      for (RecordedFrame f : e.getStackTrace().getFrames()) { // innermost first
        String type = f.getMethod() == null ? "" : f.getMethod().getType().getName();
        if (type.startsWith("com.comptoir.platform.")) {
          system = "platform";
          break;
        }
        if (type.startsWith("com.comptoir.processor.")) {
          system = "processor";
          break;
        }
      }
      if ("platform".equals(system)) {
        platform++;
      } else if ("processor".equals(system)) {
        processor++;
      } else {
        unattributed++;
      }
    }
    return new Shares(platform, processor, unattributed);
  }

  /** Runs this JDK's jcmd on {@code pid}; fails with its output when it does. */
  private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
    Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
    Path jcmd = java.resolveSibling("jcmd");
    List<String> args = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
    args.addAll(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed: " + out.strip());
    }
  }
}

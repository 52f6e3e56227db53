package com.comptoir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder profile of the measured runs of the system under test (JFR's "profile"
 * settings with a CPU sample every 2 ms per running thread, virtual threads included), kept as
 * {@code .jfr} files for JDK Mission Control or {@code jfr print}, and summarised as text: where
 * the JVM's CPU samples fall by library, the hottest methods, and GC pauses.
 */
final class JfrProfile {
  /** Denser than the "profile" settings' 10 ms: runs are short and only two cores are sampled. */
  private static final Duration SAMPLE_PERIOD = Duration.ofMillis(2);

  private final Path dir;
  private final String name;
  private final List<Path> files = new ArrayList<>();
  private Recording recording;

  JfrProfile(Path dir, String name) {
    this.dir = dir;
    this.name = name;
  }

  void start() throws IOException, ParseException {
    Files.createDirectories(dir);
    recording = new Recording(Configuration.getConfiguration("profile"));
    recording.enable("jdk.ExecutionSample").withPeriod(SAMPLE_PERIOD);
    // JDBI describes every statement's bindings as a string for its own JFR event while one records:
    // a cost only profiling pays (it was 18% of the bytes allocated), so it is left out.
    recording.disable("jdbi.statement");
    recording.setName(name);
    recording.start();
  }

  void stop(int round) throws IOException {
    Path file = dir.resolve(name + "-round" + round + ".jfr");
    recording.stop();
    recording.dump(file);
    recording.close();
    recording = null;
    files.add(file);
  }

  List<Path> files() {
    return List.copyOf(files);
  }

  /** Libraries by package prefix, first match wins; the JDK last. */
  private static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

  static {
    COMPONENTS.put("com.comptoir.processor.", "Comptoir processor");
    COMPONENTS.put("com.comptoir.", "Comptoir (bench)");
    COMPONENTS.put("org.postgresql.", "PostgreSQL JDBC driver");
    COMPONENTS.put("com.zaxxer.hikari.", "HikariCP");
    COMPONENTS.put("org.jdbi.", "JDBI");
    COMPONENTS.put("com.fasterxml.jackson.", "Jackson");
    COMPONENTS.put("io.javalin.", "Javalin");
    COMPONENTS.put("kotlin.", "Kotlin stdlib (Javalin)");
    COMPONENTS.put("org.eclipse.jetty.", "Jetty");
    COMPONENTS.put("jakarta.servlet.", "Jetty");
    COMPONENTS.put("org.slf4j.", "SLF4J");
    COMPONENTS.put("java.util.regex.", "JDK regex");
    COMPONENTS.put("sun.nio.", "JDK NIO / sockets");
    COMPONENTS.put("java.nio.", "JDK NIO / sockets");
    COMPONENTS.put("java.net.", "JDK NIO / sockets");
    COMPONENTS.put("jdk.internal.vm.", "JDK virtual threads");
    COMPONENTS.put("java.lang.VirtualThread", "JDK virtual threads");
    COMPONENTS.put("java.util.concurrent.", "JDK concurrency");
  }

  private static String component(String className) {
    for (Map.Entry<String, String> e : COMPONENTS.entrySet()) {
      if (className.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return isJdk(className) ? "JDK (other)" : "other";
  }

  private static boolean isJdk(String className) {
    return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.") || className.startsWith("javax.");
  }

  private static String method(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The summary, in Markdown. */
  String summary() throws IOException {
    long samples = 0;
    Map<String, Long> leafComponent = new HashMap<>();
    Map<String, Long> ownerComponent = new HashMap<>();
    Map<String, Long> inclusiveComponent = new HashMap<>();
    Map<String, Long> leafMethod = new HashMap<>();
    Map<String, Long> inclusiveComptoir = new HashMap<>();
    Map<String, Long> inclusiveAny = new HashMap<>();
    // Allocation: JFR's sampled allocations, each weighted by the bytes it stands for.
    long allocated = 0;
    Map<String, Long> allocByClass = new HashMap<>();
    Map<String, Long> allocByComptoir = new HashMap<>();
    Map<String, Long> allocByAny = new HashMap<>();
    Duration gcPause = Duration.ZERO;
    long gcs = 0;
    Duration recorded = Duration.ZERO;
    for (Path file : files) {
      java.time.Instant first = null, last = null;
      for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
        if (first == null || e.getStartTime().isBefore(first)) {
          first = e.getStartTime();
        }
        if (last == null || e.getEndTime().isAfter(last)) {
          last = e.getEndTime();
        }
        switch (e.getEventType().getName()) {
          case "jdk.ExecutionSample" -> {
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
              continue;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames().stream().filter(RecordedFrame::isJavaFrame).toList();
            if (frames.isEmpty()) {
              continue;
            }
            String leaf = frames.getFirst().getMethod().getType().getName();
            leafComponent.merge(component(leaf), 1L, Long::sum);
            leafMethod.merge(method(frames.getFirst()), 1L, Long::sum);
            // The owner: the innermost frame outside the JDK, i.e. whose code asked for this work.
            String owner = frames.stream().map(f -> f.getMethod().getType().getName()).filter(c -> !isJdk(c)).findFirst().orElse(leaf);
            ownerComponent.merge(component(owner), 1L, Long::sum);
            Set<String> seenComponents = new HashSet<>();
            Set<String> seenMethods = new HashSet<>();
            Set<String> seenAny = new HashSet<>();
            for (RecordedFrame f : frames) {
              String type = f.getMethod().getType().getName();
              seenComponents.add(component(type));
              if (type.startsWith("com.comptoir.processor.") && !type.contains("$$Lambda")) {
                seenMethods.add(method(f).replace("com.comptoir.processor.", ""));
              }
              if (!type.contains("$$Lambda")) {
                seenAny.add(method(f));
              }
            }
            seenComponents.forEach(c -> inclusiveComponent.merge(c, 1L, Long::sum));
            seenMethods.forEach(m -> inclusiveComptoir.merge(m, 1L, Long::sum));
            seenAny.forEach(m -> inclusiveAny.merge(m, 1L, Long::sum));
          }
          case "jdk.ObjectAllocationSample" -> {
            long weight = e.getLong("weight");
            allocated += weight;
            allocByClass.merge(e.getClass("objectClass").getName(), weight, Long::sum);
            RecordedStackTrace st = e.getStackTrace();
            if (st != null) {
              Set<String> seen = new HashSet<>();
              Set<String> seenAny = new HashSet<>();
              for (RecordedFrame f : st.getFrames()) {
                String type = f.getMethod().getType().getName();
                if (type.startsWith("com.comptoir.processor.") && !type.contains("$$Lambda")) {
                  seen.add(method(f).replace("com.comptoir.processor.", ""));
                }
                if (!type.contains("$$Lambda") && seenAny.size() < 12) {
                  seenAny.add(method(f)); // the innermost dozen frames: who allocates, not the thread's roots
                }
              }
              seen.forEach(m -> allocByComptoir.merge(m, weight, Long::sum));
              seenAny.forEach(m -> allocByAny.merge(m, weight, Long::sum));
            }
          }
          case "jdk.GarbageCollection" -> {
            gcs++;
            gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
          }
          default -> {}
        }
      }
      if (first != null) {
        recorded = recorded.plus(Duration.between(first, last));
      }
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "JFR: %,d CPU samples of Java code over %.1f s recorded (files: %s); %d GCs, %.0f ms of pauses in total.%n%n",
        samples, recorded.toMillis() / 1e3, files.stream().map(Path::toString).toList(), gcs, gcPause.toNanos() / 1e6));
    out.append(table("CPU samples by library: owner = innermost non-JDK frame (whose code the time is spent for); "
        + "inclusive = the library is anywhere on the stack", samples, ownerComponent, inclusiveComponent, "owner", "inclusive", 20));
    out.append(table("Processor methods on the stack (inclusive)", samples, inclusiveComptoir, null, "inclusive", null, 25));
    final long all = samples;
    Map<String, Long> belowRoots = new HashMap<>();
    inclusiveAny.forEach((m, n) -> {
      if (n < all * 0.4) { // leave out the frames every request passes through (thread roots, Jetty's loop)
        belowRoots.put(m, n);
      }
    });
    out.append(table("Any code on the stack (inclusive; frames on more than 40% of samples left out)", samples, belowRoots, null, "inclusive", null, 40));
    out.append(table("Hottest methods (self: the sampled frame itself)", samples, leafMethod, null, "self", null, 25));
    if (allocated > 0) {
      out.append(String.format(Locale.ROOT, "Allocation (JFR's weighted samples): %,.0f MB in total.%n%n", allocated / 1e6));
      out.append(table("Allocated bytes by class", allocated, allocByClass, null, "share", null, 15));
      out.append(table("Allocated bytes by processor method on the stack (inclusive)", allocated, allocByComptoir, null, "share", null, 20));
      out.append(table("Allocated bytes by the innermost frames (any code, inclusive over the 12 innermost)", allocated, allocByAny, null,
          "share", null, 25));
    }
    return out.toString();
  }

  private static String table(String title, long total, Map<String, Long> primary, Map<String, Long> secondary,
      String primaryName, String secondaryName, int limit) {
    StringBuilder out = new StringBuilder("**" + title + "**\n\n| | " + primaryName + " |" + (secondary == null ? "" : " " + secondaryName + " |") + "\n");
    out.append("|---|--:|" + (secondary == null ? "" : "--:|") + "\n");
    Set<String> keys = new HashSet<>(primary.keySet());
    if (secondary != null) {
      keys.addAll(secondary.keySet());
    }
    Map<String, Long> order = secondary == null ? primary : secondary;
    keys.stream()
        .sorted(Comparator.comparingLong((String k) -> order.getOrDefault(k, 0L)).reversed())
        .limit(limit)
        .forEach(k -> {
          out.append("| ").append(k).append(" | ").append(pct(primary.getOrDefault(k, 0L), total)).append(" |");
          if (secondary != null) {
            out.append(' ').append(pct(secondary.getOrDefault(k, 0L), total)).append(" |");
          }
          out.append('\n');
        });
    return out.append('\n').toString();
  }

  private static String pct(long part, long total) {
    return total == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / total);
  }
}

package com.comptoir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./comptoir bench [NAME...] [options]}: runs benchmarks, each against a baseline measured
 * in the same run, prints a Markdown report (also written under {@code bench/target/results/}),
 * and exits 0 only when every benchmark reaches its target ratio.
 */
public final class Bench {
  private static final Map<String, Benchmark> BENCHMARKS = new LinkedHashMap<>();

  static {
    for (Benchmark b : List.<Benchmark>of(new Creates(), new CheckoutPay(), new Store(), new Growth(), new Startup(), new WebhookLatency(),
        new AccountsGet(), new DashboardPages(), new SandboxDelete())) {
      BENCHMARKS.put(b.name(), b);
    }
  }

  private Bench() {}

  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(Options.USAGE);
      return;
    }
    if (List.of(args).contains("--list")) {
      BENCHMARKS.values().forEach(b -> System.out.printf("  %-16s %s%n", b.name(), b.description()));
      return;
    }
    Options options;
    List<Benchmark> selected = new ArrayList<>();
    try {
      options = Options.parse(args);
      for (String name : options.benchmarks()) {
        Benchmark b = BENCHMARKS.get(name);
        if (b == null) {
          throw new IllegalArgumentException("no benchmark named '" + name + "'; there are: " + String.join(", ", BENCHMARKS.keySet()));
        }
        selected.add(b);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("comptoir bench: " + e.getMessage() + "\n" + Options.USAGE);
      System.exit(2);
      return;
    }
    if (selected.isEmpty()) {
      selected.addAll(BENCHMARKS.values());
    }
    try {
      List<Benchmark.Outcome> outcomes = run(selected, options, String.join(" ", args));
      System.exit(outcomes.stream().allMatch(Benchmark.Outcome::met) ? 0 : 3);
    } catch (Exception e) {
      System.err.println("comptoir bench: failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** Runs the benchmarks, prints the report and returns what each measured. */
  static List<Benchmark.Outcome> run(List<Benchmark> benchmarks, Options options, String arguments) throws Exception {
    Path root = Path.of(System.getProperty("comptoir.root", ".")).toAbsolutePath().normalize();
    Path outputDir = root.resolve("bench/target/results");
    Files.createDirectories(outputDir);
    Wrk wrk = Wrk.locate();
    String header = header(arguments);
    System.out.println(header);
    List<Benchmark.Outcome> outcomes = new ArrayList<>();
    List<double[]> loads = new ArrayList<>();
    for (Benchmark b : benchmarks) {
      Comparison.log("running %s", b.name());
      double before = loadAverage1();
      Benchmark.Outcome outcome;
      try {
        outcome = b.run(options, wrk, outputDir);
      } catch (Exception e) {
        // One scenario that cannot run must not hide the others' results: it is reported as such.
        Comparison.log("%s failed: %s", b.name(), e);
        outcome = new Benchmark.Outcome(b.name(), "### " + b.name() + "\n\n**Could not run:** `" + e + "`\n", 0, 1);
      }
      loads.add(new double[] {before, loadAverage1()});
      outcomes.add(outcome);
      System.out.println(outcome.report());
      System.out.flush();
      Path file = outputDir.resolve(b.name() + ".md");
      Files.writeString(file, header + "\n" + outcome.report());
      Comparison.log("report written to %s", file);
    }
    if (benchmarks.size() == BENCHMARKS.size()) {
      Path results = root.resolve("bench/RESULTS.md");
      Files.writeString(results, Results.document(header, outcomes, loads, Files.exists(results) ? Files.readString(results) : ""));
      Comparison.log("the whole suite ran: %s rewritten", results);
    }
    System.out.println("Summary:");
    for (Benchmark.Outcome o : outcomes) {
      System.out.printf(Locale.ROOT, "  %-16s %5.1f%% of baseline (target %.0f%%) %s%n", o.name(), o.ratio() * 100, o.target() * 100,
          o.met() ? "met" : "NOT MET");
    }
    return outcomes;
  }

  /** When, where and how: what a reader needs to judge the numbers. */
  static String header(String arguments) {
    return String.format(Locale.ROOT, """
        ## Benchmark run %s

        - command: `./comptoir bench%s`
        - machine: %d cores (%s), %s; %s %s
        - JDK: %s %s
        - load generator: %s for creates, growth, startup, dashboard and accounts-get; checkout-pay, store and webhook-latency drive their clients from the benchmark's JVM
        - load average before the run (1/5/15 min): %s
        """,
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", ""),
        arguments.isBlank() ? "" : " " + arguments,
        Runtime.getRuntime().availableProcessors(), cpuModel(), memory(), System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        wrkVersion(),
        loadAverage());
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("cpu unknown");
    } catch (IOException e) {
      return "cpu unknown";
    }
  }

  private static String memory() {
    try {
      String line = Files.readAllLines(Path.of("/proc/meminfo")).getFirst();
      long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
      return String.format(Locale.ROOT, "%.0f GiB RAM", kb / 1024.0 / 1024.0);
    } catch (IOException | RuntimeException e) {
      return "RAM unknown";
    }
  }

  /** The 1-minute load average, for the before/after line of each scenario. */
  static double loadAverage1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String wrkVersion() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("wrk");
      p.waitFor();
      return out.replaceAll("\\s*Copyright.*", "").strip();
    } catch (IOException | InterruptedException e) {
      return "wrk";
    }
  }
}

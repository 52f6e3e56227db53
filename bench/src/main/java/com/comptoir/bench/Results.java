package com.comptoir.bench;

import java.util.List;
import java.util.Locale;

/**
 * {@code bench/RESULTS.md} as the whole suite rewrites it: one summary table (scenario, result,
 * baseline, ratio, target, verdict, load before and after), each scenario's report, and the
 * history kept below {@link #HISTORY} as it was, since earlier findings still explain the numbers.
 */
final class Results {
  /** Everything after this line is kept from one run to the next. */
  static final String HISTORY = "<!-- history: kept by ./comptoir bench; earlier runs and findings below -->";

  /** Where the memory target is judged: said in every rewrite, since two rows give a memory figure. */
  static final String NOT_MEASURED = """

      Scenario 5's memory bound is judged after scenario 3 (the `store` rows: the stack as `./comptoir demo` runs it, after
      its customers' load); the `startup` rows give the same figure after their own load of product creates.
      """;

  private Results() {}

  /** The hand-kept note of what changed in the write path and what each change gained (issue #18's "must show"). */
  static String writePathChanges() {
    try (var in = Results.class.getResourceAsStream("/write-path-changes.md")) {
      return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String document(String header, List<Benchmark.Outcome> outcomes, List<double[]> loads, String previous) {
    StringBuilder out = new StringBuilder("""
        # Benchmark results

        Written by `./comptoir bench` (the whole suite; see [README.md](README.md)). Every target is a ratio to a baseline
        measured in the same run, or a bound in milliseconds, seconds or megabytes; the machine is shared, so read the load
        average beside each row, and the CPU per operation in each report.

        """);
    out.append(header).append('\n');
    out.append("| scenario | result | baseline | ratio | target | verdict | load before → after (1 min) |\n|---|--:|--:|--:|---|---|---|\n");
    for (int i = 0; i < outcomes.size(); i++) {
      Benchmark.Outcome o = outcomes.get(i);
      String load = String.format(Locale.ROOT, "%.2f → %.2f", loads.get(i)[0], loads.get(i)[1]);
      List<Benchmark.Line> lines = o.lines().isEmpty()
          ? List.of(new Benchmark.Line(o.name(), "", "", String.format(Locale.ROOT, "%.2f", o.ratio()),
              String.format(Locale.ROOT, "at least %.2f", o.target()), o.met()))
          : o.lines();
      for (Benchmark.Line l : lines) {
        out.append(String.format("| %s | %s | %s | %s | %s | **%s** | %s |%n", l.scenario(), l.result(), l.baseline(), l.ratio(), l.target(),
            l.verdict(), load));
      }
    }
    out.append(NOT_MEASURED).append('\n');
    out.append(writePathChanges()).append('\n');
    for (Benchmark.Outcome o : outcomes) {
      out.append(o.report()).append('\n');
    }
    int kept = previous.indexOf(HISTORY);
    out.append(HISTORY).append('\n');
    if (kept >= 0) {
      out.append(previous.substring(kept + HISTORY.length()).stripLeading());
    } else if (!previous.isBlank()) {
      out.append("\n## History: the results file before the whole suite first rewrote it\n\n")
          .append(previous.replaceFirst("^# Benchmark results\\s*", ""));
    }
    return out.toString();
  }
}

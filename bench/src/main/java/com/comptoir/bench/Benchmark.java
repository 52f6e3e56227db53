package com.comptoir.bench;

import java.nio.file.Path;

/**
 * One benchmark: measures something and a baseline in the same run, and judges the ratio against
 * its target. Benchmarks are not tests: they run only under {@code ./comptoir bench}.
 */
interface Benchmark {
  /** The name on the command line, e.g. {@code accounts-get}. */
  String name();

  /** One line for {@code --list}. */
  String description();

  Outcome run(Options options, Wrk wrk, Path outputDir) throws Exception;

  /**
   * @param report Markdown, ready for {@code bench/RESULTS.md}
   * @param ratio the measured ratio to the baseline (higher is better)
   * @param target the ratio it must reach
   */
  record Outcome(String name, String report, double ratio, double target, java.util.List<Line> lines) {
    Outcome(String name, String report, double ratio, double target) {
      this(name, report, ratio, target, java.util.List.of());
    }

    boolean met() {
      return ratio >= target;
    }
  }

  /** One row of the suite's summary in RESULTS.md: what was measured against what, and the verdict. */
  record Line(String scenario, String result, String baseline, String ratio, String target, String verdict) {
    Line(String scenario, String result, String baseline, String ratio, String target, boolean met) {
      this(scenario, result, baseline, ratio, target, met ? "met" : "NOT met");
    }

    /** A row that judges nothing: what a baseline or a floor allows, read beside the targets' rows. */
    static Line bound(String scenario, String result, String baseline, String ratio, String what) {
      return new Line(scenario, result, baseline, ratio, what, "a bound, not a target");
    }
  }
}

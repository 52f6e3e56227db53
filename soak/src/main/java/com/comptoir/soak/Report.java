package com.comptoir.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The figures of one run, printed as it goes and written to {@code report.md} in the run's folder. */
final class Report {
  private final Soak.Options options;
  private final Path dir;
  private final List<String> lines = new ArrayList<>();
  private final List<String> allFindings = new ArrayList<>();
  private long maxRestartMs;
  private long maxCatchUpMs;
  private int cycles;

  Report(Soak.Options options, Path dir) {
    this.options = options;
    this.dir = dir;
    add("| # | fault | back up in | caught up in | acknowledged meanwhile | findings |");
    add("|---|---|---|---|---|---|");
  }

  private void add(String line) {
    lines.add(line);
    System.out.println(line);
  }

  void note(String note) {
    add("note: " + note);
  }

  void cycle(int n, String what, Duration restart, Duration caughtUp, long acked, List<String> findings) {
    cycles++;
    maxRestartMs = Math.max(maxRestartMs, restart.toMillis());
    maxCatchUpMs = Math.max(maxCatchUpMs, caughtUp.toMillis());
    allFindings.addAll(findings);
    add("| " + n + " | " + what + " | " + secs(restart) + " | " + secs(caughtUp) + " | " + acked + " | " + summary(findings) + " |");
  }

  void faultsStart(Balancer api, Balancer web) {
    add("");
    add("| fault | deliveries refused, failed or delayed | caught up in | findings |");
    add("|---|---|---|---|");
  }

  void fault(String what, long faulted, Duration sinceRestored, Duration caughtUp, List<String> findings) {
    allFindings.addAll(findings);
    add("| " + what + " | " + faulted + " | " + secs(caughtUp) + " | " + summary(findings) + " |");
  }

  void pgRestart(Duration down, Probe probe, Map<String, Long> sdkFailures, Duration caughtUp, List<String> findings) {
    allFindings.addAll(findings);
    add("| PostgreSQL restarted under load (down " + secs(down) + ") | - | " + secs(caughtUp) + " | " + summary(findings) + " |");
    add("");
    add("A client without retries reading the balance meanwhile (answer: count): " + probe.answers()
        + "; slowest answer " + probe.maxLatencyMs() + " ms.");
    add("SDK operations that failed even after stripe-java's retries during the restart: " + (sdkFailures.isEmpty() ? "none" : sdkFailures) + ".");
  }

  int finish(Acks acks, Checks checks, Balancer api, Balancer web, List<Node> processors, List<Node> platforms,
      List<String> last, Duration total) throws Exception {
    allFindings.addAll(last);
    add("");
    add("Totals: " + cycles + " kill -9 cycles in " + total.toMinutes() + " min " + total.toSecondsPart() + " s; "
        + api.requests.get() + " API requests and " + web.requests.get() + " web requests through the balancers; "
        + checks.deliveries() + " webhook deliveries in " + checks.attempts() + " attempts; "
        + "acknowledged: " + acks.merchants.size() + " sign-ups, " + acks.sessions.size() + " checkouts, " + acks.paid.size()
        + " payments, " + acks.refunds.size() + " refunds, " + acks.payouts.size() + " payouts.");
    add("Operations tried: " + acks.attempted + "; failed after retries (not acknowledged, so not counted as lost): " + acks.failed
        + "; rightly refused (nothing to refund, balance insufficient): " + acks.refused + ".");
    if (!acks.lastFailure.isEmpty()) {
      add("Last failure of each kind: " + acks.lastFailure + ".");
    }
    add("Balancer answers for a backend that died mid-request (502/503/504, retried by clients): api " + api.badGateways.get()
        + ", web " + web.badGateways.get() + ".");
    add("Starts: " + processors.stream().map(n -> n.name + " " + n.starts).toList() + " " + platforms.stream().map(n -> n.name + " " + n.starts).toList() + ".");
    add("Slowest restart " + maxRestartMs + " ms; slowest catch-up " + maxCatchUpMs + " ms.");
    add("Lost or doubled: " + (allFindings.isEmpty() ? "nothing (0 findings)" : allFindings.size() + " findings: " + allFindings));
    add("Command: ./comptoir soak --minutes " + options.minutes() + " --cycles " + options.cycles() + " --workers " + options.workers()
        + " --seed " + options.seed());
    try {
      Files.write(dir.resolve("report.md"), lines);
    } catch (IOException e) {
      System.out.println("soak: could not write the report: " + e);
    }
    return allFindings.isEmpty() ? 0 : 1;
  }

  private static String summary(List<String> findings) {
    return findings.isEmpty() ? "none" : findings.size() + ": " + String.join("; ", findings.subList(0, Math.min(5, findings.size())));
  }

  private static String secs(Duration d) {
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }
}

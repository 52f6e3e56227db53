package com.comptoir.soak;

import com.stripe.StripeClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code ./comptoir soak [--minutes N] [--cycles N] [--workers N]}: two processors and two platforms
 * (the launcher's own processes) behind load balancers on one PostgreSQL, under a steady load;
 * {@code kill -9} of a processor, a platform or PostgreSQL, N cycles; then webhook faults (down for
 * ten minutes of processor time, slow, answering 500) and a PostgreSQL restart under load. After
 * every crash and fault it waits for the system to catch up and checks that nothing acknowledged was
 * lost or done twice ({@link Checks}). Prints the figures for RELIABILITY.md; exits 1 on any finding.
 */
public final class Soak {
  private Soak() {}

  record Options(int minutes, int cycles, int workers, long seed, boolean selfCheck) {
    static Options parse(String[] args) {
      int minutes = 10;
      int cycles = 20;
      int workers = 3;
      long seed = System.nanoTime();
      boolean selfCheck = false;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--minutes" -> minutes = positive("--minutes", value);
          case "--cycles" -> cycles = Integer.parseInt(value);
          case "--workers" -> workers = positive("--workers", value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--self-check" -> {
            selfCheck = true;
            i--; // a flag, no value
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]
              + "; use --minutes N (a bound on the crash cycles' time, default 10), --cycles N, --workers N, --seed N, --self-check");
        }
        i++;
      }
      return new Options(minutes, cycles, workers, seed, selfCheck);
    }

    private static int positive(String name, String value) {
      int n = Integer.parseInt(value);
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be 1 or more");
      }
      return n;
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path root = Path.of(System.getProperty("comptoir.root", ".")).toAbsolutePath().normalize();
    Path dir = root.resolve("soak/target/run-" + Instant.now().getEpochSecond());
    Files.createDirectories(dir);
    System.out.println("soak: " + options + ", logs in " + dir);
    List<AutoCloseable> resources = new ArrayList<>();
    int exit;
    try {
      exit = run(options, root, dir, resources);
    } finally {
      for (int i = resources.size() - 1; i >= 0; i--) {
        try {
          resources.get(i).close();
        } catch (Exception e) {
          System.out.println("soak: while stopping: " + e);
        }
      }
    }
    System.exit(exit);
  }

  private static int run(Options options, Path root, Path dir, List<AutoCloseable> resources) throws Exception {
    long started = System.nanoTime();
    Random random = new Random(options.seed());
    Path launcher = Node.copyLauncher(root, dir);
    Postgres pg = Postgres.create(dir, freePort());
    resources.add(pg);
    String key = "sk_test_soak" + token(24);
    int apiPort = freePort();
    int webPort = freePort();
    List<Node> processors = new ArrayList<>();
    List<Node> platforms = new ArrayList<>();
    for (String name : List.of("processor-a", "processor-b")) {
      int port = freePort();
      processors.add(new Node(name, "processor", port, root, launcher, dir, Map.of(
          "COMPTOIR_PROCESSOR_DATABASE_URL", pg.url("processor"), "COMPTOIR_SECRET_KEY", key,
          "COMPTOIR_PROCESSOR_PORT", Integer.toString(port))));
    }
    String operatorPassword = token(20);
    for (String name : List.of("platform-a", "platform-b")) {
      int port = freePort();
      platforms.add(new Node(name, "platform", port, root, launcher, dir, Map.of(
          "COMPTOIR_PLATFORM_DATABASE_URL", pg.url("platform"), "COMPTOIR_SECRET_KEY", key,
          "COMPTOIR_PLATFORM_PORT", Integer.toString(port), "COMPTOIR_STRIPE_API_BASE", "http://127.0.0.1:" + apiPort,
          "COMPTOIR_PLATFORM_PUBLIC_URL", "http://127.0.0.1:" + webPort, "COMPTOIR_ACCOUNT_TYPE", "custom",
          "COMPTOIR_OPERATOR_PASSWORD", operatorPassword)));
    }
    Balancer api = new Balancer("api balancer", apiPort, processors);
    resources.add(api);
    Balancer web = new Balancer("web balancer", webPort, platforms);
    resources.add(web);
    for (Node n : processors) {
      n.start();
      resources.add(n::stop);
      n.awaitHealthy();
    }
    for (Node n : platforms) {
      n.start();
      resources.add(n::stop);
      n.awaitHealthy();
    }
    System.out.printf("soak: up in %d s (PostgreSQL, 2 processors, 2 platforms)%n", seconds(started));

    StripeClient stripe = StripeClient.builder().setApiKey(key).setApiBase(api.url()).setMaxNetworkRetries(5)
        .setReadTimeout(90_000).build();
    Acks acks = new Acks();
    Load load = new Load(acks, stripe, web.url(), pg);
    resources.add(load);
    Checks checks = new Checks(acks, pg, load);
    Report report = new Report(options, dir);
    load.start(options.workers());
    long warmDeadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (acks.shops.size() < 2 && System.nanoTime() < warmDeadline) {
      Thread.sleep(500);
    }
    if (acks.shops.size() < 2) {
      throw new IllegalStateException("no store opened within 5 minutes: " + acks.lastFailure);
    }
    System.out.printf("soak: %d stores open after %d s%n", acks.shops.size(), seconds(started));

    // --minutes bounds the crash cycles, from the moment the load runs; the faults and checks come after.
    long cycleBudgetEnd = System.nanoTime() + Duration.ofMinutes(options.minutes()).toNanos();
    List<String> targets = new ArrayList<>(List.of("processor-a", "platform-a", "postgres", "processor-b", "platform-b"));
    for (int cycle = 1; cycle <= options.cycles() && System.nanoTime() < cycleBudgetEnd; cycle++) {
      if ((cycle - 1) % targets.size() == 0) {
        java.util.Collections.shuffle(targets, random);
      }
      String target = targets.get((cycle - 1) % targets.size());
      Thread.sleep(3000 + random.nextInt(5000)); // under load, a random moment
      long killedAt = System.nanoTime();
      long inFlightAcks = acks.acknowledged();
      if ("postgres".equals(target)) {
        pg.kill();
        pg.start();
      } else {
        Node node = (target.startsWith("processor") ? processors : platforms).stream().filter(n -> n.name.equals(target)).findFirst().orElseThrow();
        node.kill();
        node.start();
        node.awaitHealthy();
      }
      for (Node n : processors) {
        n.awaitHealthy();
      }
      for (Node n : platforms) {
        n.awaitHealthy();
      }
      Duration restart = Duration.ofNanos(System.nanoTime() - killedAt);
      Thread.sleep(2000); // the load goes on against the restarted instance a little
      Settled settled = settle(load, checks);
      load.resume();
      report.cycle(cycle, "kill -9 " + target, restart, settled.caughtUp(), acks.acknowledged() - inFlightAcks, settled.findings());
    }

    report.faultsStart(api, web);
    load.clockMoves(false);
    for (Balancer.WebhookFault fault : List.of(Balancer.WebhookFault.DOWN, Balancer.WebhookFault.SLOW, Balancer.WebhookFault.ERROR_500)) {
      long faultedBefore = web.webhooksFaulted.get();
      web.fault.set(fault);
      // Ten minutes of processor time with the endpoint faulty, under load: every retry due in it fails.
      for (int step = 0; step < 10; step++) {
        Thread.sleep(3000);
        try {
          load.raw("POST", "/v1/test_helpers/clock/advance", null, null, Map.of("seconds", "60"));
        } catch (Exception e) {
          report.note("clock advance during " + fault + " failed: " + e);
        }
      }
      web.fault.set(Balancer.WebhookFault.NONE);
      long restoredAt = System.nanoTime();
      Settled settled = settle(load, checks);
      load.resume();
      report.fault("webhook endpoint " + fault + " for 10 min of processor time", web.webhooksFaulted.get() - faultedBefore,
          Duration.ofNanos(System.nanoTime() - restoredAt), settled.caughtUp(), settled.findings());
    }

    load.clockMoves(true);
    Probe probe = new Probe(api.url(), key);
    Map<String, Long> failedBefore = snapshot(acks.failed);
    probe.start();
    Thread.sleep(2000);
    long stoppedAt = System.nanoTime();
    pg.stop();
    Thread.sleep(5000); // down for five seconds under load
    pg.start();
    Duration pgDown = Duration.ofNanos(System.nanoTime() - stoppedAt);
    Thread.sleep(10_000);
    probe.stop();
    Settled settled = settle(load, checks);
    report.pgRestart(pgDown, probe, diff(acks.failed, failedBefore), settled.caughtUp(), settled.findings());

    load.close();
    List<String> last = checks.verify();
    if (options.selfCheck()) {
      last = selfCheck(pg, acks, checks, report, last);
    }
    report.note("processor time moved on by the load: " + Duration.ofSeconds(load.clockAdvanced.get()).toHours() + " h");
    return report.finish(acks, checks, api, web, processors, platforms, last, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * {@code --self-check}: plants two defects after the run, a paid order put back to pending (a lost
   * webhook's effect) and a delivered event forgotten by the platform, and expects the checks to
   * report both; so a clean report means something.
   */
  private static List<String> selfCheck(Postgres pg, Acks acks, Checks checks, Report report, List<String> findings) throws Exception {
    String session = acks.paid.stream().filter(s -> !acks.refundTried.containsKey(s.sessionId())).findFirst().orElseThrow().sessionId();
    String event;
    try (var c = pg.connect("platform"); var s = c.createStatement()) {
      s.executeUpdate("UPDATE orders SET status = 'pending' WHERE checkout_session_id = '" + session + "'");
      try (var rs = s.executeQuery("DELETE FROM received_events WHERE id = (SELECT id FROM received_events ORDER BY received_at DESC LIMIT 1) RETURNING id")) {
        rs.next();
        event = rs.getString(1);
      }
    }
    List<String> planted = checks.verify();
    boolean foundOrder = planted.stream().anyMatch(f -> f.contains(session));
    boolean foundEvent = planted.stream().anyMatch(f -> f.contains(event));
    report.note("self-check: planted a paid order back to pending (" + session + ") and a forgotten event (" + event + "); the checks "
        + (foundOrder && foundEvent ? "reported both" : "MISSED " + (foundOrder ? "" : "the order ") + (foundEvent ? "" : "the event")));
    List<String> out = new ArrayList<>(findings);
    if (!foundOrder || !foundEvent) {
      out.add("self-check: a planted defect went unreported");
    }
    return out;
  }

  record Settled(Duration caughtUp, List<String> findings) {}

  /** Pauses the load, waits for the system to catch up and checks it; not catching up in time is a finding, and the run goes on. */
  private static Settled settle(Load load, Checks checks) throws Exception {
    load.pause();
    Duration caughtUp;
    List<String> findings = new ArrayList<>();
    try {
      caughtUp = checks.converge();
    } catch (IllegalStateException e) {
      caughtUp = Duration.ofSeconds(-1);
      findings.add(e.getMessage());
    }
    findings.addAll(checks.verify());
    return new Settled(caughtUp, findings);
  }

  private static Map<String, Long> snapshot(Map<String, java.util.concurrent.atomic.AtomicLong> counts) {
    Map<String, Long> out = new HashMap<>();
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private static Map<String, Long> diff(Map<String, java.util.concurrent.atomic.AtomicLong> now, Map<String, Long> before) {
    Map<String, Long> out = new HashMap<>();
    now.forEach((k, v) -> {
      long d = v.get() - before.getOrDefault(k, 0L);
      if (d > 0) {
        out.put(k, d);
      }
    });
    return out;
  }

  static long seconds(long sinceNanos) {
    return Duration.ofNanos(System.nanoTime() - sinceNanos).toSeconds();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String token(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    SecureRandom r = new SecureRandom();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}

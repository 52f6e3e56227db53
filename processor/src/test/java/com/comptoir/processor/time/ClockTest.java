package com.comptoir.processor.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.InOwnSandbox;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@InOwnSandbox
class ClockTest {
  private final TestProcessor processor = TestProcessor.sandbox();
  private final StripeHttp http = processor.http();

  @AfterEach
  void stop() {
    processor.close();
  }

  @Test
  void advancingMovesTheClockAndNewObjectsAreCreatedAtTheNewTime() {
    long before = http.get("/v1/test_helpers/clock").json().get("now").asLong();
    long threeDays = Duration.ofDays(3).toSeconds();
    long now = http.post("/v1/test_helpers/clock/advance", Map.of("seconds", Long.toString(threeDays))).json().get("now").asLong();
    assertThat(now - before).isBetween(threeDays, threeDays + 5);
    long created = http.post("/v1/accounts", Map.of()).json().get("created").asLong();
    assertThat(created).isBetween(now, now + 5);
  }

  @Test
  void theClockOnlyMovesForwardAndBoundedly() {
    assertThat(http.post("/v1/test_helpers/clock/advance", Map.of("seconds", "-1")).status()).isEqualTo(400);
    assertThat(http.post("/v1/test_helpers/clock/advance", Map.of()).json().at("/error/code").asText()).isEqualTo("parameter_missing");
  }

  @Test
  void dueJobsRunOnceInDueOrderWithTheirDueTime() throws Exception {
    // A database of its own and no processor on it: a processor's scheduler would race the test's runners for these jobs.
    try (HikariDataSource db = TestPostgres.freshDatabase("processor", 4)) {
      Flyway.configure().dataSource(db).locations("classpath:db/processor").load().migrate();
      runJobsRacing(Jdbi.create(db));
    }
  }

  private static void runJobsRacing(Jdbi jdbi) throws Exception {
    String sandbox = "acct_jobs_racing";
    jdbi.useHandle(h -> h.execute("INSERT INTO sandboxes (id, account_id, is_default, name, created, last_used)"
        + " VALUES ('sbx_jobs_racing', ?, true, 'jobs', 0, 0)", sandbox));
    ProcessorClock clock = new ProcessorClock(jdbi, sandbox);
    Jobs jobs = new Jobs(jdbi, clock);
    List<String> ran = new CopyOnWriteArrayList<>();
    jobs.register("test.record", (h, ref, due) -> ran.add(ref + "@" + due));
    long now = clock.nowMillis();
    jdbi.useTransaction(h -> {
      Jobs.schedule(h, sandbox, "test.record", "b", now + 2 * 3_600_000L, now);
      Jobs.schedule(h, sandbox, "test.record", "a", now + 3_600_000L, now);
      Jobs.schedule(h, sandbox, "test.record", "later", now + 48 * 3_600_000L, now);
    });
    assertThat(jobs.runDue(10)).isZero();
    clock.advance(sandbox, Duration.ofHours(3).toSeconds());
    // two runners racing, as two instances would: each job still runs once
    Thread other = Thread.ofVirtual().start(() -> jobs.runDue(10));
    jobs.runDue(10);
    other.join();
    assertThat(ran).containsExactly("a@" + (now + 3_600_000L), "b@" + (now + 2 * 3_600_000L));
  }

  @Test
  void onlyAJobAlreadyDueWakesTheSchedulers() throws Exception {
    // A database of its own: on the shared one, other classes' clocks and jobs notify the same channel.
    try (HikariDataSource db = TestPostgres.freshDatabase("processor", 4)) {
      Flyway.configure().dataSource(db).locations("classpath:db/processor").load().migrate();
      Jdbi jdbi = Jdbi.create(db);
      String sandbox = "acct_jobs_wakeups";
      jdbi.useHandle(h -> h.execute("INSERT INTO sandboxes (id, account_id, is_default, name, created, last_used)"
          + " VALUES ('sbx_jobs_wakeups', ?, true, 'jobs', 0, 0)", sandbox));
      long now = new ProcessorClock(jdbi, sandbox).nowMillis();
      try (Connection listener = db.getConnection()) {
        listener.setAutoCommit(true);
        try (Statement s = listener.createStatement()) {
          s.execute("LISTEN " + ProcessorClock.DUE_CHANNEL);
        }
        PGConnection pg = listener.unwrap(PGConnection.class);

        jdbi.useTransaction(h -> Jobs.schedule(h, sandbox, "test.record", "tomorrow", now + 86_400_000L, now));
        assertThat(pg.getNotifications(300)).as("a job due tomorrow is found by a poll; no wake-up").isNullOrEmpty();

        jdbi.useTransaction(h -> Jobs.schedule(h, sandbox, "test.record", "now", now, now));
        assertThat(pg.getNotifications(5_000)).as("a job due now wakes the schedulers").isNotEmpty();
      }
    }
  }
}

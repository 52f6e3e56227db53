package com.comptoir.processor.time;

import com.comptoir.processor.store.HotCache;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The processor clocks: real time plus a test offset per sandbox, kept in the database (the
 * {@code sandboxes} row), so every instance on one database agrees and a test can make days pass
 * in its own sandbox without moving time under another. Everything time-based reads this, never
 * the wall clock.
 *
 * <p>A sandbox is named by its platform account id, which every request ({@code Caller.platformId})
 * and every due job already carries: {@link #nowMillis(String)} is the one call sites make.
 * {@link #nowMillis()} is the default sandbox's clock, for what belongs to no sandbox (Dashboard
 * sign-in sessions) and for the processor's own start.
 */
public final class ProcessorClock {
  /** How stale another instance's advance may look here; one instance sees its own at once. */
  private static final long OFFSET_REFRESH_NANOS = Duration.ofSeconds(1).toNanos();
  /** Bounds the offsets remembered; clearing costs only a read per sandbox. */
  private static final int MAX_SANDBOXES_CACHED = 10_000;

  /** PostgreSQL channel that wakes schedulers when something may have become due. */
  public static final String DUE_CHANNEL = "comptoir_due";

  /** Work that must move with a sandbox's clock, done in the advance's transaction (webhook retries). */
  @FunctionalInterface
  public interface AdvanceHook {
    void advanced(Handle h, String sandbox, long seconds);
  }

  private record Offset(long seconds, long readAtNanos) {}

  private final Jdbi jdbi;
  private final String defaultSandbox;
  private final Map<String, Offset> offsets = new ConcurrentHashMap<>();
  private final List<AdvanceHook> hooks = new CopyOnWriteArrayList<>();

  /** {@code defaultSandbox}: the platform account id of the processor's first platform. */
  public ProcessorClock(Jdbi jdbi, String defaultSandbox) {
    this.jdbi = jdbi;
    this.defaultSandbox = defaultSandbox;
  }

  /** The default sandbox's platform account id. */
  public String defaultSandbox() {
    return defaultSandbox;
  }

  /** Unix seconds on the default sandbox's clock. */
  public long now() {
    return now(defaultSandbox);
  }

  /** Unix milliseconds on the default sandbox's clock. */
  public long nowMillis() {
    return nowMillis(defaultSandbox);
  }

  /** Unix seconds on the clock of the sandbox whose platform account is {@code sandbox}. */
  public long now(String sandbox) {
    return Math.floorDiv(nowMillis(sandbox), 1000);
  }

  /** Unix milliseconds on the clock of the sandbox whose platform account is {@code sandbox}. */
  public long nowMillis(String sandbox) {
    return System.currentTimeMillis() + offsetSeconds(sandbox) * 1000;
  }

  /**
   * Unix milliseconds on the clock of the sandbox {@code accountId} is in: a platform's own, or its
   * connected account's platform's. For hosted pages, which know an account but not its platform.
   */
  public long nowMillisOfAccount(Handle h, String accountId) {
    return nowMillis(HotCache.account(h, accountId).map(HotCache.Account::owner).orElse(defaultSandbox));
  }

  /** Unix seconds on the clock of the sandbox {@code accountId} is in (see {@link #nowMillisOfAccount}). */
  public long nowOfAccount(Handle h, String accountId) {
    return Math.floorDiv(nowMillisOfAccount(h, accountId), 1000);
  }

  /** How far the sandbox's clock is ahead of real time; 0 for an account that is no sandbox. */
  public long offsetSeconds(String sandbox) {
    Offset known = offsets.get(sandbox);
    if (known == null || System.nanoTime() - known.readAtNanos() > OFFSET_REFRESH_NANOS) {
      long read = jdbi.withHandle(h -> h.createQuery("SELECT offset_seconds FROM sandboxes WHERE account_id = :s")
          .bind("s", sandbox).mapTo(Long.class).findOne().orElse(0L));
      known = remember(sandbox, read);
    }
    return known.seconds();
  }

  public long offsetSeconds() {
    return offsetSeconds(defaultSandbox);
  }

  /** Runs {@code hook} in every advance's transaction. */
  public void onAdvance(AdvanceHook hook) {
    hooks.add(hook);
  }

  /** Moves the sandbox's clock forward by {@code seconds}; returns its new now in unix seconds. */
  public long advance(String sandbox, long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    long offset = jdbi.inTransaction(h -> {
      long updated = h.createQuery("UPDATE sandboxes SET offset_seconds = offset_seconds + :s WHERE account_id = :id RETURNING offset_seconds")
          .bind("s", seconds).bind("id", sandbox).mapTo(Long.class).findOne()
          .orElseThrow(() -> new IllegalArgumentException("no sandbox " + sandbox));
      for (AdvanceHook hook : hooks) {
        hook.advanced(h, sandbox, seconds);
      }
      h.execute("NOTIFY " + DUE_CHANNEL); // every instance's scheduler looks at what is due now
      return updated;
    });
    remember(sandbox, offset);
    return System.currentTimeMillis() / 1000 + offset;
  }

  private Offset remember(String sandbox, long read) {
    if (offsets.size() >= MAX_SANDBOXES_CACHED) {
      offsets.clear();
    }
    // Never back: a refresh that read the row just before an advance committed must not undo the
    // advance here (the clock only moves forward; a session created on the undone time would
    // expire the moment the scheduler looked).
    return offsets.merge(sandbox, new Offset(read, System.nanoTime()),
        (old, fresh) -> new Offset(Math.max(old.seconds(), fresh.seconds()), fresh.readAtNanos()));
  }
}

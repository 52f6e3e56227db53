package com.comptoir.processor.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * The processor's clock: real time plus a test offset kept in the database, so every instance on
 * one database agrees and tests can make days pass in one call. Everything time-based reads this,
 * never the wall clock.
 */
public final class ProcessorClock {
  /** How stale another instance's advance may look here; one instance sees its own at once. */
  private static final long OFFSET_REFRESH_NANOS = Duration.ofSeconds(1).toNanos();

  /** PostgreSQL channel that wakes schedulers when something may have become due. */
  public static final String DUE_CHANNEL = "comptoir_due";

  private final Jdbi jdbi;
  private final AtomicLong offsetSeconds = new AtomicLong();
  private volatile long offsetReadAtNanos = Long.MIN_VALUE;

  public ProcessorClock(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Unix seconds on the processor clock. */
  public long now() {
    return Math.floorDiv(nowMillis(), 1000);
  }

  /** Unix milliseconds on the processor clock. */
  public long nowMillis() {
    long readAt = offsetReadAtNanos;
    if (readAt == Long.MIN_VALUE || System.nanoTime() - readAt > OFFSET_REFRESH_NANOS) {
      refresh();
    }
    return System.currentTimeMillis() + offsetSeconds.get() * 1000;
  }

  public long offsetSeconds() {
    nowMillis();
    return offsetSeconds.get();
  }

  /** Moves the clock forward by {@code seconds}; returns the new now. */
  public long advance(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("the clock only moves forward");
    }
    long offset =
        jdbi.withHandle(
            h -> {
              long updated = h.createQuery("UPDATE clock SET offset_seconds = offset_seconds + ? RETURNING offset_seconds")
                  .bind(0, seconds)
                  .mapTo(Long.class)
                  .one();
              h.execute("NOTIFY " + DUE_CHANNEL); // every instance's scheduler looks at what is due now
              return updated;
            });
    offsetSeconds.accumulateAndGet(offset, Math::max);
    offsetReadAtNanos = System.nanoTime();
    return System.currentTimeMillis() / 1000 + offset;
  }

  private void refresh() {
    long offset = jdbi.withHandle(h -> h.createQuery("SELECT offset_seconds FROM clock").mapTo(Long.class).one());
    // Never back: a refresh that read the row just before an advance committed must not undo the
    // advance here (the clock only moves forward; a session created on the undone time would
    // expire the moment the scheduler looked).
    offsetSeconds.accumulateAndGet(offset, Math::max);
    offsetReadAtNanos = System.nanoTime();
  }
}

package com.comptoir.processor.store;

import java.util.Optional;

/**
 * A status of a Stripe object that moves through a {@link Transitions} table: what each status
 * enum answers, so the tables can be walked alike (and tested alike).
 *
 * @param <S> the status enum itself
 */
public interface Lifecycle<S extends Enum<S> & Lifecycle<S>> {
  /** True when the table lists the move from this status to {@code next}. */
  boolean canMoveTo(S next);

  /** The event the move to {@code next} publishes, empty when quiet; an unlisted move throws {@link IllegalStateException}. */
  Optional<String> eventTo(S next);

  /** Stripe's spelling of the status. */
  String wire();
}

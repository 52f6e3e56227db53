package com.comptoir.processor.store;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A lifecycle table: the moves a Stripe object's status may make, and the event each move
 * publishes (none for a quiet move). Each object's status enum holds one (as the platform's
 * {@code OrderStatus} does), so its states and moves are read in one place; a move the table does not
 * list is a bug, refused loudly rather than stored.
 *
 * @param <S> the status enum, whose constant names are Stripe's values in upper case
 */
public final class Transitions<S extends Enum<S>> {
  private final Class<S> type;
  private final Map<S, Map<S, Optional<String>>> moves;

  private Transitions(Class<S> type, Map<S, Map<S, Optional<String>>> moves) {
    this.type = type;
    this.moves = moves;
  }

  /** An empty table for {@code type}, filled with {@link #move} and {@link #quiet}. */
  public static <S extends Enum<S>> Transitions<S> of(Class<S> type) {
    return new Transitions<>(type, new EnumMap<>(type));
  }

  /** Lists the move {@code from → to} for each {@code from}, publishing {@code event}. */
  public Transitions<S> move(Set<S> from, S to, String event) {
    for (S f : from) {
      moves.computeIfAbsent(f, k -> new EnumMap<>(type)).put(to, Optional.of(event));
    }
    return this;
  }

  /** Lists a move that publishes nothing of its own (the object's other events tell of it). */
  public Transitions<S> quiet(Set<S> from, S to) {
    for (S f : from) {
      moves.computeIfAbsent(f, k -> new EnumMap<>(type)).put(to, Optional.empty());
    }
    return this;
  }

  public boolean allows(S from, S to) {
    return moves.getOrDefault(from, Map.of()).containsKey(to);
  }

  /** The event {@code from → to} publishes, empty for a quiet move; an unlisted move is refused. */
  public Optional<String> event(S from, S to) {
    Optional<String> event = moves.getOrDefault(from, Map.of()).get(to);
    if (event == null) {
      throw new IllegalStateException(type.getSimpleName() + " cannot move from " + wire(from) + " to " + wire(to));
    }
    return event;
  }

  /** Where {@code from} may go. */
  public Set<S> next(S from) {
    return Collections.unmodifiableSet(moves.getOrDefault(from, Map.of()).keySet());
  }

  /** Stripe's spelling of a status: {@code REQUIRES_ACTION} is {@code requires_action}. */
  public static String wire(Enum<?> status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  /** The constant for Stripe's spelling {@code value}. */
  public static <S extends Enum<S>> S fromWire(Class<S> type, String value) {
    return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
  }
}

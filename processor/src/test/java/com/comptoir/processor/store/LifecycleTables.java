package com.comptoir.processor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.comptoir.processor.events.EventTypes;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Walks a lifecycle table against the moves a test writes out by hand from Stripe's documentation
 * (statuses by their constant's name in lower case, Stripe's spelling but for a Checkout Session's
 * {@code complete_paid}):
 * every pair of statuses, allowed exactly when listed, each listed move publishing the listed
 * event ({@code "-"} for a quiet move), and every event one Stripe sends.
 */
public final class LifecycleTables {
  private LifecycleTables() {}

  /** Moves written as {@code "from -> to"} mapped to their event, {@code "-"} for none. */
  public static Map<String, String> moves(String... fromToEvent) {
    Map<String, String> moves = new LinkedHashMap<>();
    for (String line : fromToEvent) {
      String[] parts = line.split("\\s*:\\s*");
      moves.put(parts[0].trim(), parts[1].trim());
    }
    return moves;
  }

  public static <S extends Enum<S> & Lifecycle<S>> void check(Class<S> type, Map<String, String> listed) {
    TreeSet<String> unseen = new TreeSet<>(listed.keySet());
    for (S from : type.getEnumConstants()) {
      for (S to : type.getEnumConstants()) {
        String move = from.name().toLowerCase(Locale.ROOT) + " -> " + to.name().toLowerCase(Locale.ROOT);
        String event = listed.get(move);
        unseen.remove(move);
        assertEquals(event != null, from.canMoveTo(to), move + (event != null ? " is listed" : " is not listed"));
        if (event == null) {
          assertThrows(IllegalStateException.class, () -> from.eventTo(to), move + " must be refused");
        } else {
          assertEquals(event.equals("-") ? Optional.empty() : Optional.of(event), from.eventTo(to), move + " publishes");
          assertTrue(event.equals("-") || EventTypes.known(event), move + ": " + event + " is not an event the processor sends");
        }
      }
    }
    assertEquals(new TreeSet<String>(), unseen, "listed moves between statuses the table does not have");
  }
}

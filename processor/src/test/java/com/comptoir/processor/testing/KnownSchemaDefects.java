package com.comptoir.processor.testing;

import java.util.List;
import java.util.Set;

/**
 * Ways the processor's responses are known to disagree with Stripe's spec, tolerated by the
 * conformance check until they are fixed. Every entry is a DEFECT OF THE PROCESSOR, not of the
 * spec: fix it, then delete the entry. An empty list is the goal.
 */
final class KnownSchemaDefects {
  /** Empty: every defect found so far is fixed. A new entry needs a reason and a plan to fix it. */
  static final List<Defect> DEFECTS = List.of();

  /**
   * @param operations the operations ({@code "METHOD /route/{template}"}) that show it
   * @param where where in the object, with array indexes written {@code [*]}; in a list, the
   *     same place in each of its {@code data}
   * @param problem how the validator's words begin
   */
  record Defect(Set<String> operations, String where, String problem) {
    boolean matches(SchemaViolation v) {
      String inObject = v.whereInAnyElement().replaceFirst("^\\$\\.data\\[\\*]", "\\$");
      return operations.contains(v.method() + " " + v.route()) && where.equals(inObject) && v.problem().startsWith(problem);
    }

    @Override
    public String toString() {
      return where + ": " + problem;
    }
  }

  private KnownSchemaDefects() {}

  static boolean isKnown(SchemaViolation violation) {
    return DEFECTS.stream().anyMatch(d -> d.matches(violation));
  }

  /** Entries no violation of this run matched: fixed, or not exercised by the tests that ran. */
  static List<Defect> unseen(List<SchemaViolation> violations) {
    return DEFECTS.stream().filter(d -> violations.stream().noneMatch(d::matches)).toList();
  }
}

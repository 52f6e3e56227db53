package com.comptoir.processor.testing;

import java.util.List;
import java.util.Set;

/**
 * Ways the processor's responses are known to disagree with Stripe's spec, tolerated by the
 * conformance check until they are fixed. Every entry is a DEFECT OF THE PROCESSOR, not of the
 * spec: fix it, then delete the entry. An empty list is the goal.
 */
final class KnownSchemaDefects {
  /** Every operation whose body is an account, or a list of them. */
  private static final Set<String> ACCOUNT_BODIES = Set.of(
      "POST /v1/accounts", "GET /v1/accounts", "GET /v1/accounts/{account}", "POST /v1/accounts/{account}", "GET /v1/account");
  /** Every operation whose body is a person, or a list of them. */
  private static final Set<String> PERSON_BODIES = Set.of(
      "POST /v1/accounts/{account}/persons", "GET /v1/accounts/{account}/persons",
      "GET /v1/accounts/{account}/persons/{person}", "POST /v1/accounts/{account}/persons/{person}");

  static final List<Defect> DEFECTS = List.of(
      // The account's `individual` has verification {document: ...} without `status`
      // ("unverified", "pending" or "verified"), which the person endpoints do render.
      new Defect(ACCOUNT_BODIES, "$.individual.verification", "required property 'status' not found"),
      // An emptied dob (`individual[dob]=`, `dob=`) renders null; the spec's dob is an object,
      // never null: Stripe renders {day: null, month: null, year: null}.
      new Defect(ACCOUNT_BODIES, "$.individual.dob", "null found, object expected"),
      new Defect(PERSON_BODIES, "$.dob", "null found, object expected"),
      // A person's verification.document renders null; the spec's is an object, never null:
      // Stripe renders {back: null, details: null, details_code: null, front: null}.
      new Defect(ACCOUNT_BODIES, "$.individual.verification.document", "null found, object expected"),
      new Defect(PERSON_BODIES, "$.verification.document", "null found, object expected"),
      // An emptied `company[structure]=` renders null; the spec allows no null: Stripe omits it.
      new Defect(ACCOUNT_BODIES, "$.company.structure", "null found, string expected"),
      new Defect(ACCOUNT_BODIES, "$.company.structure", "does not have a value in the enumeration"),
      // `relationship[percent_ownership]` is kept as the sent string ("50"); Stripe answers a number.
      new Defect(PERSON_BODIES, "$.relationship.percent_ownership", "string found, [number, null] expected"));

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

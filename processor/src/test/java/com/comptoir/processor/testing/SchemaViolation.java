package com.comptoir.processor.testing;

/**
 * One way an answered request disagrees with Stripe's spec.
 *
 * @param method the request method, such as {@code POST}
 * @param route the route template that served it, or null when no route matched
 * @param path the request path as sent
 * @param status the HTTP status answered
 * @param where where in the body, as a JSON path such as {@code $.business_profile.url}; {@code $}
 *     for the body as a whole or for the operation itself
 * @param problem what is wrong, in words
 */
public record SchemaViolation(String method, String route, String path, int status, String where, String problem) {

  /** {@code where} with array indexes replaced by {@code [*]}, for matching known defects. */
  public String whereInAnyElement() {
    return where.replaceAll("\\[\\d+]", "[*]");
  }

  @Override
  public String toString() {
    return method + " " + path + " -> " + status + ": " + where + ": " + problem;
  }
}

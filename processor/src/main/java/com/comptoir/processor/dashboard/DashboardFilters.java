package com.comptoir.processor.dashboard;

/** What the platform Dashboard's pages accept as a typed filter, cursor or id. */
final class DashboardFilters {
  private static final int MAX_LENGTH = 255;

  private DashboardFilters() {}

  /** Trimmed, bounded, NUL-free (PostgreSQL cannot hold a NUL): never null. */
  static String text(String value) {
    if (value == null) {
      return "";
    }
    String v = value.strip().replace("\0", "");
    return v.length() > MAX_LENGTH ? v.substring(0, MAX_LENGTH) : v;
  }
}

package com.comptoir.platform.exports;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The days an export covers, both included, in UTC as Stripe's dates are: typed as
 * {@code yyyy-mm-dd} in the export form, at most a year apart.
 */
record ExportRange(LocalDate from, LocalDate to) {
  static final int MAX_DAYS = 366;

  /** The range typed, or why it was refused (a sentence for the form), as an exception. */
  static ExportRange parse(String fromText, String toText) throws InvalidRange {
    LocalDate from = date(fromText, "start");
    LocalDate to = date(toText, "end");
    if (to.isBefore(from)) {
      throw new InvalidRange("The end date comes before the start date.");
    }
    if (to.toEpochDay() - from.toEpochDay() >= MAX_DAYS) {
      throw new InvalidRange("Export at most " + MAX_DAYS + " days at a time.");
    }
    return new ExportRange(from, to);
  }

  private static LocalDate date(String text, String which) throws InvalidRange {
    if (text == null || text.isBlank()) {
      throw new InvalidRange("Choose the " + which + " date.");
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidRange("Enter the " + which + " date as year-month-day, such as 2026-03-01.");
    }
  }

  OffsetDateTime start() {
    return from.atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  /** The first moment after the range. */
  OffsetDateTime end() {
    return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  String fileSuffix() {
    return from + "_to_" + to;
  }

  static final class InvalidRange extends Exception {
    InvalidRange(String message) {
      super(message);
    }
  }
}

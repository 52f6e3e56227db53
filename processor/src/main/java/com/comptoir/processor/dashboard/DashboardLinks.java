package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small helpers the platform Dashboard's pages share: times as people read them, filter links, JSON as shown. */
final class DashboardLinks {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private DashboardLinks() {}

  /** Unix seconds (on the processor clock) as "2026-12-02 15:04:46 UTC". */
  static String time(long epochSeconds) {
    return TIME.format(Instant.ofEpochSecond(epochSeconds));
  }

  /** {@code name=value&} for each non-empty value, URL-encoded, ready for a cursor parameter to follow. */
  static String query(String... namesAndValues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null && !namesAndValues[i + 1].isEmpty()) {
        out.append(namesAndValues[i]).append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8)).append('&');
      }
    }
    return out.toString();
  }

  static String pretty(JsonNode node) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed document always writes", e);
    }
  }
}

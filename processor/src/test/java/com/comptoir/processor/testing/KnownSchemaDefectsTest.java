package com.comptoir.processor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class KnownSchemaDefectsTest {
  private final KnownSchemaDefects.Defect defect = new KnownSchemaDefects.Defect(
      Set.of("GET /v1/accounts", "GET /v1/accounts/{account}"), "$.settings.payouts.schedule.delay_days", "string found");

  private static SchemaViolation at(String method, String route, String where, String problem) {
    return new SchemaViolation(method, route, "/v1/accounts/acct_1", 200, where, problem);
  }

  @Test
  void aKnownDefectIsToleratedInTheObjectAndInEveryElementOfAListOfThem() {
    assertThat(defect.matches(at("GET", "/v1/accounts/{account}", "$.settings.payouts.schedule.delay_days", "string found, integer expected"))).isTrue();
    assertThat(defect.matches(at("GET", "/v1/accounts", "$.data[3].settings.payouts.schedule.delay_days", "string found, integer expected"))).isTrue();
  }

  @Test
  void aKnownDefectCoversNoOtherOperationPlaceOrProblem() {
    assertThat(defect.matches(at("POST", "/v1/accounts/{account}", "$.settings.payouts.schedule.delay_days", "string found, integer expected"))).isFalse();
    assertThat(defect.matches(at("GET", "/v1/accounts/{account}", "$.settings.payouts.schedule.interval", "string found, integer expected"))).isFalse();
    assertThat(defect.matches(at("GET", "/v1/accounts/{account}", "$.settings.payouts.schedule.delay_days", "null found, integer expected"))).isFalse();
  }
}

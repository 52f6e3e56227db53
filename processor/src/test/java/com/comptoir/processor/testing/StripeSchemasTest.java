package com.comptoir.processor.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.comptoir.processor.api.ApiExchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schema checker itself: it passes Stripe's own objects and reports what breaks the spec. */
class StripeSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static StripeSchemas schemas;
  private static JsonNode fixtures;

  @BeforeAll
  static void loadSpecAndFixtures() throws IOException {
    assumeTrue(StripeSchemas.shared().isPresent(), StripeSchemas::absenceReason);
    schemas = StripeSchemas.shared().get();
    Path file = StripeSpec.locate("fixtures3.json").orElse(null);
    assumeTrue(file != null, "Stripe's fixtures3.json is not beside the spec");
    fixtures = JSON.readTree(file.toFile()).get("resources");
  }

  /**
   * Stripe's example account. The fixtures are newer than the 2023 spec: Stripe has since made
   * {@code settings.bacs_debit_payments.display_name} nullable and the fixture renders it null,
   * which the 2023 spec forbids; that one field is taken out.
   */
  private static ObjectNode exampleAccount() {
    ObjectNode account = fixture("account");
    ((ObjectNode) account.at("/settings/bacs_debit_payments")).remove("display_name");
    return account;
  }

  private static ObjectNode fixture(String name) {
    return (ObjectNode) fixtures.get(name).deepCopy();
  }

  private static List<SchemaViolation> answered(String method, String route, int status, Object body) {
    return schemas.check(new ApiExchange(method, route, route, status, body.toString()));
  }

  @Test
  void stripesExampleAccountConforms() {
    assertThat(schemas.checkComponent("account", exampleAccount().toString())).isEmpty();
  }

  /** Objects Comptoir models, as Stripe's fixtures show them: the checker must not cry wolf. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"account_link", "login_link", "capability", "bank_account", "deleted_account", "price",
      "checkout.session", "payment_intent", "payment_method", "charge", "refund", "dispute", "balance",
      "balance_transaction", "application_fee", "fee_refund", "payout", "transfer", "event", "webhook_endpoint",
      "deleted_webhook_endpoint"})
  void stripesExampleObjectsConform(String name) {
    assertThat(schemas.checkComponent(name, fixture(name).toString())).isEmpty();
  }

  @Test
  void anAccountWithoutIdIsReported() {
    ObjectNode account = exampleAccount();
    account.remove("id");
    assertThat(schemas.checkComponent("account", account.toString()))
        .containsExactly("$: required property 'id' not found");
  }

  @Test
  void aTimestampSentAsStringIsReported() {
    ObjectNode account = exampleAccount().put("created", "1234567890");
    assertThat(schemas.checkComponent("account", account.toString()))
        .containsExactly("$.created: string found, integer expected");
  }

  @Test
  void aNullWhereTheSpecAllowsNoneIsReported() {
    ObjectNode account = exampleAccount();
    account.putNull("charges_enabled");
    assertThat(schemas.checkComponent("account", account.toString()))
        .containsExactly("$.charges_enabled: null found, boolean expected");
  }

  @Test
  void explicitNullsWhereTheSpecSaysNullableConform() {
    ObjectNode account = exampleAccount();
    account.putNull("email");            // nullable: true beside a type
    account.putNull("business_type");    // nullable: true beside an enum
    account.putNull("business_profile"); // nullable: true beside anyOf [$ref]
    assertThat(schemas.checkComponent("account", account.toString())).isEmpty();
  }

  @Test
  void aValueOutsideTheEnumIsReported() {
    ObjectNode account = exampleAccount().put("business_type", "sole_trader");
    assertThat(schemas.checkComponent("account", account.toString()))
        .singleElement().asString().startsWith("$.business_type: does not have a value in the enumeration");
  }

  @Test
  void aFieldTheSpecDoesNotKnowIsAllowedForNewerSdks() {
    ObjectNode account = exampleAccount();
    account.putObject("risk_controls").putNull("rejected_reason");
    ((ObjectNode) account.get("business_profile")).put("estimated_worker_count", 3);
    assertThat(schemas.checkComponent("account", account.toString())).isEmpty();
  }

  @Test
  void anExpandableFieldMayBeAnIdOrTheObjectButNothingElse() {
    ObjectNode fee = fixture("application_fee");
    assertThat(schemas.checkComponent("application_fee", fee.put("account", "acct_1").toString())).isEmpty();
    assertThat(schemas.checkComponent("application_fee", fee.set("account", exampleAccount()).toString())).isEmpty();
    assertThat(schemas.checkComponent("application_fee", fee.put("account", 42).toString()))
        .contains("$.account: integer found, string expected", "$.account: integer found, object expected");
  }

  @Test
  void aRouteMatchesTheSpecsPathWhateverItsParameterIsNamed() {
    assertThat(answered("GET", "/v1/accounts/{id}", 200, exampleAccount())).isEmpty();
    assertThat(answered("DELETE", "/v1/accounts/{acct}", 200, fixture("deleted_account"))).isEmpty();
  }

  @Test
  void aListIsCheckedAgainstTheOperationsInlineSchemaAndItsItems() {
    ObjectNode list = JSON.createObjectNode().put("object", "list").put("url", "/v1/accounts").put("has_more", false);
    list.putArray("data").add(exampleAccount()).add(exampleAccount().put("created", "soon"));
    assertThat(answered("GET", "/v1/accounts", 200, list))
        .extracting(SchemaViolation::where, SchemaViolation::whereInAnyElement)
        .containsExactly(tuple("$.data[1].created", "$.data[*].created"));
    list.remove("has_more");
    assertThat(answered("GET", "/v1/accounts", 200, list))
        .extracting(SchemaViolation::problem).contains("required property 'has_more' not found");
  }

  @Test
  void aStripeErrorConformsAndAnErrorWithoutTypeIsReported() {
    ObjectNode error = JSON.createObjectNode();
    error.putObject("error").put("type", "invalid_request_error").put("message", "No such account: 'acct_1'")
        .put("code", "resource_missing").put("param", "account");
    assertThat(answered("GET", null, 404, error)).isEmpty();
    assertThat(answered("POST", "/v1/accounts/{account}", 400, error)).isEmpty();
    ((ObjectNode) error.get("error")).remove("type");
    assertThat(answered("GET", null, 404, error))
        .extracting(SchemaViolation::problem).containsExactly("required property 'type' not found");
  }

  @Test
  void aStatusTheOperationDoesNotListIsHeldToItsDefaultTheErrorSchema() {
    assertThat(answered("POST", "/v1/accounts", 201, exampleAccount()))
        .extracting(SchemaViolation::problem).contains("required property 'error' not found");
  }

  @Test
  void aSuccessWithoutAnyRouteIsReported() {
    assertThat(answered("GET", null, 200, exampleAccount()))
        .extracting(SchemaViolation::problem).containsExactly("answered 200 without a route");
  }

  @Test
  void anEndpointStripeDoesNotHaveIsReported() {
    assertThat(answered("GET", "/v1/frobnicators/{id}", 200, "{}"))
        .extracting(SchemaViolation::problem).containsExactly("the spec has no operation GET /v1/frobnicators/{id}");
    assertThat(answered("PUT", "/v1/accounts/{account}", 200, exampleAccount()))
        .extracting(SchemaViolation::problem).containsExactly("the spec has no operation PUT /v1/accounts/{account}");
  }

  @Test
  void ourOwnTestHelpersAreExemptButStripesAreChecked() {
    assertThat(answered("POST", "/v1/test_helpers/clock/advance", 200, "{\"now\": 1}")).isEmpty();
    assertThat(answered("POST", "/v1/test_helpers/test_clocks", 200, "{}"))
        .extracting(SchemaViolation::problem).contains("required property 'frozen_time' not found");
  }

  @Test
  void anUndocumentedStripeEndpointIsHeldToTheSchemaStripeAnswersWith() {
    assertThat(answered("POST", "/v1/events/{id}/retry", 200, fixture("event"))).isEmpty();
    ObjectNode event = fixture("event");
    event.remove("type");
    assertThat(answered("POST", "/v1/events/{event}/retry", 200, event))
        .extracting(SchemaViolation::problem).containsExactly("required property 'type' not found");
  }

  @Test
  void aBodyThatIsNotJsonIsReported() {
    assertThat(answered("GET", "/v1/account", 200, "<html>oops</html>"))
        .extracting(SchemaViolation::problem).singleElement().asString().startsWith("the body is not JSON");
  }

  @Test
  void eachViolationNamesTheRequestTheStatusAndThePlaceInTheBody() {
    ObjectNode account = exampleAccount();
    account.remove("id");
    SchemaViolation violation = schemas.check(new ApiExchange("POST", "/v1/accounts/{account}", "/v1/accounts/acct_1", 200, account.toString())).getFirst();
    assertThat(violation).hasToString("POST /v1/accounts/acct_1 -> 200: $: required property 'id' not found");
  }
}

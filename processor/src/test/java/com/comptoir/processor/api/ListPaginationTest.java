package com.comptoir.processor.api;

import static com.comptoir.processor.api.Wire.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stripe list objects and cursor pagination (fact sheet §1.7), on {@code GET /v1/accounts}. */
class ListPaginationTest {
  private final StripeHttp http = Wire.http();

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.get("data").forEach(a -> out.add(a.get("id").asText()));
    return out;
  }

  /** Creates {@code n} accounts one after another; returns their ids oldest first. */
  private static List<String> createAccounts(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(Wire.newAccountId());
    }
    return ids;
  }

  @Test
  void aListIsAStripeListObject() {
    Wire.newAccountId();
    StripeHttp.Response r = http.get("/v1/accounts?limit=3");
    assertThat(r.status()).isEqualTo(200);
    JsonNode list = r.json();
    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.get("data").isArray()).isTrue();
    assertThat(list.get("has_more").isBoolean()).isTrue();
    assertThat(list.get("url").asText()).isEqualTo("/v1/accounts");
    list.get("data").forEach(a -> assertThat(a.get("object").asText()).isEqualTo("account"));
  }

  @Test
  void theDefaultLimitIsTenAndOneToHundredAreAccepted() {
    createAccounts(11);
    JsonNode page = http.get("/v1/accounts").json();
    assertThat(page.get("data").size()).isEqualTo(10);
    assertThat(page.get("has_more").asBoolean()).isTrue();
    assertThat(http.get("/v1/accounts?limit=1").json().get("data").size()).isEqualTo(1);
    assertThat(http.get("/v1/accounts?limit=100").status()).isEqualTo(200);
  }

  @Test
  void aLimitOutsideOneToHundredIsRefused() {
    for (String limit : List.of("0", "101", "-1", "1000000")) {
      assertInvalid(http.get("/v1/accounts?limit=" + limit), "parameter_invalid_integer", "limit");
    }
    assertInvalid(http.get("/v1/accounts?limit=ten"), "parameter_invalid_integer", "limit");
  }

  @Test
  void itemsComeNewestFirst() {
    List<String> created = createAccounts(4);
    List<String> newestFirst = new ArrayList<>(created);
    Collections.reverse(newestFirst);
    assertThat(ids(http.get("/v1/accounts?limit=4").json())).containsExactlyElementsOf(newestFirst);
    long previous = Long.MAX_VALUE;
    for (JsonNode a : http.get("/v1/accounts?limit=20").json().get("data")) {
      assertThat(a.get("created").asLong()).isLessThanOrEqualTo(previous);
      previous = a.get("created").asLong();
    }
  }

  @Test
  void pagingForwardWithStartingAfterVisitsEveryItemOnceInOrder() {
    List<String> created = createAccounts(23);
    List<String> expected = new ArrayList<>(created);
    Collections.reverse(expected); // newest first
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    while (true) {
      JsonNode page = http.get("/v1/accounts?limit=5" + (cursor == null ? "" : "&starting_after=" + cursor)).json();
      pages++;
      List<String> ids = ids(page);
      seen.addAll(ids);
      if (seen.contains(created.get(0)) || !page.get("has_more").asBoolean()) {
        break;
      }
      cursor = ids.get(ids.size() - 1);
    }
    assertThat(seen.subList(0, expected.size())).containsExactlyElementsOf(expected);
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void pagingBackwardWithEndingBeforeVisitsEveryItemOnceAndKeepsNewestFirstWithinAPage() {
    List<String> created = createAccounts(18);
    String oldest = created.get(0);
    List<String> seen = new ArrayList<>();
    String cursor = oldest;
    boolean hasMore = true;
    while (hasMore) {
      JsonNode page = http.get("/v1/accounts?limit=4&ending_before=" + cursor).json();
      List<String> ids = ids(page);
      // within a page, newest first; the page sits just above the cursor
      List<String> pageExpected = new ArrayList<>(created.subList(created.indexOf(cursor) + 1, created.indexOf(cursor) + 1 + ids.size()));
      Collections.reverse(pageExpected);
      assertThat(ids).containsExactlyElementsOf(pageExpected);
      seen.addAll(0, ids);
      hasMore = page.get("has_more").asBoolean();
      cursor = ids.get(0);
    }
    List<String> expected = new ArrayList<>(created.subList(1, created.size()));
    Collections.reverse(expected);
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void startingAfterAndEndingBeforeTogetherAreRefused() {
    List<String> ids = createAccounts(2);
    StripeHttp.Response r = http.get("/v1/accounts?starting_after=" + ids.get(1) + "&ending_before=" + ids.get(0));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(r.json().at("/error/message").asText()).contains("starting_after").contains("ending_before");
  }

  @Test
  void createdFiltersSelectByUnixSecond() {
    JsonNode account = Wire.createAccount("");
    String id = account.get("id").asText();
    long created = account.get("created").asLong();
    assertThat(ids(http.get("/v1/accounts?limit=100&created=" + created).json())).contains(id);
    assertThat(ids(http.get("/v1/accounts?limit=100&created[gte]=" + created + "&created[lte]=" + created).json())).contains(id);
    assertThat(ids(http.get("/v1/accounts?limit=100&created[gt]=" + created).json())).doesNotContain(id);
    assertThat(ids(http.get("/v1/accounts?limit=100&created[lt]=" + created).json())).doesNotContain(id);
    assertThat(ids(http.get("/v1/accounts?limit=100&created[lte]=" + (created - 1)).json())).doesNotContain(id);
    for (JsonNode a : http.get("/v1/accounts?limit=100&created[lt]=" + created).json().get("data")) {
      assertThat(a.get("created").asLong()).isLessThan(created);
    }
    assertInvalid(http.get("/v1/accounts?created[gte]=yesterday"), "parameter_invalid_integer", "created[gte]");
    assertInvalid(http.get("/v1/accounts?created[after]=1"), "parameter_unknown", "created[after]");
  }
}

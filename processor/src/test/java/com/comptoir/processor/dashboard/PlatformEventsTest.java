package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.accounts.PlatformLogin;
import com.comptoir.processor.dashboard.DashboardVisitor.Page;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Await;
import com.comptoir.testing.Browser;
import com.comptoir.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.Stripe;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Developers → Events in the platform's Dashboard, over real HTTP and in Chromium: the list pages
 * by cursor and filters by type and account, an event's page shows every delivery attempt with
 * what the endpoint answered, and Resend sends it again through the API's retry path.
 */
class PlatformEventsTest {
  private static final String EMAIL = "owner@platform.example";
  private static final String PASSWORD = "platform dashboard password";
  // A processor of its own: in a sandbox, a holder's login link expired at once (the Dashboard reads the default sandbox's clock).
  private static final TestProcessor PROCESSOR = TestProcessor.customized(s -> s.withDashboardLogin(new PlatformLogin(EMAIL, PASSWORD)));
  private static final Pattern EVENT_LINK = Pattern.compile("<a href=\"/dashboard/events/(evt_[A-Za-z0-9]+)\">");
  private final StripeHttp http = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  private static DashboardVisitor signedInPlatform() {
    return SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);
  }

  private static List<String> eventIds(Page page) {
    List<String> ids = new ArrayList<>();
    Matcher m = EVENT_LINK.matcher(page.body());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private String endpoint(String url, String... events) {
    Map<String, String> form = new HashMap<>(Map.of("url", url, "api_version", Stripe.API_VERSION));
    for (int i = 0; i < events.length; i++) {
      form.put("enabled_events[" + i + "]", events[i]);
    }
    StripeHttp.Response r = http.post("/v1/webhook_endpoints", form);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("secret").asText() + " " + r.json().get("id").asText();
  }

  private String product(StripeHttp as, String name) {
    StripeHttp.Response r = as.post("/v1/products", Map.of("name", name));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("id").asText();
  }

  /** The id of the newest event of {@code account} with {@code type}, through the API. */
  private String newestEvent(StripeHttp as, String type) {
    return as.get("/v1/events?limit=1&type=" + type).json().at("/data/0/id").asText();
  }

  @Test
  void theListPagesByCursorAndFiltersByTypeAndAccount() {
    String tag = com.comptoir.processor.store.Ids.random(6);
    String connected = DashboardVisitor.expressAccount(http, "FR", Map.of());
    StripeHttp asConnected = http.header("Stripe-Account", connected);
    for (int i = 0; i < EventPages.PAGE_SIZE + 5; i++) {
      product(asConnected, "Mug " + tag + " " + i);
    }
    DashboardVisitor platform = signedInPlatform();

    Page first = platform.get("/dashboard/events?type=product.created&account=" + connected);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    List<String> firstIds = eventIds(first);
    assertThat(firstIds).hasSize(EventPages.PAGE_SIZE).startsWith(newestEvent(asConnected, "product.created"));
    assertThat(first.body()).contains("Older events").doesNotContain("Newer events")
        .contains("value=\"product.created\"", "value=\"" + connected + "\"");

    Matcher older = Pattern.compile("<a href=\"([^\"]+)\">Older events").matcher(first.body());
    assertThat(older.find()).isTrue();
    Page second = platform.get(older.group(1).replace("&amp;", "&"));
    List<String> secondIds = eventIds(second);
    assertThat(secondIds).hasSize(5).doesNotContainAnyElementsOf(firstIds);
    assertThat(second.body()).contains("Newer events").doesNotContain("Older events");

    // charge.* style prefixes, as the API's filter; another account's events are not this one's
    assertThat(eventIds(platform.get("/dashboard/events?type=product.*&account=" + connected))).hasSize(EventPages.PAGE_SIZE);
    assertThat(eventIds(platform.get("/dashboard/events?type=price.created&account=" + connected))).isEmpty();
    Page typed = platform.get("/dashboard/events?type=%3Cscript%3Ealert(1)%3C/script%3E");
    assertThat(typed.body()).contains("No events match.", "value=\"&lt;script>alert(1)&lt;/script>\"").doesNotContain("<script>");
  }

  @Test
  void aConnectedAccountsHolderCannotOpenThePlatformsEvents() {
    String connected = DashboardVisitor.expressAccount(http, "FR", Map.of());
    DashboardVisitor holder = new DashboardVisitor(PROCESSOR);
    holder.signIn(http, connected);
    Page refused = holder.get("/dashboard/events");
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.body()).contains("This page belongs to the platform's Dashboard.").doesNotContain("evt_");
    assertThat(new DashboardVisitor(PROCESSOR).get("/dashboard/events").status()).isEqualTo(401);
  }

  @Test
  void anEventsPageShowsEachAttemptWithTheFirstKilobyteOfTheAnswerAndTheNextRetry() throws IOException {
    String answer = "<b>down</b> " + "x".repeat(3000);
    HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    failing.createContext("/hook", exchange -> {
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(503, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    failing.start();
    try {
      String url = "http://127.0.0.1:" + failing.getAddress().getPort() + "/hook";
      String endpointId = endpoint(url, "product.updated").split(" ")[1];
      String productId = product(http, "Teapot");
      assertThat(http.post("/v1/products/" + productId, Map.of("name", "Teapot, blue")).status()).isEqualTo(200);
      String eventId = newestEvent(http, "product.updated");
      DashboardVisitor platform = signedInPlatform();

      Page page = Await.value(() -> "an attempt on the event's page", Duration.ofSeconds(20), () -> {
        Page p = platform.get("/dashboard/events/" + eventId);
        return p.body().contains(">503</span>") ? java.util.Optional.of(p) : java.util.Optional.empty();
      });
      assertThat(page.body()).contains("<h1>product.updated</h1>", "To " + url, "Endpoint " + endpointId, "Pending", "next attempt ",
          " ms</td>", "Teapot, blue");
      // the first KB of the answer, escaped, and not a character more
      String shown = "&lt;b&gt;down&lt;/b&gt; " + "x".repeat(1024 - "<b>down</b> ".length()) + "</pre>";
      assertThat(page.body()).contains(shown);
    } finally {
      failing.stop(0);
    }
  }

  @Test
  void aResendWithoutTheFormsTokenSendsNothing() {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String[] endpoint = endpoint(receiver.url(), "product.created").split(" ");
      receiver.secret(endpoint[0]);
      product(http, "Bowl");
      String eventId = newestEvent(http, "product.created");
      receiver.await(e -> e.getId().equals(eventId), Duration.ofSeconds(20));
      DashboardVisitor platform = signedInPlatform();
      Page refused = platform.post("/dashboard/events/" + eventId + "/resend",
          List.of(Map.entry("csrf", "forged"), Map.entry("webhook_endpoint", endpoint[1])));
      assertThat(refused.status()).isEqualTo(403);
      Page unknown = platform.post("/dashboard/events/" + eventId + "/resend",
          List.of(Map.entry("csrf", platform.get("/dashboard/events/" + eventId).csrf()), Map.entry("webhook_endpoint", "we_nothere")));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.body()).contains("That webhook endpoint no longer exists, so nothing was sent.");
      assertThat(receiver.events().stream().filter(e -> e.getId().equals(eventId))).hasSize(1);
    }
  }

  @Test
  void inChromiumThePlatformFindsAnEventSeesItsDeliveryAndResendsIt() {
    try (WebhookReceiver receiver = new WebhookReceiver(); Browser browser = new Browser()) {
      String[] endpoint = endpoint(receiver.url(), "product.created").split(" ");
      receiver.secret(endpoint[0]);
      product(http, "Jug");
      String eventId = newestEvent(http, "product.created");
      receiver.await(e -> e.getId().equals(eventId), Duration.ofSeconds(20));

      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD);
      assertThat(browser.heading()).isEqualTo("Home");
      browser.follow("Developers: Events");
      browser.type("Event type", "product.created").press("Filter");
      assertThat(browser.unlabelledControls()).isEmpty();
      browser.follow(eventId);
      assertThat(browser.heading()).isEqualTo("product.created");
      assertThat(browser.text()).contains("To " + receiver.url(), "Succeeded", "200", "\"id\" : \"" + eventId + "\"");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();

      browser.press("Resend to " + receiver.url());
      assertThat(browser.text()).contains("Sent again: a new delivery to " + endpoint[1]);
      // the test receiver verifies the signature with stripe-java: a second verified copy of the same event
      Await.until("a second verified delivery of the event", Duration.ofSeconds(20),
          () -> receiver.events().stream().filter(e -> e.getId().equals(eventId)).count() == 2);
      assertThat(receiver.badSignatures()).isZero();
      browser.open(browser.url()); // reload: the page now lists the second delivery, and reloading sent nothing more
      assertThat(browser.text().split("To " + receiver.url(), -1)).hasSize(3);
    }
  }
}

package com.comptoir.processor.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random and malformed input thrown at the live API: bodies, query strings, the five headers a
 * client controls, methods and paths under {@code /v1/}. Whatever comes in, what goes out is never
 * a 5xx, never Java internals, always JSON: a Stripe error object ({@code error.type} and a
 * non-empty {@code error.message}) or an object with {@code object}, with a {@code Request-Id}.
 *
 * <p>Inputs the HTTP parser itself refuses (control characters in headers, raw non-ASCII or bad
 * UTF-8 in the path, {@code %00} in the path, dot segments above the root) never reach the API and are covered apart, in
 * {@link HttpEdgeCasesTest}; so are a bogus {@code charset} and HEAD, which are known defects.
 */
class BadInputPropertiesTest {
  private static final TestProcessor PROCESSOR = TestProcessor.get();
  private static final RawHttp RAW = new RawHttp(PROCESSOR.port());
  private static final String KEY = PROCESSOR.secretKey();
  private static final String PLATFORM = PROCESSOR.platformAccountId();
  /** Connected accounts the inputs aim at: updated, read, and acted as. */
  private static final String FIXTURE = Wire.newAccountId();
  private static final String OTHER = Wire.newAccountId();
  private static final String DELETED = deletedAccount();

  /** What came back, by status and error code: printed once, to show what the inputs reached. */
  private static final Map<String, Integer> OUTCOMES = new ConcurrentHashMap<>();

  private static String deletedAccount() {
    String id = Wire.newAccountId();
    Wire.http().delete("/v1/accounts/" + id);
    return id;
  }

  // ----- properties -----

  @Property(tries = 400)
  void randomFormBodiesAreAnsweredWithStripeJson(@ForAll("postPaths") String path, @ForAll("bodies") byte[] body) {
    check("POST " + path, body, RAW.send("POST", path, auth(), body));
  }

  @Property(tries = 300)
  void randomQueryStringsAreAnsweredWithStripeJson(@ForAll("readPaths") String path, @ForAll("queries") String query,
      @ForAll("getOrDelete") String method) {
    String target = path + "?" + query;
    check(method + " " + target, null, RAW.send(method, target, auth(), (byte[]) null));
  }

  @Property(tries = 400)
  void randomHeadersAreAnsweredWithStripeJson(@ForAll("headerSets") List<String[]> headers, @ForAll("plainRequests") String[] request) {
    byte[] body = request[2] == null ? null : request[2].getBytes(StandardCharsets.UTF_8);
    check(request[0] + " " + request[1] + " " + describe(headers), body, RAW.send(request[0], request[1], headers, body));
  }

  @Property(tries = 300)
  void randomMethodsAndPathsUnderV1AreAnsweredWithStripeJson(@ForAll("methods") String method, @ForAll("v1Paths") String path,
      @ForAll("smallBodies") String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    check(method + " " + path, bytes, RAW.send(method, path, auth(), bytes));
  }

  @AfterContainer
  static void printOutcomes() {
    System.out.println("BadInputPropertiesTest outcomes: " + new TreeMap<>(OUTCOMES));
  }

  // ----- the invariant -----

  private static void check(String what, byte[] body, RawHttp.Response r) {
    String request = what + (body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8)));
    assertThat(r.status()).as("%s -> %s", request, r.body()).isBetween(200, 499);
    assertThat(r.header("Content-Type")).as(request).startsWith("application/json");
    assertThat(r.header("Request-Id")).as(request).matches("req_[A-Za-z0-9]{14}");
    assertThat(Wire.LEAK.matcher(r.body()).find()).as("Java internals in %s -> %s", request, r.body()).isFalse();
    JsonNode json = r.json();
    assertThat(json.isObject()).as(request).isTrue();
    if (r.status() >= 400) {
      JsonNode error = json.get("error");
      assertThat(error).as("%s -> %s", request, r.body()).isNotNull();
      assertThat(error.path("type").asText()).as(request)
          .isIn("invalid_request_error", "idempotency_error", "card_error", "api_error");
      assertThat(error.path("message").isTextual()).as(request).isTrue();
      assertThat(error.path("message").asText()).as(request).isNotBlank();
      OUTCOMES.merge(r.status() + " " + error.path("code").asText(error.path("type").asText()), 1, Integer::sum);
    } else {
      assertThat(json.path("object").asText()).as("%s -> %s", request, r.body()).isNotEmpty();
      OUTCOMES.merge(r.status() + " " + json.path("object").asText(), 1, Integer::sum);
    }
  }

  private static List<String[]> auth() {
    return RawHttp.headers("Authorization", "Bearer " + KEY, "Content-Type", "application/x-www-form-urlencoded");
  }

  private static String describe(List<String[]> headers) {
    return headers.stream().map(h -> h[0] + ": " + abbreviate(h[1])).collect(Collectors.joining(" | ", "[", "]"));
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + ")" : s;
  }

  // ----- form pairs: names with brackets, values, encodings -----

  private static final List<String> NAMES = List.of(
      "metadata", "email", "expand", "business_profile", "business_type", "settings", "individual", "company",
      "external_account", "capabilities", "country", "type", "controller", "tos_acceptance", "documents", "account_token",
      "default_currency", "limit", "starting_after", "ending_before", "created", "id", "object", "livemode");

  private static final List<String> SUBFIELDS = List.of(
      "support_address", "city", "payouts", "schedule", "monthly_anchor", "delay_days", "interval", "dob", "day", "month",
      "year", "full_name_aliases", "object", "account_number", "routing_number", "country", "currency", "card_payments",
      "transfers", "requested", "gte", "lte", "gt", "lt", "support_url", "mcc", "name", "url", "branding",
      "primary_color", "decline_on", "cvc_failure", "stripe_dashboard", "fees", "payer", "date", "ip", "k", "data");

  /** Whole keys that the account endpoints know, to go past the unknown-parameter check. */
  private static final List<String> KNOWN_KEYS = List.of(
      "email", "business_type", "country", "type", "default_currency", "account_token", "metadata[k]", "metadata",
      "business_profile[mcc]", "business_profile[url]", "business_profile[support_url]", "business_profile[support_address][city]",
      "business_profile[monthly_estimated_revenue][amount]", "business_profile[monthly_estimated_revenue][currency]",
      "settings[payouts][schedule][monthly_anchor]", "settings[payouts][schedule][delay_days]",
      "settings[payouts][schedule][interval]", "settings[payouts][debit_negative_balances]",
      "settings[branding][primary_color]", "settings[card_payments][decline_on][cvc_failure]",
      "individual[dob][day]", "individual[dob][month]", "individual[dob][year]", "individual[dob]",
      "individual[full_name_aliases][]", "individual[full_name_aliases][0]", "individual[metadata][k]",
      "individual[first_name]", "company[structure]", "company[name]", "company[address][line1]",
      "external_account", "external_account[object]", "external_account[country]", "external_account[currency]",
      "external_account[account_number]", "external_account[routing_number]", "external_account[metadata][k]",
      "capabilities[card_payments][requested]", "capabilities[transfers][requested]",
      "controller[stripe_dashboard][type]", "controller[fees][payer]", "controller[requirement_collection]",
      "tos_acceptance[date]", "tos_acceptance[ip]", "tos_acceptance[service_agreement]",
      "expand[]", "expand[0]", "limit", "starting_after", "ending_before", "created", "created[gte]", "created[lt]");

  private static Arbitrary<String> unicode(int max) {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(max),
        Arbitraries.strings().withChars("é€😀\u0000\u202e\u0301\uFEFF\uFFFD%&=+[]; \t\r\n\"'<>\\#?/").ofMaxLength(max),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(max));
  }

  private static Arbitrary<String> segment() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.of(SUBFIELDS)),
        Tuple.of(3, Arbitraries.integers().between(0, 5).map(String::valueOf)),
        Tuple.of(2, Arbitraries.just("")),
        Tuple.of(2, Arbitraries.of("99999999999999999999", "2147483648", "9999", "10000", "-1", "007", "1e3", "0x1", " 0")),
        Tuple.of(2, Arbitraries.strings().alpha().numeric().withChars('_', '-', '.').ofMaxLength(12)),
        Tuple.of(1, unicode(8)),
        Tuple.of(1, Arbitraries.of("[", "]", "][", "%5B", "%5D", "%", "%zz", "%00", "+", " ", "=", "&")));
  }

  private static Arbitrary<String> name() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of(NAMES)),
        Tuple.of(2, Arbitraries.strings().alpha().numeric().withChars('_').ofMinLength(1).ofMaxLength(16)),
        Tuple.of(1, unicode(10)),
        Tuple.of(1, Arbitraries.of("", "[", "]", "%5B", "a]", "=", "%", "%2", "%C3", "%C3%28")));
  }

  private static Arbitrary<String> key() {
    Arbitrary<String> built = Combinators.combine(name(), segment().list().ofMaxSize(12))
        .as((n, segments) -> segments.stream().map(s -> "[" + s + "]").collect(Collectors.joining("", n, "")))
        .flatMap(k -> Arbitraries.of("", "", "", "]", "[", "[x", "x").map(tail -> k + tail));
    Arbitrary<String> known = Arbitraries.of(KNOWN_KEYS);
    Arbitrary<String> knownMutated = Combinators.combine(Arbitraries.of(KNOWN_KEYS), segment()).as((k, s) -> k + "[" + s + "]");
    Arbitrary<String> deep = Arbitraries.integers().between(8, 40).map(depth -> "metadata" + "[a]".repeat(depth));
    return Arbitraries.frequencyOf(Tuple.of(5, built), Tuple.of(5, known), Tuple.of(2, knownMutated), Tuple.of(1, deep));
  }

  private static Arbitrary<String> value() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just("")),
        Tuple.of(4, Arbitraries.strings().alpha().numeric().ofMaxLength(12)),
        Tuple.of(3, Arbitraries.of("0", "1", "31", "32", "-1", "1.5", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999", "1e3", "0x10", " 1", "true", "false", "yes", "TRUE", "null")),
        Tuple.of(3, Arbitraries.of("individual", "company", "standard", "express", "custom", "bank_account", "US", "FR", "us",
            "usd", "eur", "btok_x", "tok_visa", "ct_x", "daily", "monthly", "minimum", "#32325d", "full", "none", "application",
            "acct_unknown", "000123456789", "110000000", "FR1420041010050500013M02606", "data.nothing", "a.b.c.d.e")),
        Tuple.of(1, Arbitraries.of(FIXTURE, OTHER, DELETED, PLATFORM)),
        Tuple.of(2, unicode(20)),
        Tuple.of(1, Arbitraries.integers().between(35, 600).map("x"::repeat)),
        Tuple.of(1, Arbitraries.integers().between(4990, 5010).map("y"::repeat)),
        Tuple.of(2, Arbitraries.of("%00", "%", "%z", "%zz", "%%", "%C3%28", "%ED%A0%80", "%F0%9F%A7%80", "%FF%FE", "+", "a+b",
            "%2B", "%26", "%3D", "%5B%5D", "%u0041")));
  }

  /** One {@code key=value} in one of the ways a client might spell it, well or badly. */
  private static Arbitrary<String> pair() {
    return Combinators.combine(key(), value(), Arbitraries.integers().between(0, 9)).as((k, v, how) -> switch (how) {
      case 0, 1, 2 -> k + "=" + v; // raw: brackets, escapes and junk as they are
      case 3, 4 -> encode(k) + "=" + encode(v); // as an SDK would
      case 5 -> brackets(k) + "=" + encode(v); // brackets percent-encoded, the rest kept
      case 6 -> k; // no '=' at all
      case 7 -> k + "=" + v + "=" + v; // '=' in the value
      case 8 -> k + "=" + v + "&" + k + "[x]=" + v; // a value and a hash under one name
      default -> k + "=" + v + "&" + k + "=" + v; // repeated key
    });
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String brackets(String s) {
    return s.replace("[", "%5B").replace("]", "%5D");
  }

  /** A few known keys with random values, spelled as an SDK spells them: gets past the name checks to the typed ones. */
  private static Arbitrary<String> plausibleForm(int maxPairs) {
    Arbitrary<String> pair = Combinators.combine(Arbitraries.of(KNOWN_KEYS), value(), Arbitraries.integers().between(0, 3))
        .as((k, v, how) -> how == 0 ? k + "=" + v : encode(k) + "=" + encode(v));
    return pair.list().ofMinSize(1).ofMaxSize(maxPairs).map(pairs -> String.join("&", pairs));
  }

  private static Arbitrary<String> form(int maxPairs) {
    return Combinators.combine(pair().list().ofMaxSize(maxPairs), Arbitraries.of("&", "&", "&", "&&", ";", "&amp;"))
        .as((pairs, separator) -> String.join(separator, pairs));
  }

  // ----- providers -----

  @Provide
  Arbitrary<byte[]> bodies() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, form(14).map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(8, plausibleForm(4).map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)), // not even UTF-8
        Tuple.of(1, Arbitraries.of("{\"email\":\"a@b.c\"}", "<xml/>", "--zz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--zz--")
            .map(s -> s.getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.integers().between(1000, 5100).map(n -> java.util.stream.IntStream.range(0, n)
            .mapToObj(i -> "metadata[k" + i + "]=v").collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * Not the platform's own account: random updates would change the shared platform that later
   * tests read (the schema check makes these properties run before the Jupiter tests).
   */
  @Provide
  Arbitrary<String> postPaths() {
    return Arbitraries.of("/v1/accounts", "/v1/accounts/" + FIXTURE, "/v1/accounts/" + FIXTURE, "/v1/accounts/" + OTHER,
        "/v1/accounts/" + DELETED, "/v1/accounts/acct_unknown");
  }

  @Provide
  Arbitrary<String> readPaths() {
    return Arbitraries.of("/v1/accounts", "/v1/accounts", "/v1/account", "/v1/accounts/" + FIXTURE, "/v1/accounts/acct_unknown",
        "/v1/accounts/" + DELETED);
  }

  @Provide
  Arbitrary<String> getOrDelete() {
    return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("GET")), Tuple.of(1, Arbitraries.just("DELETE")));
  }

  /** A query string as it can stand on a request line: raw bytes that cannot are percent-encoded; bad escapes stay. */
  @Provide
  Arbitrary<String> queries() {
    return Arbitraries.oneOf(form(10), plausibleForm(4)).map(BadInputPropertiesTest::requestLineSafe).map(q -> q.length() > 5000 ? q.substring(0, 5000) : q);
  }

  private static String requestLineSafe(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c <= 0x20 || c >= 0x7f || c == '#') {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "TRACE", "get", "Post", "FOO", "M-SEARCH",
        "PROPFIND", "LINK", "PURGE");
  }

  /** Paths under /v1/ made of segments the HTTP parser accepts: anything else is percent-encoded UTF-8, never %00. */
  @Provide
  Arbitrary<String> v1Paths() {
    Arbitrary<String> seg = Arbitraries.frequencyOf(
        // no PLATFORM: see postPaths()
        Tuple.of(6, Arbitraries.of("accounts", "account", FIXTURE, "acct_unknown", "nope", "v1", "")),
        Tuple.of(2, Arbitraries.of(".", "..", "%2e", "%2e%2e", "%2F", "%5C", "%25", ";x=1", "a;b", "~", "%7E", "acct_%3B")),
        Tuple.of(3, Arbitraries.strings().alpha().numeric().withChars('_', '-', '.', '~', '!', '$', '\'', '(', ')', '*', ',', ':', '@')
            .ofMaxLength(20)),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(8).map(s -> pathEncode(s.replace("\u0000", "")))));
    return Combinators.combine(seg.list().ofMinSize(0).ofMaxSize(5), Arbitraries.of("", "", "/", "//"))
        .as((segments, tail) -> "/v1/" + String.join("/", segments) + tail)
        .filter(BadInputPropertiesTest::staysUnderRoot);
  }

  /** A path whose dot segments climb above "/" is refused by the HTTP parser (HttpEdgeCasesTest). */
  private static boolean staysUnderRoot(String path) {
    int depth = 0;
    for (String segment : path.substring(1).split("/", -1)) {
      String s = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
      if (s.equals("..")) {
        if (--depth < 0) {
          return false;
        }
      } else if (!s.equals(".")) {
        depth++;
      }
    }
    return true;
  }

  private static String pathEncode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (Character.isLetterOrDigit(c) && c < 0x80 || c == '_' || c == '-') {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  @Provide
  Arbitrary<String> smallBodies() {
    return form(4);
  }

  /** HTTP field values: visible ASCII, spaces and tabs inside, and obs-text (bytes 0x80-0xFF). */
  private static Arbitrary<String> fieldValue(int max) {
    return Arbitraries.strings().withCharRange('!', '~').withChars(' ', '\t').withCharRange('\u0080', '\u00ff')
        .ofMaxLength(max).map(String::strip);
  }

  private static Arbitrary<String> authorization() {
    String basic = Base64.getEncoder().encodeToString((KEY + ":").getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("Bearer " + KEY, "Basic " + basic, "bearer " + KEY, "BEARER  " + KEY + " ")),
        Tuple.of(2, Arbitraries.of("Bearer " + KEY + "x", "Bearer " + KEY.substring(0, KEY.length() - 1), "Bearer " + KEY.toUpperCase(Locale.ROOT),
            "Bearer", "Bearer ", "Basic", "Basic !!!", "Basic =", "Token " + KEY, KEY, "Bearer " + PROCESSOR.publishableKey(),
            "Bearer sk_test_", "Bearer " + "k".repeat(300), "Basic " + Base64.getEncoder().encodeToString(":".getBytes()),
            "Bearer " + KEY + ", Bearer " + KEY)),
        Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> "Basic " + Base64.getEncoder().encodeToString(b))),
        Tuple.of(2, fieldValue(60).map(v -> "Bearer " + v)),
        Tuple.of(1, fieldValue(60)));
  }

  private static Arbitrary<String> stripeAccount() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(FIXTURE, OTHER, PLATFORM, DELETED, "acct_unknown", "", " " + FIXTURE, FIXTURE.toLowerCase(Locale.ROOT))),
        Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMaxLength(30).map(s -> "acct_" + s)),
        Tuple.of(1, Arbitraries.integers().between(256, 4000).map("a"::repeat)),
        Tuple.of(2, fieldValue(40)));
  }

  private static Arbitrary<String> idempotencyKey() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("fuzz-1", "fuzz-2", "fuzz-3")), // reused across tries: replays and mismatches
        Tuple.of(2, Arbitraries.strings().alpha().numeric().withChars('-').ofMinLength(1).ofMaxLength(40)),
        Tuple.of(1, Arbitraries.integers().between(250, 260).map("i"::repeat)),
        Tuple.of(1, Arbitraries.just("")),
        Tuple.of(2, fieldValue(80)));
  }

  private static Arbitrary<String> stripeVersion() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of("2023-08-16", "2026-07-29.dahlia", "2020-08-27", "2026-10-28.endive", "9999-99-99")),
        Tuple.of(2, Arbitraries.of("", "latest", "2023-08-16.", "2023-08-16.UPPER", "2023-8-16", "2023-08-16 ", "2023-08-16;x")),
        Tuple.of(2, fieldValue(30)));
  }

  private static Arbitrary<String> contentType() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.of("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
            "application/x-www-form-urlencoded;charset=UTF-8", "application/x-www-form-urlencoded; charset=ISO-8859-1",
            "application/x-www-form-urlencoded; charset=us-ascii", "application/x-www-form-urlencoded; charset=utf-16",
            "text/plain", "application/json", "multipart/form-data; boundary=zz", "multipart/form-data", "", ";", "a/b; x=y",
            "application/x-www-form-urlencoded; charset=\"utf-8\"")),
        // anything but a charset: a bogus charset is a known defect (HttpEdgeCasesTest)
        Tuple.of(2, fieldValue(40).filter(v -> !v.toLowerCase(Locale.ROOT).contains("charset"))));
  }

  @Provide
  Arbitrary<List<String[]>> headerSets() {
    return Combinators.combine(
            authorization().injectNull(0.1),
            stripeAccount().injectNull(0.5),
            idempotencyKey().injectNull(0.4),
            stripeVersion().injectNull(0.4),
            contentType().injectNull(0.3))
        .as((auth, account, idem, version, type) -> {
          List<String[]> headers = new ArrayList<>();
          add(headers, "Authorization", auth);
          add(headers, "Stripe-Account", account);
          add(headers, "Idempotency-Key", idem);
          add(headers, "Stripe-Version", version);
          add(headers, "Content-Type", type);
          return headers;
        });
  }

  private static void add(List<String[]> headers, String name, String value) {
    if (value != null) {
      headers.add(new String[] {name, value});
    }
  }

  /** Ordinary requests for the header property: {method, target, body}. */
  @Provide
  Arbitrary<String[]> plainRequests() {
    return Arbitraries.of(
        new String[] {"GET", "/v1/accounts?limit=2", null},
        new String[] {"GET", "/v1/account", null},
        new String[] {"GET", "/v1/accounts/" + FIXTURE, null},
        new String[] {"POST", "/v1/accounts", "metadata[fuzz]=1"},
        new String[] {"POST", "/v1/accounts", ""},
        new String[] {"POST", "/v1/accounts/" + FIXTURE, "metadata[fuzz]=2"},
        new String[] {"POST", "/v1/accounts/" + FIXTURE, "metadata[fuzz]=%C3%A9t%C3%A9"},
        new String[] {"POST", "/v1/accounts/" + OTHER, "metadata[fuzz]=3"},
        new String[] {"DELETE", "/v1/accounts/acct_unknown", null});
  }
}

package com.comptoir.processor.testmode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Test values" table is the test-mode catalogue ({@code testmode/}) in words: it is
 * rendered here from the catalogue's own data and must match the README row for row, so neither
 * can change without the other.
 */
class TestValuesReadmeTest {
  private static final Path README = Path.of("../README.md");
  private static final String HEADING = "### Test values";

  @Test
  void theReadmeTableListsWhatTheCatalogueDoes() throws IOException {
    List<String> expected = table();
    assertEquals(String.join("\n", expected), String.join("\n", readmeTable()),
        "README.md's table under '" + HEADING + "' should read as above (rendered from processor/.../testmode/)");
  }

  /** The table's lines as the README has them: from the heading's table to the first line that is not a row. */
  private static List<String> readmeTable() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int at = lines.indexOf(HEADING);
    List<String> rows = new ArrayList<>();
    if (at < 0) {
      return rows;
    }
    int i = at + 1;
    while (i < lines.size() && !lines.get(i).startsWith("|")) {
      i++;
    }
    while (i < lines.size() && lines.get(i).startsWith("|")) {
      rows.add(lines.get(i++));
    }
    return rows;
  }

  /** Rows of (what, values, does), values with one effect grouped in one row, in the catalogue's order. */
  static List<String> table() {
    List<String> out = new ArrayList<>(List.of("| test value | what it does |", "|---|---|"));
    cards(out);
    sepa(out);
    payoutBanks(out);
    TestRefunds.CARDS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(c -> out.add(row(
        "refund of card " + code(c.getKey()), switch (c.getValue()) {
          case PENDING_THEN_SUCCEEDS -> "starts `pending`, succeeds " + TestRefunds.DELAY.toMinutes() + " minute later";
          case SUCCEEDS_THEN_FAILS -> "succeeds, fails " + TestRefunds.DELAY.toMinutes() + " minute later; the money comes back";
          case SUCCEEDS -> "succeeds";
        })));
    TestDisputes.EVIDENCE.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.add(row(
        "dispute evidence `uncategorized_text` " + code(e.getKey()),
        e.getValue().does() + ", " + TestDisputes.DECISION_DELAY.toMinutes() + " minute after submission")));
    out.add(row("onboarding phone code " + code(TestVerification.PHONE_CODE), "accepted (any other is refused)"));
    out.add(row("date of birth " + codes(TestVerification.PASSING_DOBS), "verified (any other date fails)"));
    out.add(row("date of birth " + code(TestVerification.WATCHLIST_DOB), "the account is listed on a watchlist and disabled"));
    out.add(row("id number " + code(TestVerification.FAILING_ID_NUMBER), "identity not verified"));
    out.add(row("company tax id " + code(TestVerification.TAX_ID_NO_MATCH), "does not match the company name"));
    out.add(row("company tax id " + code(TestVerification.TAX_ID_NOT_ISSUED), "not issued"));
    out.add(row("address line 1 " + code(TestVerification.ADDRESS_NO_MATCH), "address not verified: payouts paused"));
    out.add(row("address line 1 " + code(TestVerification.ADDRESS_LINE1_NO_MATCH), "address not verified: charges and payouts stop"));
    return out;
  }

  private static void cards(List<String> out) {
    Map<String, List<String>> byEffect = new LinkedHashMap<>();
    TestCards.SPECIAL.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(c -> byEffect.computeIfAbsent(does(c.getValue()), k -> new ArrayList<>()).add(c.getKey()));
    new TreeMap<>(byEffect).forEach((does, numbers) -> out.add(row("card " + codes(numbers), does)));
    out.add(row("card " + TestCards.COUNTRY.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .map(c -> code(c.getKey()) + " " + c.getValue()).collect(Collectors.joining(", ")), "succeeds, issued in the country named"));
    out.add(row("payment method " + code("pm_card_<name>") + " / " + code("tok_<name>"),
        "the test card of that name: " + TestCards.SHORTCUTS.keySet().stream().sorted().map(TestValuesReadmeTest::code)
            .collect(Collectors.joining(", "))));
  }

  private static String does(TestCards.Behavior b) {
    return switch (b.kind()) {
      case DECLINE -> "declined: " + code(b.code()) + ", decline code " + code(b.detail());
      case BLOCK -> "blocked as too risky: " + code(b.code()) + ", decline code " + code(b.detail());
      case DISPUTE -> "inquiry".equals(b.detail()) ? "succeeds, then an inquiry opens (no money moves yet)"
          : "succeeds, then a " + code(b.detail()) + " dispute opens and its money is withdrawn";
      case BYPASS_PENDING -> "succeeds; the funds are available at once";
      case THREE_DS -> "asks for 3-D Secure, succeeds once authenticated";
      case THREE_DS_THEN_DECLINE -> "asks for 3-D Secure, then declined: " + code(b.code()) + ", decline code " + code(b.detail());
      case SUCCEED -> "succeeds";
    };
  }

  private static void sepa(List<String> out) {
    for (String kind : TestIbans.TOKEN_KINDS) {
      List<String> ibans = TestIbans.TOKEN_COUNTRIES.stream().map(cc -> TestIbans.iban(kind, cc)).toList();
      out.add(row("SEPA IBAN " + codes(ibans) + " (" + code("pm_" + kind + "_<cc>") + ")", does(TestIbans.sepa(ibans.get(0)))));
    }
    TestIbans.FAILING_ENDINGS.forEach((ending, code) -> out.add(row("SEPA IBAN ending " + code(ending),
        does(TestIbans.sepa("DE00" + ending)))));
  }

  private static String does(TestIbans.Outcome o) {
    long days = (o.delayed() ? TestIbans.SEPA_DELAYED_SETTLEMENT : TestIbans.SEPA_SETTLEMENT).toDays();
    String when = "after " + days + " days";
    if (!o.succeeds()) {
      return "debit fails " + when + ": " + code(o.failureCode());
    }
    return "debit succeeds " + when + (o.disputed() ? ", then a `fraudulent` dispute opens" : "");
  }

  private static void payoutBanks(List<String> out) {
    TestPayoutBanks.ROUTED.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().ordinal())).forEach(e -> out.add(row(
        "payout bank account number (US, GB) ending " + code(e.getKey()), "payouts fail: " + code(e.getValue().code()))));
    TestPayoutBanks.IBAN.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().ordinal())).forEach(e -> out.add(row(
        "payout IBAN ending " + code(e.getKey()), "payouts fail: " + code(e.getValue().code()))));
  }

  private static String row(String value, String does) {
    return "| " + value + " | " + does + " |";
  }

  private static String code(String value) {
    return "`" + value + "`";
  }

  private static String codes(List<String> values) {
    return values.stream().map(TestValuesReadmeTest::code).collect(Collectors.joining(", "));
  }

  /** Prints the table, for pasting into the README after a change to the catalogue. */
  public static void main(String[] args) {
    table().forEach(System.out::println);
  }
}

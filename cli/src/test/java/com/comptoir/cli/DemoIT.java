package com.comptoir.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.testing.Await;
import com.stripe.StripeClient;
import com.stripe.model.Account;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Payout;
import com.stripe.net.RequestOptions;
import com.stripe.param.AccountListParams;
import com.stripe.param.ChargeListParams;
import com.stripe.param.DisputeListParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PayoutListParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./comptoir demo} through the launcher script, on a fresh data folder: its world, read back
 * through the Stripe API as a developer would, has the three account types in their countries,
 * payments in every state the guide prints, and payouts both paid and in transit; a second run
 * comes back to the same world rather than making another.
 */
class DemoIT {
  private static final Path ROOT = Path.of(System.getenv().getOrDefault("COMPTOIR_ROOT", "..")).toAbsolutePath().normalize();
  /** The world is made in about a minute on a quiet machine; this one is shared with other builds. */
  private static final Duration WORLD = Duration.ofMinutes(8);

  @TempDir Path dataDir;
  private final List<Process> launched = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Process p : launched) {
      stop(p);
    }
  }

  private static void stop(Process p) throws Exception {
    if (p.isAlive()) {
      new ProcessBuilder("kill", "-TERM", "--", "-" + p.pid()).inheritIO().start().waitFor();
    }
    p.waitFor(60, TimeUnit.SECONDS);
  }

  private Process demo(Path output, int processorPort, int platformPort) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("setsid", ROOT.resolve("comptoir").toString(), "demo")
        .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().put("COMPTOIR_NO_BUILD", "1");
    pb.environment().put("COMPTOIR_DATA_DIR", dataDir.resolve("data").toString());
    pb.environment().put("COMPTOIR_PROCESSOR_PORT", Integer.toString(processorPort));
    pb.environment().put("COMPTOIR_PLATFORM_PORT", Integer.toString(platformPort));
    Process p = pb.start();
    launched.add(p);
    return p;
  }

  private static String awaitGuide(Process p, Path output) {
    return Await.value(() -> "the demo's guide:\n" + read(output), WORLD, () -> {
      String out = read(output);
      if (!p.isAlive()) {
        throw new AssertionError("./comptoir demo stopped:\n" + out);
      }
      return out.contains("Stop with Ctrl-C") ? Optional.of(out) : Optional.empty();
    });
  }

  private static String read(Path output) {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theDemoMakesAWorldInEveryStateOnceAndPrintsWhereToClick() throws Exception {
    int processorPort = LauncherIT.freePort();
    int platformPort = LauncherIT.freePort();
    Path first = dataDir.resolve("first.out");
    Process demo = demo(first, processorPort, platformPort);
    String guide = awaitGuide(demo, first);
    assertThat(guide).contains("http://localhost:" + platformPort + "/s/maison-lumiere")
        .contains("http://localhost:" + platformPort + "/s/tulpen-en-co").contains("http://localhost:" + platformPort + "/s/mission-roasters")
        .contains("camille@maison-lumiere.example").contains("/operator as ").contains("/dashboard/login as ")
        .contains("4242 4242 4242 4242").contains("DE89370400440532013000").contains("Test clock")
        .contains("http://localhost:" + platformPort + "/signup").containsPattern("the world was made in [0-9.]+ s");

    String key = Files.readString(dataDir.resolve("data/processor-secret-key")).strip();
    StripeClient stripe = StripeClient.builder().setApiKey(key).setApiBase("http://127.0.0.1:" + processorPort).build();
    List<Account> accounts = stripe.v1().accounts().list(AccountListParams.builder().setLimit(100L).build()).getData();
    assertThat(accounts).extracting(a -> a.getType() + " " + a.getCountry())
        .containsExactlyInAnyOrder("standard FR", "express NL", "custom US");
    assertThat(accounts).allSatisfy(a -> assertThat(a.getChargesEnabled()).as(a.getId()).isTrue());

    Map<String, Long> intents = new java.util.TreeMap<>();
    List<Charge> charges = new ArrayList<>();
    List<Dispute> disputes = new ArrayList<>();
    List<Payout> payouts = new ArrayList<>();
    for (Account account : accounts) {
      RequestOptions on = RequestOptions.builder().setStripeAccount(account.getId()).build();
      for (PaymentIntent pi : stripe.v1().paymentIntents().list(PaymentIntentListParams.builder().setLimit(100L).build(), on).getData()) {
        String method = pi.getPaymentMethodTypes().size() == 1 ? pi.getPaymentMethodTypes().get(0) : "";
        intents.merge(pi.getStatus(), 1L, Long::sum);
        if (pi.getLastPaymentError() != null || "requires_payment_method".equals(pi.getStatus())) {
          intents.merge("failed", 1L, Long::sum);
        }
        if (!method.isEmpty()) {
          intents.merge(pi.getStatus() + " " + method, 1L, Long::sum);
        }
      }
      charges.addAll(stripe.v1().charges().list(ChargeListParams.builder().setLimit(100L).build(), on).getData());
      disputes.addAll(stripe.v1().disputes().list(DisputeListParams.builder().setLimit(100L).build(), on).getData());
      payouts.addAll(stripe.v1().payouts().list(PayoutListParams.builder().setLimit(100L).build(), on).getData());
    }
    assertThat(intents).as("payment intents by status").containsKey("succeeded").containsKey("processing").containsKey("failed");
    assertThat(charges).extracting(c -> c.getPaymentMethodDetails().getType()).contains("card", "ideal", "sepa_debit");
    assertThat(charges).as("a charge refunded in part")
        .anySatisfy(c -> assertThat(c.getAmountRefunded()).isPositive().isLessThan(c.getAmount()));
    assertThat(disputes).isNotEmpty();
    assertThat(payouts.stream().map(Payout::getStatus).collect(Collectors.toSet())).contains("paid", "in_transit");

    // Again: the same world, not a second one.
    stop(demo);
    Path second = dataDir.resolve("second.out");
    String again = awaitGuide(demo(second, processorPort, platformPort), second);
    assertThat(again).contains("the demo's world is already made").doesNotContain("the world was made in");
    assertThat(stripe.v1().accounts().list(AccountListParams.builder().setLimit(100L).build()).getData()).hasSize(3);
  }
}

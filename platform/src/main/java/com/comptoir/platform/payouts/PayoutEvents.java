package com.comptoir.platform.payouts;

import com.comptoir.platform.mail.Outbox;
import com.comptoir.platform.money.Money;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.webhooks.EventHandler;
import com.stripe.model.Event;
import com.stripe.model.Payout;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * {@code payout.paid} and {@code payout.failed} on the Connect endpoint: the merchant is e-mailed
 * that the money arrived, or why it did not, with a link to the payout's page (which lists the
 * orders it paid). Once per event: the webhook intake records its id in the same transaction.
 * The payout is the event's own object; an account the platform does not know gets no mail.
 */
public final class PayoutEvents {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  private PayoutEvents() {}

  public static Map<String, EventHandler> handlers(Supplier<String> publicUrl) {
    return Map.of(
        "payout.paid", (h, event) -> mail(h, event, publicUrl.get(), true),
        "payout.failed", (h, event) -> mail(h, event, publicUrl.get(), false));
  }

  private static void mail(Handle h, Event event, String publicUrl, boolean paid) {
    Optional<Store> store = Stores.byAccount(h, event.getAccount());
    Payout payout = (Payout) event.getDataObjectDeserializer().getObject()
        .orElseThrow(() -> new IllegalStateException("event " + event.getId() + " carries no payout this stripe-java can read"));
    if (store.isEmpty()) {
      return;
    }
    String amount = Money.format(payout.getAmount(), payout.getCurrency());
    String day = LocalDate.ofInstant(Instant.ofEpochSecond(payout.getArrivalDate()), ZoneOffset.UTC).format(DATE);
    String link = publicUrl + "/payouts/" + payout.getId();
    String subject;
    String body;
    if (paid) {
      subject = "Your payout of " + amount + " has arrived";
      body = "Stripe has paid out " + amount + " from " + store.get().name() + "'s balance to your bank account; it arrived on "
          + day + ".\n\nThe orders it paid: " + link + "\n";
    } else {
      subject = "Your payout of " + amount + " failed";
      body = "Stripe could not pay out " + amount + " to your bank account (expected on " + day + ").\n\n"
          + PayoutFailures.explain(payout.getFailureCode(), payout.getFailureMessage()) + "\n\n"
          + "The money is back in your Stripe balance and goes out with a later payout once this is fixed.\n\n"
          + "The payout: " + link + "\n";
    }
    Outbox.enqueue(h, Stores.merchantEmail(h, store.get().id()), subject, body);
  }
}

package com.comptoir.platform.onboarding;

import com.comptoir.platform.mail.Outbox;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.stripe.model.Account;
import com.stripe.model.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * "Stripe needs more information": an {@code account.updated} whose requirements changed and now
 * have something {@code currently_due} or {@code past_due} by a {@code current_deadline} e-mails
 * the merchant what, by when, and a link to the platform's {@code /onboarding/start}, which makes a
 * fresh account link when followed (account links are single use and expire within minutes, so
 * one is never put in an e-mail). An update that did not touch the requirements sends nothing, so
 * the merchant hears once per change, not once per event.
 */
final class RequirementsMail {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  private RequirementsMail() {}

  static void maybeSend(Handle h, Store store, Event event, String publicUrl) {
    if (!(event.getDataObjectDeserializer().getObject().orElse(null) instanceof Account account) || account.getRequirements() == null) {
      return;
    }
    Map<String, Object> previous = event.getData().getPreviousAttributes();
    if (previous == null || !previous.containsKey("requirements")) {
      return;
    }
    Account.Requirements r = account.getRequirements();
    List<String> due = new ArrayList<>();
    if (r.getPastDue() != null) {
      due.addAll(r.getPastDue());
    }
    if (r.getCurrentlyDue() != null) {
      r.getCurrentlyDue().stream().filter(item -> !due.contains(item)).forEach(due::add);
    }
    if (due.isEmpty() || r.getCurrentDeadline() == null) {
      return;
    }
    String deadline = Instant.ofEpochSecond(r.getCurrentDeadline()).atZone(ZoneOffset.UTC).format(DAY);
    StringBuilder body = new StringBuilder()
        .append("Stripe needs more information about ").append(store.name()).append(" by ").append(deadline)
        .append(" to keep your payments and payouts running:\n\n");
    for (String label : RequirementLabels.labels(due)) {
      body.append("  - ").append(label).append('\n');
    }
    body.append("\nGive it to Stripe here (you will be signed in to Comptoir first): ").append(publicUrl).append("/onboarding/start\n");
    if (r.getPastDue() != null && !r.getPastDue().isEmpty()) {
      body.append("\nSome of it is already past due: Stripe may pause your payouts until it has it.\n");
    }
    Outbox.enqueue(h, Stores.merchantEmail(h, store.id()), "Stripe needs more information about " + store.name() + " by " + deadline,
        body.toString());
  }
}

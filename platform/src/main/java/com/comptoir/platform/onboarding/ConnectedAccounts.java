package com.comptoir.platform.onboarding;

import com.comptoir.platform.PlatformSettings.AccountType;
import com.comptoir.platform.paymentmethods.GuideMethods;
import com.comptoir.platform.stores.Branding;
import com.comptoir.platform.stores.Store;
import com.comptoir.platform.stores.Stores;
import com.comptoir.platform.stripe.StripeApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Account;
import com.stripe.model.AccountLink;
import com.stripe.param.AccountCreateParams;
import com.stripe.param.AccountLinkCreateParams;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The merchant's connected account: created once per store, prefilled with what the platform
 * knows, linked to Stripe's hosted onboarding, and read back into {@code connected_accounts}.
 */
public final class ConnectedAccounts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbi jdbi;
  private final StripeApi stripe;
  private final Optional<AccountType> accountType;
  private final Supplier<String> publicUrl;

  public ConnectedAccounts(Jdbi jdbi, StripeApi stripe, Optional<AccountType> accountType, Supplier<String> publicUrl) {
    this.jdbi = jdbi;
    this.stripe = stripe;
    this.accountType = accountType;
    this.publicUrl = publicUrl;
  }

  /**
   * The store's account id, creating the account first if the store has none. The store row is
   * locked meanwhile, and the create carries an Idempotency-Key made from the store id, so a double
   * click, a retry or a crash between Stripe's answer and our commit all end with one account.
   */
  public String ensureAccount(long merchantId, String email) throws StripeException {
    Store unlocked = jdbi.withHandle(h -> Stores.ofMerchant(h, merchantId));
    if (unlocked.accountId() != null) {
      return unlocked.accountId();
    }
    return jdbi.inTransaction(h -> {
      Store store = Stores.ofMerchantForUpdate(h, merchantId);
      if (store.accountId() != null) {
        return store.accountId();
      }
      Account account = create(store, email);
      Stores.setAccount(h, store.id(), account.getId());
      save(h, store.id(), account, "signup");
      return account.getId();
    });
  }

  private Account create(Store store, String email) throws StripeException {
    try {
      return stripe.client().v1().accounts().create(createParams(store, email, true), stripe.idempotent("store-" + store.id() + "-account"));
    } catch (InvalidRequestException e) {
      // Stripe checks that a business website is reachable; a platform on localhost is not, and
      // then the merchant types their website during onboarding instead.
      if (e.getParam() != null && e.getParam().startsWith("business_profile[url]")) {
        return stripe.client().v1().accounts().create(createParams(store, email, false),
            stripe.idempotent("store-" + store.id() + "-account-without-url"));
      }
      throw e;
    }
  }

  /** What the platform already knows, so the merchant does not type it again (the guide's prefill). */
  private AccountCreateParams createParams(Store store, String email, boolean withUrl) {
    AccountCreateParams.BusinessProfile.Builder profile = AccountCreateParams.BusinessProfile.builder().setName(store.name());
    if (withUrl) {
      profile.setUrl(Branding.storeUrl(publicUrl.get(), store.slug()));
    }
    AccountCreateParams.Builder params = AccountCreateParams.builder()
        .setCountry(store.country())
        .setEmail(email)
        .setBusinessProfile(profile.build())
        .setSettings(AccountCreateParams.Settings.builder()
            .setBranding(AccountCreateParams.Settings.Branding.builder().setPrimaryColor(store.brandColor()).build())
            .build())
        .putMetadata("comptoir_store_id", Long.toString(store.id()));
    accountType.ifPresent(type -> {
      params.setType(AccountCreateParams.Type.valueOf(type.name()));
      if (type != AccountType.STANDARD) {
        // Express and Custom accounts get only the capabilities the platform requests (fact sheet §3.2):
        // cards, and the guide's other methods where the store's country can have them.
        AccountCreateParams.Capabilities.Builder capabilities = AccountCreateParams.Capabilities.builder()
            .setCardPayments(AccountCreateParams.Capabilities.CardPayments.builder().setRequested(true).build())
            .setTransfers(AccountCreateParams.Capabilities.Transfers.builder().setRequested(true).build());
        GuideMethods.capabilitiesToRequest(store.country())
            .forEach(name -> capabilities.putExtraParam(name, Map.of("requested", true)));
        params.setCapabilities(capabilities.build());
      }
    });
    return params.build();
  }

  /**
   * A fresh single-use account link into hosted onboarding, for a merchant who is signed in and
   * about to be redirected to it. Never e-mailed, never logged: it opens the account (fact sheet §4.1).
   */
  public String onboardingLink(String accountId) throws StripeException {
    AccountLink link = stripe.client().v1().accountLinks().create(AccountLinkCreateParams.builder()
        .setAccount(accountId)
        .setType(AccountLinkCreateParams.Type.ACCOUNT_ONBOARDING)
        .setRefreshUrl(publicUrl.get() + "/onboarding/refresh")
        .setReturnUrl(publicUrl.get() + "/onboarding/return")
        .build());
    return link.getUrl();
  }

  /** Reads the account from Stripe and keeps what it says. */
  public AccountStatus refresh(long storeId, String accountId, String by) throws StripeException {
    return jdbi.inTransaction(h -> refresh(h, storeId, accountId, by));
  }

  /**
   * Reads the account from Stripe and keeps what it says, in {@code h}'s transaction. Reads of one
   * account are serialised, so an older read never overwrites a newer one; this is why an
   * {@code account.updated} event is answered by reading the account rather than by trusting the
   * event's snapshot, since Stripe does not promise to deliver events in order.
   */
  public AccountStatus refresh(Handle h, long storeId, String accountId, String by) throws StripeException {
    h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(:key, 0))").bind("key", "account:" + accountId)
        .mapTo(Integer.class).one();
    Account account = stripe.client().v1().accounts().retrieve(accountId);
    save(h, storeId, account, by);
    return status(h, storeId).orElseThrow();
  }

  /** The account's type as Stripe last reported it ({@code standard}, {@code express}, {@code custom}), if known. */
  public static Optional<String> type(Handle h, long storeId) {
    return h.createQuery("SELECT type FROM connected_accounts WHERE store_id = :s").bind("s", storeId).mapTo(String.class).findOne();
  }

  public static Optional<AccountStatus> status(Handle h, long storeId) {
    return h.createQuery("SELECT * FROM connected_accounts WHERE store_id = :s").bind("s", storeId).map(STATUS).findOne();
  }

  /** Keeps Stripe's description of the account; {@code by} says where it came from (signup, webhook, return...). */
  public static void save(Handle h, long storeId, Account account, String by) {
    save(h, storeId, account, by, null);
  }

  /**
   * Like {@link #save(Handle, long, Account, String)}, but only if nothing newer was kept since
   * {@code readAt} and the account changed (null: always): for reads made before the lock, as
   * reconciliation's list, which then records only what it actually caught.
   */
  public static void save(Handle h, long storeId, Account account, String by, OffsetDateTime readAt) {
    Account.Requirements r = account.getRequirements();
    h.createUpdate("""
            INSERT INTO connected_accounts (account_id, store_id, type, details_submitted, charges_enabled, payouts_enabled,
                currently_due, past_due, eventually_due, pending_verification, errors, current_deadline, disabled_reason,
                refreshed_at, refreshed_by)
            VALUES (:id, :store, :type, :details, :charges, :payouts, :currently, :past, :eventually, :pending,
                CAST(:errors AS jsonb), :deadline, :disabled, now(), :by)
            ON CONFLICT (account_id) DO UPDATE SET type = excluded.type, details_submitted = excluded.details_submitted,
                charges_enabled = excluded.charges_enabled, payouts_enabled = excluded.payouts_enabled,
                currently_due = excluded.currently_due, past_due = excluded.past_due, eventually_due = excluded.eventually_due,
                pending_verification = excluded.pending_verification, errors = excluded.errors,
                current_deadline = excluded.current_deadline, disabled_reason = excluded.disabled_reason,
                refreshed_at = now(), refreshed_by = excluded.refreshed_by
            WHERE CAST(:read_at AS timestamptz) IS NULL
               OR (connected_accounts.refreshed_at < CAST(:read_at AS timestamptz)
                   AND (connected_accounts.type, connected_accounts.details_submitted, connected_accounts.charges_enabled,
                        connected_accounts.payouts_enabled, connected_accounts.currently_due, connected_accounts.past_due,
                        connected_accounts.eventually_due, connected_accounts.pending_verification, connected_accounts.errors,
                        connected_accounts.current_deadline, connected_accounts.disabled_reason)
                       IS DISTINCT FROM (excluded.type, excluded.details_submitted, excluded.charges_enabled, excluded.payouts_enabled,
                        excluded.currently_due, excluded.past_due, excluded.eventually_due, excluded.pending_verification,
                        excluded.errors, excluded.current_deadline, excluded.disabled_reason))""")
        .bind("id", account.getId()).bind("store", storeId).bind("type", account.getType())
        .bind("details", Boolean.TRUE.equals(account.getDetailsSubmitted()))
        .bind("charges", Boolean.TRUE.equals(account.getChargesEnabled()))
        .bind("payouts", Boolean.TRUE.equals(account.getPayoutsEnabled()))
        .bindArray("currently", String.class, list(r == null ? null : r.getCurrentlyDue()))
        .bindArray("past", String.class, list(r == null ? null : r.getPastDue()))
        .bindArray("eventually", String.class, list(r == null ? null : r.getEventuallyDue()))
        .bindArray("pending", String.class, list(r == null ? null : r.getPendingVerification()))
        .bind("errors", errorsJson(r))
        .bind("deadline", r == null || r.getCurrentDeadline() == null ? null
            : OffsetDateTime.ofInstant(Instant.ofEpochSecond(r.getCurrentDeadline()), ZoneOffset.UTC))
        .bind("disabled", r == null ? null : r.getDisabledReason())
        .bind("by", by)
        .bind("read_at", readAt)
        .execute();
  }

  /** Stripe has said the platform may no longer act for this account. */
  public static void markDeauthorized(Handle h, String accountId) {
    h.createUpdate("UPDATE connected_accounts SET deauthorized = true, refreshed_at = now(), refreshed_by = 'webhook' WHERE account_id = :a")
        .bind("a", accountId).execute();
  }

  private static List<String> list(List<String> values) {
    return values == null ? List.of() : values;
  }

  private static String errorsJson(Account.Requirements r) {
    if (r == null || r.getErrors() == null) {
      return "[]";
    }
    try {
      return JSON.writeValueAsString(r.getErrors().stream()
          .map(e -> Map.of("requirement", String.valueOf(e.getRequirement()), "code", String.valueOf(e.getCode()),
              "reason", String.valueOf(e.getReason())))
          .toList());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final RowMapper<AccountStatus> STATUS = (rs, c) -> new AccountStatus(
      rs.getString("account_id"), rs.getBoolean("details_submitted"), rs.getBoolean("charges_enabled"),
      rs.getBoolean("payouts_enabled"), strings(rs.getArray("currently_due")), strings(rs.getArray("past_due")),
      strings(rs.getArray("eventually_due")), strings(rs.getArray("pending_verification")), errors(rs.getString("errors")),
      rs.getObject("current_deadline", OffsetDateTime.class), rs.getString("disabled_reason"), rs.getBoolean("deauthorized"),
      rs.getObject("refreshed_at", OffsetDateTime.class), rs.getString("refreshed_by"));

  private static List<String> strings(java.sql.Array array) throws java.sql.SQLException {
    return array == null ? List.of() : List.of((String[]) array.getArray());
  }

  private static List<AccountStatus.RequirementError> errors(String json) {
    try {
      return List.of(JSON.readValue(json, AccountStatus.RequirementError[].class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("connected_accounts.errors is not what save() writes: " + e.getMessage(), e);
    }
  }
}

package com.comptoir.platform.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a Checkout Session and its PaymentIntent read as an order status and amounts (fact sheet §5.4, §6.1). */
class StripeReportTest {
  private static Session session(String status, String paymentStatus, String intentStatus, Long fee) {
    Session s = new Session();
    s.setId("cs_test_1");
    s.setStatus(status);
    s.setPaymentStatus(paymentStatus);
    s.setAmountTotal(5000L);
    s.setCurrency("usd");
    if (intentStatus != null) {
      PaymentIntent pi = new PaymentIntent();
      pi.setId("pi_1");
      pi.setStatus(intentStatus);
      pi.setApplicationFeeAmount(fee);
      s.setPaymentIntentObject(pi);
    }
    return s;
  }

  @Test
  void eachSessionStateReadsAsTheOrderStatusItMeans() {
    assertThat(StripeReport.of(session("open", "unpaid", null, null), "acct_1").target()).isNull();
    assertThat(StripeReport.of(session("complete", "paid", "succeeded", 155L), "acct_1").target()).isEqualTo(OrderStatus.PAID);
    assertThat(StripeReport.of(session("complete", "unpaid", "processing", 155L), "acct_1").target()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    assertThat(StripeReport.of(session("complete", "unpaid", "requires_payment_method", 155L), "acct_1").target())
        .isEqualTo(OrderStatus.PAYMENT_FAILED);
    assertThat(StripeReport.of(session("expired", "unpaid", null, null), "acct_1").target()).isEqualTo(OrderStatus.EXPIRED);
  }

  @Test
  void theReportCarriesStripesAmountsAndTheIntent() {
    StripeReport report = StripeReport.of(session("complete", "paid", "succeeded", 155L), "acct_1");
    assertThat(report.amountTotal()).isEqualTo(5000L);
    assertThat(report.applicationFeeAmount()).isEqualTo(155L);
    assertThat(report.paymentIntentId()).isEqualTo("pi_1");
    assertThat(report.accountId()).isEqualTo("acct_1");
  }

  private static Order order(long total, long fee) {
    return new Order(1, "pub", 1, "acct_1", OrderStatus.PENDING, "usd", total, fee, "cs_test_1", null, null, null, null, null, null, null,
        OffsetDateTime.now(), null, 0, null, List.of(new Order.Line(1, "Scarf", "price_1", total, 1, total, "usd")));
  }

  @Test
  void amountsThatDisagreeAreNamedNotTrusted() {
    StripeReport agrees = StripeReport.of(session("complete", "paid", "succeeded", 155L), "acct_1");
    assertThat(Fulfilment.discrepancy(order(5000, 155), agrees)).isNull();
    assertThat(Fulfilment.discrepancy(order(4000, 155), agrees)).isEqualTo("Stripe's total is 50.00 USD, the order's is 40.00 USD.");
    assertThat(Fulfilment.discrepancy(order(5000, 130), agrees)).isEqualTo("Stripe's application fee is 1.55 USD, the order's is 1.30 USD.");
    StripeReport noFee = StripeReport.of(session("complete", "paid", "succeeded", null), "acct_1");
    assertThat(Fulfilment.discrepancy(order(5000, 155), noFee)).isEqualTo("Stripe reports no application fee; the order's is 1.55 USD.");
  }
}

package com.comptoir.platform.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The order state table: forward only, nothing leaves failed or expired, and paid moves on only by refunds. */
class OrderStatusTest {
  @Test
  void failedExpiredAndRefundedAreFinal() {
    for (OrderStatus end : List.of(OrderStatus.PAYMENT_FAILED, OrderStatus.EXPIRED, OrderStatus.REFUNDED)) {
      assertThat(end.isFinal()).isTrue();
      for (OrderStatus next : OrderStatus.values()) {
        assertThat(end.canMoveTo(next)).as(end + " -> " + next).isFalse();
      }
    }
  }

  @Test
  void aPaidOrderMovesOnlyByRefundsAndBackOnlyByAFailedRefund() {
    assertThat(OrderStatus.before(OrderStatus.REFUNDED)).containsExactlyInAnyOrder(OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED);
    assertThat(OrderStatus.before(OrderStatus.PARTIALLY_REFUNDED)).containsExactly(OrderStatus.PAID);
    assertThat(OrderStatus.PARTIALLY_REFUNDED.canMoveTo(OrderStatus.REFUNDED)).isTrue();
    assertThat(OrderStatus.PARTIALLY_REFUNDED.canMoveTo(OrderStatus.PAID)).isFalse();
    assertThat(OrderStatus.PARTIALLY_REFUNDED.canFallBackTo(OrderStatus.PAID)).isTrue();
    assertThat(OrderStatus.REFUNDED.canFallBackTo(OrderStatus.PARTIALLY_REFUNDED)).isTrue();
    assertThat(OrderStatus.PAID.canFallBackTo(OrderStatus.PENDING)).isFalse();
    assertThat(OrderStatus.afterRefunds(0, 5000)).isEqualTo(OrderStatus.PAID);
    assertThat(OrderStatus.afterRefunds(2000, 5000)).isEqualTo(OrderStatus.PARTIALLY_REFUNDED);
    assertThat(OrderStatus.afterRefunds(5000, 5000)).isEqualTo(OrderStatus.REFUNDED);
  }

  @Test
  void aDelayedPaymentEndsPaidOrFailedButCannotExpire() {
    assertThat(OrderStatus.before(OrderStatus.PAID)).containsExactlyInAnyOrder(OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT);
    assertThat(OrderStatus.before(OrderStatus.PAYMENT_FAILED)).containsExactlyInAnyOrder(OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT);
    assertThat(OrderStatus.before(OrderStatus.EXPIRED)).containsExactly(OrderStatus.PENDING);
    assertThat(OrderStatus.before(OrderStatus.PENDING)).isEmpty();
  }

  /** Whatever order Stripe's reports arrive in, an order that reached paid is still paid (refunded or not) after all of them. */
  @Property
  void reportsInAnyOrderNeverTakeAPaidOrderBack(@ForAll @Size(max = 12) List<OrderStatus> reports) {
    OrderStatus status = OrderStatus.PENDING;
    boolean wasPaid = false;
    for (OrderStatus report : reports) {
      if (status.canMoveTo(report)) {
        status = report;
      }
      wasPaid |= status.isPaid();
      assertThat(!wasPaid || status.isPaid()).as("paid, then " + status).isTrue();
    }
  }

  @Test
  void theDatabaseNamesRoundTrip() {
    for (OrderStatus s : OrderStatus.values()) {
      assertThat(OrderStatus.fromDb(s.dbName())).isEqualTo(s);
    }
    assertThat(OrderStatus.AWAITING_PAYMENT.dbName()).isEqualTo("awaiting_payment");
  }
}

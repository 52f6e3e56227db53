package com.comptoir.platform.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The order state table: forward only, and nothing leaves paid, failed or expired. */
class OrderStatusTest {
  @Test
  void paidFailedAndExpiredAreFinal() {
    for (OrderStatus end : List.of(OrderStatus.PAID, OrderStatus.PAYMENT_FAILED, OrderStatus.EXPIRED)) {
      assertThat(end.isFinal()).isTrue();
      for (OrderStatus next : OrderStatus.values()) {
        assertThat(end.canMoveTo(next)).as(end + " -> " + next).isFalse();
      }
    }
  }

  @Test
  void aDelayedPaymentEndsPaidOrFailedButCannotExpire() {
    assertThat(OrderStatus.before(OrderStatus.PAID)).containsExactlyInAnyOrder(OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT);
    assertThat(OrderStatus.before(OrderStatus.PAYMENT_FAILED)).containsExactlyInAnyOrder(OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT);
    assertThat(OrderStatus.before(OrderStatus.EXPIRED)).containsExactly(OrderStatus.PENDING);
    assertThat(OrderStatus.before(OrderStatus.PENDING)).isEmpty();
  }

  /** Whatever order Stripe's reports arrive in, an order that reached paid is still paid after all of them. */
  @Property
  void reportsInAnyOrderNeverTakeAPaidOrderBack(@ForAll @Size(max = 12) List<OrderStatus> reports) {
    OrderStatus status = OrderStatus.PENDING;
    boolean wasPaid = false;
    for (OrderStatus report : reports) {
      if (status.canMoveTo(report)) {
        status = report;
      }
      wasPaid |= status == OrderStatus.PAID;
      assertThat(!wasPaid || status == OrderStatus.PAID).as("paid, then " + status).isTrue();
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

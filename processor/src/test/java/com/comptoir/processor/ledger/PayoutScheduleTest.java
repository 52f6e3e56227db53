package com.comptoir.processor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.store.Json;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** When funds become available and when payouts are made and arrive, by country and schedule. */
class PayoutScheduleTest {
  private static long at(String date, int hour) {
    return LocalDate.parse(date).atTime(hour, 0).toEpochSecond(ZoneOffset.UTC);
  }

  private static String day(long unixSeconds) {
    return LocalDate.ofEpochDay(Math.floorDiv(unixSeconds, 86_400)).toString();
  }

  private static PayoutSchedule schedule(String country, String json) {
    return PayoutSchedule.of(country, Json.parseObject(json));
  }

  @Test
  void usDelaysCountBusinessDaysSoAFridayPaymentIsAvailableOnTuesday() {
    PayoutSchedule us = schedule("US", "{\"interval\":\"daily\",\"delay_days\":2}");
    assertThat(day(us.availableOn(at("2025-06-06", 15)))).isEqualTo("2025-06-10"); // Friday → Tuesday
    assertThat(day(us.availableOn(at("2025-06-09", 1)))).isEqualTo("2025-06-11"); // Monday → Wednesday
    assertThat(us.availableOn(at("2025-06-09", 1)) % 86_400).as("00:00 UTC").isZero();
  }

  @Test
  void europeanDelaysCountCalendarDays() {
    PayoutSchedule fr = schedule("FR", "{\"interval\":\"daily\",\"delay_days\":3}");
    assertThat(day(fr.availableOn(at("2025-06-06", 15)))).isEqualTo("2025-06-09"); // Friday → Monday
  }

  @Test
  void dailyPayoutsSkipWeekendsOnlyWhereDelaysAreBusinessDays() {
    PayoutSchedule us = schedule("US", "{\"interval\":\"daily\",\"delay_days\":2}");
    PayoutSchedule de = schedule("DE", "{\"interval\":\"daily\",\"delay_days\":3}");
    long saturday = LocalDate.parse("2025-06-07").toEpochDay();
    assertThat(us.isPayoutDay(saturday)).isFalse();
    assertThat(us.nextPayoutDay(saturday).getAsLong()).isEqualTo(LocalDate.parse("2025-06-09").toEpochDay());
    assertThat(de.isPayoutDay(saturday)).isTrue();
  }

  @Test
  void weeklyAndMonthlySchedulesPayOnTheirAnchorAndShortMonthsOnTheirLastDay() {
    PayoutSchedule weekly = schedule("FR", "{\"interval\":\"weekly\",\"delay_days\":3,\"weekly_anchor\":\"wednesday\"}");
    assertThat(LocalDate.ofEpochDay(weekly.nextPayoutDay(LocalDate.parse("2025-06-05").toEpochDay()).getAsLong()))
        .isEqualTo("2025-06-11");
    PayoutSchedule monthly = schedule("FR", "{\"interval\":\"monthly\",\"delay_days\":3,\"monthly_anchor\":31}");
    assertThat(LocalDate.ofEpochDay(monthly.nextPayoutDay(LocalDate.parse("2025-06-02").toEpochDay()).getAsLong()))
        .isEqualTo("2025-06-30");
    assertThat(LocalDate.ofEpochDay(monthly.nextPayoutDay(LocalDate.parse("2025-07-01").toEpochDay()).getAsLong()))
        .isEqualTo("2025-07-31");
  }

  @Test
  void manualSchedulesMakeNoPayouts() {
    PayoutSchedule manual = schedule("US", "{\"interval\":\"manual\",\"delay_days\":2}");
    assertThat(manual.automatic()).isFalse();
    assertThat(manual.nextPayoutDay(0)).isEmpty();
  }

  @Test
  void aPayoutArrivesTheNextBusinessDay() {
    assertThat(day(PayoutSchedule.arrivalDate(at("2025-06-05", 0)))).isEqualTo("2025-06-06"); // Thursday → Friday
    assertThat(day(PayoutSchedule.arrivalDate(at("2025-06-06", 0)))).isEqualTo("2025-06-09"); // Friday → Monday
  }
}

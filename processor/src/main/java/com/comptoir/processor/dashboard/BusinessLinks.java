package com.comptoir.processor.dashboard;

import com.comptoir.processor.store.Currencies;

/**
 * Object ids on a business's Dashboard as links to their pages there, by the id's prefix (every id
 * shown is a link where the object has a page), and amounts as people read them.
 */
public final class BusinessLinks {
  private BusinessLinks() {}

  /** The page of the object {@code id} names in the holder's Dashboard, or null when it has none. */
  public static String href(String id) {
    if (id == null) {
      return null;
    }
    for (String prefix : new String[] {"ch_", "py_", "pi_"}) {
      if (id.startsWith(prefix)) {
        return BusinessNav.PREFIX + "/payments/" + id;
      }
    }
    if (id.startsWith("dp_")) {
      return BusinessNav.PREFIX + "/disputes/" + id;
    }
    if (id.startsWith("po_")) {
      return BusinessNav.PREFIX + "/payouts/" + id;
    }
    return null;
  }

  /** {@code 1234} eur as "€12.34". */
  public static String money(long amountMinor, String currency) {
    return Currencies.format(amountMinor, currency);
  }

  /** Unix seconds as "2026-12-02 15:04:46 UTC". */
  public static String time(long epochSeconds) {
    return DashboardLinks.time(epochSeconds);
  }

  /** Unix seconds as the day they fall on, "2026-12-02" (arrival and due dates are days). */
  public static String day(long epochSeconds) {
    return java.time.LocalDate.ofEpochDay(Math.floorDiv(epochSeconds, 86_400)).toString();
  }
}

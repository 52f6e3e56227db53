package com.comptoir.processor.dashboard;

import java.util.List;

/**
 * The business Dashboard's header (an Express or Standard holder's): the business's name, the kind
 * of account, the sections (the one shown marked) and the sign-out form's token.
 */
public record BusinessNav(String businessName, String accountKind, String csrf, List<Item> items) {

  public record Item(String label, String path, boolean current) {}

  /** The holder's pages live under their own prefix, apart from the platform Dashboard's sections. */
  static final String PREFIX = "/dashboard/business";
  static final String HOME = "/dashboard";
  static final String SETTINGS = PREFIX + "/settings";

  private static final List<String[]> SECTIONS = List.of(new String[] {"Home", HOME}, new String[] {"Payments", PREFIX + "/payments"},
      new String[] {"Disputes", PREFIX + "/disputes"}, new String[] {"Payouts", PREFIX + "/payouts"},
      new String[] {"Settings", SETTINGS});

  static BusinessNav of(String businessName, String accountKind, String csrf, String currentPath) {
    return new BusinessNav(businessName, accountKind, csrf,
        SECTIONS.stream().map(s -> new Item(s[0], s[1], s[1].equals(currentPath))).toList());
  }
}

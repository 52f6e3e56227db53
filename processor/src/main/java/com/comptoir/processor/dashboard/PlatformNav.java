package com.comptoir.processor.dashboard;

import java.util.List;

/** The platform Dashboard's header: the platform's name, the sections (the one shown marked), and the sign-out form's token. */
public record PlatformNav(String platformName, String csrf, List<Item> items) {

  public record Item(String label, String path, boolean current) {}

  private static final List<String[]> SECTIONS = List.of(new String[] {"Home", "/dashboard"},
      new String[] {"Payments", "/dashboard/payments"}, new String[] {"Connected accounts", "/dashboard/accounts"},
      new String[] {"Developers: Events", "/dashboard/events"}, new String[] {"Developers: Logs", "/dashboard/logs"},
      new String[] {"Developers: Test clock", "/dashboard/clock"}, new String[] {"Developers: Ledger audit", AuditPage.PATH},
      new String[] {"Developers: API keys", ApiKeyPages.PATH}, new String[] {"Developers: Webhooks", WebhookPages.PATH},
      new String[] {"Developers: Sandboxes", SandboxPages.PATH},
      new String[] {"Settings: Connect", ConnectSettingsPages.PATH},
      new String[] {"Settings: Logs", LogRetentionPage.PATH});

  static PlatformNav of(String platformName, String csrf, String currentPath) {
    return new PlatformNav(platformName, csrf,
        SECTIONS.stream().map(s -> new Item(s[0], s[1], s[1].equals(currentPath))).toList());
  }
}

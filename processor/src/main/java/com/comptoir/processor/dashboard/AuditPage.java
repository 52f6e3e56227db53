package com.comptoir.processor.dashboard;

import com.comptoir.processor.ledger.Ledger;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Developers → Ledger audit of the platform's Dashboard: the ledger auditor's verdict
 * ({@link Ledger#audit}, what {@code GET /v1/test_helpers/ledger/audit} answers), run when asked.
 * The audit re-reads every posting of the processor on one snapshot, which takes seconds once
 * there are a hundred thousand payments, so no page runs it just by being opened.
 */
public final class AuditPage {
  static final String PATH = "/dashboard/audit";

  public record Finding(String check, String subject, String detail) {}

  /** The verdict shown, or null before the audit was run. */
  public record Verdict(boolean ok, int checks, List<Finding> findings) {}

  private final Jdbi jdbi;

  private AuditPage(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  static void install(JavalinConfig config, Jdbi jdbi, PlatformPages platform) {
    AuditPage page = new AuditPage(jdbi);
    config.routes.get(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> page.render(ctx, nav, null)));
    config.routes.post(PATH, ctx -> platform.withPlatform(ctx, PATH, (s, nav) -> page.render(ctx, nav, page.run(s.accountId()))));
  }

  /** The signed-in sandbox's audit: the whole processor's for the default sandbox, its own for another. */
  private Verdict run(String platform) {
    JsonNode audit = jdbi.withHandle(h -> Ledger.audit(h, platform));
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : audit.path("findings")) {
      findings.add(new Finding(f.path("check").asText(), f.path("subject").asText(), f.path("detail").asText()));
    }
    return new Verdict(audit.path("ok").asBoolean(), audit.path("checks").size(), findings);
  }

  private void render(Context ctx, PlatformNav nav, Verdict verdict) {
    Map<String, Object> params = new HashMap<>();
    params.put("nav", nav);
    params.put("verdict", verdict);
    Pages.render(ctx, 200, "dashboard/platform/audit.jte", params);
  }
}

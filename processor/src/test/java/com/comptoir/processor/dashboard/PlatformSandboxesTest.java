package com.comptoir.processor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.accounts.PlatformLogin;
import com.comptoir.processor.sandboxes.SandboxSettings;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.comptoir.testing.Browser;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Developers → Sandboxes (#17): the default sandbox's owner makes a sandbox in Chromium (name,
 * colour, country), gets its sign-in once, opens its Dashboard, and deletes it; the page goes
 * through the API's code, so the API sees the same sandbox and the same limit refuses a second.
 */
class PlatformSandboxesTest {
  private static final String EMAIL = "sandboxes@platform.example";
  private static final String PASSWORD = "platform dashboard password";
  /** A processor of its own: the page lists the processor's every sandbox, and the limit is its own (one). */
  private static final TestProcessor PROCESSOR = TestProcessor.customized(s -> s.withDashboardLogin(new PlatformLogin(EMAIL, PASSWORD))
      .withSandboxes(new SandboxSettings(1, Optional.empty())));
  private final StripeHttp manager = PROCESSOR.http();

  @AfterAll
  static void stop() {
    PROCESSOR.close();
  }

  @Test
  void theOwnerMakesOpensAndDeletesASandbox() {
    try (Browser browser = new Browser()) {
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD).follow("Developers: Sandboxes");
      assertThat(browser.heading()).isEqualTo("Sandboxes");
      assertThat(browser.text()).contains("Default", "The processor's own");
      assertThat(browser.unlabelledControls()).isEmpty();
      assertThat(browser.lowContrastText()).isEmpty();

      browser.type("Name", "Corner bakery").select("Country", "France");
      // Chromium's colour picker is a native dialog; a user's pick sets the input's value, as this does.
      ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('color').value = '#0a2540'");
      browser.press("Create sandbox");
      assertThat(browser.text()).contains("Sandbox Corner bakery is ready", "shown only this once");
      Map<String, String> made = facts(browser);
      String id = made.get("Sandbox");
      assertThat(id).matches("sbx_[A-Za-z0-9]{24}");
      assertThat(made.get("Dashboard sign-in")).endsWith(":" + PROCESSOR.port() + "/dashboard/login");

      // The API sees the sandbox the page made, in its country and colour.
      JsonNode read = manager.get("/v1/test_helpers/sandboxes/" + id).json();
      assertThat(read.get("name").asText()).isEqualTo("Corner bakery");
      assertThat(read.get("secret_key").asText()).isEqualTo(made.get("Secret key"));
      assertThat(read.at("/dashboard/email").asText()).isEqualTo(made.get("Email"));
      StripeHttp own = manager.withKey(made.get("Secret key"));
      JsonNode account = own.get("/v1/account").json();
      assertThat(account.get("country").asText()).isEqualTo("FR");
      assertThat(account.at("/settings/branding/primary_color").asText()).isEqualTo("#0a2540");

      // It is listed with its colour, and the limit (one) refuses a second, keeping what was typed.
      browser.open(PROCESSOR.url() + "/dashboard/sandboxes");
      assertThat(browser.driver().findElements(By.cssSelector("table.list tbody tr"))).hasSize(2);
      assertThat(browser.text()).contains("Corner bakery", id, made.get("Email")).doesNotContain(made.get("Password"));
      assertThat(browser.html()).contains("fill='%230a2540'");
      assertThat(browser.scrollsSideways()).as("the list fits the window").isFalse();
      browser.type("Name", "Second shop").press("Create sandbox");
      assertThat(browser.text()).contains("No sandbox was made", "already has 1 sandbox besides the default, its limit");
      assertThat(browser.field("Name").getAttribute("value")).isEqualTo("Second shop");
      assertThat(manager.get("/v1/test_helpers/sandboxes").json().get("data")).hasSize(2);

      // Its sign-in, shown once, opens its own Dashboard, where sandboxes are not managed.
      DashboardVisitor owner = SignedInPlatform.visitor(PROCESSOR, made.get("Email"), made.get("Password"));
      DashboardVisitor.Page sandboxPage = owner.get("/dashboard/sandboxes");
      assertThat(sandboxPage.body()).contains("You are signed in to a sandbox").doesNotContain("Create sandbox");
      DashboardVisitor.Page refused = owner.post("/dashboard/sandboxes",
          List.of(Map.entry("csrf", sandboxPage.csrf()), Map.entry("name", "Nested"), Map.entry("country", "US"),
              Map.entry("color", "#111111")));
      assertThat(refused.status()).isEqualTo(403);
      assertThat(manager.get("/v1/test_helpers/sandboxes").json().get("data")).hasSize(2);

      // "Open its Dashboard" signs this browser in to the sandbox.
      browser.open(PROCESSOR.url() + "/dashboard/sandboxes").press("Open its Dashboard");
      assertThat(browser.text()).contains("Corner bakery");
      browser.follow("Developers: Sandboxes");
      assertThat(browser.text()).contains("You are signed in to a sandbox");

      // Signed out and back in the default sandbox, deleting it stops its key and its sign-in at once.
      browser.press("Sign out");
      SignedInPlatform.signIn(browser, PROCESSOR, EMAIL, PASSWORD).follow("Developers: Sandboxes");
      browser.press("Delete");
      assertThat(browser.text()).contains("Sandbox " + id + " is deleted");
      assertThat(browser.driver().findElements(By.cssSelector("table.list tbody tr"))).hasSize(1);
      assertThat(own.get("/v1/account").status()).isEqualTo(401);
      assertThat(owner.get("/dashboard").status()).isNotEqualTo(200);
      assertThat(manager.get("/v1/test_helpers/sandboxes/" + id).status()).isEqualTo(404);
    }
  }

  @Test
  void aFormSentByHandGetsTheApisMessageBesideItsField() {
    DashboardVisitor platform = SignedInPlatform.visitor(PROCESSOR, EMAIL, PASSWORD);
    String csrf = platform.get("/dashboard/sandboxes").csrf();

    DashboardVisitor.Page badColour = platform.post("/dashboard/sandboxes", List.of(Map.entry("csrf", csrf),
        Map.entry("name", "Typed <name>"), Map.entry("country", "US"), Map.entry("color", "red")));
    assertThat(badColour.status()).isEqualTo(400);
    assertThat(badColour.body()).contains("Invalid hex color: it must look like #635bff.", "id=\"color-error\"",
        "value=\"Typed &lt;name>\""); // jte escapes < (and quotes) in attributes: enough inside quotes

    DashboardVisitor.Page badCountry = platform.post("/dashboard/sandboxes", List.of(Map.entry("csrf", csrf),
        Map.entry("name", "Elsewhere"), Map.entry("country", "ZZ"), Map.entry("color", "#123456")));
    assertThat(badCountry.status()).isEqualTo(400);
    assertThat(badCountry.body()).contains("Sandboxes cannot be made in ZZ yet.", "id=\"country-error\"");

    DashboardVisitor.Page noToken = platform.post("/dashboard/sandboxes", List.of(Map.entry("name", "Forged"),
        Map.entry("country", "US"), Map.entry("color", "#123456")));
    assertThat(noToken.status()).isNotIn(200, 201);

    String defaultId = manager.get("/v1/test_helpers/sandboxes").json().get("data").findValuesAsText("id").stream()
        .filter(sbx -> manager.get("/v1/test_helpers/sandboxes/" + sbx).json().get("default").asBoolean()).findFirst().orElseThrow();
    DashboardVisitor.Page keepDefault = platform.post("/dashboard/sandboxes/" + defaultId + "/delete", List.of(Map.entry("csrf", csrf)));
    assertThat(keepDefault.status()).isEqualTo(400);
    assertThat(keepDefault.body()).contains("it cannot be deleted");
    assertThat(manager.get("/v1/test_helpers/sandboxes").json().get("data").findValuesAsText("name"))
        .doesNotContain("Typed <name>", "Elsewhere", "Forged");
  }

  /** The new sandbox's facts, by their labels. */
  private static Map<String, String> facts(Browser browser) {
    Map<String, String> facts = new java.util.LinkedHashMap<>();
    for (var row : browser.driver().findElements(By.cssSelector("#made dl.summary div"))) {
      facts.put(row.findElement(By.tagName("dt")).getText(), row.findElement(By.tagName("dd")).getText());
    }
    return facts;
  }
}

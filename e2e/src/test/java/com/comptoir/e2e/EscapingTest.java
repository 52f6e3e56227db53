package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** HTML that merchants type into names is shown as text on every page that shows it, never run. */
class EscapingTest {
  private static final String STORE = "<script>alert('store')</script><b>Bold</b> & \"Co\"";
  private static final String PRODUCT = "<img src=x onerror=alert(1)>Scarf</td></tr><script>alert(2)</script>";
  private static final String DESCRIPTION = "</textarea><script>alert(3)</script>";

  private final Stack stack = Stack.shared();

  @Test
  void storedHtmlInNamesIsEscapedOnEveryPage() {
    Visitor merchant = new Visitor(stack);
    String email = "escape+" + System.nanoTime() + "@example.com";
    assertThat(merchant.signUp(email, STORE).status()).isEqualTo(303);
    merchant.get("/products/new");
    merchant.post("/products", Map.of("name", PRODUCT, "description", DESCRIPTION, "price", "9.99"));
    Matcher id = Pattern.compile("href=\"/products/(\\d+)\"").matcher(merchant.get("/products").body());
    assertThat(id.find()).isTrue();
    long storeId = stack.platformJdbi.withHandle(h -> h.createQuery("SELECT s.id FROM stores s JOIN merchants m ON m.id = s.merchant_id WHERE m.email = :e")
        .bind("e", email).mapTo(Long.class).one());

    Visitor operator = new Visitor(stack);
    operator.logInAsOperator();
    List<String> pages = List.of(
        merchant.get("/dashboard").body(),
        merchant.get("/products").body(),
        merchant.get("/products/" + id.group(1)).body(),
        merchant.post("/products/" + id.group(1), Map.of("name", PRODUCT, "description", DESCRIPTION, "price", "x", "action", "preview")).body(),
        merchant.get("/store").body(),
        merchant.post("/store", Map.of("name", STORE, "slug", "BAD SLUG <b>", "brand_color", "<i>", "currency", "usd")).body(),
        operator.get("/operator").body(),
        operator.get("/operator/merchants/" + storeId).body());
    for (String page : pages) {
      assertThat(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>Bold</b>")
          .doesNotContain("</textarea><script>").doesNotContain("<b>\"");
    }
    assertThat(pages.get(0)).contains("<h1>&lt;script&gt;alert('store')&lt;/script&gt;&lt;b&gt;Bold&lt;/b&gt; &amp; \"Co\"</h1>");
    assertThat(pages.get(4)).as("in an attribute, quotes too")
        .contains("value=\"&lt;script>alert(&#39;store&#39;)&lt;/script>&lt;b>Bold&lt;/b> &amp; &#34;Co&#34;\"");
    assertThat(pages.get(1)).contains("&lt;img src=x onerror=alert(1)&gt;Scarf&lt;/td&gt;&lt;/tr&gt;");
    assertThat(pages.get(2)).contains("&lt;/textarea&gt;&lt;script&gt;alert(3)&lt;/script&gt;");
    assertThat(pages.get(6)).contains("&lt;b&gt;Bold&lt;/b&gt;");
  }
}

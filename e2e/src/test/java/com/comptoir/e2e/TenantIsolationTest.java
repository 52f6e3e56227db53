package com.comptoir.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Another merchant's store, products and Stripe account cannot be reached by changing an id:
 * every merchant page finds its store through the session, a product id of another store is a
 * 404 like a product that does not exist, and no request names an account at all.
 */
class TenantIsolationTest {
  private static final Stack STACK = Stack.shared();
  private static Visitor alice;
  private static Visitor mallory;
  private static long aliceProduct;
  private static String aliceAccount;

  @BeforeAll
  static void twoMerchants() {
    alice = new Visitor(STACK);
    alice.signUp("alice+" + System.nanoTime() + "@example.com", "Alice's");
    alice.get("/products/new");
    assertThat(alice.post("/products", Map.of("name", "Alice's secret", "price", "10.00")).location()).isEqualTo("/products");
    Matcher id = Pattern.compile("href=\"/products/(\\d+)\"").matcher(alice.get("/products").body());
    assertThat(id.find()).isTrue();
    aliceProduct = Long.parseLong(id.group(1));
    aliceAccount = STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT account_id FROM stores s JOIN products p ON p.store_id = s.id WHERE p.id = :p")
        .bind("p", aliceProduct).mapTo(String.class).one());

    mallory = new Visitor(STACK);
    mallory.signUp("mallory+" + System.nanoTime() + "@example.com", "Mallory's");
    mallory.get("/dashboard");
  }

  @Test
  void anotherStoresProductIsNotFoundToReadEditRemoveOrResend() {
    String path = "/products/" + aliceProduct;
    assertThat(mallory.get(path).status()).isEqualTo(404);
    assertThat(mallory.get(path).body()).doesNotContain("Alice's secret");
    assertThat(mallory.post(path, Map.of("name", "Pwned", "price", "1.00")).status()).isEqualTo(404);
    assertThat(mallory.post(path, Map.of("name", "Pwned", "price", "1.00", "action", "preview")).status()).isEqualTo(404);
    assertThat(mallory.post(path + "/archive", Map.of()).status()).isEqualTo(404);
    assertThat(mallory.post(path + "/sync", Map.of()).status()).isEqualTo(404);
    assertThat(mallory.get("/products/" + (aliceProduct + 100000)).status()).as("a product that does not exist").isEqualTo(404);
    assertThat(mallory.get("/products/abc").status()).isEqualTo(404);

    String alicesView = alice.get(path).body();
    assertThat(alicesView).contains("value=\"Alice&#39;s secret\"");
    assertThat(alice.get("/products").body()).doesNotContain("Pwned").contains("Yes");
    assertThat(mallory.get("/products").body()).doesNotContain("Alice's secret");
  }

  @Test
  void theStoreAndItsAccountComeFromTheSessionNeverFromTheRequest() {
    // Parameters naming Alice's store or account are ignored: Mallory's own account gets the link.
    String link = mallory.get("/onboarding/start?account=" + aliceAccount + "&store_id=1").location();
    assertThat(link).doesNotContain(aliceAccount);
    assertThat(mallory.get("/onboarding/refresh?account=" + aliceAccount).location()).doesNotContain(aliceAccount);
    assertThat(mallory.get("/onboarding/return?account=" + aliceAccount).body()).doesNotContain(aliceAccount);
    assertThat(mallory.post("/store", Map.of("name", "Taken over", "slug", "taken-over", "brand_color", "#000000", "currency", "usd",
        "store_id", "1", "merchant_id", "1", "account_id", aliceAccount)).status()).isEqualTo(303);
    String alicesStore = STACK.platformJdbi.withHandle(h -> h.createQuery("SELECT name FROM stores WHERE account_id = :a")
        .bind("a", aliceAccount).mapTo(String.class).one());
    assertThat(alicesStore).isEqualTo("Alice's");
    assertThat(mallory.get("/store/logo").status()).as("Mallory has no logo; Alice's is not served instead").isEqualTo(404);
  }

  @Test
  void aMerchantsSessionDoesNotOpenTheOperatorArea() {
    assertThat(mallory.get("/operator").location()).startsWith("/operator/login");
    assertThat(mallory.get("/operator/merchants/1").location()).startsWith("/operator/login");
    assertThat(mallory.get("/operator/outbox").location()).startsWith("/operator/login");
    assertThat(mallory.post("/operator/merchants/1/fee", Map.of("percent", "0", "fixed", "0")).location()).startsWith("/operator/login");
  }
}

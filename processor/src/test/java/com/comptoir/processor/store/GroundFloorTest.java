package com.comptoir.processor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The processor's floors, read from its sources: {@code store/} stands on nothing of the processor,
 * and {@code api/} (the wire protocol) on nothing but {@code store/}. A feature may use both; neither
 * may reach up into a feature, or the ground would move with every feature. The ledger, the
 * kernel of money, stands below the wire too.
 */
class GroundFloorTest {
  private static final Path MAIN = Path.of("src/main/java/com/comptoir/processor");
  private static final Pattern REFERENCE = Pattern.compile("com\\.comptoir\\.processor\\.([a-z]+)\\.");

  @Test
  void theStoreReferencesNoOtherProcessorPackage() throws IOException {
    assertEquals(List.of(), referencesOutside("store", List.of("store")));
  }

  @Test
  void theWireProtocolReferencesOnlyItselfAndTheStore() throws IOException {
    assertEquals(List.of(), referencesOutside("api", List.of("api", "store")));
  }

  @Test
  void theTestModeCatalogueReferencesNoOtherProcessorPackage() throws IOException {
    assertEquals(List.of(), referencesOutside("testmode", List.of("testmode")));
  }

  /**
   * The money ledger answers in its own terms (named postings, its own exceptions); the wire
   * (routes, parameters, Stripe errors) is the business of the APIs over it: balance, payouts,
   * application fees, refunds, disputes.
   */
  @Test
  void theLedgerSpeaksNoWireProtocol() throws IOException {
    assertEquals(List.of(), referencesOutside("ledger", List.of("ledger", "store", "events", "time", "accounts", "payments",
        "testmode")));
  }

  /** Guards the scan itself: a package that does reach up is caught. */
  @Test
  void aFeaturePackageReachingAcrossIsSeen() throws IOException {
    assertFalse(referencesOutside("payments", List.of("payments", "store")).isEmpty());
  }

  private static List<String> referencesOutside(String pkg, List<String> allowed) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          if (!allowed.contains(m.group(1))) {
            found.add(MAIN.relativize(file) + " -> " + m.group(1));
          }
        }
      }
    }
    return found;
  }
}

package com.comptoir.processor.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Documents up to a page's size are stored as they are, not compressed on every write (V27_3). */
class UncompressedDocumentsTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();

  @Test
  void aConnectedAccountsDocumentPastTwoKilobytesIsStoredUncompressed() {
    String id = http.post("/v1/accounts", Map.of("type", "custom", "country", "FR")).json().get("id").asText();
    record Stored(int textBytes, String compression) {}
    Stored stored = Jdbi.create(processor.dataSource()).withHandle(h -> h.createQuery(
            "SELECT octet_length(body::text) AS text_bytes, pg_column_compression(body) AS compression FROM resources WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> new Stored(rs.getInt("text_bytes"), rs.getString("compression"))).one());
    assertThat(stored.textBytes()).as("past the 2 kB at which PostgreSQL compresses by default").isGreaterThan(2_100);
    assertThat(stored.compression()).isNull();
  }
}

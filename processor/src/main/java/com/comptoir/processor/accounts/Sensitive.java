package com.comptoir.processor.accounts;

import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Identity numbers an account holder gave (tax ids, personal id numbers, SSN digits). Stripe never
 * returns them; objects only carry {@code *_provided} flags. Kept per account, keyed by the
 * requirement path they answer ({@code company.tax_id}, {@code person_x.id_number}).
 */
final class Sensitive {
  /** The fields that are write-only on Stripe, per object. */
  static final List<String> COMPANY_FIELDS = List.of("tax_id", "vat_id");
  static final List<String> PERSON_FIELDS = List.of("id_number", "ssn_last_4");

  private Sensitive() {}

  static void save(Handle h, String accountId, ObjectNode values) {
    h.createUpdate("UPDATE accounts SET sensitive = CAST(:v AS jsonb) WHERE id = :id")
        .bind("v", Json.write(values)).bind("id", accountId).execute();
  }

  /**
   * Moves the write-only fields out of {@code object} (a company or person being written) into
   * {@code values} under {@code prefix.field}, leaving {@code field_provided: true} behind.
   */
  static void extract(ObjectNode object, String prefix, List<String> fields, ObjectNode values) {
    for (String field : fields) {
      if (object.has(field)) {
        String value = object.get(field).isNull() ? null : object.get(field).asText();
        object.remove(field);
        if (value == null || value.isEmpty()) {
          values.remove(prefix + "." + field);
          object.put(field + "_provided", false);
        } else {
          values.put(prefix + "." + field, value);
          object.put(field + "_provided", true);
        }
      } else if (!object.has(field + "_provided")) {
        object.put(field + "_provided", values.has(prefix + "." + field));
      }
    }
  }
}

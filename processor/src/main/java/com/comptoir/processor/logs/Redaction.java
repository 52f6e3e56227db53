package com.comptoir.processor.logs;

import com.comptoir.processor.api.RequestRecorder;
import com.comptoir.processor.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What of a request may be kept in the request log: its parameters with secrets and card and
 * bank numbers replaced (as Stripe's Dashboard logs show them), and its answer with any API key
 * or webhook signing secret masked. Runs on the log's writer thread, never on the request's.
 */
final class Redaction {
  static final String HIDDEN = "[redacted]";
  /** Parameter names whose values are never kept, wherever they are nested (card[number], bank_account[account_number]...). */
  private static final Set<String> SECRET_PARAMS = Set.of("number", "cvc", "account_number", "routing_number", "iban", "password",
      "secret", "id_number", "ssn_last_4", "personal_id_number", "client_secret", "token");
  /** Keys and secrets as they may appear in an answer or a typed value: masked to their kind. */
  private static final Pattern SECRETS = Pattern.compile("\\b(sk|rk)_(test|live)_[A-Za-z0-9]+|\\bwhsec_[A-Za-z0-9+/=]+");
  /** A card number typed where no card number belongs (13 to 19 digits, spaces allowed). */
  private static final Pattern CARD_NUMBER = Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b");

  private Redaction() {}

  /** The form (query string or body) as JSON, redacted; an unreadable form is kept as a note, not as typed. */
  static String params(String rawForm) {
    if (rawForm == null || rawForm.isEmpty()) {
      return "{}";
    }
    try {
      Map<String, Object> decoded = RequestRecorder.decodeForm(rawForm);
      return Json.write(redact(Json.MAPPER.valueToTree(decoded)));
    } catch (RuntimeException e) {
      return "{\"(unreadable form)\": \"" + HIDDEN + "\"}";
    }
  }

  /** The answer with keys and signing secrets masked; card numbers never appear in answers. */
  static String response(String body, int maxChars) {
    // Most answers hold no key: a plain substring scan rules that out at a fraction of the regex's
    // cost (the regex tries its word boundary and branches at every character of every answer).
    boolean mayHoldSecret = body.contains("k_test_") || body.contains("k_live_") || body.contains("whsec_");
    String masked = !mayHoldSecret ? body : SECRETS.matcher(body).replaceAll(m -> m.group().substring(0, m.group().indexOf('_') + 1) + HIDDEN);
    return masked.length() > maxChars ? masked.substring(0, maxChars) + "…" : masked;
  }

  private static JsonNode redact(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String name : List.copyOf(iterable(object))) {
        JsonNode value = object.get(name);
        if (SECRET_PARAMS.contains(name) && value.isValueNode()) {
          object.put(name, HIDDEN);
        } else {
          object.set(name, redact(value));
        }
      }
      return object;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, redact(node.get(i)));
      }
      return node;
    }
    if (node.isTextual()) {
      String text = node.asText();
      String masked = CARD_NUMBER.matcher(SECRETS.matcher(text).replaceAll(HIDDEN)).replaceAll(HIDDEN);
      return masked.equals(text) ? node : Json.MAPPER.getNodeFactory().textNode(masked);
    }
    return node;
  }

  private static List<String> iterable(ObjectNode object) {
    List<String> names = new java.util.ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

package com.comptoir.processor.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes Stripe's form encoding into a tree of maps, lists and strings (fact sheet §1.2):
 * {@code metadata[k]=v}, {@code line_items[0][price]=p}, {@code expand[]=a}, percent-encoded
 * brackets, {@code +} and {@code %20} spaces. {@code x[]=} appends to a list; {@code x[0]=}
 * makes a map keyed "0", which {@link Shape#array} reads as a list in index order (a map key may
 * be numeric too, as in {@code metadata[42]}). An empty value stays {@code ""}: it means "unset".
 */
final class FormDecoder {
  /** Bounds what one request can make us allocate. */
  static final int MAX_PAIRS = 5_000;

  static final int MAX_DEPTH = 10;

  private FormDecoder() {}

  /** A list being assembled from indexed or appended entries. */
  private static final class Indexed {
    final TreeMap<Integer, Object> byIndex = new TreeMap<>();
    int appended = 0;
  }

  public static Map<String, Object> decode(String raw) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return root;
    }
    int pairs = 0;
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      if (++pairs > MAX_PAIRS) {
        throw StripeError.invalid(null, "Too many parameters: at most " + MAX_PAIRS + " are accepted in one request.");
      }
      int eq = pair.indexOf('=');
      String key = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1));
      // PostgreSQL text and jsonb cannot hold U+0000: refuse it here rather than fail on write.
      if (key.indexOf('\0') >= 0) {
        String shown = key.replace("\0", "%00");
        throw StripeError.invalid(shown, "Invalid parameter name '" + shown + "': parameter names cannot contain the NUL character (%00).");
      }
      if (value.indexOf('\0') >= 0) {
        throw StripeError.invalid(key, "Invalid value for " + key + ": values cannot contain the NUL character (%00).");
      }
      put(root, key, value);
    }
    return finish(root);
  }

  private static String percentDecode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // The decoder's own message names the Java class; say what is wrong in the request instead.
      String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
      throw StripeError.invalid(null, "Invalid URL encoding in the request: each '%' must be followed by two hexadecimal digits (in '" + shown + "').");
    }
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String key, String value) {
    List<String> path = parseKey(key);
    Object container = root;
    StringBuilder where = new StringBuilder(path.get(0));
    for (int i = 0; i < path.size(); i++) {
      String segment = path.get(i);
      if (i > 0) {
        where.append('[').append(segment).append(']');
      }
      boolean last = i == path.size() - 1;
      Object existing;
      if (container instanceof Indexed list) {
        if (segment.isEmpty() && !last) {
          // "a[][b]=1": entries can only be told apart with explicit indexes
          throw StripeError.invalid(where.toString(), "Invalid array parameter " + where + ": use explicit indexes such as [0].");
        }
        int index = list.appended++;
        existing = list.byIndex.get(index);
        if (last || existing == null) {
          Object child = last ? value : childFor(path.get(i + 1));
          checkReplace(existing, child, where);
          list.byIndex.put(index, child);
          existing = child;
        }
      } else {
        Map<String, Object> map = (Map<String, Object>) container;
        existing = map.get(segment);
        if (last || existing == null) {
          Object child = last ? value : childFor(path.get(i + 1));
          checkReplace(existing, child, where);
          map.put(segment, child); // a repeated scalar key: the last value wins
          existing = child;
        }
      }
      if (last) {
        return;
      }
      if (existing instanceof String || existing.getClass() != childFor(path.get(i + 1)).getClass()) {
        throw conflict(where.toString());
      }
      container = existing;
    }
  }

  /** A value may replace a value, and nothing may replace a map or list already being filled. */
  private static void checkReplace(Object existing, Object replacement, CharSequence where) {
    if (existing != null && !(existing instanceof String && replacement instanceof String)) {
      throw conflict(where.toString());
    }
  }

  private static Object childFor(String nextSegment) {
    return nextSegment.isEmpty() ? new Indexed() : new LinkedHashMap<String, Object>();
  }

  /** {@code a[b][0][]} → {@code [a, b, 0, ""]}. */
  static List<String> parseKey(String key) {
    int open = key.indexOf('[');
    String name = open < 0 ? key : key.substring(0, open);
    if (name.isEmpty()) {
      throw StripeError.invalid(key, "Invalid parameter name '" + key + "'.");
    }
    List<String> path = new ArrayList<>();
    path.add(name);
    int at = open;
    while (at >= 0 && at < key.length()) {
      if (key.charAt(at) != '[') {
        throw StripeError.invalid(name, "Invalid parameter name '" + key + "': expected '[' after " + key.substring(0, at) + ".");
      }
      int close = key.indexOf(']', at);
      if (close < 0) {
        throw StripeError.invalid(name, "Invalid parameter name '" + key + "': unclosed '['.");
      }
      String segment = key.substring(at + 1, close);
      if (segment.indexOf('[') >= 0) {
        throw StripeError.invalid(name, "Invalid parameter name '" + key + "'.");
      }
      path.add(segment);
      if (path.size() > MAX_DEPTH) {
        throw StripeError.invalid(name, "Parameter '" + name + "' is nested too deeply.");
      }
      at = close + 1;
    }
    return path;
  }

  private static StripeError conflict(String param) {
    return StripeError.invalid(param, "Invalid value for " + param + ": it was sent both as a value and as a nested object or array.");
  }

  /** Turns every {@link Indexed} into a list in index order. */
  @SuppressWarnings("unchecked")
  private static <T> T finish(T node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) map).forEach((k, v) -> out.put(k, finish(v)));
      return (T) out;
    }
    if (node instanceof Indexed indexed) {
      List<Object> out = new ArrayList<>(indexed.byIndex.size());
      indexed.byIndex.values().forEach(v -> out.add(finish(v)));
      return (T) out;
    }
    return node;
  }
}

package com.comptoir.processor.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a parameter may be, and its check. Every endpoint declares the whole shape of what it
 * accepts, so that unknown parameters, wrong types and missing required values are answered the
 * way Stripe answers them, before any work is done.
 *
 * <p>{@link #check} returns the typed value ({@code String}, {@code Long}, {@code Boolean},
 * {@code Map}, {@code List}) or {@link Params#UNSET} for an empty string where unsetting is
 * allowed.
 */
public abstract sealed class Shape {
  boolean emptyable;

  /** The value may be sent as {@code ""} to unset it (the spec's {@code anyOf [..., enum [""]]}). */
  public Shape emptyable() {
    emptyable = true;
    return this;
  }

  final Object check(Object raw, String param) {
    if ("".equals(raw)) {
      if (emptyable) {
        return Params.UNSET;
      }
      throw StripeError.invalidEmpty(param);
    }
    return checkValue(raw, param);
  }

  abstract Object checkValue(Object raw, String param);

  /** Names of parameters under {@code raw} that this shape does not know, in bracket form. */
  void collectUnknown(Object raw, String param, List<String> out) {}

  // ----- factories -----

  public static StringShape string() {
    return new StringShape(5000);
  }

  public static StringShape string(int maxLength) {
    return new StringShape(maxLength);
  }

  public static IntegerShape integer() {
    return new IntegerShape();
  }

  public static Shape bool() {
    return new BooleanShape();
  }

  public static Shape oneOf(String... values) {
    return new EnumShape(Set.of(values), Arrays.asList(values));
  }

  public static ObjectShape object() {
    return new ObjectShape();
  }

  public static Shape array(Shape element) {
    return new ArrayShape(element, 1000);
  }

  public static Shape array(Shape element, int maxItems) {
    return new ArrayShape(element, maxItems);
  }

  /** Stripe metadata: up to 50 keys of at most 40 characters, values of at most 500 characters. */
  public static Shape metadata() {
    return new MetadataShape().emptyable();
  }

  /** A unix timestamp, or a range as {@code created[gte]=...} (list filters). */
  public static Shape timestampRange() {
    return new RangeShape();
  }

  // ----- kinds -----

  public static final class StringShape extends Shape {
    final int max;
    Pattern pattern;
    String patternMessage;

    StringShape(int max) {
      this.max = max;
    }

    public StringShape matching(String regex, String message) {
      pattern = Pattern.compile(regex);
      patternMessage = message;
      return this;
    }

    @Override
    public StringShape emptyable() {
      super.emptyable();
      return this;
    }

    @Override
    Object checkValue(Object raw, String param) {
      if (!(raw instanceof String s)) {
        throw StripeError.invalid(param, "Invalid string: " + describe(raw) + " was given for " + param + ", which takes a string.");
      }
      if (s.length() > max) {
        throw StripeError.invalid(param, "Invalid string: " + abbreviate(s) + "; must be at most " + max + " characters");
      }
      if (pattern != null && !pattern.matcher(s).matches()) {
        throw StripeError.invalid(param, patternMessage.replace("%s", s));
      }
      return s;
    }
  }

  public static final class IntegerShape extends Shape {
    long min = Long.MIN_VALUE;
    long max = Long.MAX_VALUE;

    public IntegerShape min(long min) {
      this.min = min;
      return this;
    }

    public IntegerShape max(long max) {
      this.max = max;
      return this;
    }

    @Override
    public IntegerShape emptyable() {
      super.emptyable();
      return this;
    }

    @Override
    Object checkValue(Object raw, String param) {
      if (!(raw instanceof String s) || !s.matches("-?[0-9]{1,19}")) {
        throw StripeError.invalidInteger(param, describe(raw));
      }
      long value;
      try {
        value = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw StripeError.invalidInteger(param, s);
      }
      if (value < min) {
        throw StripeError.invalidRequest("parameter_invalid_integer", param,
            "This value must be greater than or equal to " + min + " (it currently is '" + value + "').");
      }
      if (value > max) {
        throw StripeError.invalidRequest("parameter_invalid_integer", param,
            "This value must be less than or equal to " + max + " (it currently is '" + value + "').");
      }
      return value;
    }
  }

  static final class BooleanShape extends Shape {
    @Override
    Object checkValue(Object raw, String param) {
      if ("true".equals(raw)) {
        return Boolean.TRUE;
      }
      if ("false".equals(raw)) {
        return Boolean.FALSE;
      }
      throw StripeError.invalid(param, "Invalid boolean: " + describe(raw));
    }
  }

  static final class EnumShape extends Shape {
    final Set<String> allowed;
    final List<String> ordered;

    EnumShape(Set<String> allowed, List<String> ordered) {
      this.allowed = allowed;
      this.ordered = ordered;
    }

    @Override
    Object checkValue(Object raw, String param) {
      if (raw instanceof String s && allowed.contains(s)) {
        return s;
      }
      throw StripeError.invalid(param,
          "Invalid " + param + ": must be one of " + String.join(", ", ordered) + " (was " + describe(raw) + ")");
    }
  }

  public static final class ObjectShape extends Shape {
    final Map<String, Shape> fields = new LinkedHashMap<>();
    final List<String> required = new ArrayList<>();

    public ObjectShape field(String name, Shape shape) {
      fields.put(name, shape);
      return this;
    }

    public ObjectShape required(String name, Shape shape) {
      fields.put(name, shape);
      required.add(name);
      return this;
    }

    /** Every field of {@code other}, for shapes that extend a common one. */
    public ObjectShape fields(ObjectShape other) {
      fields.putAll(other.fields);
      required.addAll(other.required);
      return this;
    }

    @Override
    public ObjectShape emptyable() {
      super.emptyable();
      return this;
    }

    @Override
    void collectUnknown(Object raw, String param, List<String> out) {
      if (!(raw instanceof Map<?, ?> map)) {
        return;
      }
      map.forEach((k, v) -> {
        String name = param == null ? (String) k : param + "[" + k + "]";
        Shape shape = fields.get((String) k);
        if (shape == null) {
          out.add(name);
        } else {
          shape.collectUnknown(v, name, out);
        }
      });
    }

    @Override
    Object checkValue(Object raw, String param) {
      if (!(raw instanceof Map<?, ?> map)) {
        throw StripeError.invalid(param, "Invalid object: " + param + " must be a hash, such as " + param + "[key]=value.");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (String name : required) {
        if (!map.containsKey(name)) {
          throw StripeError.missing(param == null ? name : param + "[" + name + "]");
        }
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = (String) e.getKey();
        String path = param == null ? name : param + "[" + name + "]";
        out.put(name, fields.get(name).check(e.getValue(), path));
      }
      return out;
    }

    /** Checks a whole request: unknown parameters first (all named at once), then each value. */
    public Params checkRequest(Map<String, Object> raw) {
      List<String> unknown = new ArrayList<>();
      collectUnknown(raw, null, unknown);
      if (!unknown.isEmpty()) {
        throw StripeError.unknown(unknown);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> checked = (Map<String, Object>) checkValue(raw, null);
      return new Params(checked);
    }
  }

  static final class ArrayShape extends Shape {
    final Shape element;
    final int maxItems;

    ArrayShape(Shape element, int maxItems) {
      this.element = element;
      this.maxItems = maxItems;
    }

    @Override
    void collectUnknown(Object raw, String param, List<String> out) {
      List<Object> items = items(raw, param, false);
      if (items != null) {
        for (int i = 0; i < items.size(); i++) {
          element.collectUnknown(items.get(i), param + "[" + i + "]", out);
        }
      }
    }

    @Override
    Object checkValue(Object raw, String param) {
      List<Object> items = items(raw, param, true);
      if (items.size() > maxItems) {
        throw StripeError.invalid(param, "Invalid array: " + param + " can have at most " + maxItems + " items.");
      }
      List<Object> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(element.check(items.get(i), param + "[" + i + "]"));
      }
      return out;
    }

    /** {@code x[]=a&x[]=b} arrives as a list, {@code x[0]=a&x[1]=b} as a map keyed by index. */
    private static List<Object> items(Object raw, String param, boolean strict) {
      if (raw instanceof List<?> list) {
        return new ArrayList<>(list);
      }
      if (raw instanceof Map<?, ?> map) {
        TreeMap<Integer, Object> byIndex = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String key = (String) e.getKey();
          if (!key.matches("[0-9]{1,4}")) {
            if (!strict) {
              return null;
            }
            throw StripeError.invalid(param, "Invalid array: " + param + "[" + key + "] is not an index; send " + param + "[0], " + param + "[1], ...");
          }
          byIndex.put(Integer.parseInt(key), e.getValue());
        }
        return new ArrayList<>(byIndex.values());
      }
      if (!strict) {
        return null;
      }
      throw StripeError.invalid(param, "Invalid array: " + param + " must be an array, such as " + param + "[0]=value.");
    }
  }

  static final class MetadataShape extends Shape {
    static final int MAX_KEYS = 50;
    static final int MAX_KEY_LENGTH = 40;
    static final int MAX_VALUE_LENGTH = 500;

    @Override
    Object checkValue(Object raw, String param) {
      if (!(raw instanceof Map<?, ?> map)) {
        throw StripeError.invalid(param, "Invalid object: " + param + " must be a hash, such as " + param + "[key]=value.");
      }
      if (map.size() > MAX_KEYS) {
        throw StripeError.invalid(param, "Invalid " + param + ": You can only specify up to " + MAX_KEYS + " metadata keys.");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = (String) e.getKey();
        String path = param + "[" + key + "]";
        if (key.length() > MAX_KEY_LENGTH) {
          throw StripeError.invalid(path, "Invalid " + param + ": metadata keys can be at most " + MAX_KEY_LENGTH + " characters long, and '" + abbreviate(key) + "' is longer.");
        }
        if (!(e.getValue() instanceof String value)) {
          throw StripeError.invalid(path, "Invalid " + param + ": metadata values must be strings; " + path + " is not.");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
          throw StripeError.invalid(path, "Invalid " + param + ": metadata values can be at most " + MAX_VALUE_LENGTH + " characters long.");
        }
        out.put(key, value); // "" deletes the key on update
      }
      return out;
    }
  }

  static final class RangeShape extends Shape {
    private static final ObjectShape RANGE = object()
        .field("gt", integer()).field("gte", integer()).field("lt", integer()).field("lte", integer());

    @Override
    void collectUnknown(Object raw, String param, List<String> out) {
      RANGE.collectUnknown(raw, param, out);
    }

    @Override
    Object checkValue(Object raw, String param) {
      if (raw instanceof String) {
        long at = (Long) integer().check(raw, param);
        return Map.of("gte", at, "lte", at);
      }
      return RANGE.checkValue(raw, param);
    }
  }

  /** A shape of an endpoint's own, for a parameter that takes one of several forms. */
  public abstract static non-sealed class Custom extends Shape {
    protected abstract Object checkCustom(Object raw, String param);

    protected void collectUnknownParams(Object raw, String param, List<String> out) {}

    @Override
    final Object checkValue(Object raw, String param) {
      return checkCustom(raw, param);
    }

    @Override
    final void collectUnknown(Object raw, String param, List<String> out) {
      collectUnknownParams(raw, param, out);
    }

    protected static Object checkWith(Shape shape, Object raw, String param) {
      return shape.check(raw, param);
    }

    protected static void collectUnknownOf(Shape shape, Object raw, String param, List<String> out) {
      shape.collectUnknown(raw, param, out);
    }
  }

  static String describe(Object raw) {
    if (raw instanceof String s) {
      return abbreviate(s);
    }
    return raw instanceof List<?> ? "an array" : "a hash";
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}

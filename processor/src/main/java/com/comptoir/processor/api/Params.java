package com.comptoir.processor.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A request's parameters after their {@link Shape} check: typed, known, and bounded. */
public final class Params {
  /** An empty string where unsetting is allowed: the field is to be cleared. */
  public static final Object UNSET = new Object() {
    @Override
    public String toString() {
      return "<unset>";
    }
  };

  private final Map<String, Object> values;

  Params(Map<String, Object> values) {
    this.values = values;
  }

  public static Params empty() {
    return new Params(Map.of());
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public boolean isUnset(String name) {
    return values.get(name) == UNSET;
  }

  public Set<String> names() {
    return values.keySet();
  }

  public Object raw(String name) {
    return values.get(name);
  }

  public String string(String name) {
    Object v = values.get(name);
    return v instanceof String s ? s : null;
  }

  public Long integer(String name) {
    Object v = values.get(name);
    return v instanceof Long l ? l : null;
  }

  public Boolean bool(String name) {
    Object v = values.get(name);
    return v instanceof Boolean b ? b : null;
  }

  @SuppressWarnings("unchecked")
  public Params object(String name) {
    Object v = values.get(name);
    return v instanceof Map<?, ?> m ? new Params((Map<String, Object>) m) : null;
  }

  @SuppressWarnings("unchecked")
  public Map<String, String> metadata(String name) {
    Object v = values.get(name);
    return v instanceof Map<?, ?> m ? (Map<String, String>) m : null;
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(String name) {
    Object v = values.get(name);
    return v instanceof List<?> l ? (List<Object>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  public List<Params> objects(String name) {
    List<Params> out = new ArrayList<>();
    for (Object item : list(name)) {
      out.add(new Params((Map<String, Object>) item));
    }
    return out;
  }

  public List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    for (Object item : list(name)) {
      out.add((String) item);
    }
    return out;
  }

  /** The checked values as a plain map, for storing or hashing. */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }
}

package com.comptoir.processor.dashboard;

import com.comptoir.processor.api.StripeApi;
import com.comptoir.processor.api.StripeError;
import com.comptoir.processor.events.EventTypes;
import com.comptoir.processor.events.WebhookEndpoints;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A webhook endpoint's form as typed in the Dashboard: URL, whose events (the platform's own or its
 * connected accounts'), the events to send ({@code *} for all), a description and the API version
 * events are rendered at; checked as {@code POST /v1/webhook_endpoints} checks them, with a message per field.
 */
public final class EndpointForm {
  public static final String ALL_EVENTS = "*";
  private static final int MAX_DESCRIPTION = 5000;

  final Map<String, String> typed = new LinkedHashMap<>();
  final Set<String> events = new LinkedHashSet<>();
  final Map<String, String> errors = new LinkedHashMap<>();

  /** An empty form: the platform's own events, the processor's default API version. */
  static EndpointForm blank() {
    EndpointForm form = new EndpointForm();
    form.typed.put("url", "");
    form.typed.put("connect", "false");
    form.typed.put("description", "");
    form.typed.put("api_version", StripeApi.DEFAULT_VERSION);
    return form;
  }

  static EndpointForm of(WebhookEndpoints.Endpoint e) {
    EndpointForm form = blank();
    form.typed.put("url", e.url());
    form.typed.put("connect", String.valueOf(e.connect()));
    form.typed.put("description", e.description() == null ? "" : e.description());
    form.typed.put("api_version", e.apiVersion());
    form.events.addAll(e.enabledEvents());
    return form;
  }

  /** Reads and checks the form; {@code creating} also reads the URL, whose events and the API version, which an edit keeps. */
  static EndpointForm read(Context ctx, boolean creating) {
    EndpointForm form = blank();
    for (String field : creating ? List.of("url", "connect", "description", "api_version") : List.of("description")) {
      String v = ctx.formParam(field);
      form.typed.put(field, v == null ? "" : v.strip());
    }
    form.events.addAll(ctx.formParams("event"));
    if (creating) {
      try {
        WebhookEndpoints.checkedUrl(form.value("url"), "url");
      } catch (StripeError e) {
        form.errors.put("url", "Enter the endpoint's full URL, beginning with https:// or http://, for example https://example.com/webhooks.");
      }
      if (!form.value("api_version").matches("[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.[a-z]+)?")) {
        form.errors.put("api_version", "Enter an API version as Stripe names them, for example " + StripeApi.DEFAULT_VERSION + ".");
      }
    }
    if (form.events.isEmpty()) {
      form.errors.put("event", "Choose the events to send, or All events.");
    } else if (!form.events.stream().allMatch(t -> ALL_EVENTS.equals(t) || EventTypes.known(t))) {
      form.errors.put("event", "Choose events from the list.");
    }
    if (form.value("description").length() > MAX_DESCRIPTION) {
      form.errors.put("description", "Keep the description under 5,000 characters.");
    }
    return form;
  }

  /** The events to send: {@code *} alone when "All events" is ticked, as Stripe stores it. */
  List<String> enabledEvents() {
    return events.contains(ALL_EVENTS) ? List.of(ALL_EVENTS) : new ArrayList<>(events);
  }

  public String value(String field) {
    return typed.getOrDefault(field, "");
  }

  public boolean connect() {
    return "true".equals(typed.get("connect"));
  }

  public boolean sends(String type) {
    return events.contains(type);
  }

  public List<String> types() {
    return EventTypes.ALL;
  }

  public boolean hasError(String field) {
    return errors.containsKey(field);
  }

  public String error(String field) {
    return errors.get(field);
  }

  public java.util.Collection<String> messages() {
    return errors.values();
  }

  /** The ids that describe a field: its hint, then its error when it has one. */
  public String describedBy(String field) {
    return field + "-hint" + (hasError(field) ? " " + field + "-error" : "");
  }
}

package com.comptoir.processor.events;

import com.comptoir.processor.api.ApiRequest;

/**
 * Where an event comes from: the API request that caused it ({@code request.id} and
 * {@code request.idempotency_key} on the event), or the processor's own due work (both null).
 *
 * @param platformId the platform whose Connect endpoints hear of connected accounts' events
 * @param nowMillis the processor clock when the change happened
 */
public record EventContext(String platformId, String requestId, String idempotencyKey, long nowMillis) {

  public static EventContext of(ApiRequest request) {
    return new EventContext(request.caller().platformId(), request.requestId(), request.idempotencyKey(), request.nowMillis());
  }

  public static EventContext automatic(String platformId, long nowMillis) {
    return new EventContext(platformId, null, null, nowMillis);
  }
}

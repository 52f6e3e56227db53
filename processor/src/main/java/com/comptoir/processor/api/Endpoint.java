package com.comptoir.processor.api;

import org.jdbi.v3.core.Handle;

/**
 * One API operation. POST and DELETE run inside one transaction (with their events and their
 * idempotency record); GET runs on a plain handle. Returns an {@code ObjectNode} (a 200) or an
 * {@link ApiResponse}; throws {@link StripeError} to refuse.
 */
@FunctionalInterface
public interface Endpoint {
  Object handle(ApiRequest request, Handle h);
}

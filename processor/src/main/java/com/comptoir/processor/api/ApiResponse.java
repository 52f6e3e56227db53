package com.comptoir.processor.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an endpoint answers when a plain 200 with an object is not enough: another status (a 402
 * decline that still changed state), or stored JSON passed through untouched.
 */
public record ApiResponse(int status, ObjectNode body, String rawJson) {

  public static ApiResponse of(int status, ObjectNode body) {
    return new ApiResponse(status, body, null);
  }

  /** Stored JSON sent as it is, when there is nothing to expand. */
  public static ApiResponse raw(String json) {
    return new ApiResponse(200, null, json);
  }
}

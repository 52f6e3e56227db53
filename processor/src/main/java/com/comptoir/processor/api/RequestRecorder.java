package com.comptoir.processor.api;

/**
 * Told of every API request made with a valid key, on the request's thread, as raw as it came
 * (the form unparsed, nothing redacted): an implementation must return at once and leave the
 * work (redaction, writing) to another thread. See {@code logs.RequestLog}.
 */
@FunctionalInterface
public interface RequestRecorder {
  void record(RecordedRequest request);

  RequestRecorder NONE = request -> {};

  /** A recorded form as the API reads it (bracket notation nested), for a recorder that keeps it; throws on a malformed form. */
  static java.util.Map<String, Object> decodeForm(String rawForm) {
    return FormDecoder.decode(rawForm);
  }

  /**
   * @param rawForm the query string or form body as sent; may hold secrets, so never logged as is
   * @param startedMs wall-clock time the request arrived
   */
  record RecordedRequest(String platformId, String accountId, String requestId, String method, String path, int status,
      String stripeAccount, String idempotencyKey, long startedMs, int durationMs, String rawForm, String response) {}
}

package com.comptoir.processor.api;

import com.comptoir.processor.store.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty refuses before any route runs (a malformed URI, an oversized header, a control
 * character) is still answered with a Stripe error object and a {@code Request-Id}, never an HTML
 * page: clients parse every error the same way.
 */
final class JettyErrors extends ErrorHandler {

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
      throws IOException {
    String requestId = StripeApi.newRequestId();
    response.getHeaders().put("Request-Id", requestId);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    byte[] body = json(code).getBytes(StandardCharsets.UTF_8);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
    fields.put("Request-Id", StripeApi.newRequestId());
    return ByteBuffer.wrap(json(status).getBytes(StandardCharsets.UTF_8));
  }

  private static String json(int status) {
    String message = switch (status) {
      case 414 -> "The request URL is too long.";
      case 431 -> "The request headers are too large.";
      case 413 -> "The request body is too large.";
      default -> status >= 500 ? "An unknown error occurred while processing your request." : "The request could not be read: it is not valid HTTP.";
    };
    String type = status >= 500 ? "api_error" : "invalid_request_error";
    return Json.write(new StripeError(status, type, null, null, message).toJson(null));
  }
}

package com.comptoir.bench;

import io.javalin.Javalin;

/**
 * The baseline: a bare Javalin hello-world configured as the processor configures its server
 * (virtual threads, same host, same request size limit, no banner), and nothing else.
 */
final class HelloWorld implements AutoCloseable {
  private final Javalin http;

  private HelloWorld(Javalin http) {
    this.http = http;
  }

  static HelloWorld start() {
    Javalin http =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.startup.showJavalinBanner = false;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = 0;
              config.http.maxRequestSize = com.comptoir.processor.api.StripeApi.MAX_BODY_BYTES;
              config.routes.get("/", ctx -> ctx.result("Hello World"));
              // A POST that reads its form and answers a little JSON: what any create costs the HTTP
              // layer before it does anything (scenario 1's bound).
              config.routes.post("/", ctx -> ctx.contentType("application/json").result("{\"received\":" + ctx.bodyAsBytes().length + "}"));
            });
    http.start();
    return new HelloWorld(http);
  }

  String url() {
    return "http://127.0.0.1:" + http.port() + "/";
  }

  @Override
  public void close() {
    http.stop();
  }
}

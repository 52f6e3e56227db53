package com.comptoir.processor;

import io.javalin.Javalin;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running processor: one HTTP server over one PostgreSQL database. Stateless over its
 * database, so several may run side by side on the same one.
 */
public final class Processor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Processor.class);

  private final Javalin http;
  private final PlatformKeys keys;
  private final String url;

  private Processor(Javalin http, PlatformKeys keys, String url) {
    this.http = http;
    this.keys = keys;
    this.url = url;
  }

  /** Migrates the database, makes sure the platform account exists, and starts serving. */
  public static Processor start(ProcessorSettings settings) {
    Flyway.configure()
        .dataSource(settings.dataSource())
        .locations("classpath:db/processor")
        .load()
        .migrate();
    Jdbi jdbi = Jdbi.create(settings.dataSource());
    PlatformKeys keys = PlatformKeys.ensure(jdbi, settings.secretKey());
    Health health = new Health(jdbi);
    Javalin http =
        Javalin.create(
            config -> {
              config.concurrency.useVirtualThreads = true;
              config.startup.showJavalinBanner = false;
              config.jetty.host = settings.host();
              config.jetty.port = settings.port();
              config.routes.get("/healthz", health::handle);
            });
    http.start();
    String url = settings.publicUrl().orElse("http://localhost:" + http.port());
    LOG.info("processor listening on {}", url);
    return new Processor(http, keys, url);
  }

  public String url() {
    return url;
  }

  public int port() {
    return http.port();
  }

  public String secretKey() {
    return keys.secretKey();
  }

  public String publishableKey() {
    return keys.publishableKey();
  }

  @Override
  public void close() {
    http.stop();
  }

}

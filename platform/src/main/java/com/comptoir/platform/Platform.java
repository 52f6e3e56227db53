package com.comptoir.platform;

import io.javalin.Javalin;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running store-builder web app over its own database. */
public final class Platform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

  private final Javalin http;

  private Platform(Javalin http) {
    this.http = http;
  }

  /** Migrates the platform database and starts serving. */
  public static Platform start(PlatformSettings settings) {
    Flyway.configure()
        .dataSource(settings.dataSource())
        .locations("classpath:db/platform")
        .load()
        .migrate();
    Jdbi jdbi = Jdbi.create(settings.dataSource());
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
    LOG.info("platform listening on port {}", http.port());
    return new Platform(http);
  }

  public int port() {
    return http.port();
  }

  @Override
  public void close() {
    http.stop();
  }
}

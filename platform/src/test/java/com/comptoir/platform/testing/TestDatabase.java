package com.comptoir.platform.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** A real PostgreSQL for platform tests: one embedded cluster per test JVM, a fresh migrated database per call. */
public final class TestDatabase {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres cluster;

  private TestDatabase() {}

  /** A new, empty, migrated platform database. */
  public static synchronized HikariDataSource fresh() {
    try {
      if (cluster == null) {
        cluster = EmbeddedPostgres.builder().start();
        EmbeddedPostgres started = cluster;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            // the JVM is exiting
          }
        }));
      }
      String name = "platform_" + DATABASES.incrementAndGet();
      try (Connection c = cluster.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(cluster.getJdbcUrl("postgres", name));
      config.setMaximumPoolSize(8);
      return new HikariDataSource(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Jdbi migrated(HikariDataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
    return Jdbi.create(dataSource);
  }
}

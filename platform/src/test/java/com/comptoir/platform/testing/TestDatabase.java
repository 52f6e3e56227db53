package com.comptoir.platform.testing;

import com.comptoir.testing.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/** A real PostgreSQL for platform tests: the shared test cluster, a fresh database per call, migrated on request. */
public final class TestDatabase {
  private TestDatabase() {}

  /** A new, empty platform database. */
  public static HikariDataSource fresh() {
    return TestPostgres.freshDatabase("platform", 8);
  }

  public static Jdbi migrated(HikariDataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
    return Jdbi.create(dataSource);
  }
}

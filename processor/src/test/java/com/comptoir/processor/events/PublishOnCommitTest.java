package com.comptoir.processor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.comptoir.processor.store.Json;
import com.comptoir.processor.testing.StripeHttp;
import com.comptoir.processor.testing.TestProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Events wait for their transaction's commit and are written together: never without it, never lost with it. */
class PublishOnCommitTest {
  private final TestProcessor processor = TestProcessor.get();
  private final StripeHttp http = processor.http();
  private final String platform = processor.platformAccountId();

  private Jdbi jdbi() {
    Jdbi jdbi = Jdbi.create(processor.dataSource());
    PublishOnCommit.install(jdbi);
    return jdbi;
  }

  private String publish(Handle h, String name) {
    ObjectNode product = Json.object();
    product.put("id", "prod_" + name);
    product.put("object", "product");
    product.put("name", name);
    return Events.publish(h, EventContext.automatic(platform, System.currentTimeMillis()), platform, "product.updated", product, null);
  }

  private int status(String eventId) {
    return http.get("/v1/events/" + eventId).status();
  }

  @Test
  void eventsCommitTogetherAndListInTheOrderPublished() {
    List<String> ids = jdbi().inTransaction(h -> {
      List<String> published = new ArrayList<>();
      for (String name : List.of("first", "second", "third")) {
        published.add(publish(h, "ordered_" + name));
      }
      return published;
    });
    JsonNode listed = http.get("/v1/events?type=product.updated&limit=3").json().get("data");
    assertThat(listed).extracting(e -> e.get("id").asText()).containsExactly(ids.get(2), ids.get(1), ids.get(0));
    assertThat(listed.get(0).at("/data/object/name").asText()).isEqualTo("ordered_third");
  }

  @Test
  void aRolledBackTransactionPublishesNothing() {
    List<String> published = new ArrayList<>();
    assertThatThrownBy(() -> jdbi().useTransaction(h -> {
      published.add(publish(h, "rolled_back"));
      throw new IllegalStateException("the change fails after its event");
    })).hasMessageContaining("the change fails");
    assertThat(published).hasSize(1);
    assertThat(status(published.get(0))).isEqualTo(404);
  }

  @Test
  void aRollbackToASavepointDropsOnlyWhatWasPublishedAfterIt() {
    String[] ids = new String[2];
    jdbi().useTransaction(h -> {
      ids[0] = publish(h, "before_savepoint");
      h.savepoint("sp");
      ids[1] = publish(h, "after_savepoint");
      h.rollbackToSavepoint("sp");
    });
    assertThat(status(ids[0])).isEqualTo(200);
    assertThat(status(ids[1])).isEqualTo(404);
  }

  @Test
  void withoutATransactionOrWithoutTheHandlerTheEventIsWrittenAtOnce() {
    String autocommit = jdbi().withHandle(h -> publish(h, "autocommit"));
    assertThat(status(autocommit)).isEqualTo(200);
    Jdbi plain = Jdbi.create(processor.dataSource());
    String[] inPlain = new String[1];
    plain.useTransaction(h -> {
      inPlain[0] = publish(h, "plain_jdbi");
      // Written before the commit on a Jdbi without the handler: visible to this transaction already.
      assertThat(h.createQuery("SELECT count(*) FROM resources WHERE id = :id").bind("id", inPlain[0]).mapTo(Integer.class).one()).isEqualTo(1);
    });
    assertThat(status(inPlain[0])).isEqualTo(200);
  }

  @Test
  void anExplicitCommitWritesTheEvents() {
    String id;
    try (Handle h = jdbi().open()) {
      h.begin();
      id = publish(h, "explicit_commit");
      h.commit();
    }
    assertThat(status(id)).isEqualTo(200);
  }

  private ObjectNode product(String name) {
    ObjectNode product = Json.object();
    product.put("id", "prod_" + name + "_" + System.nanoTime());
    product.put("object", "product");
    product.put("name", name);
    product.put("created", System.currentTimeMillis() / 1000);
    return product;
  }

  private String create(Handle h, ObjectNode product) {
    Events.insertAndPublish(h, EventContext.automatic(platform, System.currentTimeMillis()), platform, "product.created", product);
    return product.get("id").asText();
  }

  private int storedNow(String id) {
    try (Handle h = jdbi().open()) {
      return stored(h, id);
    }
  }

  private static int stored(Handle h, String id) {
    return h.createQuery("SELECT count(*) FROM resources WHERE id = :id").bind("id", id).mapTo(Integer.class).one();
  }

  @Test
  void aCreatesEventCarriesTheObjectExactlyAsItsRowStoresIt() {
    // The object's JSON is spliced into the event as written for its row, not serialised again.
    ObjectNode product = product("spliced");
    product.putObject("metadata").put("note", "a \"quote\", a backslash \\ and é");
    String id = jdbi().inTransaction(h -> create(h, product));
    try (Handle h = jdbi().open()) {
      JsonNode stored = Json.parse(h.createQuery("SELECT body::text FROM resources WHERE id = :id").bind("id", id).mapTo(String.class).one());
      JsonNode event = Json.parse(h.createQuery("""
              SELECT body::text FROM resources WHERE object = 'event' AND body #>> '{data,object,id}' = :id""")
          .bind("id", id).mapTo(String.class).one());
      assertThat(event.path("type").asText()).isEqualTo("product.created");
      assertThat(event.path("data").path("object")).isEqualTo(stored).isEqualTo(Json.parse(Json.write(product)));
      assertThat(event.path("data").path("object").path("metadata").path("note").asText()).isEqualTo("a \"quote\", a backslash \\ and é");
    }
  }

  @Test
  void aCreateWaitingForTheCommitIsWrittenBeforeTheTransactionsNextStatement() {
    String[] seen = new String[2];
    String id = jdbi().inTransaction(h -> {
      String created = create(h, product("read_back"));
      // The next statement of the transaction sees it: the waiting write ran just before it.
      seen[0] = h.createQuery("SELECT body ->> 'name' FROM resources WHERE id = :id").bind("id", created).mapTo(String.class).one();
      seen[1] = String.valueOf(h.isInTransaction());
      return created;
    });
    assertThat(seen).containsExactly("read_back", "true");
    assertThat(storedNow(id)).isEqualTo(1);
  }

  @Test
  void aCreateCommittedWithItsEventsLeavesTheConnectionReadyForTheNextTransaction() {
    Jdbi jdbi = jdbi();
    String first = jdbi.inTransaction(h -> create(h, product("with_commit")));
    try (Handle h = jdbi.open()) {
      assertThat(stored(h, first)).isEqualTo(1);
      assertThat(h.createQuery("SELECT count(*) FROM resources WHERE object = 'event' AND body #>> '{data,object,id}' = :id")
          .bind("id", first).mapTo(Integer.class).one()).isEqualTo(1);
    }
    // The same handle again, twice: autocommit is restored and a new transaction begins cleanly.
    try (Handle h = jdbi.open()) {
      String second = h.inTransaction(tx -> create(tx, product("second")));
      assertThat(h.isInTransaction()).isFalse();
      String third = h.inTransaction(tx -> create(tx, product("third")));
      assertThat(stored(h, second) + stored(h, third)).isEqualTo(2);
    }
  }

  @Test
  void aRolledBackTransactionStoresNoCreateWaitingInIt() {
    ObjectNode product = product("rolled_back_create");
    assertThatThrownBy(() -> jdbi().useTransaction(h -> {
      create(h, product);
      throw new IllegalStateException("the request fails after its create");
    })).hasMessageContaining("the request fails");
    assertThat(storedNow(product.get("id").asText())).isZero();
  }

  @Test
  void aCreateThatFailsAtTheCommitRollsBackTheWholeTransaction() {
    ObjectNode taken = product("taken");
    String id = jdbi().inTransaction(h -> create(h, taken));
    String earlier = "prod_earlier_" + System.nanoTime();
    assertThatThrownBy(() -> jdbi().useTransaction(h -> {
      h.createUpdate("INSERT INTO resources (id, owner, object, created, body) VALUES (:id, :owner, 'product', 0, '{}')")
          .bind("id", earlier).bind("owner", platform).execute();
      create(h, taken.deepCopy()); // the same id: the primary key refuses it when it is written, at the commit
    })).hasMessageContaining("resources_pkey");
    try (Handle h = jdbi().open()) {
      assertThat(stored(h, earlier)).as("the statement before the failed create is rolled back with it").isZero();
      assertThat(stored(h, id)).isEqualTo(1);
      assertThat(h.createQuery("SELECT 1").mapTo(Integer.class).one()).isEqualTo(1); // the pooled connection still works
    }
  }

  @Test
  void twoCreatesInOneTransactionAreBothStored() {
    List<String> ids = jdbi().inTransaction(h -> List.of(create(h, product("one")), create(h, product("two"))));
    assertThat(storedNow(ids.get(0)) + storedNow(ids.get(1))).isEqualTo(2);
  }

  @Test
  void thousandsOfEventsInOneTransactionAreAllWrittenInThePublishedOrder() {
    // 17,000 events take 68,000 bind parameters: past the 65,535 one statement can have, so they
    // are written in several, which must still commit together and keep the order published. They
    // belong to an account of their own and go to no endpoint, so no other test's list or webhook
    // receiver sees them.
    String owner = "acct_bulk_" + System.nanoTime();
    long now = System.currentTimeMillis();
    List<String> ids = jdbi().inTransaction(h -> {
      List<String> published = new ArrayList<>();
      for (int i = 0; i < 17_000; i++) {
        String id = "evt_bulk_" + i + "_" + now;
        PublishOnCommit.add(h, new PublishOnCommit.Pending(id, owner, now / 1000,
            "{\"id\": \"" + id + "\", \"object\": \"event\", \"type\": \"product.updated\"}", List.of(), now));
        published.add(id);
      }
      return published;
    });
    List<String> stored = jdbi().withHandle(h -> h.createQuery("SELECT id FROM resources WHERE owner = :owner ORDER BY seq")
        .bind("owner", owner).mapTo(String.class).list());
    assertThat(stored).containsExactlyElementsOf(ids);
  }

  private String deferInsert(Handle h, String id) {
    PublishOnCommit.deferWrite(h, "INSERT INTO resources (id, owner, object, created, body) VALUES (:id, :owner, 'product', 0, '{}')",
        update -> update.bind("id", id).bind("owner", platform));
    return id;
  }

  @Test
  void aDeferredWriteIsReadByTheTransactionsNextStatementAndCommitsWithIt() {
    Jdbi jdbi = jdbi();
    try (Handle h = jdbi.open()) {
      String id = "prod_deferred_" + System.nanoTime();
      int seen = h.inTransaction(tx -> {
        deferInsert(tx, id);
        return stored(tx, id); // the waiting write runs just before this read
      });
      assertThat(seen).isEqualTo(1);
      String alone = "prod_deferred_alone_" + System.nanoTime();
      h.useTransaction(tx -> deferInsert(tx, alone)); // nothing follows it: it goes with the COMMIT
      assertThat(h.isInTransaction()).isFalse();
      assertThat(stored(h, id) + stored(h, alone)).isEqualTo(2);
    }
  }

  @Test
  void aRolledBackTransactionDropsItsDeferredWrite() {
    String id = "prod_deferred_rolled_back_" + System.nanoTime();
    assertThatThrownBy(() -> jdbi().useTransaction(h -> {
      deferInsert(h, id);
      throw new IllegalStateException("the request fails after its write");
    })).hasMessageContaining("the request fails");
    assertThat(storedNow(id)).isZero();
  }

  @Test
  void aDeferredWriteThatFailsAtTheCommitRollsBackTheWholeTransaction() {
    String taken = jdbi().inTransaction(h -> deferInsert(h, "prod_deferred_taken_" + System.nanoTime()));
    String earlier = "prod_deferred_earlier_" + System.nanoTime();
    assertThatThrownBy(() -> jdbi().useTransaction(h -> {
      h.createUpdate("INSERT INTO resources (id, owner, object, created, body) VALUES (:id, :owner, 'product', 0, '{}')")
          .bind("id", earlier).bind("owner", platform).execute();
      deferInsert(h, taken); // the same id: refused when it is written, at the commit
    })).hasMessageContaining("resources_pkey");
    try (Handle h = jdbi().open()) {
      assertThat(stored(h, earlier)).as("the statement before the failed write is rolled back with it").isZero();
      assertThat(h.createQuery("SELECT 1").mapTo(Integer.class).one()).isEqualTo(1);
    }
  }

  @Test
  void aDeferredWriteAndCreatesWithTheirEventsInOneTransactionAreAllStored() {
    String deferred = "prod_deferred_mixed_" + System.nanoTime();
    List<String> ids = jdbi().inTransaction(h -> {
      String first = create(h, product("before_deferred"));
      deferInsert(h, deferred);
      String second = create(h, product("after_deferred"));
      return List.of(first, second);
    });
    assertThat(storedNow(ids.get(0)) + storedNow(deferred) + storedNow(ids.get(1))).isEqualTo(3);
  }
}

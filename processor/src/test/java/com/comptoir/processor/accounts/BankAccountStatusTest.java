package com.comptoir.processor.accounts;

import com.comptoir.processor.store.LifecycleTables;
import org.junit.jupiter.api.Test;

class BankAccountStatusTest {
  @Test
  void onlyAFailedPayoutMovesABankAccountAndThePlatformHearsOfIt() {
    LifecycleTables.check(BankAccountStatus.class, LifecycleTables.moves(
        "new -> errored : account.external_account.updated",
        "validated -> errored : account.external_account.updated",
        "verified -> errored : account.external_account.updated",
        "verification_failed -> errored : account.external_account.updated"));
  }
}

package com.comptoir.processor.accounts;

import com.comptoir.processor.store.LifecycleTables;
import org.junit.jupiter.api.Test;

class CapabilityStatusTest {
  @Test
  void requestedCapabilitiesFollowTheRequirementsEitherWayAndEveryMoveIsPublished() {
    LifecycleTables.check(CapabilityStatus.class, LifecycleTables.moves(
        "unrequested -> inactive : capability.updated",
        "unrequested -> pending : capability.updated",
        "unrequested -> active : capability.updated",
        "inactive -> pending : capability.updated",
        "inactive -> active : capability.updated",
        "inactive -> unrequested : capability.updated",
        "pending -> inactive : capability.updated",
        "pending -> active : capability.updated",
        "pending -> unrequested : capability.updated",
        "active -> inactive : capability.updated",
        "active -> pending : capability.updated",
        "active -> unrequested : capability.updated"));
  }
}

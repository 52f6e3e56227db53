package com.comptoir.database;

import java.nio.file.Path;

/** Another running Comptoir holds the data folder's PostgreSQL. */
public final class DataFolderInUseException extends IllegalStateException {
  DataFolderInUseException(Path dataDir) {
    super("another Comptoir is already running on " + dataDir + " (COMPTOIR_DATA_DIR); stop it or choose another data folder");
  }
}

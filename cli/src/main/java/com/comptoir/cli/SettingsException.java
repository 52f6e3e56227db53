package com.comptoir.cli;

/** A setting that cannot be used; its message names the setting and what it should be. */
final class SettingsException extends RuntimeException {
  SettingsException(String message) {
    super(message);
  }
}

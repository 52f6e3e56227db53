package com.comptoir.cli.demo;

/** The demo's world could not be made as planned; the message says at which step and what the page or API answered. */
final class DemoException extends RuntimeException {
  DemoException(String message) {
    super(message);
  }
}

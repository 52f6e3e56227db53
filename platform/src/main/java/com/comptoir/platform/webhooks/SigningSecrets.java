package com.comptoir.platform.webhooks;

/** The signing secrets of the platform endpoint ({@code /webhooks/stripe}) and the Connect one ({@code /webhooks/stripe/connect}). */
public record SigningSecrets(String platform, String connect) {
  @Override
  public String toString() {
    return "SigningSecrets[...]";
  }
}

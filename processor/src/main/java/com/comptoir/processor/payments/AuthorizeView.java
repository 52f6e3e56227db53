package com.comptoir.processor.payments;

/** The test bank's or card issuer's page where a customer authorizes (or fails) a payment. */
public record AuthorizeView(String title, String heading, String text, String merchant, String amount, String action,
    String authorizeLabel, String failLabel) {}

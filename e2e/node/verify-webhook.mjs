// Verifies one webhook delivery with the official Node SDK, as a Node receiver would:
// stripe.webhooks.constructEvent(rawBody, Stripe-Signature header, endpoint secret).
// Input on stdin: {"payload": "...", "signature": "t=...,v1=...", "secret": "whsec_..."}.
// Prints "verified <event id> <type> <object id>" and exits 0, or the SDK's error and exits 1.
import Stripe from 'stripe';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const {payload, signature, secret} = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const stripe = new Stripe('sk_test_unused_for_verification');
try {
  const event = stripe.webhooks.constructEvent(payload, signature, secret);
  console.log(`verified ${event.id} ${event.type} ${event.data.object.id}`);
} catch (e) {
  console.log(`rejected ${e.type}: ${e.message}`);
  process.exitCode = 1;
}

// The official, unmodified Stripe Node SDK against a live Comptoir processor: the calls a
// platform makes on connected accounts, and the errors the SDK must map to its own classes.
//
//   COMPTOIR_PROCESSOR_URL=http://127.0.0.1:12111 COMPTOIR_SECRET_KEY=sk_test_... node account-flow.mjs
//   (optional) COMPTOIR_PLATFORM_ACCOUNT_ID=acct_...  checks GET /v1/account without Stripe-Account
//
// Each step makes its own accounts, so steps are independent and a new endpoint is one more
// entry in STEPS. Every step runs; the exit code is 1 if any failed, with what and why printed.
// Run by processor/src/test/java/com/comptoir/processor/conformance/NodeSdkFlowTest.java.

import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import Stripe from 'stripe';

const url = new URL(required('COMPTOIR_PROCESSOR_URL'));
const key = required('COMPTOIR_SECRET_KEY');
const platformAccountId = process.env.COMPTOIR_PLATFORM_ACCOUNT_ID;

/** Stripe's documented test IBAN (FR), valid under the mod-97 check. */
const TEST_IBAN_FR = 'FR1420041010050500013M02606';

// host/port/protocol is how the SDK is pointed anywhere but api.stripe.com; everything else is default
const config = {
  host: url.hostname,
  port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
  protocol: url.protocol.replace(':', ''),
  timeout: 15_000,
};
const stripe = new Stripe(key, config);

const STEPS = [
  ['an account created without parameters is a Standard account, as in Stripe\'s guide', async () => {
    const account = await stripe.accounts.create();
    assert.match(account.id, /^acct_[A-Za-z0-9]{16}$/);
    assert.equal(account.object, 'account');
    assert.equal(account.type, 'standard');
    assert.equal(account.controller.type, 'account');
    assert.equal(account.country, 'US');
    assert.equal(account.default_currency, 'usd');
    assert.equal(typeof account.created, 'number');
    assert.equal(account.charges_enabled, false);
    assert.equal(account.payouts_enabled, false);
    assert.equal(account.details_submitted, false);
    assert.deepEqual(account.metadata, {});
    assert.ok(account.requirements.currently_due.includes('external_account'), account.requirements.currently_due.join());
    assert.equal(account.requirements.disabled_reason, 'requirements.past_due');
    assert.deepEqual(account.capabilities, {card_payments: 'inactive', transfers: 'inactive'});
    assert.equal(account.external_accounts.object, 'list');
    assert.equal(account.external_accounts.url, `/v1/accounts/${account.id}/external_accounts`);
    assert.equal(account.settings.payouts.schedule.interval, 'daily');
    assert.match(account.lastResponse.requestId, /^req_[A-Za-z0-9]{14}$/);
    assert.equal(account.lastResponse.statusCode, 200);
    // the SDK sends its pinned version; the processor answers in it
    assert.equal(account.lastResponse.headers['stripe-version'], Stripe.API_VERSION);
  }],

  ['a prefilled French account reads back as sent, bank account included', async () => {
    const account = await stripe.accounts.create({
      country: 'FR',
      email: 'atelier@example.fr',
      business_type: 'company',
      business_profile: {
        name: "L'Atelier du Pain",
        url: 'https://atelier.example.fr',
        mcc: '5462',
        product_description: 'Bread and pastries',
        support_email: 'aide@example.fr',
      },
      metadata: {store_id: 'store_42', plan: 'pro'},
      external_account: {object: 'bank_account', country: 'FR', currency: 'eur', account_number: TEST_IBAN_FR},
    });
    assert.equal(account.country, 'FR');
    assert.equal(account.default_currency, 'eur');
    assert.equal(account.email, 'atelier@example.fr');
    assert.equal(account.business_type, 'company');
    assert.equal(account.business_profile.name, "L'Atelier du Pain");
    assert.equal(account.business_profile.url, 'https://atelier.example.fr');
    assert.equal(account.business_profile.mcc, '5462');
    assert.equal(account.business_profile.support_email, 'aide@example.fr');
    assert.deepEqual(account.metadata, {store_id: 'store_42', plan: 'pro'});
    for (const met of ['business_profile.url', 'business_profile.mcc', 'external_account', 'business_type']) {
      assert.ok(!account.requirements.currently_due.includes(met), `${met} should no longer be due`);
    }
    assert.equal(account.external_accounts.data.length, 1);
    const bank = account.external_accounts.data[0];
    assert.equal(bank.object, 'bank_account');
    assert.match(bank.id, /^ba_/);
    assert.equal(bank.last4, '2606');
    assert.equal(bank.currency, 'eur');
    assert.equal(bank.account, account.id);

    const again = await stripe.accounts.retrieve(account.id);
    assert.deepEqual(again, account); // lastResponse is not enumerable, so only the object is compared
  }],

  ['metadata updates merge, and an empty string deletes a key or all of them', async () => {
    const account = await stripe.accounts.create({metadata: {store_id: 'store_7', plan: 'basic', referrer: 'fair'}});
    const updated = await stripe.accounts.update(account.id, {
      metadata: {plan: 'pro', referrer: '', onboarded_by: 'sales'},
      business_profile: {name: 'Chez Paul'},
    });
    assert.deepEqual(updated.metadata, {store_id: 'store_7', plan: 'pro', onboarded_by: 'sales'});
    assert.equal(updated.business_profile.name, 'Chez Paul');

    const cleared = await stripe.accounts.update(account.id, {metadata: '', email: 'paul@example.com'});
    assert.deepEqual(cleared.metadata, {});
    assert.equal(cleared.email, 'paul@example.com');
  }],

  ['auto-pagination walks every account newest first, without duplicates', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push((await stripe.accounts.create({metadata: {n: String(i)}})).id);
    }
    const since = (await stripe.accounts.retrieve(created[0])).created;

    // pages of two force the SDK through starting_after cursors; the created filter keeps the
    // walk short on a processor other tests share
    const first = await stripe.accounts.list({limit: 2, created: {gte: since}});
    assert.equal(first.object, 'list');
    assert.equal(first.data.length, 2);
    assert.equal(first.has_more, true);
    assert.equal(first.url, '/v1/accounts');

    const walked = [];
    for await (const account of stripe.accounts.list({limit: 2, created: {gte: since}})) {
      walked.push(account);
    }
    const ids = walked.map((a) => a.id);
    assert.equal(new Set(ids).size, ids.length, `an account came twice: ${ids.join(', ')}`);
    assertSubsequence(ids, [...created].reverse(), 'ours, newest first');
    for (let i = 1; i < walked.length; i++) {
      assert.ok(walked[i - 1].created >= walked[i].created, `not newest first at ${i}: ${ids.join(', ')}`);
    }
    const viaToArray = await stripe.accounts.list({limit: 2, created: {gte: since}}).autoPagingToArray({limit: 100});
    assert.deepEqual(viaToArray.map((a) => a.id), ids);

    // and backwards: ending_before gives the accounts just newer than the cursor, still newest first
    const newer = await stripe.accounts.list({ending_before: created[0], limit: 2});
    assert.deepEqual(newer.data.map((a) => a.id), [created[2], created[1]]);
  }],

  ['stripeAccount in the request options acts as the connected account', async () => {
    const shop = await stripe.accounts.create({email: 'shop@example.com'});
    const current = await stripe.accounts.retrieveCurrent({}, {stripeAccount: shop.id});
    assert.equal(current.id, shop.id);
    assert.equal(current.email, 'shop@example.com');
    // retrieve(null) is the SDK's other spelling of GET /v1/account
    assert.equal((await stripe.accounts.retrieve(null, {}, {stripeAccount: shop.id})).id, shop.id);

    // without the header, the current account is the platform itself
    const platform = await stripe.accounts.retrieveCurrent();
    assert.notEqual(platform.id, shop.id);
    assert.equal(platform.charges_enabled, true);
    if (platformAccountId) {
      assert.equal(platform.id, platformAccountId);
    }
  }],

  ['a deleted account is gone for retrieve and for stripeAccount', async () => {
    const account = await stripe.accounts.create();
    const deleted = await stripe.accounts.del(account.id);
    assert.deepEqual({...deleted}, {id: account.id, object: 'account', deleted: true});
    await rejectsWith(stripe.accounts.retrieve(account.id), Stripe.errors.StripePermissionError, {statusCode: 403, code: 'account_invalid'});
    await rejectsWith(stripe.accounts.retrieveCurrent({}, {stripeAccount: account.id}), Stripe.errors.StripePermissionError, {statusCode: 403});
  }],

  ['an unknown parameter is a StripeInvalidRequestError naming it', async () => {
    const err = await rejectsWith(stripe.accounts.create({favorite_color: 'blue'}), Stripe.errors.StripeInvalidRequestError, {
      statusCode: 400, code: 'parameter_unknown', param: 'favorite_color', rawType: 'invalid_request_error',
      message: 'Received unknown parameter: favorite_color',
      doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
    });
    assert.match(err.requestId, /^req_/);
  }],

  ['an unknown list cursor is resource_missing', async () => {
    await rejectsWith(stripe.accounts.list({starting_after: 'acct_0000000000000000'}), Stripe.errors.StripeInvalidRequestError, {
      statusCode: 404, code: 'resource_missing', param: 'starting_after', message: "No such account: 'acct_0000000000000000'",
    });
  }],

  ['a field that cannot be expanded is a StripeInvalidRequestError', async () => {
    const account = await stripe.accounts.create();
    const err = await rejectsWith(stripe.accounts.retrieve(account.id, {expand: ['email']}), Stripe.errors.StripeInvalidRequestError, {statusCode: 400});
    assert.match(err.message, /email/);
  }],

  ['an invalid key is a StripeAuthenticationError with the key masked', async () => {
    const wrongKey = new Stripe('sk_test_notAKeyOfThisProcessor0000', config);
    const err = await rejectsWith(wrongKey.accounts.list(), Stripe.errors.StripeAuthenticationError, {statusCode: 401});
    assert.match(err.message, /^Invalid API Key provided: sk_test_\*+0000$/);
  }],

  ['stripeAccount naming an account of no one is a StripePermissionError', async () => {
    const err = await rejectsWith(stripe.accounts.retrieveCurrent({}, {stripeAccount: 'acct_0000000000000000'}), Stripe.errors.StripePermissionError, {
      statusCode: 403, code: 'account_invalid',
    });
    assert.match(err.message, /does not have access to account 'acct_0000000000000000'/);
  }],

  ['the same idempotency key replays the first account', async () => {
    const idempotencyKey = `flow-${randomUUID()}`;
    const first = await stripe.accounts.create({email: 'once@example.com'}, {idempotencyKey});
    const second = await stripe.accounts.create({email: 'once@example.com'}, {idempotencyKey});
    assert.equal(second.id, first.id);
    assert.equal(first.lastResponse.headers['idempotent-replayed'], undefined);
    assert.equal(second.lastResponse.headers['idempotent-replayed'], 'true');
    assert.equal(second.lastResponse.idempotencyKey, idempotencyKey);
  }],

  ['the same idempotency key with other parameters is a StripeIdempotencyError', async () => {
    const idempotencyKey = `flow-${randomUUID()}`;
    await stripe.accounts.create({email: 'a@example.com'}, {idempotencyKey});
    const err = await rejectsWith(stripe.accounts.create({email: 'b@example.com'}, {idempotencyKey}), Stripe.errors.StripeIdempotencyError, {
      statusCode: 400, rawType: 'idempotency_error',
    });
    assert.ok(err.message.includes(idempotencyKey), err.message);
  }],
];

// ---------------------------------------------------------------------------------------------

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`account-flow: set ${name} (see the top of ${new URL(import.meta.url).pathname})`);
    process.exit(2);
  }
  return value;
}

/** Awaits a rejection of class `type` whose fields equal `expected`; returns the error. */
async function rejectsWith(promise, type, expected) {
  let err;
  try {
    const result = await promise;
    assert.fail(`expected ${type.name}, but the call succeeded with ${JSON.stringify(result).slice(0, 300)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) {
      throw e;
    }
    err = e;
  }
  assert.ok(err instanceof type, `expected ${type.name}, got ${err?.constructor?.name}: ${describe(err)}`);
  for (const [field, value] of Object.entries(expected)) {
    assert.equal(err[field], value, `${type.name}.${field} (${describe(err)})`);
  }
  return err;
}

function assertSubsequence(list, wanted, what) {
  let at = 0;
  for (const item of list) {
    if (item === wanted[at]) {
      at++;
    }
  }
  assert.equal(at, wanted.length, `${what}: expected ${wanted.join(', ')} in this order within ${list.join(', ')}`);
}

function describe(err) {
  if (err instanceof Stripe.errors.StripeError) {
    return `${err.type} ${err.statusCode} code=${err.code} param=${err.param} "${err.message}" (${err.requestId})`;
  }
  return err?.stack ?? String(err);
}

async function main() {
  console.log(`stripe-node ${Stripe.PACKAGE_VERSION} (API ${Stripe.API_VERSION}) on node ${process.versions.node} -> ${url.origin}`);
  let failed = 0;
  for (const [i, [name, run]] of STEPS.entries()) {
    const started = performance.now();
    try {
      await run();
      const ms = Math.round(performance.now() - started);
      console.log(`ok ${i + 1} - ${name} (${ms} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok ${i + 1} - ${name}`);
      console.log(`    ${describe(e).split('\n').join('\n    ')}`);
    }
  }
  console.log(`flow: ${STEPS.length - failed} passed, ${failed} failed, of ${STEPS.length} steps`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();

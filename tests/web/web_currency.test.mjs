// Money in the server's currency (D14, docs/server.md "currency"): a server whose prices are in
// Swiss francs shows balances in francs, in the reader's conventions, in chromium.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { adminPassword, apiCall, goTo, launchBrowser, logIn, openPage, startServer } from './server_harness.mjs';

let server;
let browser;
const pageErrors = [];

describe('the server currency in chromium', () => {
  before(async () => {
    server = await startServer({ config: { currency: 'CHF' } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('balances are written in the server currency', async () => {
    const { json } = await apiCall(server.baseUrl, 'POST', '/api/v1/login',
      { body: { login: 'admin', password: adminPassword } });
    const created = await apiCall(server.baseUrl, 'POST', '/api/v1/users', { token: json.token,
      body: { login: 'dora', password: 'dora-password-1', name: 'Dora' } });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const topUp = await apiCall(server.baseUrl, 'POST', `/api/v1/users/${created.json.id}/top-up`,
      { token: json.token, body: { amount_cents: 1250 } });
    assert.equal(topUp.status, 200, JSON.stringify(topUp.json));

    const admin = await openPage(browser, pageErrors);
    await logIn(admin, server.baseUrl, 'admin', adminPassword);
    await goTo(admin, server.baseUrl, '/admin/users', 'Users');
    const expected = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'CHF' }).format(12.5);
    assert.match(await admin.getByRole('row', { name: /dora/ }).innerText(), new RegExp(expected.replace('.', '\\.')));
    // After a reload the session, not the log-in, says which currency.
    await admin.reload();
    await admin.getByRole('row', { name: /dora/ }).waitFor();
    assert.match(await admin.getByRole('row', { name: /dora/ }).innerText(), /CHF/);
    assert.deepEqual(pageErrors, []);
  });
});

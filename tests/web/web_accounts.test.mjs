// The administrator's account tools and the long listings, in chromium against a real
// printline-server: a user's PIN, ledger and deletion; the jobs page a page at a time; the
// dashboard's fallback jobs awaiting upload as desktop clients report them; and the session
// answers a page needs to tell "log in again" (401) from "reload the page" (403, CSRF).

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { adminPassword, apiCall, goTo, launchBrowser, logIn, openPage, startServer } from './server_harness.mjs';

let server;
let browser;
let admin; // the administrator's page, logged in once
let adminToken;
const pageErrors = [];

const go = (page, hash, heading) => goTo(page, server.baseUrl, hash, heading);
const call = (method, path, body, token = adminToken) => apiCall(server.baseUrl, method, path, { token, body });
const loginToken = async (login, password) =>
  (await apiCall(server.baseUrl, 'POST', '/api/v1/login', { body: { login, password } })).json.token;

// `count` jobs printed in fallback, as a desktop client uploads them after an outage.
async function uploadJobs(token, count) {
  const base = Date.now() - 3600 * 1000;
  const jobs = Array.from({ length: count }, (_, i) => ({
    uuid: randomUUID(), printer: 'lobby-hp', title: `paged-${String(i + 1).padStart(2, '0')}.pdf`,
    printed_at: new Date(base + i * 1000).toISOString().replace(/\.\d+Z$/, 'Z'), pages: 1 }));
  const answer = await call('POST', '/api/v1/accounting/fallback-jobs', { jobs }, token);
  assert.equal(answer.json.accepted, count, JSON.stringify(answer.json));
}

describe('accounts, paging, client reports and CSRF in chromium', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminToken = await loginToken('admin', adminPassword);
    // Each test works with its own users, so any one can run alone, in any order.
    for (const login of ['alice', 'temp', 'keeper', 'pager']) {
      const made = await call('POST', '/api/v1/users', { login, password: `${login}-password` });
      assert.equal(made.status, 201, JSON.stringify(made.json));
    }
    const printer = await call('POST', '/api/v1/printers', { name: 'lobby-hp',
      device_uri: 'socket://127.0.0.1:9', color: false, largest_paper: 'A4', duplex: false,
      fallback_allowed: true });
    assert.equal(printer.status, 201, JSON.stringify(printer.json));
    // Offline jobs are charged only on a fallback printer of the user's profile (D12).
    const profile = await call('POST', '/api/v1/profiles', { name: 'offline', assigned_users: ['alice', 'pager'],
      server_addresses: [server.baseUrl], fallback: { enabled: true, printer_ids: [printer.json.id],
        port: { protocol: 'RAW', port: 9100, queue: '' } } });
    assert.equal(profile.status, 201, JSON.stringify(profile.json));
    await call('PUT', '/api/v1/price-list', { prices: [{ paper: 'A4', color: false, cents_per_page: 10 }] });
    admin = await openPage(browser, pageErrors);
    admin.on('dialog', (dialog) => dialog.accept());
    await logIn(admin, server.baseUrl, 'admin', adminPassword);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('an administrator sets and clears a PIN; a PIN too short is refused at its field', async () => {
    await go(admin, '/admin/users', 'Users');
    await admin.getByRole('button', { name: 'PIN of alice' }).click();
    let form = admin.getByRole('form', { name: 'PIN of alice' });
    await form.getByLabel('New PIN (4 digits or more)').fill('12');
    await form.getByRole('button', { name: 'Set PIN' }).click();
    await form.locator('[data-field="pin"] .field-error').getByText(/4 digits or more/).waitFor();
    await form.getByLabel('New PIN (4 digits or more)').fill('4321');
    await form.getByRole('button', { name: 'Set PIN' }).click();
    await admin.getByText('PIN of alice set.').waitFor();
    let alice = (await call('GET', '/api/v1/users/alice')).json;
    assert.equal(alice.has_pin, true);

    await admin.getByRole('button', { name: 'PIN of alice' }).click();
    form = admin.getByRole('form', { name: 'PIN of alice' });
    await form.getByRole('button', { name: 'Clear PIN of alice' }).click();
    await admin.getByText('PIN of alice cleared.').waitFor();
    alice = (await call('GET', '/api/v1/users/alice')).json;
    assert.equal(alice.has_pin, false);
  });

  test("a user's ledger lists top-ups, charges and refunds with the balance after each", async () => {
    const alice = (await call('GET', '/api/v1/users/alice')).json;
    await call('POST', `/api/v1/users/${alice.id}/top-up`, { amount_cents: 500, note: 'cash' });
    const uuid = randomUUID();
    const printedAt = new Date(Date.now() - 7200 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    await call('POST', '/api/v1/accounting/fallback-jobs', { jobs: [{ uuid, printer: 'lobby-hp',
      printed_at: printedAt, title: 'refunded.pdf', pages: 3 }] }, await loginToken('alice', 'alice-password'));
    const refund = await call('POST', `/api/v1/jobs/${uuid}/refund`, { reason: 'paper jam' });
    assert.equal(refund.status, 200, JSON.stringify(refund.json));

    await go(admin, '/admin/users', 'Users');
    await admin.getByRole('button', { name: 'Ledger of alice' }).click();
    const ledger = admin.getByRole('region', { name: 'Ledger of alice' });
    await ledger.waitFor();
    const rows = ledger.getByRole('row');
    assert.equal(await rows.count(), 4); // the header and three entries
    assert.match(await rows.nth(1).innerText(), /refund\s+€0\.30\s+€5\.00.*paper jam/s);
    assert.match(await rows.nth(2).innerText(), /charge\s+-€0\.30\s+€4\.70/s);
    assert.match(await rows.nth(3).innerText(), /top-up\s+€5\.00\s+€5\.00.*admin.*cash/s);
  });

  test('a group of users made on its page gives its members the profile assigned to it', async () => {
    const made = await call('POST', '/api/v1/users', { login: 'carol', password: 'carol-password' });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    await go(admin, '/admin/user-groups', 'User groups');
    await admin.getByText('No groups of users yet.', { exact: false }).waitFor();
    await admin.getByRole('button', { name: 'Add a group of users' }).click();
    let form = admin.getByRole('form', { name: 'Add a group of users' });
    await form.getByLabel('Name').fill('accounting');
    await form.getByLabel('Members (Ctrl-click to pick several)').selectOption(['carol']);
    await form.getByRole('button', { name: 'Add group' }).click();
    await admin.getByText('Group of users "accounting" saved.').waitFor();
    assert.match(await admin.getByRole('row', { name: /accounting/ }).innerText(), /carol/);

    const profile = await call('POST', '/api/v1/profiles', { name: 'accounting floor',
      assigned_groups: ['accounting'], server_addresses: [server.baseUrl] });
    assert.equal(profile.status, 201, JSON.stringify(profile.json));
    const carolsProfile = await call('GET', '/api/v1/me/profile', undefined,
      await loginToken('carol', 'carol-password'));
    assert.equal(carolsProfile.json.profile?.name, 'accounting floor', JSON.stringify(carolsProfile.json));

    // Renaming it would detach the profile: refused, and the message names the profile.
    await admin.getByRole('button', { name: 'Edit accounting' }).click();
    form = admin.getByRole('form', { name: 'Edit group of users accounting' });
    await form.getByLabel('Name').fill('acct');
    await form.getByRole('button', { name: 'Save group' }).click();
    await admin.getByText(/profile "accounting floor" is assigned to group "accounting"/).waitFor();
    assert.equal((await call('GET', '/api/v1/user-groups/accounting')).status, 200);
  });

  test("a group's quota set on its page holds members without their own, and says so to both", async () => {
    const made = await call('POST', '/api/v1/users', { login: 'dora', password: 'dora-password' });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    const group = await call('POST', '/api/v1/user-groups', { name: 'interns', member_ids: [made.json.id] });
    assert.equal(group.status, 201, JSON.stringify(group.json));

    await go(admin, '/admin/user-groups', 'User groups');
    await admin.getByRole('button', { name: 'Edit interns' }).click();
    const form = admin.getByRole('form', { name: 'Edit group of users interns' });
    await form.getByLabel('Period').selectOption('month');
    await form.getByLabel('Page limit').fill('25');
    await form.getByRole('button', { name: 'Save group' }).click();
    await admin.getByText('Group of users "interns" saved.').waitFor();
    assert.match(await admin.getByRole('row', { name: /interns/ }).innerText(), /25 pages per month/);
    const saved = (await call('GET', '/api/v1/user-groups/interns')).json;
    assert.deepEqual(saved.quota, { period: 'month', page_limit: 25, cost_limit_cents: null });

    await go(admin, '/admin/users', 'Users');
    assert.match(await admin.getByRole('row', { name: /dora/ }).innerText(), /0\/25 pages per month \(group interns\)/);

    const dora = await openPage(browser, pageErrors);
    await logIn(dora, server.baseUrl, 'dora', 'dora-password');
    await go(dora, '/my/account', 'My balance');
    await dora.getByText('Your quota is the one of group interns.').waitFor();
    await dora.getByText('0 used of 25').waitFor();
    await dora.close();
  });

  test('users change their own password and PIN, and their language follows them to another browser', async () => {
    const made = await call('POST', '/api/v1/users', { login: 'gina', password: 'gina-password' });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    const gina = await openPage(browser, pageErrors);
    await logIn(gina, server.baseUrl, 'gina', 'gina-password');
    await go(gina, '/my/account', 'My balance');

    let form = gina.getByRole('form', { name: 'Change my password' });
    await form.getByLabel('Current password').fill('not-my-password');
    await form.getByLabel('New password (8 characters or more)').fill('gina-new-password');
    await form.getByLabel('New password again').fill('gina-new-password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.locator('[data-field="current_password"] .field-error').getByText(/not this one/).waitFor();
    await form.getByLabel('Current password').fill('gina-password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await gina.getByText(/^Password changed\./).waitFor();
    assert.equal((await apiCall(server.baseUrl, 'POST', '/api/v1/login',
      { body: { login: 'gina', password: 'gina-new-password' } })).status, 200);

    form = gina.getByRole('form', { name: 'My PIN' });
    await form.getByLabel('Current password').fill('gina-new-password');
    await form.getByLabel('New PIN (4 digits or more)').fill('2468');
    await form.getByRole('button', { name: 'Set PIN' }).click();
    await gina.getByText('PIN set.').waitFor();
    assert.equal((await call('GET', '/api/v1/users/gina')).json.has_pin, true);

    // Her choice of French is kept for her account: another browser, in English, shows French.
    await gina.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await gina.getByRole('heading', { level: 1, name: 'Mon solde' }).waitFor();
    for (let i = 0; i < 50 && (await call('GET', '/api/v1/users/gina')).json.language !== 'fr'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal((await call('GET', '/api/v1/users/gina')).json.language, 'fr');
    const elsewhere = await openPage(browser, pageErrors, 'en-US');
    await elsewhere.goto(`${server.baseUrl}/`);
    const login = elsewhere.getByRole('form', { name: 'Log in' });  // English until she is known
    await login.getByLabel('Login').fill('gina');
    await login.getByLabel('Password').fill('gina-new-password');
    await login.getByRole('button', { name: 'Log in' }).click();
    await elsewhere.getByRole('heading', { level: 1, name: 'Mes travaux' }).waitFor();
    await elsewhere.context().close();
    await gina.context().close();
  });

  test('delete asks first; a user with accounting is kept with the reason, one without goes', async () => {
    // A top-up is accounting: the ledger keeps it, so the user stays.
    const keeper = (await call('GET', '/api/v1/users/keeper')).json;
    await call('POST', `/api/v1/users/${keeper.id}/top-up`, { amount_cents: 100, note: 'cash' });
    await go(admin, '/admin/users', 'Users');
    await admin.getByRole('button', { name: 'Delete keeper' }).click();
    await admin.getByRole('alert').getByText(/User "keeper" was not deleted: .*accounting/).waitFor();
    assert.equal((await call('GET', '/api/v1/users/keeper')).status, 200);

    const asked = [];
    const page = await openPage(browser, pageErrors);
    await logIn(page, server.baseUrl, 'admin', adminPassword);
    await go(page, '/admin/users', 'Users');
    page.once('dialog', (dialog) => { asked.push(dialog.message()); dialog.dismiss(); });
    await page.getByRole('button', { name: 'Delete temp' }).click();
    await page.waitForTimeout(200);
    assert.match(asked[0] ?? '', /Delete the user temp\? This cannot be undone/);
    assert.equal((await call('GET', '/api/v1/users/temp')).status, 200, 'dismissed: still there');
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete temp' }).click();
    await page.getByText('User "temp" deleted.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Delete temp' }).count(), 0);
    assert.equal((await call('GET', '/api/v1/users/temp')).status, 404);
    await page.context().close();
  });

  test('the jobs page shows 50 jobs at a time with Previous, Next and the count', async () => {
    await uploadJobs(await loginToken('pager', 'pager-password'), 61);
    const total = (await call('GET', '/api/v1/jobs?limit=1&user=pager')).json.total;
    assert.equal(total, 61);
    await go(admin, '/admin/jobs', 'Jobs');
    await admin.getByLabel('User', { exact: true }).selectOption('pager');
    await admin.getByRole('button', { name: 'Show jobs' }).click();
    const pager = admin.getByRole('navigation', { name: 'Job pages' });
    await pager.getByText('Jobs 1–50 of 61.').waitFor();
    assert.equal(await admin.locator('main tbody tr').count(), 50);
    assert.equal(await pager.getByRole('button', { name: 'Previous' }).isDisabled(), true);
    await admin.getByRole('row', { name: /paged-61\.pdf/ }).waitFor(); // newest first

    await pager.getByRole('button', { name: 'Next' }).click();
    await pager.getByText('Jobs 51–61 of 61.').waitFor();
    assert.equal(await admin.locator('main tbody tr').count(), 11);
    assert.equal(await pager.getByRole('button', { name: 'Next' }).isDisabled(), true);
    await admin.getByRole('row', { name: /paged-01\.pdf/ }).waitFor();
    assert.equal(await admin.getByRole('row', { name: /refunded\.pdf/ }).count(), 0);  // pager's only

    await pager.getByRole('button', { name: 'Previous' }).click();
    await pager.getByText('Jobs 1–50 of 61.').waitFor();
  });

  test("the dashboard shows the fallback jobs each desktop client reports it has not uploaded", async () => {
    const alice = await loginToken('alice', 'alice-password');
    const report = await call('PUT', '/api/v1/me/client-report', { client_id: 'client-ws-042',
      hostname: 'ws-042', os_user: 'amartin', fallback_jobs_awaiting_upload: 3 }, alice);
    assert.equal(report.status, 200, JSON.stringify(report.json));
    assert.deepEqual(report.json.held_jobs_expiring, []);
    await call('PUT', '/api/v1/me/client-report', { client_id: 'client-ws-007', hostname: 'ws-007',
      os_user: 'amartin', fallback_jobs_awaiting_upload: 2 }, alice);
    // Only administrators read them.
    assert.equal((await call('GET', '/api/v1/admin/client-reports', undefined, alice)).status, 403);

    await go(admin, '/admin/dashboard', 'Dashboard');
    await admin.getByRole('link', { name: /^5 Fallback jobs awaiting upload/ }).waitFor();
    const clients = admin.getByRole('region', { name: 'Desktop clients' });
    const row = clients.getByRole('row', { name: /ws-042/ });
    assert.match(await row.innerText(), /amartin\s+alice\s+3\s+[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M/);
    await clients.getByRole('row', { name: /ws-007/ }).waitFor();
  });

  test('a change without the CSRF token, or a wrong one, is 403 "reload"; an ended session is 401', async () => {
    const page = await openPage(browser, pageErrors);
    await logIn(page, server.baseUrl, 'alice', 'alice-password');
    await page.getByRole('heading', { level: 1, name: 'My jobs' }).waitFor();
    const post = (headers) => page.evaluate(async (h) => {
      const r = await fetch('/api/v1/me/client-report', { method: 'PUT', headers: { 'Content-Type': 'application/json', ...h },
        body: JSON.stringify({ client_id: 'x', fallback_jobs_awaiting_upload: 0 }) });
      return { status: r.status, body: await r.json() };
    }, headers);
    const csrf = await page.evaluate(async () => (await (await fetch('/web/session')).json()).csrf_token);

    for (const headers of [{}, { 'X-CSRF-Token': 'not-the-token' }]) {
      const refused = await post(headers);
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'csrf');
      assert.match(refused.body.error.message, /CSRF.*Reload the page/s);
    }
    assert.equal((await post({ 'X-CSRF-Token': csrf })).status, 200);

    // The session ends (a password reset revokes it): the same request is now 401, log in again.
    const alice = (await call('GET', '/api/v1/users/alice')).json;
    await call('POST', `/api/v1/users/${alice.id}/password`, { password: 'alice-password' });
    const ended = await post({ 'X-CSRF-Token': csrf });
    assert.equal(ended.status, 401);
    assert.match(ended.body.error.message, /Log in again/);
    // And no session at all is 401 too.
    await page.context().clearCookies();
    assert.equal((await post({ 'X-CSRF-Token': csrf })).status, 401);
    await page.context().close();
  });

  test('no script error on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});

// The web interface end to end: a real printline-server and Debian's chromium. An
// administrator sets things up through the pages; the desktop client's view of the result is
// checked through the REST API with the user's own token.
// Each test stands on its own (any one can run alone, in any order): the printers, price list
// and default profile it builds on are made through the API before the tests, and every test
// makes, through the API, the user (and profile) it works with, under a name no other test
// uses.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { readFileSync } from 'node:fs';

import { ippPrintJob, ippPrinterOperation } from './ipp_print_job.mjs';
import { adminPassword, apiCall, goTo, launchBrowser, logIn, openPage, startServer } from './server_harness.mjs';

let server;
let browser;
let admin; // the administrator's page, logged in once
let adminToken;
const printerIds = {};
const pageErrors = [];

const newPage = () => openPage(browser, pageErrors);
const go = (page, hash, heading) => goTo(page, server.baseUrl, hash, heading);

async function addPrinter(page, p) {
  await go(page, '/admin/printers', 'Printers');
  await page.getByRole('button', { name: 'Add a printer' }).click();
  const form = page.getByRole('form', { name: 'Add a printer' });
  await form.getByLabel('Name', { exact: true }).fill(p.name);
  await form.getByLabel('Device URI').fill(p.device_uri);
  await form.getByLabel('Vendor').fill(p.vendor);
  await form.getByLabel('Location').fill(p.location);
  await form.getByLabel('Largest paper').selectOption(p.largest_paper);
  await form.getByLabel('Paper sizes it takes').fill((p.paper_sizes || []).join(', '));
  await form.getByLabel('Language (RAW and LPR printers)').selectOption(p.language || 'auto');
  await form.getByLabel('Colour').setChecked(p.color);
  await form.getByLabel('Duplex').setChecked(p.duplex);
  await form.getByLabel('Fallback printing allowed').setChecked(true);
  await form.getByLabel('This printer has a device spooling port').setChecked(!!p.spooling_port);
  if (p.spooling_port) {
    await form.getByLabel('Protocol').selectOption(p.spooling_port.protocol);
    await form.getByLabel('Port', { exact: true }).fill(String(p.spooling_port.port));
    await form.getByLabel('Queue').fill(p.spooling_port.queue);
  }
  await form.getByRole('button', { name: 'Add printer' }).click();
  await page.getByText(`Printer "${p.name}" saved.`).waitFor();
}

const kyocera = { name: 'floor2-kyocera', device_uri: 'socket://127.0.0.1:9101', vendor: 'Kyocera',
  location: '2nd floor', largest_paper: 'A3', color: true, duplex: true,
  language: 'pcl-xl', paper_sizes: ['A4', 'A3'],
  spooling_port: { protocol: 'LPR', port: 515, queue: 'spool' } };
const hp = { name: 'lobby-hp', device_uri: 'socket://127.0.0.1:9102', vendor: 'HP',
  location: 'Lobby', largest_paper: 'A4', color: false, duplex: false, spooling_port: null };
const annex = { name: 'annex-kyocera', device_uri: 'socket://127.0.0.1:9103', vendor: 'Kyocera',
  location: 'Annex', largest_paper: 'A4', color: false, duplex: true, spooling_port: null };

// Pages' printers: made through the pages by the first test, beside the API's above.
const hall = [
  { ...kyocera, name: 'hall-kyocera', device_uri: 'socket://127.0.0.1:9111' },
  { ...hp, name: 'hall-hp', device_uri: 'socket://127.0.0.1:9112' },
  { ...annex, name: 'hall-annex', device_uri: 'socket://127.0.0.1:9113' },
];

async function asAdmin(method, path, body) {
  const answer = await apiCall(server.baseUrl, method, path, { token: adminToken, body });
  assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

// A user of one test's own, logged in through the API as a desktop client would be.
async function newUser(login) {
  const password = `${login}-password`;
  const user = await asAdmin('POST', '/api/v1/users', { login, password, name: login });
  const { json } = await apiCall(server.baseUrl, 'POST', '/api/v1/login', { body: { login, password } });
  return { login, password, id: user.id, token: json.token };
}

// A profile of one test's own for `users`, falling back to floor2-kyocera and lobby-hp.
async function newProfile(name, users, more = {}) {
  return asAdmin('POST', '/api/v1/profiles', { ...more, name, assigned_users: users,
    server_addresses: [server.baseUrl],
    fallback: { enabled: true, printer_ids: [printerIds['floor2-kyocera'], printerIds['lobby-hp']],
      group_id: null, release: 'credit-quota', port: { protocol: 'RAW', port: 9100, queue: '' },
      kx_integration: false, keep_waiting_days: 5 } });
}

// A job `user` printed on lobby-hp while the server was down: 2 mono pages, €0.20.
async function uploadFallbackJob(user, title) {
  const printedAt = new Date(Date.now() - 60000).toISOString().replace(/\.\d+Z$/, 'Z');
  const upload = await apiCall(server.baseUrl, 'POST', '/api/v1/accounting/fallback-jobs', {
    token: user.token,
    body: { jobs: [{ uuid: randomUUID(), printer: 'lobby-hp', printed_at: printedAt, title,
      pages: 2, copies: 1, ticket: { 'print-color-mode': 'monochrome', 'page-ranges': '1-2' } }] } });
  assert.equal(upload.status, 200);
  assert.equal(upload.json.accepted, 1, JSON.stringify(upload.json));
}

describe('web interface in chromium', () => {
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await newPage();
    await logIn(admin, server.baseUrl, 'admin', adminPassword);
    const { json } = await apiCall(server.baseUrl, 'POST', '/api/v1/login',
      { body: { login: 'admin', password: adminPassword } });
    adminToken = json.token;
    for (const p of [kyocera, hp, annex]) {
      const made = await asAdmin('POST', '/api/v1/printers', { ...p, fallback_allowed: true });
      printerIds[p.name] = made.id;
    }
    await asAdmin('PUT', '/api/v1/price-list', { prices: [
      { paper: 'A4', color: false, cents_per_page: 10 },
      { paper: 'A4', color: true, cents_per_page: 50 }], duplex_discount_percent: 0 });
    // Every user without a profile of their own falls back to the same two printers.
    await newProfile('everyone', [], { is_default: true });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the administrator creates a user, printers and a price list through the pages', async () => {
    await go(admin, '/admin/users', 'Users');
    await admin.getByRole('button', { name: 'Create a user' }).click();
    const form = admin.getByRole('form', { name: 'Create a user' });
    await form.getByLabel('Login').fill('alice');
    await form.getByLabel('Password (8 characters or more)').fill('alice-password');
    await form.getByLabel('Name', { exact: true }).fill('Alice Martin');
    await form.getByRole('button', { name: 'Create user' }).click();
    await admin.getByText('User "alice" created.').waitFor();

    for (const p of hall) await addPrinter(admin, p);

    const list = await asAdmin('GET', '/api/v1/printers');
    const stored = Object.fromEntries(list.printers.map((p) => [p.name, p]));
    for (const p of hall) {
      for (const key of ['device_uri', 'vendor', 'location', 'largest_paper', 'color', 'duplex', 'spooling_port']) {
        assert.deepEqual(stored[p.name][key], p[key], `${p.name}.${key}`);
      }
      assert.equal(stored[p.name].fallback_allowed, true);
      // D11: the language and the paper sizes it takes.
      assert.equal(stored[p.name].language, p.language || 'auto', `${p.name}.language`);
      assert.deepEqual(stored[p.name].paper_sizes, p.paper_sizes || [], `${p.name}.paper_sizes`);
    }

    // The A4 prices made before the tests are in the page; A3 ones are added to them.
    await go(admin, '/admin/prices', 'Price list');
    for (const [color, price] of [[false, '0.20'], [true, '1.00']]) {
      await admin.getByRole('button', { name: 'Add a price' }).click();
      const row = admin.getByRole('group', { name: /^Price / }).last();
      await row.getByLabel('Paper').selectOption('A3');
      await row.getByLabel('Colour').setChecked(color);
      await row.getByLabel('Price per page').fill(price);
    }
    await admin.getByRole('button', { name: 'Save price list' }).click();
    await admin.getByText('Price list saved: 4 prices.').waitFor();
    const prices = await asAdmin('GET', '/api/v1/price-list');
    const a3 = prices.prices.filter((p) => p.paper === 'A3')
      .map(({ paper, color, cents_per_page: cents }) => ({ paper, color, cents_per_page: cents }));
    assert.deepEqual(a3, [
      { paper: 'A3', color: false, cents_per_page: 20 }, { paper: 'A3', color: true, cents_per_page: 100 }]);
  });

  test('FP-4: a profile with fallback made in the pages is exactly what the desktop client downloads', async () => {
    const bruno = await newUser('bruno');
    await go(admin, '/admin/settings/profiles', /configuration profiles/);
    await admin.getByRole('button', { name: 'New profile' }).click();
    const form = admin.getByRole('form', { name: 'New profile' });
    await form.getByLabel('Profile name', { exact: true }).fill('office');
    await form.getByLabel('Users (logins, comma-separated)').fill('bruno');
    await form.getByLabel('Server addresses (comma-separated)').fill(server.baseUrl);
    await form.getByRole('tab', { name: 'Printing' }).click();
    await form.getByLabel('Fallback printing enabled').check();
    await form.getByLabel('floor2-kyocera').check();
    await form.getByLabel('lobby-hp').check();
    await form.getByLabel('Release condition').selectOption('credit-quota');
    await form.getByLabel('Protocol').selectOption('RAW');
    await form.getByLabel('Port', { exact: true }).fill('9100');
    await form.getByLabel('Keep jobs waiting for (days)').fill('5');
    await form.getByRole('button', { name: 'Create profile' }).click();
    await admin.getByText(/Profile "office" saved \(version \d+\)\./).waitFor();

    const { status, json } = await apiCall(server.baseUrl, 'GET', '/api/v1/me/profile',
      { token: bruno.token });
    assert.equal(status, 200);
    const byName = Object.fromEntries(json.fallback_printers.map((f) => [f.printer.name, f]));
    assert.equal(json.profile.name, 'office');
    assert.deepEqual(json.profile.assigned_users, ['bruno']);
    assert.deepEqual(json.profile.server_addresses, [server.baseUrl]);
    assert.deepEqual(json.profile.fallback, {
      enabled: true,
      printer_ids: [byName['floor2-kyocera'].printer.id, byName['lobby-hp'].printer.id],
      group_id: null, release: 'credit-quota', port: { protocol: 'RAW', port: 9100, queue: '' },
      kx_integration: false, keep_waiting_days: 5,
    });
    assert.deepEqual(Object.keys(byName).sort(), ['floor2-kyocera', 'lobby-hp']);
    assert.equal(byName['floor2-kyocera'].device_uri, 'lpd://127.0.0.1:515/spool');
    assert.equal(byName['lobby-hp'].device_uri, 'socket://127.0.0.1:9100');
  });

  test('D8: KX integration with a non-spooling printer is refused at the field; the double-count warning shows', async () => {
    const chloe = await newUser('chloe');
    await newProfile('kx-office', ['chloe']);
    await go(admin, '/admin/settings/profiles', /configuration profiles/);
    await admin.getByRole('button', { name: 'Edit kx-office' }).click();
    const form = admin.getByRole('form', { name: 'Profile kx-office' });
    await form.getByRole('tab', { name: 'Printing' }).click();
    const printersField = form.locator('[data-field="fallback.printers"]');

    // A Kyocera printer without a device spooling port: warned before saving.
    await form.getByLabel('annex-kyocera').check();
    await assert.doesNotReject(printersField.locator('.field-warning')
      .getByText(/annex-kyocera.*jobs may be counted twice/).waitFor());

    await form.getByLabel('annex-kyocera').uncheck();
    await form.getByLabel('KX Driver Network Manager integration').check();
    await form.getByRole('button', { name: 'Save profile' }).click();
    const error = printersField.locator('.field-error');
    await error.getByText(/lobby-hp/).waitFor();
    assert.match(await form.locator('.form-message').innerText(), /cannot be saved/);
    assert.equal(await form.getByRole('tab', { name: 'Printing' }).getAttribute('aria-selected'), 'true');

    // Nothing was saved: the client still gets the profile without KX integration.
    const { json } = await apiCall(server.baseUrl, 'GET', '/api/v1/me/profile', { token: chloe.token });
    assert.equal(json.profile.name, 'kx-office');
    assert.equal(json.profile.fallback.kx_integration, false);
  });

  test('Test fallback reports one result per printer', async () => {
    await go(admin, '/admin/fallback-test', 'Test fallback');
    await admin.getByLabel('Timeout per printer (ms)').fill('300');
    await admin.getByRole('button', { name: 'Test fallback' }).click();
    const results = admin.getByRole('region', { name: 'Results' });
    await results.waitFor();
    const text = await results.innerText();
    assert.match(text, /floor2-kyocera/);
    assert.match(text, /lobby-hp/);
    assert.match(text, /Unreachable|Reachable/);

    // The dashboard runs the same probe over the profile's two fallback printers.
    await go(admin, '/admin/dashboard', 'Dashboard');
    await admin.getByRole('link', { name: /^\d of 2 Fallback printers reachable/ }).waitFor();
  });

  test('a user cannot open administrator pages, and the API refuses them too', async () => {
    const denis = await newUser('denis');
    const page = await newPage();
    await page.goto(`${server.baseUrl}/`);
    const loginForm = page.getByRole('form', { name: 'Log in' });
    await loginForm.getByLabel('Login').fill('denis');
    await loginForm.getByLabel('Password').fill('not-his-password');
    await loginForm.getByRole('button', { name: 'Log in' }).click();
    await loginForm.getByRole('alert').getByText('Wrong login or password. Check them and try again.').waitFor();
    await logIn(page, server.baseUrl, 'denis', denis.password);
    await page.getByRole('heading', { level: 1, name: 'My jobs' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0);
    await page.goto(`${server.baseUrl}/#/admin/users`);
    await page.getByRole('heading', { level: 1, name: 'Administrators only' }).waitFor();
    assert.match(await page.locator('main').innerText(), /for administrators, and you \(denis\) are not one/);
    const status = await page.evaluate(async () => (await fetch('/api/v1/users')).status);
    assert.equal(status, 403);
    // A change without the CSRF header is refused even with a valid session cookie.
    const forged = await page.evaluate(async () => {
      const r = await fetch('/api/v1/jobs/00000000-0000-4000-8000-000000000000/cancel', { method: 'POST' });
      return { status: r.status, body: await r.json() };
    });
    assert.equal(forged.status, 403);
    assert.match(forged.body.error.message, /CSRF/);
    // The cookie is out of the page's reach.
    assert.equal(await page.evaluate(() => document.cookie), '');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in to Printline' }).waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    assert.equal(after, 401);
    // Logging out of the browser ends only its own session, not the desktop client's.
    const stillIn = await apiCall(server.baseUrl, 'GET', '/api/v1/me', { token: denis.token });
    assert.equal(stillIn.status, 200);
    await page.context().close();
  });

  test('a job printed while the server was down shows in the jobs pages as fallback', async () => {
    const elise = await newUser('elise');
    await uploadFallbackJob(elise, 'outage-report.pdf');

    await go(admin, '/admin/jobs', 'Jobs');
    await admin.getByLabel('Origin').selectOption('fallback');
    await admin.getByLabel('User', { exact: true }).selectOption('elise');
    await admin.getByRole('button', { name: 'Show jobs' }).click();
    const row = admin.getByRole('row', { name: /outage-report\.pdf/ });
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /fallback/);
    assert.match(text, /lobby-hp/);
    assert.match(text, /elise/);
    assert.match(text, /0\.20/);
    assert.match(text, /monochrome, pages 1-2/);  // what was asked (D11)

    const page = await newPage();
    await logIn(page, server.baseUrl, 'elise', elise.password);
    const mine = page.getByRole('row', { name: /outage-report\.pdf/ });
    await mine.waitFor();
    assert.match(await mine.innerText(), /fallback/);
    assert.match(await mine.innerText(), /monochrome, pages 1-2/);
    await page.goto(`${server.baseUrl}/#/my/account`);
    await page.getByRole('heading', { level: 1, name: 'My balance' }).waitFor();
    await page.getByRole('cell', { name: 'lobby-hp' }).waitFor();
    await page.context().close();
  });

  test('reports draw a chart and export CSV; the audit log lists the changes made in the pages', async () => {
    const farid = await newUser('farid');
    await uploadFallbackJob(farid, 'quarterly.pdf');
    await go(admin, '/admin/reports', 'Accounting reports');
    await admin.locator('svg.chart').waitFor();
    assert.match(await admin.locator('svg.chart').getAttribute('aria-label'), /farid €0\.20/);
    const href = await admin.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await admin.evaluate(async (url) => {
      const r = await fetch(url);
      return { type: r.headers.get('Content-Type'), text: await r.text() };
    }, href);
    assert.match(csv.type, /text\/csv/);
    assert.match(csv.text, /^user,jobs,pages,color_pages,cost_cents,duplex_pages\r?\n/);
    assert.match(csv.text, /\nfarid,1,2,0,20,0\r?(\n|$)/);

    await addPrinter(admin, { ...hp, name: 'audit-lexmark', device_uri: 'socket://127.0.0.1:9114',
      vendor: 'Lexmark' });
    await go(admin, '/admin/audit', 'Audit log');
    const audit = await admin.locator('main').innerText();
    for (const name of ['audit-lexmark', 'farid']) assert.match(audit, new RegExp(name));
  });

  test('at phone width the menu folds behind a button; the log-in form works from the keyboard', async () => {
    const gilles = await newUser('gilles');
    const context = await browser.newContext({ viewport: { width: 390, height: 760 }, locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.baseUrl}/`);
    await page.getByLabel('Login').waitFor();
    await page.keyboard.type('gilles');
    await page.keyboard.press('Tab');
    await page.keyboard.type(gilles.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My jobs' }).waitFor();
    const link = page.getByRole('link', { name: 'My balance' });
    assert.equal(await link.isVisible(), false);
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'My balance' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide at a 390px viewport`);
    await context.close();
  });

  test('a held job: release refused for credit with the reason, top-up, release, cancel', async () => {
    const hugo = await newUser('hugo');
    await go(admin, '/admin/queues', 'Queues');
    await admin.getByRole('button', { name: 'Add a queue' }).click();
    const queueForm = admin.getByRole('form', { name: 'Add a queue' });
    await queueForm.getByLabel('Name', { exact: true }).fill('secure');
    await queueForm.getByLabel('Kind').selectOption('hold');
    await queueForm.getByLabel('Hold time (hours)').fill('1.5');
    await queueForm.getByRole('button', { name: 'Add queue' }).click();
    await admin.getByText('Queue "secure" saved.').waitFor();
    // Read back from the server: 1.5 hours stored as 5,400 seconds.
    assert.match(await admin.getByRole('row', { name: /secure/ }).innerText(), /1\.5 h\s+printing/);
    // Paused and disabled over IPP by an administrator: the page shows it, until undone.
    for (const operation of ['Pause-Printer', 'Disable-Printer']) {
      const done = await ippPrinterOperation(server.baseUrl, 'secure',
        { login: 'admin', password: adminPassword, operation });
      assert.equal(done.status, 0, done.text);
    }
    await go(admin, '/admin/queues', 'Queues');
    assert.match(await admin.getByRole('row', { name: /secure/ }).innerText(),
      /paused: jobs are held until it is resumed, refusing new jobs/);
    for (const operation of ['Resume-Printer', 'Enable-Printer']) {
      const done = await ippPrinterOperation(server.baseUrl, 'secure',
        { login: 'admin', password: adminPassword, operation });
      assert.equal(done.status, 0, done.text);
    }

    // A real document nobody here wrote, submitted over IPP as any client would.
    const submitted = await ippPrintJob(server.baseUrl, 'secure', { login: 'hugo',
      password: hugo.password, title: 'held-testpage', format: 'application/pdf',
      document: readFileSync('/usr/share/cups/data/default-testpage.pdf') });
    assert.equal(submitted.status, 0, submitted.text);

    const page = await newPage();
    page.on('dialog', (dialog) => dialog.accept());
    await logIn(page, server.baseUrl, 'hugo', hugo.password);
    const row = page.getByRole('row', { name: /held-testpage/ });
    await row.waitFor();
    assert.match(await row.innerText(), /held/);
    await row.getByLabel('Printer for held-testpage').selectOption({ label: 'lobby-hp' });
    await row.getByRole('button', { name: 'Release' }).click();
    // hugo has no credit yet: the server's reason is shown.
    await page.getByRole('alert').getByText(/credit/i).waitFor();

    await go(admin, '/admin/users', 'Users');
    await admin.getByRole('button', { name: 'Top up hugo' }).click();
    const topUp = admin.getByRole('form', { name: 'Top up hugo' });
    await topUp.getByLabel("Amount to add to hugo's credit").fill('5');
    await topUp.getByLabel('Note').fill('cash');
    await topUp.getByRole('button', { name: 'Top up' }).click();
    await admin.getByText(/€5\.00 added to hugo: balance €5\.00/).waitFor();

    await page.reload();
    const again = page.getByRole('row', { name: /held-testpage/ });
    await again.getByLabel('Printer for held-testpage').selectOption({ label: 'lobby-hp' });
    await again.getByRole('button', { name: 'Release' }).click();
    await page.getByText(/Job "held-testpage" released: now/).waitFor();
    const released = page.getByRole('row', { name: /held-testpage/ });
    // lobby-hp is not listening, so the job waits for retries: cancel it.
    await released.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Job "held-testpage" cancelled.').waitFor();
    assert.match(await page.getByRole('row', { name: /held-testpage/ }).innerText(), /cancelled/);
    await page.context().close();
  });

  test('a group made in the Groups page as the fallback target; a quota set in the Users page', async () => {
    const ines = await newUser('ines');
    await newProfile('group-office', ['ines']);
    await go(admin, '/admin/groups', 'Printer groups');
    await admin.getByRole('button', { name: 'Add a group' }).click();
    const groupForm = admin.getByRole('form', { name: 'Add a group' });
    await groupForm.getByLabel('Name', { exact: true }).fill('floor2');
    await groupForm.getByLabel(/^Printers/).selectOption([{ label: 'floor2-kyocera' }, { label: 'lobby-hp' }]);
    await groupForm.getByRole('button', { name: 'Add group' }).click();
    await admin.getByText('Group "floor2" saved.').waitFor();

    await go(admin, '/admin/settings/profiles', /configuration profiles/);
    await admin.getByRole('button', { name: 'Edit group-office' }).click();
    const form = admin.getByRole('form', { name: 'Profile group-office' });
    await form.getByRole('tab', { name: 'Printing' }).click();
    await form.getByLabel('Printer group').check();
    await form.getByLabel('Group', { exact: true }).selectOption({ label: 'floor2' });
    await form.getByRole('button', { name: 'Save profile' }).click();
    await admin.getByText(/Profile "group-office" saved/).waitFor();

    await go(admin, '/admin/users', 'Users');
    await admin.getByRole('button', { name: 'Edit ines' }).click();
    const userForm = admin.getByRole('form', { name: 'Edit user ines' });
    await userForm.getByLabel('Period').selectOption('month');
    await userForm.getByLabel('Page limit').fill('100');
    await userForm.getByRole('button', { name: 'Save user' }).click();
    await admin.getByText('User "ines" saved.').waitFor();

    const { json: mine } = await apiCall(server.baseUrl, 'GET', '/api/v1/me/profile', { token: ines.token });
    const groups = await asAdmin('GET', '/api/v1/groups');
    assert.deepEqual(mine.profile.fallback.printer_ids, []);
    assert.equal(mine.profile.fallback.group_id, groups.groups.find((g) => g.name === 'floor2').id);
    assert.deepEqual(mine.fallback_printers.map((f) => f.printer.name), ['floor2-kyocera', 'lobby-hp']);
    const { json: me } = await apiCall(server.baseUrl, 'GET', '/api/v1/me', { token: ines.token });
    assert.equal(me.quota.period, 'month');
    assert.equal(me.quota.page_limit, 100);
  });

  test('a session revoked elsewhere brings back the log-in form with a note, then the page asked for', async () => {
    const jules = await newUser('jules');
    const page = await newPage();
    await logIn(page, server.baseUrl, 'jules', jules.password);
    await page.getByRole('heading', { level: 1, name: 'My jobs' }).waitFor();
    // A password reset revokes the user's tokens, the browser session's included.
    await go(admin, '/admin/users', 'Users');
    await admin.getByRole('button', { name: 'Reset password of jules' }).click();
    const reset = admin.getByRole('form', { name: 'Reset the password of jules' });
    await reset.getByLabel('New password (8 characters or more)').fill('jules-password-2');
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await admin.getByText(/Password of jules reset/).waitFor();

    await page.getByRole('link', { name: 'My balance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in to Printline' }).waitFor();
    await page.getByText('Your session has ended. Log in again.').waitFor();
    const form = page.getByRole('form', { name: 'Log in' });
    await form.getByLabel('Login').fill('jules');
    await form.getByLabel('Password').fill('jules-password-2');
    await form.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My balance' }).waitFor();
    await page.context().close();
  });

  test('a page whose data arrives after the user moved on does not replace the page now shown', async () => {
    const page = await newPage();
    await logIn(page, server.baseUrl, 'admin', adminPassword);
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let intercepted;
    const asked = new Promise((resolve) => { intercepted = resolve; });
    await page.route('**/api/v1/audit*', async (route) => {
      intercepted();
      await held;
      await route.continue();
    });
    const dropped = page.waitForEvent('console',
      (message) => message.text().includes('arrived after the user moved on'));
    await page.evaluate(() => { location.hash = '#/admin/audit'; });
    await asked;  // the audit page is now waiting for its data
    await page.evaluate(() => { location.hash = '#/admin/jobs'; });
    await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
    release();
    await dropped;  // the audit page's render ran and was dropped
    assert.equal(await page.locator('h1').textContent(), 'Jobs');
    await page.context().close();
  });

  test('no script error on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});

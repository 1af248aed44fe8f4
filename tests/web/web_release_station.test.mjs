// The release station (#/release/<printer>) in chromium at a tablet's size, against a real
// printline-server: people identify with a badge or with login and PIN, see only their own held
// jobs priced for this printer, print them here — the bytes reach the printer's RAW port and
// the job is charged once — or cancel them; wrong PINs are throttled; an idle station logs out.

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';

import { ippPrintJob } from './ipp_print_job.mjs';
import { adminPassword, apiCall, launchBrowser, startServer } from './server_harness.mjs';

let server;
let browser;
let adminToken;
const pageErrors = [];
const printed = [];  // what reached the printer's RAW port, one entry per connection
let printer;         // the RAW port's listener

const call = (method, path, body, token = adminToken) => apiCall(server.baseUrl, method, path, { token, body });
const page1 = '%!PS-Adobe-3.0\n%%Pages: 1\n%%EndComments\n%%Page: 1 1\n'
  + '/Helvetica findfont 20 scalefont setfont 72 720 moveto (station page) show showpage\n%%EOF\n';

async function holdJob(login, title) {
  const answer = await ippPrintJob(server.baseUrl, 'secure', { login, password: `${login}-password`,
    title, format: 'application/postscript', document: page1 });
  assert.equal(answer.status, 0, answer.text);
}

async function waitFor(what, check) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

async function station(idle) {
  const context = await browser.newContext({ viewport: { width: 800, height: 1280 }, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${server.baseUrl}/release/floor2${idle ? `?idle=${idle}` : ''}`);
  await page.getByRole('heading', { level: 1, name: 'Release station — floor2' }).waitFor();
  return page;
}

describe('the release station in chromium', () => {
  before(async () => {
    printer = createServer((socket) => {
      const chunks = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('end', () => printed.push(Buffer.concat(chunks).toString('latin1')));
    });
    await new Promise((resolve) => printer.listen(0, '127.0.0.1', resolve));
    server = await startServer();
    browser = await launchBrowser();
    adminToken = (await apiCall(server.baseUrl, 'POST', '/api/v1/login',
      { body: { login: 'admin', password: adminPassword } })).json.token;
    for (const login of ['ana', 'ben']) {
      const made = await call('POST', '/api/v1/users', { login, password: `${login}-password`, name: `${login} example` });
      assert.equal(made.status, 201, JSON.stringify(made.json));
      await call('POST', `/api/v1/users/${login}/top-up`, { amount_cents: 500 });
    }
    assert.equal((await call('POST', '/api/v1/users/ana/card', { card: '04A2B9C1' })).status, 204);
    assert.equal((await call('POST', '/api/v1/users/ben/pin', { pin: '2468' })).status, 204);
    await call('PUT', '/api/v1/price-list', { prices: [
      { paper: 'A4', color: false, cents_per_page: 10 }, { paper: 'A4', color: true, cents_per_page: 50 },
      { paper: 'Letter', color: false, cents_per_page: 10 }, { paper: 'Letter', color: true, cents_per_page: 50 }] });
    const floor2 = await call('POST', '/api/v1/printers', { name: 'floor2', color: false,
      device_uri: `socket://127.0.0.1:${printer.address().port}`, largest_paper: 'A4', duplex: false });
    assert.equal(floor2.status, 201, JSON.stringify(floor2.json));
    assert.equal((await call('POST', '/api/v1/queues', { name: 'secure', kind: 'hold' })).status, 201);
    await holdJob('ana', 'report');
    await holdJob('ana', 'draft');
    await holdJob('ben', 'bens-notes');
    // Held is not yet analysed: the station's prices need the page counts.
    await waitFor('three held jobs, analysed', async () => {
      const { jobs } = (await call('GET', '/api/v1/jobs?state=held')).json;
      return jobs.length === 3 && jobs.every((job) => job.pages > 0);
    });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    printer?.close();
  });

  test('a badge shows only her held jobs, priced here; the chosen one prints and is charged once', async () => {
    const page = await station();
    // A USB badge reader types the number and presses Enter; spaces and case do not matter.
    await page.getByLabel('Badge number').fill('04a2 b9c1');
    await page.getByLabel('Badge number').press('Enter');
    await page.getByText('Hello ana example. Your balance: €5.00.').waitFor();
    const rows = page.getByRole('row');
    assert.equal(await rows.count(), 3);  // the header, report and draft: not ben's job
    assert.match(await page.getByRole('row', { name: /report/ }).innerText(), /€0\.10/);

    await page.getByRole('checkbox', { name: 'Choose report' }).check();
    await page.getByRole('button', { name: 'Print chosen' }).click();
    await page.getByText('"report" is printing.').waitFor();
    await waitFor('the page at the printer', () => printed.some((bytes) => bytes.includes('station page')));
    await waitFor('the job printed', async () =>
      (await call('GET', '/api/v1/jobs?state=printed')).json.jobs.some((j) => j.title === 'report'));
    const ledger = (await call('GET', '/api/v1/users/ana/ledger')).json.entries;
    const charges = ledger.filter((e) => e.kind === 'charge');
    assert.equal(charges.length, 1, JSON.stringify(ledger));
    assert.equal(Math.abs(charges[0].amount_cents), 10);

    // The other one is cancelled from the station.
    await page.getByRole('checkbox', { name: 'Choose draft' }).check();
    await page.getByRole('button', { name: 'Cancel chosen' }).click();
    await page.getByText('"draft" cancelled.').waitFor();
    await page.getByText('You have no held jobs.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('Logged out.').waitFor();
    await page.getByLabel('Badge number').waitFor();
    await page.context().close();
  });

  test('login and PIN work; five wrong PINs lock the account, even against the right PIN', async () => {
    const page = await station();
    const form = page.getByRole('form', { name: 'Login and PIN' });
    for (let i = 0; i < 5; i++) {
      await form.getByLabel('Login').fill('ben');
      await form.getByLabel('PIN').fill(`000${i}`);
      await form.getByRole('button', { name: 'Continue with PIN' }).click();
      await form.getByText(/Wrong login or PIN/).waitFor();
    }
    await form.getByLabel('PIN').fill('2468');
    await form.getByRole('button', { name: 'Continue with PIN' }).click();
    await form.getByText(/Too many wrong badges or PINs/).waitFor();
    await page.context().close();

    // Someone else's PIN is not affected.
    assert.equal((await call('POST', '/api/v1/users/ana/pin', { pin: '1357' })).status, 204);
    const other = await station();
    const ana = other.getByRole('form', { name: 'Login and PIN' });
    await ana.getByLabel('Login').fill('ana');
    await ana.getByLabel('PIN').fill('1357');
    await ana.getByRole('button', { name: 'Continue with PIN' }).click();
    await other.getByText(/^Hello ana example\./).waitFor();
    await other.context().close();
  });

  test('a station nobody touches logs out by itself, and its token stops working', async () => {
    const page = await station(5);
    let token;
    page.on('response', async (response) => {
      if (response.url().endsWith('/session') && response.ok()) token = (await response.json()).token;
    });
    await page.getByLabel('Badge number').fill('04A2B9C1');
    await page.getByLabel('Badge number').press('Enter');
    await page.getByText(/^Hello ana example\./).waitFor();
    await page.getByText('Logged out after 5 seconds without a touch.').waitFor({ timeout: 15000 });
    await waitFor('the token revoked', async () =>
      (await apiCall(server.baseUrl, 'GET', '/api/v1/me', { token })).status === 401);
    await page.context().close();
  });

  test('an unknown badge is refused with what to do; no script error on any station page', async () => {
    const page = await station();
    await page.getByLabel('Badge number').fill('FFFF0000');
    await page.getByLabel('Badge number').press('Enter');
    await page.getByText(/This badge is not known\. Use your login and PIN/).waitFor();
    await page.context().close();
    assert.deepEqual(pageErrors, []);
  });
});

// The web interface in French (D14), in chromium whose language is fr-FR (so is its
// Accept-Language): the log-in page, the fallback section of a configuration profile, the jobs
// page and the release of a held job speak French, with amounts as "0,20 €" and dates in
// French; the language menu switches to English and back, and the choice survives a reload.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { ippPrintJob } from './ipp_print_job.mjs';
import { adminPassword, apiCall, goTo, launchBrowser, openPage, startServer } from './server_harness.mjs';

let server;
let browser;
let adminToken;
const pageErrors = [];

const call = (method, path, body, token = adminToken) => apiCall(server.baseUrl, method, path, { token, body });
const loginToken = async (login, password) =>
  (await apiCall(server.baseUrl, 'POST', '/api/v1/login', { body: { login, password } })).json.token;
const go = (page, hash, heading) => goTo(page, server.baseUrl, hash, heading);

// What French readers expect, from the same Intl data the browser has: "0,20 €" (with the
// no-break space French puts before the sign) and "2 déc. 2026, 14:05".
const euros = (cents) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const frenchDate = (iso) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' })
  .format(new Date(iso));

async function logInFrench(page, login, password) {
  await page.goto(`${server.baseUrl}/`);
  await page.getByRole('heading', { level: 1, name: 'Connexion à Printline' }).waitFor();
  const form = page.getByRole('form', { name: 'Connexion' });
  await form.getByLabel('Identifiant').fill(login);
  await form.getByLabel('Mot de passe').fill(password);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  await page.getByRole('heading', { level: 1, name: /^(Tableau de bord|Mes travaux)$/ }).waitFor();
}

describe('web interface in French', () => {
  const printedAt = new Date(Date.now() - 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    adminToken = await loginToken('admin', adminPassword);
    const alice = await call('POST', '/api/v1/users', { login: 'alice', password: 'alice-password' });
    assert.equal(alice.status, 201, JSON.stringify(alice.json));
    const printer = await call('POST', '/api/v1/printers', { name: 'lobby-hp',
      device_uri: 'socket://127.0.0.1:9', color: false, largest_paper: 'A4', duplex: false,
      fallback_allowed: true });
    assert.equal(printer.status, 201, JSON.stringify(printer.json));
    const profile = await call('POST', '/api/v1/profiles', { name: 'bureau', assigned_users: ['alice'],
      server_addresses: [server.baseUrl], fallback: { enabled: true, printer_ids: [printer.json.id],
        release: 'credit-quota', port: { protocol: 'RAW', port: 9100, queue: '' } } });
    assert.equal(profile.status, 201, JSON.stringify(profile.json));
    await call('PUT', '/api/v1/price-list', { prices: [{ paper: 'A4', color: false, cents_per_page: 10 },
      { paper: 'A4', color: true, cents_per_page: 50 }] });
    await call('POST', `/api/v1/users/${alice.json.id}/top-up`, { amount_cents: 500, note: 'espèces' });
    const queue = await call('POST', '/api/v1/queues', { name: 'secure', kind: 'hold' });
    assert.equal(queue.status, 201, JSON.stringify(queue.json));
    // A job alice printed on the fallback printer while the server was down: 2 pages, 0,20 €.
    const upload = await call('POST', '/api/v1/accounting/fallback-jobs', { jobs: [{ uuid: randomUUID(),
      printer: 'lobby-hp', printed_at: printedAt, title: 'rapport-panne.pdf', pages: 2 }] },
    await loginToken('alice', 'alice-password'));
    assert.equal(upload.json.accepted, 1, JSON.stringify(upload.json));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("the fallback section of a configuration profile uses the seed's French terms", async () => {
    const page = await openPage(browser, pageErrors, 'fr-FR');
    await logInFrench(page, 'admin', adminPassword);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await go(page, '/admin/settings/profiles', /profils de configuration/);
    await page.getByRole('button', { name: 'Modifier bureau' }).click();
    const form = page.getByRole('form', { name: 'Profil bureau' });
    await form.getByRole('tab', { name: 'Impression' }).click();
    assert.equal(await form.getByLabel('Impression de secours activée').isChecked(), true);
    const release = form.getByLabel('Condition de libération');
    assert.equal(await release.locator('option:checked').innerText(),
      "Uniquement si l'utilisateur dispose d'un crédit/quota suffisant");
    await form.getByRole('group', { name: "Port de l'appareil" }).or(form.getByText("Port de l'appareil")).first().waitFor();
    await form.getByLabel('Protocole').waitFor();
    await form.getByLabel("File d'attente").waitFor();
    await form.getByRole('button', { name: 'Enregistrer le profil' }).click();
    await page.getByText(/Profil « bureau » enregistré \(version \d+\)\./).waitFor();
    await page.context().close();
  });

  test('the jobs page shows French words, euros as "0,20 €" and French dates', async () => {
    const page = await openPage(browser, pageErrors, 'fr-FR');
    await logInFrench(page, 'admin', adminPassword);
    await go(page, '/admin/jobs', 'Travaux');
    await page.getByLabel('Origine').selectOption({ label: 'Impression de secours' });
    await page.getByRole('button', { name: 'Afficher les travaux' }).click();
    await page.getByRole('navigation', { name: 'Pages de travaux' }).getByText('Travail 1–1 sur 1.').waitFor();
    const row = page.getByRole('row', { name: /rapport-panne\.pdf/ });
    const text = await row.innerText();
    assert.ok(text.includes('secours'), text);
    assert.ok(text.includes('imprimé'), text);
    assert.ok(text.includes(euros(20)), `${text} has no ${euros(20)}`);
    assert.match(euros(20), /^0,20\s€$/);  // the convention itself, not only the same code's output
    const job = (await call('GET', '/api/v1/jobs?origin=fallback')).json.jobs[0];
    assert.ok(text.includes(frenchDate(job.submitted_at)), `${text} has no ${frenchDate(job.submitted_at)}`);
    assert.match(text, /\d{1,2} [a-zéû]+\.? \d{4},? \d\d:\d\d/);  // "2 déc. 2026, 14:05", a 24-hour clock
    await page.context().close();
  });

  test('a held job is released and cancelled in French, the balance in euros', async () => {
    const submitted = await ippPrintJob(server.baseUrl, 'secure', { login: 'alice',
      password: 'alice-password', title: 'page-en-attente', format: 'application/pdf',
      document: readFileSync('/usr/share/cups/data/default-testpage.pdf') });
    assert.equal(submitted.status, 0, submitted.text);

    const page = await openPage(browser, pageErrors, 'fr-FR');
    page.on('dialog', (dialog) => {
      assert.match(dialog.message(), /Annuler le travail « page-en-attente » \? Il ne sera pas imprimé\./);
      dialog.accept();
    });
    await logInFrench(page, 'alice', 'alice-password');
    await page.getByText('1 travail attend que vous le libériez vers une imprimante.').waitFor();
    const row = page.getByRole('row', { name: /page-en-attente/ });
    assert.match(await row.innerText(), /en attente de libération/);
    await row.getByLabel('Imprimante pour page-en-attente').selectOption({ label: 'lobby-hp' });
    await row.getByRole('button', { name: 'Libérer' }).click();
    // The news, or the server's refusal shown as an alert (said in the failure).
    const outcome = page.getByText(/Travail « page-en-attente » libéré : maintenant /).or(page.getByRole('alert'));
    await outcome.first().waitFor();
    assert.match(await outcome.first().innerText(), /libéré : maintenant (en attente|en cours d’impression|imprimé|échec)/);
    await page.getByRole('row', { name: /page-en-attente/ }).getByRole('button', { name: 'Annuler' }).click();
    await page.getByText('Travail « page-en-attente » annulé.').waitFor();
    assert.match(await page.getByRole('row', { name: /page-en-attente/ }).innerText(), /annulé/);

    await page.getByRole('link', { name: 'Mon solde' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon solde' }).waitFor();
    const balance = (await call('GET', '/api/v1/users/alice')).json.balance_cents;
    await page.getByText(`Solde : ${euros(balance)}`).waitFor();
    await page.context().close();
  });

  test("the server's own answers are French too: a wrong password, an administrator's page", async () => {
    const page = await openPage(browser, pageErrors, 'fr-FR');
    await page.goto(`${server.baseUrl}/`);
    const form = page.getByRole('form', { name: 'Connexion' });
    await form.getByLabel('Identifiant').fill('alice');
    await form.getByLabel('Mot de passe').fill('pas-le-bon');
    await form.getByRole('button', { name: 'Se connecter' }).click();
    await form.getByRole('alert').getByText('Identifiant ou mot de passe incorrect. Vérifiez-les et réessayez.').waitFor();
    // alice asks for an administrator's list: refused in French, by the server.
    const refused = await apiCall(server.baseUrl, 'GET', '/api/v1/users',
      { token: await loginToken('alice', 'alice-password'), headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });
    assert.equal(refused.status, 403);
    assert.match(refused.json.error.message, /est réservé aux administrateurs/);
    await page.close();
  });

  test('the language menu switches every text and is remembered after a reload', async () => {
    const page = await openPage(browser, pageErrors, 'fr-FR');
    await logInFrench(page, 'alice', 'alice-password');
    const menu = page.getByLabel('Langue');
    await menu.selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'My jobs' }).waitFor();
    await page.getByRole('link', { name: 'My balance' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My jobs' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Mes travaux' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mes travaux' }).waitFor();
    await page.context().close();
  });

  test('an English browser gets English; no script error on any page', async () => {
    const page = await openPage(browser, pageErrors, 'en-GB');
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Log in to Printline' }).waitFor();
    await page.context().close();
    assert.deepEqual(pageErrors, []);
  });
});

// Saves screenshots of the main pages under docs/screenshots/ (run by scripts/screenshots.sh):
// a real printline-server with example data set through the API, photographed in chromium.
// Every address is on loopback: Test fallback and the dashboard really probe them.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ippPrintJob, ippPrinterOperation } from './ipp_print_job.mjs';
import { directorySource, startLdap } from './ldap_peer.mjs';
import { adminPassword, apiCall, launchBrowser, logIn, startServer } from './server_harness.mjs';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: node screenshots.mjs OUTPUT_DIR');
mkdirSync(outDir, { recursive: true });

// A real OpenLDAP as the office's directory "corp" (docs/directory.md's screenshot).
const ldap = await startLdap();
const secrets = mkdtempSync(join(tmpdir(), 'printline-screenshots-ldap-'));
const server = await startServer({ config: { directories: [directorySource(ldap, secrets)] } });
// A real RAW sink (socat) behind lobby-hp's fallback address, so Test fallback shows one
// printer accepting its test page beside the unreachable ones.
const sink = spawn('socat', ['-u', 'TCP-LISTEN:9100,bind=127.0.1.20,fork,reuseaddr', 'OPEN:/dev/null'],
  { stdio: 'ignore' });
sink.on('error', () => {});
const call = (method, path, body, token) => apiCall(server.baseUrl, method, path, { token, body });
const must = async (promise) => {
  const answer = await promise;
  if (answer.status >= 300) throw new Error(JSON.stringify(answer.json));
  return answer.json;
};

async function seed() {
  const { token } = await must(call('POST', '/api/v1/login', { login: 'admin', password: adminPassword }));
  const post = (path, body) => must(call('POST', path, body, token));
  const userIds = {};
  for (const [login, name] of [['alice', 'Alice Martin'], ['bob', 'Bob Durand'], ['chloe', 'Chloé Petit']]) {
    const user = await post('/api/v1/users', { login, password: `${login}-password`, name,
      email: `${login}@example.org`, quota: { period: 'month', page_limit: 500, cost_limit_cents: null } });
    await post(`/api/v1/users/${user.id}/top-up`, { amount_cents: 2000, note: 'start credit' });
    userIds[login] = user.id;
  }
  const printers = [
    { name: 'floor2-kyocera', device_uri: 'socket://127.0.2.15:9100', vendor: 'Kyocera', color: true,
      largest_paper: 'A3', duplex: true, location: '2nd floor', fallback_allowed: true,
      language: 'pcl-xl', paper_sizes: ['A4', 'A3'],
      spooling_port: { protocol: 'LPR', port: 515, queue: 'spool' } },
    { name: 'lobby-hp', device_uri: 'ipp://127.0.1.20:631/ipp/print', vendor: 'HP', color: false,
      largest_paper: 'A4', duplex: true, location: 'Lobby', fallback_allowed: true },
    { name: 'annex-kyocera', device_uri: 'socket://127.0.3.7:9100', vendor: 'Kyocera', color: false,
      largest_paper: 'A4', duplex: false, location: 'Annex', fallback_allowed: true,
      language: 'postscript' },
    { name: 'plotter', device_uri: 'lpd://127.0.4.2:515/plot', vendor: 'Canon', color: true,
      largest_paper: 'A0', duplex: false, location: 'Studio', fallback_allowed: false },
  ];
  const ids = {};
  for (const p of printers) ids[p.name] = (await post('/api/v1/printers', p)).id;
  const group = await post('/api/v1/groups', { name: 'floor2', description: 'Second floor',
    printer_ids: [ids['floor2-kyocera'], ids['lobby-hp']] });
  await post('/api/v1/queues', { name: 'office', kind: 'direct', group_id: group.id });
  await post('/api/v1/queues', { name: 'secure', kind: 'hold' });
  await must(call('PUT', '/api/v1/price-list', { prices: [
    { paper: 'A4', color: false, cents_per_page: 10 }, { paper: 'A4', color: true, cents_per_page: 50 },
    { paper: 'A3', color: false, cents_per_page: 20 }, { paper: 'A3', color: true, cents_per_page: 90 }],
  duplex_discount_percent: 10 }, token));
  await post('/api/v1/profiles', { name: 'office', is_default: true, assigned_users: ['alice', 'bob'],
    server_addresses: ['http://127.0.0.1:8631'],
    fallback: { enabled: true, printer_ids: [ids['floor2-kyocera'], ids['lobby-hp'], ids['annex-kyocera']],
      group_id: null, release: 'credit-quota', port: { protocol: 'RAW', port: 9100, queue: '' },
      kx_integration: false, keep_waiting_days: 7 } });
  const titles = ['quarterly-report.pdf', 'invoice-2291.pdf', 'floor-plan.pdf', 'minutes.docx',
    'poster-draft.pdf', 'timesheet.xlsx'];
  for (const [i, login] of ['alice', 'bob', 'chloe', 'alice', 'bob', 'alice'].entries()) {
    const user = await must(call('POST', '/api/v1/login', { login, password: `${login}-password` }));
    const printed = new Date(Date.now() - (i + 1) * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
    await must(call('POST', '/api/v1/accounting/fallback-jobs', { jobs: [{ uuid: randomUUID(),
      printer: i % 2 ? 'lobby-hp' : 'floor2-kyocera', printed_at: printed, title: titles[i],
      pages: 2 + i * 3, color_pages: i % 2 ? 0 : 1, paper: 'A4', copies: 1 }] }, user.token));
  }
  // A group of users with its own profile, alice's badge, and two jobs she holds for the
  // release station.
  await post('/api/v1/user-groups', { name: 'accounting', description: 'Third floor, accounts',
    member_ids: [userIds.alice, userIds.chloe] });
  await post(`/api/v1/users/alice/card`, { card: '04A2B9C1' });
  for (const title of ['contract-signed.pdf', 'payslips-november.pdf']) {
    const page = '%!PS-Adobe-3.0\n%%Pages: 1\n%%EndComments\n%%Page: 1 1\nshowpage\n%%EOF\n';
    const held = await ippPrintJob(server.baseUrl, 'secure', { login: 'alice', password: 'alice-password',
      title, format: 'application/postscript', document: page });
    if (held.status !== 0) throw new Error(held.text);
  }
  // The direct queue paused and refusing new jobs, as an administrator's IPP client sets it
  // (Pause-Printer, Disable-Printer): the Queues page shows its state.
  for (const operation of ['Pause-Printer', 'Disable-Printer']) {
    const done = await ippPrinterOperation(server.baseUrl, 'office',
      { login: 'admin', password: adminPassword, operation });
    if (done.status !== 0) throw new Error(done.text);
  }
  // Two desktop clients' heartbeat reports: one still holds jobs printed during an outage.
  for (const [login, host, awaiting] of [['alice', 'ws-042', 2], ['bob', 'ws-017', 0]]) {
    const user = await must(call('POST', '/api/v1/login', { login, password: `${login}-password` }));
    await must(call('PUT', '/api/v1/me/client-report', { client_id: `client-${host}`, hostname: host,
      os_user: login, fallback_jobs_awaiting_upload: awaiting }, user.token));
  }
}

async function shoot(page, name, hash, heading, prepare) {
  if (hash !== null) {
    await page.goto(`${server.baseUrl}/#${hash}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }
  if (prepare) await prepare(page);
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(`screenshots: ${name}.png`);
}

try {
  await seed();
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/`);
  await page.getByRole('heading', { name: 'Log in to Printline' }).waitFor();
  await shoot(page, 'login', null);
  await logIn(page, server.baseUrl, 'admin', adminPassword);
  await shoot(page, 'dashboard', '/admin/dashboard', 'Dashboard');
  await shoot(page, 'printers', '/admin/printers', 'Printers', async (p) => {
    await p.getByRole('button', { name: 'Edit floor2-kyocera' }).click();
  });
  await shoot(page, 'profile-fallback', '/admin/settings/profiles', /configuration profiles/, async (p) => {
    await p.getByRole('button', { name: 'Edit office' }).click();
    await p.getByRole('tab', { name: 'Printing' }).click();
    await p.locator('[data-field="fallback.printers"]').scrollIntoViewIfNeeded();
  });
  await shoot(page, 'profile-kx-refused', null, null, async (p) => {
    await p.getByLabel('KX Driver Network Manager integration').check();
    await p.getByRole('button', { name: 'Save profile' }).click();
    await p.locator('[data-field="fallback.printers"] .field-error').first().waitFor();
    await p.locator('[data-field="fallback.printers"]').scrollIntoViewIfNeeded();
  });
  await shoot(page, 'fallback-test', '/admin/fallback-test', 'Test fallback', async (p) => {
    await p.getByLabel('Timeout per printer (ms)').fill('500');
    await p.getByLabel('Send a one-page test job').check();
    await p.getByRole('button', { name: 'Test fallback' }).click();
    await p.getByRole('region', { name: 'Results' }).waitFor();
  });
  await shoot(page, 'jobs', '/admin/jobs', 'Jobs', async (p) => {
    await p.getByRole('row', { name: /quarterly-report/ }).waitFor();
  });
  await shoot(page, 'queues', '/admin/queues', 'Queues', async (p) => {
    await p.getByRole('row', { name: /office/ }).waitFor();
  });
  await shoot(page, 'reports', '/admin/reports', 'Accounting reports', async (p) => {
    await p.locator('svg.chart').waitFor();
  });
  await shoot(page, 'users', '/admin/users', 'Users');
  await shoot(page, 'directories', '/admin/users', 'Users', async (p) => {
    const directories = p.getByRole('region', { name: 'Directories' });
    await directories.getByRole('button', { name: 'Dry run of corp' }).click();
    await p.getByText(/A sync of corp would create/).waitFor();
    await directories.scrollIntoViewIfNeeded();
  });
  await shoot(page, 'user-ledger', null, null, async (p) => {
    await p.getByRole('button', { name: 'Ledger of alice' }).click();
    await p.getByRole('region', { name: 'Ledger of alice' }).scrollIntoViewIfNeeded();
  });
  await shoot(page, 'user-groups', '/admin/user-groups', 'User groups', async (p) => {
    await p.getByRole('button', { name: 'Edit accounting' }).click();
  });
  await context.close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 760 }, deviceScaleFactor: 1,
    locale: 'en-US' });
  const userPage = await phone.newPage();
  await logIn(userPage, server.baseUrl, 'alice', 'alice-password');
  await shoot(userPage, 'phone-my-jobs', '/my/jobs', 'My jobs');
  await shoot(userPage, 'phone-admin-refused', '/admin/users', 'Administrators only');
  await phone.close();

  // A release station on a tablet next to the annex printer, alice identified by her badge.
  const tablet = await browser.newContext({ viewport: { width: 800, height: 1000 }, locale: 'en-US' });
  const stationPage = await tablet.newPage();
  await stationPage.goto(`${server.baseUrl}/release/annex-kyocera`);
  await stationPage.getByRole('heading', { level: 1, name: /Release station/ }).waitFor();
  await shoot(stationPage, 'release-station-identify', null);
  await stationPage.getByLabel('Badge number').fill('04A2B9C1');
  await stationPage.getByLabel('Badge number').press('Enter');
  await stationPage.getByRole('row', { name: /payslips-november/ }).waitFor();
  await stationPage.getByRole('checkbox', { name: 'Choose contract-signed.pdf' }).check();
  await shoot(stationPage, 'release-station-jobs', null);
  await tablet.close();

  // The same office for a French browser (D14): docs/screenshots/fr/.
  mkdirSync(join(outDir, 'fr'), { recursive: true });
  const french = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
  const frPage = await french.newPage();
  await frPage.goto(`${server.baseUrl}/`);
  await frPage.getByRole('heading', { name: 'Connexion à Printline' }).waitFor();
  await shoot(frPage, 'fr/login', null);
  const frLogin = frPage.getByRole('form', { name: 'Connexion' });
  await frLogin.getByLabel('Identifiant').fill('admin');
  await frLogin.getByLabel('Mot de passe').fill(adminPassword);
  await frLogin.getByRole('button', { name: 'Se connecter' }).click();
  await frPage.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  await shoot(frPage, 'fr/dashboard', '/admin/dashboard', 'Tableau de bord');
  await shoot(frPage, 'fr/profile-fallback', '/admin/settings/profiles', /profils de configuration/, async (p) => {
    await p.getByRole('button', { name: 'Modifier office' }).click();
    await p.getByRole('tab', { name: 'Impression' }).click();
    await p.locator('[data-field="fallback.printers"]').scrollIntoViewIfNeeded();
  });
  await shoot(frPage, 'fr/jobs', '/admin/jobs', 'Travaux', async (p) => {
    await p.getByRole('row', { name: /quarterly-report/ }).waitFor();
  });
  await shoot(frPage, 'fr/queues', '/admin/queues', "Files d'attente", async (p) => {
    await p.getByRole('row', { name: /office/ }).waitFor();
  });
  await shoot(frPage, 'fr/user-ledger', '/admin/users', 'Utilisateurs', async (p) => {
    await p.getByRole('button', { name: 'Relevé de alice' }).click();
    await p.getByRole('region', { name: 'Relevé de alice' }).scrollIntoViewIfNeeded();
  });
  await french.close();
  await browser.close();
} finally {
  sink.kill();
  await server.stop();
  ldap.stop();
  rmSync(secrets, { recursive: true, force: true });
}

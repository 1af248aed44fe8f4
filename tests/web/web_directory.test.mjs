// Directory sync in chromium against a real printline-server and a real OpenLDAP
// (printline-peers ldap): the Users page's dry run and sync, accounts marked as coming from
// the directory, disabling one, a group's initial credit, and a directory user logging in
// with the directory's password.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { directorySource, startLdap } from './ldap_peer.mjs';
import { adminPassword, apiCall, goTo, launchBrowser, logIn, openPage, startServer } from './server_harness.mjs';

let peers;
let server;
let browser;
let admin;
let secrets;
const pageErrors = [];

describe('directory sync in chromium', () => {
  before(async () => {
    peers = await startLdap();
    secrets = mkdtempSync(join(tmpdir(), 'printline-web-ldap-'));
    server = await startServer({ config: { directories: [directorySource(peers, secrets)] } });
    browser = await launchBrowser();
    admin = await openPage(browser, pageErrors);
    await logIn(admin, server.baseUrl, 'admin', adminPassword);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    peers?.stop();
    if (secrets) rmSync(secrets, { recursive: true, force: true });
  });

  test('the administrator syncs from the Users page and sees where each account comes from', async () => {
    await goTo(admin, server.baseUrl, '/admin/users', 'Users');
    const directories = admin.getByRole('region', { name: 'Directories' });
    await directories.getByRole('row', { name: /corp/ }).waitFor();
    await directories.getByRole('button', { name: 'Dry run of corp' }).click();
    // The server synced at its start: nothing is left to do, and the dry run says so.
    await admin.getByText(/A sync of corp would create 0 accounts.*Nothing was changed\./).waitFor();
    await directories.getByRole('button', { name: 'Sync corp now' }).click();
    await admin.getByText(/Directory corp synchronised: 0 accounts created/).waitFor();
    assert.match(await admin.getByRole('row', { name: /user00001/ }).innerText(), /from directory corp/);
    assert.match(await admin.getByRole('row', { name: /^admin/ }).innerText(), /local/);
    // A directory account's password is its directory's: no reset button.
    assert.equal(await admin.getByRole('button', { name: 'Reset password of user00001' }).count(), 0);
  });

  test('a directory user logs in with the directory password; a disabled one cannot', async () => {
    const user = await openPage(browser, pageErrors);
    await logIn(user, server.baseUrl, 'user00001', 'pw-user00001');
    await user.close();

    await goTo(admin, server.baseUrl, '/admin/users', 'Users');
    await admin.getByRole('button', { name: 'Edit user00003' }).click();
    const form = admin.getByRole('form', { name: 'Edit user user00003' });
    await form.getByLabel('Disabled (cannot log in; jobs and ledger are kept)').check();
    await form.getByRole('button', { name: 'Save user' }).click();
    await admin.getByRole('row', { name: /user00003/ }).getByText(/disabled/).waitFor();
    const refused = await apiCall(server.baseUrl, 'POST', '/api/v1/login',
      { body: { login: 'user00003', password: 'pw-user00003' } });
    assert.equal(refused.status, 401);
  });

  test("a directory group shows where it comes from and takes an initial credit", async () => {
    await goTo(admin, server.baseUrl, '/admin/user-groups', 'User groups');
    const row = admin.getByRole('row', { name: /finance/ });
    assert.match(await row.innerText(), /user00001, user00002.*from directory corp/s);
    await admin.getByRole('button', { name: 'Edit finance' }).click();
    const form = admin.getByRole('form', { name: 'Edit group of users finance' });
    await form.getByText('This group comes from directory corp').waitFor();
    await form.getByLabel('Initial credit').fill('5.00');
    await form.getByRole('button', { name: 'Save group' }).click();
    await admin.getByText('Group of users "finance" saved.').waitFor();
    assert.match(await admin.getByRole('row', { name: /finance/ }).innerText(), /€5\.00/);
    assert.deepEqual(pageErrors, []);
  });
});

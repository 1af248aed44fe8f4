// Starts a real printline-server (the built binary) on a free loopback port with a fresh data
// directory, and Debian's chromium through playwright-core (no browser download).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const adminPassword = 'admin-password-1';

// `config`: settings for the server's configuration file (docs/server.md), e.g. directories.
export async function startServer({ config } = {}) {
  const binary = process.env.PRINTLINE_SERVER;
  if (!binary) throw new Error('Set PRINTLINE_SERVER to the printline-server binary (ctest does).');
  const dir = mkdtempSync(join(tmpdir(), 'printline-web-'));
  writeFileSync(join(dir, 'admin-password'), `${adminPassword}\n`);
  const args = ['--data', join(dir, 'data'), '--listen', '127.0.0.1:0',
    '--admin-password-file', join(dir, 'admin-password')];
  if (process.env.PRINTLINE_WEB_DIR) args.push('--web-dir', process.env.PRINTLINE_WEB_DIR);
  if (config) {
    writeFileSync(join(dir, 'server.json'), JSON.stringify(config));
    args.push('--config', join(dir, 'server.json'));
  }
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`printline-server did not start:\n${log}`)), 15000);
    const read = (chunk) => {
      log += chunk;
      const match = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`printline-server exited ${code}:\n${log}`)); });
  });
  return {
    baseUrl,
    log: () => log,
    async stop() {
      child.removeAllListeners('exit');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    headless: true,
  });
}

// The REST API as the desktop client calls it: Bearer token, JSON.
export async function apiCall(baseUrl, method, path, { token, body, headers: extra = {} } = {}) {
  const headers = { Accept: 'application/json', ...extra };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(baseUrl + path, { method, headers,
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

export async function logIn(page, baseUrl, login, password) {
  await page.goto(`${baseUrl}/`);
  const form = page.getByRole('form', { name: 'Log in' });
  await form.getByLabel('Login').fill(login);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  // The role's first page renders after the log-in: until it has, it could still replace a
  // page the test opens next (seen on a loaded CI machine).
  await page.getByRole('heading', { level: 1, name: /^(Dashboard|My jobs)$/ }).waitFor();
}

// A page at the desktop size the tests use, whose script errors are collected in `errors`.
// The browser's language is set (it is also its Accept-Language): English unless asked.
export async function openPage(browser, errors, locale = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

// Opens a page of the interface by its hash address and waits for its heading.
export async function goTo(page, baseUrl, hash, heading) {
  // The same hash again fires no hashchange: the page would keep what an earlier test left.
  const url = `${baseUrl}/#${hash}`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

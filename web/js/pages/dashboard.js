// The administrator's first page: server status, printers, jobs today, fallback jobs
// accounted recently and awaiting upload (as the desktop clients report them), jobs waiting.

import { api, query } from '../api.js';
import { h, money, view, section, table, when } from '../ui.js';

function isoDaysAgo(days) {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

function tile(label, value, href) {
  return h('a', { class: 'tile', href }, h('span', { class: 'tile-value' }, value),
    h('span', { class: 'tile-label' }, label));
}

export async function renderDashboard() {
  const showPage = view();  // before any await: this render belongs to this navigation
  const health = await fetch('/health').then((r) => r.json()).catch(() => ({ status: 'unreachable' }));
  const [{ printers }, today, fallback, held, clients] = await Promise.all([
    api.get('/api/v1/printers'),
    api.get(`/api/v1/jobs${query({ from: isoDaysAgo(0), limit: 1 })}`),
    api.get(`/api/v1/jobs${query({ origin: 'fallback', from: isoDaysAgo(7), limit: 10 })}`),
    api.get(`/api/v1/jobs${query({ state: 'held', limit: 1 })}`),
    api.get('/api/v1/admin/client-reports')]);
  const fallbackAllowed = printers.filter((p) => p.fallback_allowed).length;
  const reachable = tile('Fallback printers reachable from the server', 'checking…', '#/admin/fallback-test');
  showPage('Dashboard',
    h('div', { class: 'tiles' },
      reachable,
      tile('Server', health.status === 'ok' ? `running (${health.database})` : health.status, '#/admin/dashboard'),
      tile('Printers', `${printers.length} (${fallbackAllowed} for fallback)`, '#/admin/printers'),
      tile('Jobs today', String(today.total), '#/admin/jobs'),
      tile('Fallback jobs accounted, 7 days', String(fallback.total), '#/admin/jobs'),
      tile('Fallback jobs awaiting upload', String(clients.fallback_jobs_awaiting_upload),
        '#/admin/dashboard'),
      tile('Held jobs', String(held.total), '#/admin/jobs')),
    h('p', { class: 'help' }, 'Reachability is a port probe of every fallback printer, the ' +
      'way Test fallback does it. Jobs a workstation printed while the server was down ' +
      'are uploaded by its Desktop Client within seconds of the server coming back, and appear below.'),
    section('Fallback jobs accounted recently', table([
      { label: 'Printed', value: (j) => when(j.printed_at) },
      { label: 'Title', value: (j) => j.title || '(untitled)' },
      { label: 'Printer', value: (j) => printers.find((p) => p.id === j.printer_id)?.name || '–' },
      { label: 'Pages', value: (j) => j.pages * j.copies },
      { label: 'Cost', value: (j) => money(j.cost_cents) },
    ], fallback.jobs.slice(0, 10), 'No fallback job in the last 7 days.')),
    section('Desktop clients', h('p', { class: 'help' }, 'Each Desktop Client reports with its ' +
      'heartbeat how many jobs it printed in fallback that are not accounted yet. A client ' +
      'that has not reported for long may be switched off, or cannot reach this server.'),
    table([
      { label: 'Workstation', value: (c) => c.hostname || '(unknown)' },
      { label: 'Account', value: (c) => c.os_user || '–' },
      { label: 'Logged in as', value: (c) => c.login },
      { label: 'Awaiting upload', value: (c) => String(c.fallback_jobs_awaiting_upload) },
      { label: 'Last reported', value: (c) => when(c.reported_at) },
    ], clients.clients, 'No Desktop Client has reported yet.')));
  probe(reachable);
}

// Filled in when the probe answers, so the rest of the page does not wait for it.
async function probe(tileEl) {
  const value = tileEl.querySelector('.tile-value');
  try {
    const { results } = await api.post('/api/v1/admin/fallback-test', { timeout_ms: 1000 });
    const byPrinter = new Map(results.map((r) => [r.printer_id, r.reachable]));
    const up = [...byPrinter.values()].filter(Boolean).length;
    value.textContent = byPrinter.size ? `${up} of ${byPrinter.size}` : 'none configured';
  } catch (problem) {
    value.textContent = 'not checked';
    tileEl.append(h('span', { class: 'tile-label' }, problem.message));
  }
}

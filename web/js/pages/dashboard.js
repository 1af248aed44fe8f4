// The administrator's first page: server status, printers, jobs today, fallback jobs
// accounted recently and awaiting upload (as the desktop clients report them), jobs waiting.

import { api, query } from '../api.js';
import { t } from '../i18n.js';
import { h, money, number, view, section, table, when } from '../ui.js';

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
  const [{ printers }, today, fallback, held, clients, twice] = await Promise.all([
    api.get('/api/v1/printers'),
    api.get(`/api/v1/jobs${query({ from: isoDaysAgo(0), limit: 1 })}`),
    api.get(`/api/v1/jobs${query({ origin: 'fallback', from: isoDaysAgo(7), limit: 10 })}`),
    api.get(`/api/v1/jobs${query({ state: 'held', limit: 1 })}`),
    api.get('/api/v1/admin/client-reports'),
    // D10: jobs printed by the server and by a fallback printer (charged once).
    api.get(`/api/v1/jobs${query({ printed_twice: 'true', limit: 1 })}`)]);
  const fallbackAllowed = printers.filter((p) => p.fallback_allowed).length;
  const reachable = tile(t('dashboard.reachable'), t('dashboard.checking'), '#/admin/fallback-test');
  const serverState = health.status === 'ok'
    ? t('dashboard.server_running', { database: health.database })
    : (health.status === 'unreachable' ? t('dashboard.server_unreachable') : health.status);
  showPage(t('dashboard.title'),
    h('div', { class: 'tiles' },
      reachable,
      tile(t('dashboard.server'), serverState, '#/admin/dashboard'),
      tile(t('dashboard.printers'), t('dashboard.printers_value',
        { count: printers.length, total: number(printers.length), fallback: number(fallbackAllowed) }),
      '#/admin/printers'),
      tile(t('dashboard.jobs_today'), number(today.total), '#/admin/jobs'),
      tile(t('dashboard.fallback_accounted'), number(fallback.total), '#/admin/jobs'),
      tile(t('dashboard.awaiting_upload'), number(clients.fallback_jobs_awaiting_upload),
        '#/admin/dashboard'),
      tile(t('dashboard.held'), number(held.total), '#/admin/jobs'),
      tile(t('dashboard.printed_twice'), number(twice.total), '#/admin/jobs')),
    h('p', { class: 'help' }, t('dashboard.help')),
    section(t('dashboard.recent_fallback'), table([
      { label: t('column.printed'), value: (j) => when(j.printed_at) },
      { label: t('column.title'), value: (j) => j.title || t('jobs.untitled') },
      { label: t('column.printer'), value: (j) => printers.find((p) => p.id === j.printer_id)?.name || '–' },
      { label: t('column.pages'), value: (j) => number(j.pages * j.copies) },
      { label: t('column.cost'), value: (j) => money(j.cost_cents) },
    ], fallback.jobs.slice(0, 10), t('dashboard.no_recent_fallback'))),
    section(t('dashboard.clients'), h('p', { class: 'help' }, t('dashboard.clients_help')),
      table([
        { label: t('column.workstation'), value: (c) => c.hostname || t('dashboard.unknown_host') },
        { label: t('column.account'), value: (c) => c.os_user || '–' },
        { label: t('column.logged_in_as'), value: (c) => c.login },
        { label: t('column.awaiting_upload'), value: (c) => number(c.fallback_jobs_awaiting_upload) },
        { label: t('column.last_reported'), value: (c) => when(c.reported_at) },
      ], clients.clients, t('dashboard.no_clients'))));
  probe(reachable);
}

// Filled in when the probe answers, so the rest of the page does not wait for it.
async function probe(tileEl) {
  const value = tileEl.querySelector('.tile-value');
  try {
    const { results } = await api.post('/api/v1/admin/fallback-test', { timeout_ms: 1000 });
    const byPrinter = new Map(results.map((r) => [r.printer_id, r.reachable]));
    const up = [...byPrinter.values()].filter(Boolean).length;
    value.textContent = byPrinter.size
      ? t('dashboard.reachable_value', { up, total: byPrinter.size }) : t('dashboard.none_configured');
  } catch (problem) {
    value.textContent = t('dashboard.not_checked');
    tileEl.append(h('span', { class: 'tile-label' }, problem.message));
  }
}

// The jobs table both job pages use: origin, state, pages as printed, what was asked (the job
// ticket), cost, and for a held job the release to a printer; cancel for any job that has not
// printed.

import { api } from './api.js';
import { t } from './i18n.js';
import { h, money, notice, table, when } from './ui.js';

const states = ['pending', 'held', 'printing', 'printed', 'failed', 'cancelled'];
const stateText = (state) => (states.includes(state) ? t(`job_state.${state}`) : state);
const titleOf = (job) => job.title || job.uuid;

function releaseControl(job, printers, onDone) {
  const id = `release-${job.uuid}`;
  const select = h('select', { id }, printers.map((p) => h('option', { value: p.id }, p.name)));
  return h('span', { class: 'row-actions' },
    h('label', { for: id, class: 'visually-hidden' }, t('jobs.printer_for', { title: titleOf(job) })),
    select,
    h('button', { type: 'button', onclick: async () => {
      try {
        const after = await api.post(`/api/v1/jobs/${job.uuid}/release`, { printer: Number(select.value) });
        onDone('ok', t('jobs.released', { title: titleOf(job), state: stateText(after.state) }));
      } catch (problem) { onDone('error', problem.message); }
    } }, t('jobs.release')));
}

function cancelButton(job, onDone) {
  return h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirm(t('jobs.cancel_confirm', { title: titleOf(job) }))) return;
    try {
      await api.post(`/api/v1/jobs/${job.uuid}/cancel`);
      onDone('ok', t('jobs.cancelled', { title: titleOf(job) }));
    } catch (problem) { onDone('error', problem.message); }
  } }, t('jobs.cancel'));
}

function pagesText(job) {
  const printed = t('jobs.pages_copies', { pages: job.pages, copies: job.copies });
  return job.color_pages
    ? t('jobs.pages_with_colour', { printed, count: job.color_pages }) : printed;
}

// jobs: the API's Job objects; names: {users: id → login, printers: id → name}.
export function jobsTable(jobs, { printers, users, onDone, showOwner }) {
  const printerName = (id) => (id === null || id === undefined ? '–'
    : (printers.find((p) => p.id === id)?.name || `#${id}`));
  const columns = [
    { label: t('column.submitted'), value: (j) => when(j.submitted_at) },
    showOwner ? { label: t('column.user'), value: (j) => users?.[j.owner_id] || `#${j.owner_id}` } : null,
    { label: t('column.title'), value: (j) => j.title || t('jobs.untitled') },
    { label: t('column.printer'), value: (j) => printerName(j.printer_id) },
    { label: t('column.origin'), value: (j) => h('span', { class: `origin origin-${j.origin}` },
      j.origin === 'fallback' ? t('origin.fallback') : t('origin.server')) },
    { label: t('column.state'), value: (j) => h('span', { class: `state state-${j.state}` },
      stateText(j.state)) },
    { label: t('column.pages'), value: pagesText },
    // What the user asked (D11), as the server words it; pages above are as printed under it.
    { label: t('column.asked'), value: (j) => h('span', { class: 'ticket' }, j.ticket_text || t('jobs.as_document')) },
    { label: t('column.cost'), value: (j) => money(j.cost_cents) },
    { label: t('column.notes'), value: (j) => [j.outcome || '',
      j.may_be_counted_twice ? ` ${t('jobs.counted_twice')}` : '',
      j.printed_twice ? ` ${t('jobs.printed_twice', { printer: printerName(j.also_printed_on) })}`
        : ''].join('') },
    { label: t('column.actions'), value: (j) => h('span', {},
      j.state === 'held' && !j.awaiting_commit ? releaseControl(j, printers, onDone) : null,
      ['pending', 'held', 'printing'].includes(j.state) ? cancelButton(j, onDone) : null) },
  ].filter(Boolean);
  return table(columns, jobs, t('jobs.none'));
}

export function jobNews(kind, text) { return notice(kind, text); }

// The jobs table both job pages use: origin, state, pages as printed, what was asked (the job
// ticket), cost, and for a held job the release to a printer; cancel for any job that has not
// printed.

import { api } from './api.js';
import { h, money, notice, table, when } from './ui.js';

const stateText = { pending: 'waiting', held: 'held', printing: 'printing', printed: 'printed',
  failed: 'failed', cancelled: 'cancelled' };

function releaseControl(job, printers, onDone) {
  const id = `release-${job.uuid}`;
  const select = h('select', { id }, printers.map((p) => h('option', { value: p.id }, p.name)));
  return h('span', { class: 'row-actions' },
    h('label', { for: id, class: 'visually-hidden' }, `Printer for ${job.title || job.uuid}`),
    select,
    h('button', { type: 'button', onclick: async () => {
      try {
        const after = await api.post(`/api/v1/jobs/${job.uuid}/release`, { printer: Number(select.value) });
        onDone('ok', `Job "${job.title || job.uuid}" released: now ${stateText[after.state] || after.state}.`);
      } catch (problem) { onDone('error', problem.message); }
    } }, 'Release'));
}

function cancelButton(job, onDone) {
  return h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirm(`Cancel job "${job.title || job.uuid}"? It will not print.`)) return;
    try {
      await api.post(`/api/v1/jobs/${job.uuid}/cancel`);
      onDone('ok', `Job "${job.title || job.uuid}" cancelled.`);
    } catch (problem) { onDone('error', problem.message); }
  } }, 'Cancel');
}

// jobs: the API's Job objects; names: {users: id → login, printers: id → name}.
export function jobsTable(jobs, { printers, users, onDone, showOwner }) {
  const printerName = (id) => (id === null || id === undefined ? '–'
    : (printers.find((p) => p.id === id)?.name || `#${id}`));
  const columns = [
    { label: 'Submitted', value: (j) => when(j.submitted_at) },
    showOwner ? { label: 'User', value: (j) => users?.[j.owner_id] || `#${j.owner_id}` } : null,
    { label: 'Title', value: (j) => j.title || '(untitled)' },
    { label: 'Printer', value: (j) => printerName(j.printer_id) },
    { label: 'Origin', value: (j) => h('span', { class: `origin origin-${j.origin}` },
      j.origin === 'fallback' ? 'fallback' : 'server') },
    { label: 'State', value: (j) => h('span', { class: `state state-${j.state}` },
      stateText[j.state] || j.state) },
    { label: 'Pages', value: (j) => `${j.pages} × ${j.copies}${j.color_pages ? `, ${j.color_pages} colour` : ''}` },
    // What the user asked (D11), as the server words it; pages above are as printed under it.
    { label: 'Asked', value: (j) => h('span', { class: 'ticket' }, j.ticket_text || 'as the document is') },
    { label: 'Cost', value: (j) => money(j.cost_cents) },
    { label: 'Notes', value: (j) => [j.outcome || '',
      j.may_be_counted_twice ? ' May be counted twice (Kyocera non-spooling port).' : ''].join('') },
    { label: 'Actions', value: (j) => h('span', {},
      j.state === 'held' ? releaseControl(j, printers, onDone) : null,
      ['pending', 'held', 'printing'].includes(j.state) ? cancelButton(j, onDone) : null) },
  ].filter(Boolean);
  return table(columns, jobs, 'No jobs match.');
}

export function jobNews(kind, text) { return notice(kind, text); }

// Every user's jobs, filtered by user, printer, origin (fallback or server), state and dates,
// a page at a time (the API's limit/offset and total).

import { api, query } from '../api.js';
import { field, form, h, notice, view, pager } from '../ui.js';
import { jobsTable } from '../jobs_table.js';

export const jobsPerPage = 50;

// <input type=date> gives "2026-11-24"; the API wants an ISO time (the end day is inclusive).
function dayStart(date, plusDays = 0) {
  if (!date) return '';
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

export async function renderJobs(filters = {}, news, offset = 0) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ users }, { printers }] = await Promise.all([api.get('/api/v1/users'),
    api.get('/api/v1/printers')]);
  const logins = Object.fromEntries(users.map((u) => [u.id, u.login]));
  const results = h('div', { 'aria-live': 'polite' });
  const load = async (f, at = 0) => {
    const answer = await api.get(`/api/v1/jobs${query({
      user: f.user, printer: f.printer, origin: f.origin, state: f.state,
      from: dayStart(f.from), to: dayStart(f.to, 1), limit: jobsPerPage, offset: at })}`);
    const paging = pager('Job pages', { offset: at, shown: answer.jobs.length,
      total: answer.total, noun: 'job', onGo: (next) => load(f, next), pageSize: jobsPerPage });
    results.replaceChildren(paging,
      jobsTable(answer.jobs, { printers, users: logins, showOwner: true,
        onDone: (kind, text) => renderJobs(f, notice(kind, text), at) }));
  };
  const filterForm = form('Filter jobs', [h('div', { class: 'filters' },
    field({ name: 'user', label: 'User', type: 'select', value: filters.user,
      options: [['', 'Everyone'], ...users.map((u) => [u.login, u.login])] }),
    field({ name: 'printer', label: 'Printer', type: 'select', value: filters.printer,
      options: [['', 'Every printer'], ...printers.map((p) => [p.name, p.name])] }),
    field({ name: 'origin', label: 'Origin', type: 'select', value: filters.origin,
      options: [['', 'Server and fallback'], ['server', 'Server'], ['fallback', 'Fallback']] }),
    field({ name: 'state', label: 'State', type: 'select', value: filters.state,
      options: [['', 'Any state'], ['pending', 'Waiting'], ['held', 'Held'],
        ['printing', 'Printing'], ['printed', 'Printed'], ['failed', 'Failed'],
        ['cancelled', 'Cancelled']] }),
    field({ name: 'from', label: 'From (day)', type: 'date', value: filters.from }),
    field({ name: 'to', label: 'To (day, inclusive)', type: 'date', value: filters.to }))],
  'Show jobs', (v) => load(v));
  showPage('Jobs', news || null, filterForm, results);
  await load(filters, offset);
}

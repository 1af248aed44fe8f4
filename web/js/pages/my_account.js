// My balance: credit, quota for the current period, and the printers I have used.

import { api } from '../api.js';
import { h, money, view, section, table, when } from '../ui.js';

export async function renderMyAccount() {
  const showPage = view();  // before any await: this render belongs to this navigation
  const me = await api.get('/api/v1/me');
  const q = me.quota;
  showPage('My balance',
    section('Credit', h('p', { class: 'big' }, me.pays_with_credit
      ? `Balance: ${money(me.balance_cents)}`
      : 'You do not pay with credit; only your quota applies.')),
    section('Quota', q ? h('dl', {},
      h('dt', {}, 'Period'), h('dd', {}, `${q.period}, since ${when(q.period_start)}`),
      h('dt', {}, 'Pages'), h('dd', {}, `${q.used_pages} used${q.page_limit !== null ? ` of ${q.page_limit}` : ', no page limit'}`),
      h('dt', {}, 'Cost'), h('dd', {}, `${money(q.used_cost_cents)} used${q.cost_limit_cents !== null ? ` of ${money(q.cost_limit_cents)}` : ', no cost limit'}`))
      : h('p', {}, 'You have no quota.')),
    section('Printers I have used', table([
      { label: 'Printer', value: (u) => u.name || `#${u.printer_id}` },
      { label: 'Jobs', value: (u) => u.jobs },
      { label: 'Last used', value: (u) => when(u.last_used) },
    ], me.printers_used, 'You have not printed yet.')));
}

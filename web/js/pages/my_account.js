// My balance: credit, quota for the current period, and the printers I have used.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, money, number, view, section, table, when } from '../ui.js';

function pagesUsed(q) {
  return q.page_limit !== null
    ? t('quota.pages_used_of', { used: number(q.used_pages), limit: number(q.page_limit) })
    : t('quota.pages_used_no_limit', { used: number(q.used_pages) });
}

function costUsed(q) {
  return q.cost_limit_cents !== null
    ? t('quota.cost_used_of', { used: money(q.used_cost_cents), limit: money(q.cost_limit_cents) })
    : t('quota.cost_used_no_limit', { used: money(q.used_cost_cents) });
}

export async function renderMyAccount() {
  const showPage = view();  // before any await: this render belongs to this navigation
  const me = await api.get('/api/v1/me');
  const q = me.quota;
  showPage(t('my_account.title'),
    section(t('my_account.credit'), h('p', { class: 'big' }, me.pays_with_credit
      ? t('my_account.balance', { balance: money(me.balance_cents) })
      : t('my_account.no_credit'))),
    section(t('my_account.quota'), q ? h('dl', {},
      h('dt', {}, t('quota.period')),
      h('dd', {}, t('quota.period_since', { period: t(`quota.period_${q.period}`), start: when(q.period_start) })),
      h('dt', {}, t('quota.pages')), h('dd', {}, pagesUsed(q)),
      h('dt', {}, t('quota.cost')), h('dd', {}, costUsed(q)))
      : h('p', {}, t('my_account.no_quota'))),
    section(t('my_account.printers_used'), table([
      { label: t('column.printer'), value: (u) => u.name || `#${u.printer_id}` },
      { label: t('column.jobs'), value: (u) => number(u.jobs) },
      { label: t('column.last_used'), value: (u) => when(u.last_used) },
    ], me.printers_used, t('my_account.not_printed'))));
}

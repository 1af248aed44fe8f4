// The quota fields of a form, shared by users (their own quota) and groups of users (the
// quota of members without their own): a period and limits; usage is the server's.

import { t } from '../i18n.js';
import { field, h, number } from '../ui.js';

export function quotaFields(q, noneLabel) {
  return h('fieldset', { class: 'group', dataset: { field: 'quota' } },
    h('legend', {}, t('my_account.quota')),
    field({ name: 'quota.period', label: t('quota.period'), type: 'select', value: q ? q.period : '',
      options: [['', noneLabel], ['day', t('reports.per_day')], ['week', t('reports.per_week')],
        ['month', t('reports.per_month')]] }),
    field({ name: 'quota.page_limit', label: t('users.page_limit'), type: 'number', min: 0,
      value: q?.page_limit ?? '' }),
    field({ name: 'quota.cost_limit', label: t('users.cost_limit'), type: 'number', min: 0, step: '0.01',
      value: q?.cost_limit_cents != null ? (q.cost_limit_cents / 100).toFixed(2) : '' }));
}

export function quotaBody(v) {
  if (!v['quota.period']) return null;
  return { period: v['quota.period'], page_limit: v['quota.page_limit'],
    cost_limit_cents: v['quota.cost_limit'] === null ? null : Math.round(v['quota.cost_limit'] * 100) };
}

// "120/500 pages per month"; with usage only when the quota carries it (a user's).
export function quotaSummary(q) {
  const limit = q.page_limit === null ? '∞' : number(q.page_limit);
  return q.used_pages === undefined ? t(`quota.limit_per_${q.period}`, { limit })
    : t(`users.quota_per_${q.period}`, { used: number(q.used_pages), limit });
}

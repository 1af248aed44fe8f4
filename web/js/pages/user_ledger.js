// One user's ledger, for administrators: every charge, refund and top-up with the balance
// after it, newest first, so a balance can be explained line by line.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, money, section, table, when } from '../ui.js';

const kinds = ['charge', 'refund', 'top-up'];
const kindText = (kind) => (kinds.includes(kind) ? t(`ledger_kind.${kind}`) : kind);

// A charge takes money away; refunds and top-ups give it back.
function signedAmount(entry) {
  return money(entry.kind === 'charge' ? -entry.amount_cents : entry.amount_cents);
}

function jobText(entry) {
  if (!entry.job_uuid) return '–';
  const job = `${entry.job_uuid.slice(0, 8)}…`;
  if (!entry.origin) return job;
  return t('ledger.job_with_origin', { job,
    origin: entry.origin === 'fallback' ? t('origin.fallback') : t('origin.server') });
}

export async function userLedger(user) {
  const { entries } = await api.get(`/api/v1/users/${user.id}/ledger`);
  const newestFirst = [...entries].sort((a, b) => b.id - a.id);
  return section(t('ledger.title', { login: user.login }),
    h('p', { class: 'help' }, user.pays_with_credit
      ? t('ledger.balance_now', { balance: money(user.balance_cents) })
      : t('ledger.no_credit', { login: user.login })),
    table([
      { label: t('column.when'), value: (e) => when(e.created_at) },
      { label: t('column.kind'), value: (e) => h('span', { class: `ledger ledger-${e.kind}` }, kindText(e.kind)) },
      { label: t('column.amount'), value: signedAmount },
      { label: t('column.balance_after'), value: (e) => money(e.balance_after_cents) },
      { label: t('column.job'), value: jobText },
      { label: t('column.by'), value: (e) => e.actor || '–' },
      { label: t('column.note'), value: (e) => e.note || '–' },
    ], newestFirst, t('ledger.none', { login: user.login })));
}

// One user's ledger, for administrators: every charge, refund and top-up with the balance
// after it, newest first, so a balance can be explained line by line.

import { api } from '../api.js';
import { h, money, section, table, when } from '../ui.js';

const kindText = { charge: 'charge', refund: 'refund', 'top-up': 'top-up' };

// A charge takes money away; refunds and top-ups give it back.
function signedAmount(entry) {
  return money(entry.kind === 'charge' ? -entry.amount_cents : entry.amount_cents);
}

function jobText(entry) {
  if (!entry.job_uuid) return '–';
  return `${entry.job_uuid.slice(0, 8)}…${entry.origin ? ` (${entry.origin})` : ''}`;
}

export async function userLedger(user) {
  const { entries } = await api.get(`/api/v1/users/${user.id}/ledger`);
  const newestFirst = [...entries].sort((a, b) => b.id - a.id);
  return section(`Ledger of ${user.login}`,
    h('p', { class: 'help' }, user.pays_with_credit
      ? `Balance now: ${money(user.balance_cents)}. It is the sum of these entries.`
      : `${user.login} does not pay with credit; jobs are still recorded here.`),
    table([
      { label: 'When', value: (e) => when(e.created_at) },
      { label: 'Kind', value: (e) => h('span', { class: `ledger ledger-${e.kind}` }, kindText[e.kind] || e.kind) },
      { label: 'Amount', value: signedAmount },
      { label: 'Balance after', value: (e) => money(e.balance_after_cents) },
      { label: 'Job', value: jobText },
      { label: 'By', value: (e) => e.actor || '–' },
      { label: 'Note', value: (e) => e.note || '–' },
    ], newestFirst, `${user.login} has no charge, refund or top-up yet.`));
}

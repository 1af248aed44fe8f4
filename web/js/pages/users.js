// Users: create, credit top-up, quota, password and PIN, role, the ledger, delete.

import { api } from '../api.js';
import { field, form, h, money, notice, view, section, showProblem, table } from '../ui.js';
import { userLedger } from './user_ledger.js';

const toCents = (text) => {
  const n = Number(String(text ?? '').replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * 100) : NaN;
};

function quotaFields(q) {
  return h('fieldset', { class: 'group', dataset: { field: 'quota' } },
    h('legend', {}, 'Quota'),
    field({ name: 'quota.period', label: 'Period', type: 'select', value: q ? q.period : '',
      options: [['', 'No quota'], ['day', 'Day'], ['week', 'Week'], ['month', 'Month']] }),
    field({ name: 'quota.page_limit', label: 'Page limit', type: 'number', min: 0,
      value: q?.page_limit ?? '' }),
    field({ name: 'quota.cost_limit', label: 'Cost limit', type: 'number', min: 0, step: '0.01',
      value: q?.cost_limit_cents != null ? (q.cost_limit_cents / 100).toFixed(2) : '' }));
}

function quotaBody(v) {
  if (!v['quota.period']) return null;
  return { period: v['quota.period'], page_limit: v['quota.page_limit'],
    cost_limit_cents: v['quota.cost_limit'] === null ? null : Math.round(v['quota.cost_limit'] * 100) };
}

function createForm(done) {
  return form('Create a user', [
    field({ name: 'login', label: 'Login', required: true }),
    field({ name: 'password', label: 'Password (8 characters or more)', type: 'password',
      required: true, autocomplete: 'new-password' }),
    field({ name: 'name', label: 'Name' }),
    field({ name: 'email', label: 'E-mail', type: 'email' }),
    field({ name: 'role', label: 'Role', type: 'select', value: 'user',
      options: [['user', 'User'], ['admin', 'Administrator']] }),
    field({ name: 'pays_with_credit', label: 'Pays with credit', type: 'checkbox', value: true }),
    quotaFields(null),
  ], 'Create user', async (v) => {
    const user = await api.post('/api/v1/users', { login: v.login, password: v.password,
      name: v.name, email: v.email, role: v.role, pays_with_credit: v.pays_with_credit,
      quota: quotaBody(v) });
    done(`User "${user.login}" created.`);
  });
}

function editForm(u, done) {
  return form(`Edit user ${u.login}`, [
    field({ name: 'name', label: 'Name', value: u.name }),
    field({ name: 'email', label: 'E-mail', type: 'email', value: u.email }),
    field({ name: 'role', label: 'Role', type: 'select', value: u.role,
      options: [['user', 'User'], ['admin', 'Administrator']] }),
    field({ name: 'pays_with_credit', label: 'Pays with credit', type: 'checkbox',
      value: u.pays_with_credit }),
    quotaFields(u.quota),
  ], 'Save user', async (v) => {
    await api.patch(`/api/v1/users/${u.id}`, { name: v.name, email: v.email, role: v.role,
      pays_with_credit: v.pays_with_credit, quota: quotaBody(v) });
    done(`User "${u.login}" saved.`);
  });
}

function topUpForm(u, done) {
  return form(`Top up ${u.login}`, [
    field({ name: 'amount', label: `Amount to add to ${u.login}'s credit`, type: 'number',
      min: 0.01, step: '0.01', required: true, dataset: {} }),
    field({ name: 'note', label: 'Note', placeholder: 'cash, invoice 42…' }),
  ], 'Top up', async (v) => {
    const cents = toCents(v.amount);
    if (!(cents > 0)) {
      throw Object.assign(new Error('Enter a positive amount, e.g. 10.00.'),
        { status: 400, field: 'amount', details: [] });
    }
    const answer = await api.post(`/api/v1/users/${u.id}/top-up`, { amount_cents: cents, note: v.note });
    done(`${money(cents)} added to ${u.login}: balance ${money(answer.user.balance_cents)}.`);
  });
}

function passwordForm(u, done) {
  return form(`Reset the password of ${u.login}`, [
    field({ name: 'password', label: 'New password (8 characters or more)', type: 'password',
      required: true, autocomplete: 'new-password' }),
  ], 'Reset password', async (v) => {
    await api.post(`/api/v1/users/${u.id}/password`, { password: v.password });
    done(`Password of ${u.login} reset; their sessions are logged out.`);
  });
}

function pinForm(u, done) {
  return form(`PIN of ${u.login}`, [
    h('p', { class: 'help' }, u.has_pin
      ? `${u.login} has a PIN. Set a new one, or clear it.`
      : `${u.login} has no PIN. A PIN is at least 4 digits.`),
    field({ name: 'pin', label: 'New PIN (4 digits or more)', type: 'password',
      autocomplete: 'new-password' }),
    u.has_pin ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'danger',
      onclick: async (event) => {
        const el = event.currentTarget.closest('form');
        try {
          await api.post(`/api/v1/users/${u.id}/pin`, { pin: null });
          done(`PIN of ${u.login} cleared.`);
        } catch (problem) { showProblem(el, problem); }
      } }, `Clear PIN of ${u.login}`)) : null,
  ], 'Set PIN', async (v) => {
    if (!/^\d{4,}$/.test(v.pin)) {
      throw Object.assign(new Error('A PIN is 4 digits or more, digits only.'),
        { status: 400, field: 'pin', details: [] });
    }
    await api.post(`/api/v1/users/${u.id}/pin`, { pin: v.pin });
    done(`PIN of ${u.login} set.`);
  });
}

async function removeUser(u, done) {
  if (!confirm(`Delete the user ${u.login}? This cannot be undone. A user with jobs or ` +
    'ledger entries cannot be deleted: accounting keeps them.')) return;
  try {
    await api.del(`/api/v1/users/${u.id}`);
    done(notice('ok', `User "${u.login}" deleted.`));
  } catch (problem) {
    done(notice('error', `User "${u.login}" was not deleted: ${problem.message}`));
  }
}

export async function renderUsers(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const { users } = await api.get('/api/v1/users');
  const slot = h('div', {});
  const reload = (message) => renderUsers(message);
  const show = (el) => { slot.replaceChildren(el); el.querySelector('input, select, button')?.focus(); };
  const showLedger = async (u) => {
    try { show(await userLedger(u)); } catch (problem) { slot.replaceChildren(notice('error', problem.message)); }
  };
  showPage('Users', typeof news === 'string' ? notice('ok', news) : (news instanceof Node ? news : null),
    section('All users', table([
      { label: 'Login', value: (u) => u.login },
      { label: 'Name', value: (u) => u.name || '–' },
      { label: 'Role', value: (u) => (u.role === 'admin' ? 'administrator' : 'user') },
      { label: 'Balance', value: (u) => (u.pays_with_credit ? money(u.balance_cents) : 'no credit') },
      { label: 'Quota', value: (u) => (u.quota ? `${u.quota.used_pages}/${u.quota.page_limit ?? '∞'} pages per ${u.quota.period}` : '–') },
      { label: 'Actions', value: (u) => h('span', { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => show(editForm(u, reload)) }, `Edit ${u.login}`),
        h('button', { type: 'button', onclick: () => show(topUpForm(u, reload)) }, `Top up ${u.login}`),
        h('button', { type: 'button', onclick: () => show(passwordForm(u, reload)) }, `Reset password of ${u.login}`),
        h('button', { type: 'button', onclick: () => show(pinForm(u, reload)) }, `PIN of ${u.login}`),
        h('button', { type: 'button', onclick: () => showLedger(u) }, `Ledger of ${u.login}`),
        h('button', { type: 'button', class: 'danger', onclick: () => removeUser(u, reload) }, `Delete ${u.login}`)) },
    ], users), h('button', { type: 'button', onclick: () => show(createForm(reload)) }, 'Create a user')),
    slot);
}

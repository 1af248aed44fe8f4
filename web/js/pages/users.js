// Users: create, credit top-up, quota, password and PIN, role, disable, the ledger, delete;
// and the directories accounts are synchronised from (docs/directory.md), with a dry run.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, money, notice, number, view, section, showProblem, table, when } from '../ui.js';
import { quotaBody, quotaFields, quotaSummary } from './quota_fields.js';
import { userLedger } from './user_ledger.js';

const toCents = (text) => {
  const n = Number(String(text ?? '').replace(',', '.'));
  return Number.isFinite(n) ? Math.round(n * 100) : NaN;
};

function createForm(done) {
  return form(t('users.create'), [
    field({ name: 'login', label: t('login.login'), required: true }),
    field({ name: 'password', label: t('users.password_field'), type: 'password',
      required: true, autocomplete: 'new-password' }),
    field({ name: 'name', label: t('column.name') }),
    field({ name: 'email', label: t('users.email'), type: 'email' }),
    field({ name: 'role', label: t('users.role'), type: 'select', value: 'user',
      options: [['user', t('users.role_user')], ['admin', t('users.role_admin')]] }),
    field({ name: 'pays_with_credit', label: t('users.pays_with_credit'), type: 'checkbox', value: true }),
    quotaFields(null, t('users.no_quota')),
  ], t('users.create_submit'), async (v) => {
    const user = await api.post('/api/v1/users', { login: v.login, password: v.password,
      name: v.name, email: v.email, role: v.role, pays_with_credit: v.pays_with_credit,
      quota: quotaBody(v) });
    done(t('users.created', { login: user.login }));
  });
}

function editForm(u, done) {
  return form(t('users.edit_form', { login: u.login }), [
    field({ name: 'name', label: t('column.name'), value: u.name }),
    field({ name: 'email', label: t('users.email'), type: 'email', value: u.email }),
    field({ name: 'role', label: t('users.role'), type: 'select', value: u.role,
      options: [['user', t('users.role_user')], ['admin', t('users.role_admin')]] }),
    field({ name: 'pays_with_credit', label: t('users.pays_with_credit'), type: 'checkbox',
      value: u.pays_with_credit }),
    quotaFields(u.quota, u.group_quota ? t('users.group_quota_applies', { group: u.quota_group }) : t('users.no_quota')),
    u.group_quota ? h('p', { class: 'help' }, t('users.group_quota_help',
      { login: u.login, group: u.quota_group, quota: quotaSummary(u.group_quota) })) : null,
    field({ name: 'disabled', label: t('users.disabled_field'), type: 'checkbox', value: u.disabled }),
  ], t('users.save'), async (v) => {
    await api.patch(`/api/v1/users/${u.id}`, { name: v.name, email: v.email, role: v.role,
      pays_with_credit: v.pays_with_credit, quota: quotaBody(v), disabled: v.disabled });
    done(t('users.saved', { login: u.login }));
  });
}

function topUpForm(u, done) {
  return form(t('users.top_up', { login: u.login }), [
    field({ name: 'amount', label: t('users.top_up_amount', { login: u.login }), type: 'number',
      min: 0.01, step: '0.01', required: true, dataset: {} }),
    field({ name: 'note', label: t('column.note'), placeholder: t('users.top_up_note_example') }),
  ], t('users.top_up_submit'), async (v) => {
    const cents = toCents(v.amount);
    if (!(cents > 0)) {
      throw Object.assign(new Error(t('users.top_up_positive')),
        { status: 400, field: 'amount', details: [] });
    }
    const answer = await api.post(`/api/v1/users/${u.id}/top-up`, { amount_cents: cents, note: v.note });
    done(t('users.topped_up', { amount: money(cents), login: u.login,
      balance: money(answer.user.balance_cents) }));
  });
}

function passwordForm(u, done) {
  return form(t('users.password_form', { login: u.login }), [
    field({ name: 'password', label: t('users.new_password'), type: 'password',
      required: true, autocomplete: 'new-password' }),
  ], t('users.password_submit'), async (v) => {
    await api.post(`/api/v1/users/${u.id}/password`, { password: v.password });
    done(t('users.password_reset', { login: u.login }));
  });
}

function pinForm(u, done) {
  return form(t('users.pin', { login: u.login }), [
    h('p', { class: 'help' }, u.has_pin
      ? t('users.has_pin', { login: u.login })
      : t('users.has_no_pin', { login: u.login })),
    field({ name: 'pin', label: t('users.new_pin'), type: 'password',
      autocomplete: 'new-password' }),
    u.has_pin ? h('div', { class: 'actions' }, h('button', { type: 'button', class: 'danger',
      onclick: async (event) => {
        const el = event.currentTarget.closest('form');
        try {
          await api.post(`/api/v1/users/${u.id}/pin`, { pin: null });
          done(t('users.pin_cleared', { login: u.login }));
        } catch (problem) { showProblem(el, problem); }
      } }, t('users.clear_pin', { login: u.login }))) : null,
  ], t('users.set_pin'), async (v) => {
    if (!/^\d{4,}$/.test(v.pin)) {
      throw Object.assign(new Error(t('users.pin_digits')),
        { status: 400, field: 'pin', details: [] });
    }
    await api.post(`/api/v1/users/${u.id}/pin`, { pin: v.pin });
    done(t('users.pin_set', { login: u.login }));
  });
}

// What a sync did or would do, in one line, then its warnings.
function syncOutcome(plan) {
  const c = plan.counts;
  const counts = t(plan.dry_run ? 'directories.would' : 'directories.did', {
    name: plan.source, create: number(c.create), update: number(c.update), enable: number(c.enable),
    disable: number(c.disable), groups: number(c.create_groups + c.update_groups),
    unchanged: number(c.unchanged) });
  return h('div', {}, notice('ok', counts),
    ...plan.warnings.map((w) => notice('warning', w)));
}

function directoriesSection(directories, slot, reload) {
  if (!directories.length) return null;
  const run = async (d, dryRun) => {
    try {
      const plan = await api.post(`/api/v1/directories/${encodeURIComponent(d.name)}/sync`,
        { dry_run: dryRun });
      if (dryRun) slot.replaceChildren(syncOutcome(plan));
      else reload(syncOutcome(plan));
    } catch (problem) { slot.replaceChildren(notice('error', problem.message)); }
  };
  return section(t('directories.title'), table([
    { label: t('column.name'), value: (d) => d.name },
    { label: t('directories.uri'), value: (d) => d.uri },
    { label: t('directories.last_sync'), value: (d) => when(d.last_sync) },
    { label: t('directories.last_error'), value: (d) => d.last_error || '–' },
    { label: t('column.actions'), value: (d) => h('span', { class: 'row-actions' },
      h('button', { type: 'button', onclick: () => run(d, true) }, t('directories.dry_run', { name: d.name })),
      h('button', { type: 'button', onclick: () => run(d, false) }, t('directories.sync', { name: d.name }))) },
  ], directories));
}

async function removeUser(u, done) {
  if (!confirm(t('users.delete_confirm', { login: u.login }))) return;
  try {
    await api.del(`/api/v1/users/${u.id}`);
    done(notice('ok', t('users.deleted', { login: u.login })));
  } catch (problem) {
    done(notice('error', t('users.not_deleted', { login: u.login, reason: problem.message })));
  }
}

export async function renderUsers(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ users }, { directories }] = await Promise.all([
    api.get('/api/v1/users'), api.get('/api/v1/directories')]);
  const slot = h('div', {});
  const reload = (message) => renderUsers(message);
  const show = (el) => { slot.replaceChildren(el); el.querySelector('input, select, button')?.focus(); };
  const showLedger = async (u) => {
    try { show(await userLedger(u)); } catch (problem) { slot.replaceChildren(notice('error', problem.message)); }
  };
  showPage(t('users.title'), typeof news === 'string' ? notice('ok', news) : (news instanceof Node ? news : null),
    section(t('users.all'), table([
      { label: t('login.login'), value: (u) => u.login },
      { label: t('column.name'), value: (u) => u.name || '–' },
      { label: t('users.role'), value: (u) => t(`role.${u.role === 'admin' ? 'admin' : 'user'}`) },
      { label: t('users.balance'), value: (u) => (u.pays_with_credit ? money(u.balance_cents) : t('users.no_credit')) },
      { label: t('my_account.quota'), value: (u) => (u.quota ? quotaSummary(u.quota)
        : u.group_quota ? t('users.quota_of_group', { quota: quotaSummary(u.group_quota), group: u.quota_group }) : '–') },
      { label: t('users.account'), value: (u) => [u.source ? t('users.from_directory', { name: u.source }) : t('users.local'),
        u.disabled ? t('users.disabled') : null].filter(Boolean).join(', ') },
      { label: t('column.actions'), value: (u) => h('span', { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => show(editForm(u, reload)) }, t('users.edit', { login: u.login })),
        h('button', { type: 'button', onclick: () => show(topUpForm(u, reload)) }, t('users.top_up', { login: u.login })),
        u.source ? null : h('button', { type: 'button', onclick: () => show(passwordForm(u, reload)) }, t('users.reset_password', { login: u.login })),
        h('button', { type: 'button', onclick: () => show(pinForm(u, reload)) }, t('users.pin', { login: u.login })),
        h('button', { type: 'button', onclick: () => showLedger(u) }, t('ledger.title', { login: u.login })),
        h('button', { type: 'button', class: 'danger', onclick: () => removeUser(u, reload) }, t('users.delete', { login: u.login }))) },
    ], users), h('button', { type: 'button', onclick: () => show(createForm(reload)) }, t('users.create'))),
    directoriesSection(directories, slot, reload),
    slot);
}

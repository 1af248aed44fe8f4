// Groups of users: a Desktop Client profile assigned to a group reaches its members, and its
// quota holds those without one of their own.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, money, notice, view, section, table } from '../ui.js';
import { quotaBody, quotaFields, quotaSummary } from './quota_fields.js';

function groupForm(group, users, done) {
  const g = group || { name: '', description: '', member_ids: [], initial_credit_cents: 0, source: '', quota: null };
  return form(group ? t('user_groups.form_edit', { name: g.name }) : t('user_groups.add'), [
    field({ name: 'name', label: t('column.name'), value: g.name, required: true }),
    field({ name: 'description', label: t('column.description'), value: g.description }),
    field({ name: 'member_ids', label: t('user_groups.members_field'),
      type: 'select', multiple: true, value: g.member_ids,
      options: users.map((u) => [u.id, u.name ? `${u.login} (${u.name})` : u.login]) }),
    g.source ? h('p', { class: 'help' }, t('user_groups.from_directory_help', { name: g.source })) : null,
    field({ name: 'initial_credit', label: t('user_groups.initial_credit'), type: 'number', min: 0,
      step: '0.01', value: (g.initial_credit_cents / 100).toFixed(2) }),
    h('p', { class: 'help' }, t('user_groups.initial_credit_help')),
    quotaFields(g.quota, t('users.no_quota')),
    h('p', { class: 'help' }, t('user_groups.quota_help')),
  ], group ? t('user_groups.save') : t('user_groups.add_submit'), async (v) => {
    const body = { name: v.name, description: v.description, member_ids: v.member_ids.map(Number),
      initial_credit_cents: Math.round((v.initial_credit || 0) * 100), quota: quotaBody(v) };
    const saved = group ? await api.patch(`/api/v1/user-groups/${group.id}`, body)
      : await api.post('/api/v1/user-groups', body);
    done(t('user_groups.saved', { name: saved.name }));
  });
}

export async function renderUserGroups(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const [{ user_groups: groups }, { users }] = await Promise.all([
    api.get('/api/v1/user-groups'), api.get('/api/v1/users')]);
  const slot = h('div', {});
  const reload = (message) => renderUserGroups(message);
  const show = (g) => { slot.replaceChildren(groupForm(g, users, reload)); slot.querySelector('input').focus(); };
  const logins = (ids) => ids.map((id) => users.find((u) => u.id === id)?.login || `#${id}`).join(', ');
  showPage(t('user_groups.title'), typeof news === 'string' ? notice('ok', news) : null,
    section(t('user_groups.all'), table([
      { label: t('column.name'), value: (g) => g.name },
      { label: t('column.description'), value: (g) => g.description || '–' },
      { label: t('column.members'), value: (g) => logins(g.member_ids) || '–' },
      { label: t('users.account'), value: (g) => (g.source ? t('users.from_directory', { name: g.source }) : t('users.local')) },
      { label: t('user_groups.initial_credit'), value: (g) => money(g.initial_credit_cents) },
      { label: t('my_account.quota'), value: (g) => (g.quota ? quotaSummary(g.quota) : '–') },
      { label: t('column.actions'), value: (g) => h('span', { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => show(g) }, t('user_groups.edit', { name: g.name })),
        h('button', { type: 'button', class: 'danger', onclick: async () => {
          if (!confirm(t('user_groups.delete_confirm', { name: g.name }))) return;
          try { await api.del(`/api/v1/user-groups/${g.id}`); reload(t('user_groups.deleted', { name: g.name })); }
          catch (problem) { slot.replaceChildren(notice('error', problem.message)); }
        } }, t('user_groups.delete', { name: g.name }))) },
    ], groups, t('user_groups.none')),
    h('button', { type: 'button', onclick: () => show(null) }, t('user_groups.add'))),
    slot);
}

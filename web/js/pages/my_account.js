// My balance: credit, quota for the current period, and the printers I have used; and what
// users change themselves: their password and the PIN that releases their jobs at a printer.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, money, notice, number, view, section, table, when } from '../ui.js';

// A check before the request, shown at the field as the server's refusals are.
function refuse(fieldName, message) {
  return Object.assign(new Error(message), { status: 422, field: fieldName, details: [] });
}

function currentPasswordField() {
  return field({ name: 'current_password', label: t('my_account.current_password'),
    type: 'password', autocomplete: 'current-password', required: true });
}

function passwordForm(done) {
  return form(t('my_account.change_password'), [
    currentPasswordField(),
    field({ name: 'password', label: t('my_account.new_password'), type: 'password',
      autocomplete: 'new-password', required: true }),
    field({ name: 'repeat', label: t('my_account.repeat_password'), type: 'password',
      autocomplete: 'new-password', required: true }),
  ], t('my_account.change_password_submit'), async (v) => {
    if (v.password !== v.repeat) throw refuse('repeat', t('my_account.passwords_differ'));
    await api.post('/api/v1/me/password', { current_password: v.current_password, password: v.password });
    done(t('my_account.password_changed'));
  });
}

function pinForm(hasPin, done) {
  return form(t('my_account.pin'), [
    h('p', { class: 'help' }, hasPin ? t('my_account.has_pin') : t('my_account.has_no_pin')),
    currentPasswordField(),
    field({ name: 'pin', label: t('users.new_pin'), type: 'password', autocomplete: 'off' }),
  ], t('users.set_pin'), async (v, el) => {
    const remove = el.dataset.remove === 'yes';
    delete el.dataset.remove;
    if (!remove && !/^\d{4,}$/.test(v.pin)) throw refuse('pin', t('users.pin_digits'));
    await api.post('/api/v1/me/pin', { current_password: v.current_password, pin: remove ? null : v.pin });
    done(remove ? t('my_account.pin_cleared') : t('my_account.pin_set'));
  });
}

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

export async function renderMyAccount(news) {
  const showPage = view();  // before any await: this render belongs to this navigation
  const me = await api.get('/api/v1/me');
  const q = me.quota;
  const reload = (message) => renderMyAccount(message);
  const pin = pinForm(me.user.has_pin, reload);
  if (me.user.has_pin) {
    // Removing needs the current password too: the same form, another button.
    pin.querySelector('.actions').append(h('button', { type: 'button', class: 'danger', onclick: () => {
      pin.dataset.remove = 'yes';
      pin.requestSubmit();
    } }, t('my_account.clear_pin')));
  }
  showPage(t('my_account.title'), typeof news === 'string' ? notice('ok', news) : null,
    section(t('my_account.credit'), h('p', { class: 'big' }, me.pays_with_credit
      ? t('my_account.balance', { balance: money(me.balance_cents) })
      : t('my_account.no_credit'))),
    section(t('my_account.quota'), me.quota_group ? h('p', {}, t('my_account.quota_of_group', { group: me.quota_group })) : null,
      q ? h('dl', {},
      h('dt', {}, t('quota.period')),
      h('dd', {}, t('quota.period_since', { period: t(`quota.period_${q.period}`), start: when(q.period_start) })),
      h('dt', {}, t('quota.pages')), h('dd', {}, pagesUsed(q)),
      h('dt', {}, t('quota.cost')), h('dd', {}, costUsed(q)))
      : h('p', {}, t('my_account.no_quota'))),
    section(t('my_account.printers_used'), table([
      { label: t('column.printer'), value: (u) => u.name || `#${u.printer_id}` },
      { label: t('column.jobs'), value: (u) => number(u.jobs) },
      { label: t('column.last_used'), value: (u) => when(u.last_used) },
    ], me.printers_used, t('my_account.not_printed'))),
    section(t('my_account.security'), passwordForm(reload), pin));
}

// The log-in form: POST /web/login sets the session cookie and gives the CSRF token.

import { api } from '../api.js';
import { t } from '../i18n.js';
import { field, form, h, notice, page } from '../ui.js';

export function renderLogin(onLoggedIn, news) {
  const loginForm = form(t('login.form'), [
    field({ name: 'login', label: t('login.login'), required: true, autocomplete: 'username' }),
    field({ name: 'password', label: t('login.password'), type: 'password', required: true,
      autocomplete: 'current-password' }),
  ], t('login.submit'), async (v, el) => {
    if (!v.login || !v.password) {
      const problem = new Error(t('login.missing'));
      problem.status = 400;
      problem.details = [];
      problem.field = !v.login ? 'login' : 'password';
      throw problem;
    }
    const answer = await api.post('/web/login', { login: v.login, password: v.password });
    el.reset();
    onLoggedIn(answer.user, answer.csrf_token, answer.currency);
  });
  page(t('login.title'), news ? notice('info', news) : null, loginForm,
    h('p', { class: 'help' }, t('login.help')));
  document.title = t('shell.document_title', { title: t('login.submit') });
  loginForm.querySelector('input').focus();
}

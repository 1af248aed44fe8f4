// The log-in form: POST /web/login sets the session cookie and gives the CSRF token.

import { api } from '../api.js';
import { field, form, h, notice, page } from '../ui.js';

export function renderLogin(onLoggedIn, news) {
  document.title = 'Log in – Printline';
  const loginForm = form('Log in', [
    field({ name: 'login', label: 'Login', required: true, autocomplete: 'username' }),
    field({ name: 'password', label: 'Password', type: 'password', required: true,
      autocomplete: 'current-password' }),
  ], 'Log in', async (v, el) => {
    if (!v.login || !v.password) {
      const problem = new Error('Enter your login and your password.');
      problem.status = 400;
      problem.details = [];
      problem.field = !v.login ? 'login' : 'password';
      throw problem;
    }
    const answer = await api.post('/web/login', { login: v.login, password: v.password });
    el.reset();
    onLoggedIn(answer.user, answer.csrf_token);
  });
  page('Log in to Printline', news ? notice('info', news) : null, loginForm,
    h('p', { class: 'help' }, 'Use the login and password your administrator gave you.'));
  loginForm.querySelector('input').focus();
}

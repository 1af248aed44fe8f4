// The REST API as the pages call it: the browser's session cookie authenticates (the page
// never sees the token), and every change carries the session's CSRF token (docs/web.md).

import { currentLanguage, t } from './i18n.js';

let csrfToken = '';

export function setCsrfToken(token) { csrfToken = token || ''; }

// An API refusal: status, the API's code and message, and the fields at fault.
export class ApiProblem extends Error {
  constructor(status, error) {
    super(error.message || t('api.answered_status', { status }));
    this.status = status;
    this.code = error.code || '';
    this.field = error.field || '';
    this.details = Array.isArray(error.details) ? error.details : [];
  }
}

const listeners = { unauthenticated: () => {} };
export function onUnauthenticated(handler) { listeners.unauthenticated = handler; }

export async function request(method, path, body) {
  // The reader's language, for the server's messages once it words them per language (D14).
  const headers = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiProblem(0, {
      code: 'offline',
      message: t('api.offline'),
    });
  }
  if (response.status === 204 || response.status === 304) return null;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const error = (json && json.error) || {
      message: t('api.unexplained', { status: `${response.status} ${response.statusText}`.trim() }),
    };
    const problem = new ApiProblem(response.status, error);
    if (response.status === 401 && !path.startsWith('/web/login')) listeners.unauthenticated(problem);
    throw problem;
  }
  return json;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body === undefined ? {} : body),
  patch: (path, body) => request('PATCH', path, body),
  put: (path, body) => request('PUT', path, body),
  del: (path) => request('DELETE', path),
};

// Query string from an object, leaving out empty values.
export function query(params) {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!pairs.length) return '';
  return '?' + pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

import {
  ApiError,
  currentAccount,
  login,
  NETWORK,
  refreshToken,
  type SignedInAccount,
} from './api.js';
import { h, replace } from './dom.js';
import { ROLE_LABELS } from './format.js';

/** Where each page keeps its token in localStorage. */
export const TOKEN_KEYS = {
  screen: 'thidua.screen.token',
  control: 'thidua.control.token',
  landing: 'thidua.landing.token',
} as const;

export type PageKind = keyof typeof TOKEN_KEYS;

/** A stored token, or null (also when localStorage is unavailable). */
export function storedToken(page: PageKind): string | null {
  try {
    return localStorage.getItem(TOKEN_KEYS[page]);
  } catch {
    return null;
  }
}

export function storeToken(page: PageKind, token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEYS[page], token);
    else localStorage.removeItem(TOKEN_KEYS[page]);
  } catch {
    // Private mode without storage: the page still works until it is reloaded.
  }
}

/** The page's own Vietnamese text for the failures it must react to; the server's message otherwise. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case NETWORK:
        return 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.';
      case 'UNAUTHENTICATED':
        return 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
      case 'FORBIDDEN':
        return `Tài khoản này không có quyền thực hiện thao tác. ${error.message}`;
      default:
        return error.message;
    }
  }
  return 'Đã có lỗi không mong muốn. Vui lòng tải lại trang.';
}

/** Options of a sign-in form. */
export interface SignInOptions {
  heading: string;
  /** What the form is for and which account to use. */
  hint: string;
  /** Roles this page accepts; others are refused with `refusal`. */
  roles: readonly string[];
  /** Why an account of another role cannot use this page. */
  refusal: (account: SignedInAccount) => string;
  /** A message shown above the form (e.g. why the page asks again). */
  notice?: string;
}

/** A Vietnamese phrase for a role, e.g. "tài khoản chỉ xem (VIEWER)". */
export function roleLabel(role: string): string {
  return `${ROLE_LABELS[role] ?? role} (${role})`;
}

/**
 * Shows a sign-in form in `container` and resolves with the token of an
 * account whose role the page accepts. Wrong passwords and refused roles are
 * explained under the form, which stays until a good sign-in.
 */
export function signIn(
  container: HTMLElement,
  options: SignInOptions,
): Promise<{ token: string; account: SignedInAccount }> {
  return new Promise((resolve) => {
    const username = h('input', {
      id: 'signin-username',
      name: 'username',
      autocomplete: 'username',
      required: true,
      autofocus: true,
    });
    const password = h('input', {
      id: 'signin-password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
    });
    const message = h('p', { class: 'form-error', role: 'alert', id: 'signin-error' });
    const submit = h('button', { type: 'submit', id: 'signin-submit' }, 'Đăng nhập');
    const form = h(
      'form',
      { class: 'signin', id: 'signin-form' },
      h('h1', {}, options.heading),
      options.notice ? h('p', { class: 'notice' }, options.notice) : null,
      h('p', { class: 'hint' }, options.hint),
      h('label', { for: 'signin-username' }, 'Tên đăng nhập'),
      username,
      h('label', { for: 'signin-password' }, 'Mật khẩu'),
      password,
      submit,
      message,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      replace(message);
      try {
        const result = await login(username.value.trim(), password.value);
        if (!options.roles.includes(result.account.role)) {
          replace(message, options.refusal(result.account));
          return;
        }
        resolve(result);
      } catch (error) {
        // A refused sign-in is the server's to explain (wrong password, too many attempts).
        const refused = error instanceof ApiError && error.code !== NETWORK;
        replace(message, refused ? error.message : describeError(error));
      } finally {
        submit.disabled = false;
        password.value = '';
      }
    });
    replace(container, form);
    username.focus();
  });
}

/**
 * The stored token of `page` when it is still valid for one of `roles`:
 * null when there is none, it expired, or its role does not fit (then it is forgotten).
 * Rejects with an ApiError when the server cannot be reached.
 */
export async function restoreSession(
  page: PageKind,
  roles: readonly string[],
): Promise<{ token: string; account: SignedInAccount } | null> {
  const token = storedToken(page);
  if (!token) return null;
  let account: SignedInAccount | null;
  try {
    account = await currentAccount(token);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') account = null;
    else throw error;
  }
  if (!account || !roles.includes(account.role)) {
    storeToken(page, null);
    return null;
  }
  return { token, account };
}

/** The earliest and latest a page waits before renewing its token. */
const MIN_RENEW_MS = 5_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How soon a renewal the network prevented is tried again. */
const RETRY_RENEW_MS = 30_000;

/** When a token expires (its `exp`, in ms), or null when it cannot be read. */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Keeps a page signed in for as long as its session lasts: halfway through
 * each token's lifetime it asks `refreshToken` for a new one, stores it and
 * hands it to `onRenewed`. A display left on for days stays signed in until
 * the server's session limit (JWT_SESSION_MAX_SECONDS); then the renewal is
 * refused, the token runs out and the page asks to sign in again. Returns a
 * function that stops the renewals.
 */
export function keepSessionFresh(
  page: PageKind,
  token: string,
  onRenewed: (token: string) => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = (current: string, expiresAt: number | null) => {
    if (stopped) return;
    const left = (expiresAt ?? Date.now() + 2 * RETRY_RENEW_MS) - Date.now();
    const delay = Math.min(MAX_TIMER_MS, Math.max(MIN_RENEW_MS, left / 2));
    timer = setTimeout(() => void renew(current, expiresAt), delay);
  };
  const renew = async (current: string, expiresAt: number | null) => {
    try {
      const renewed = await refreshToken(current);
      if (stopped) return;
      storeToken(page, renewed.token);
      onRenewed(renewed.token);
      schedule(renewed.token, Date.parse(renewed.expiresAt));
    } catch (error) {
      // Refused (the session is over): the token runs out and the page asks to sign in.
      if (error instanceof ApiError && error.code !== NETWORK) return;
      if (expiresAt !== null && Date.now() + RETRY_RENEW_MS >= expiresAt) return;
      if (!stopped) timer = setTimeout(() => void renew(current, expiresAt), RETRY_RENEW_MS);
    }
  };
  schedule(token, tokenExpiry(token));
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

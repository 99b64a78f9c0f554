import type { GraphQLFormattedError } from 'graphql';
import {
  labels,
  messages,
  type LocalizedText,
  type MessageKey,
  type MessageParam,
  type MessageParams,
} from './messages';
import { graphqlMessageInVietnamese } from './graphql-messages';

/** The languages messages are written in. */
export type Language = 'vi' | 'en';

/** The language of users who do not say: this service is for Vietnamese agencies. */
export const DEFAULT_LANGUAGE: Language = 'vi';

/**
 * The language an `Accept-Language` header (or a WebSocket client's
 * `language` connection parameter) asks for: Vietnamese or English,
 * whichever it ranks higher; Vietnamese when it names neither or is absent.
 */
export function languageFrom(header: string | string[] | null | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return DEFAULT_LANGUAGE;
  let best: { language: Language; q: number } | undefined;
  for (const part of value.split(',')) {
    const [tag = '', ...options] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    if (primary !== 'vi' && primary !== 'en') continue;
    const qOption = options.map((o) => o.trim()).find((o) => o.startsWith('q='));
    const q = qOption ? Number(qOption.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { language: primary, q };
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}

/** A message of the catalogue with its parameters, not yet rendered in a language. */
export interface Message<K extends MessageKey = MessageKey> {
  key: K;
  params: MessageParams<K>;
}

/** The message `key` with `params` (their names are checked against the templates). */
export function msg<K extends MessageKey>(
  key: K,
  ...params: keyof MessageParams<K> extends never ? [] : [MessageParams<K>]
): Message<K> {
  return { key, params: (params[0] ?? {}) as MessageParams<K> };
}

const numberFormats: Record<Language, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
};

const percentFormats: Record<Language, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }),
};

/** A parameter shown in `language` with its placeholder's format. */
function formatParam(value: MessageParam, format: string | undefined, language: Language): string {
  if (value === null) return '—';
  if (typeof value === 'object') return value[language];
  switch (format) {
    case 'percent':
      return percentFormats[language].format(Number(value));
    case 'money':
      return `${numberFormats[language].format(Number(value))} đ`;
    case 'number':
      return numberFormats[language].format(Number(value));
    case 'date': {
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
      return match ? `${match[3]}/${match[2]}/${match[1]}` : String(value);
    }
    case 'label':
      return labels[String(value)]?.[language] ?? String(value);
    case 'anyOf':
      return String(value)
        .split(',')
        .map((code) => labels[code]?.[language] ?? code)
        .join(language === 'vi' ? ' hoặc ' : ' or ');
    default:
      return String(value);
  }
}

/** A message's text in `language`. */
export function render(message: Message, language: Language): string {
  const template = messages[message.key][language];
  const params = message.params as Record<string, MessageParam>;
  return template.replace(/\{(\w+)(?:, (\w+))?\}/g, (whole, name: string, format?: string) =>
    name in params ? formatParam(params[name] ?? null, format, language) : whole,
  );
}

/** A message as a row keeps it (JSON): a key and parameters, checked only when read. */
export interface StoredMessage {
  key: string;
  params?: unknown;
}

/** Where a stored message that cannot be rendered is reported. */
interface StoredMessageLog {
  warn(details: Record<string, unknown>, message: string): void;
}

/** Stored keys already reported by this process, so a list of them logs each once. */
const reportedStored = new Set<string>();

/** True for a value a message parameter may take. */
function isMessageParam(value: unknown): value is MessageParam {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    isLocalizedText(value)
  );
}

/**
 * A stored message (a warning kept on a row) in `language`, checked as it is
 * read: its key must be in the catalogue and give every placeholder of its
 * templates a parameter. Otherwise (a key renamed or removed since it was
 * stored, parameters of another shape) it renders `warning.unavailable`
 * naming the key, in `language` too, and reports it to `log` once per
 * process and key.
 */
export function renderStored(
  stored: StoredMessage,
  language: Language,
  log: StoredMessageLog,
): string {
  const raw = stored.params;
  const params: Record<string, MessageParam> = {};
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [name, value] of Object.entries(raw)) {
      if (isMessageParam(value)) params[name] = value;
    }
  }
  const key = String(stored.key);
  const missing = isMessageKey(key)
    ? placeholdersOf(key).filter((name) => !(name in params))
    : null;
  if (missing && missing.length === 0) {
    return render({ key, params } as Message, language);
  }
  if (!reportedStored.has(key)) {
    reportedStored.add(key);
    log.warn(
      missing ? { key, missingParams: missing } : { key },
      missing
        ? 'a stored message lacks parameters its template uses; shown as warning.unavailable'
        : 'a stored message names a key the catalogue does not have; shown as warning.unavailable',
    );
  }
  return render(msg('warning.unavailable', { key }), language);
}

/** The placeholder names of a message's templates, in both languages (worked out once per key). */
function placeholdersOf(key: MessageKey): string[] {
  let names = placeholderNames.get(key);
  if (!names) {
    const found = new Set<string>();
    for (const text of [messages[key].en, messages[key].vi]) {
      for (const match of text.matchAll(/\{(\w+)(?:, \w+)?\}/g)) found.add(match[1]!);
    }
    names = [...found];
    placeholderNames.set(key, names);
  }
  return names;
}
const placeholderNames = new Map<MessageKey, string[]>();

/** True when `value` names a message of the catalogue. */
export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(messages, value);
}

/** The message an object carries as `messageKey` / `messageParams`, if any. */
function carriedMessage(carrier: Record<string, unknown> | undefined): Message | undefined {
  if (!carrier || !isMessageKey(carrier.messageKey)) return undefined;
  const params = carrier.messageParams;
  return {
    key: carrier.messageKey,
    params: (params && typeof params === 'object' ? params : {}) as Message['params'],
  };
}

/**
 * An error as a client in `language` reads it: the message (and each rule
 * check's message under `extensions.checks`) rendered from its key. Errors
 * that carry no key (graphql-js validation, Apollo's own) keep their text,
 * introduced in Vietnamese when that is the language.
 */
export function localizeError(
  error: GraphQLFormattedError,
  language: Language,
): GraphQLFormattedError {
  const extensions = error.extensions as Record<string, unknown> | undefined;
  const own = carriedMessage(extensions);
  let message = own ? render(own, language) : error.message;
  if (!own && language === 'vi' && isGraphqlProtocolError(extensions?.code)) {
    message =
      graphqlMessageInVietnamese(error.message) ??
      render(msg('graphql.invalid', { detail: error.message }), language);
  }
  const checks = extensions?.checks;
  if (!Array.isArray(checks)) return message === error.message ? error : { ...error, message };
  return {
    ...error,
    message,
    extensions: {
      ...extensions,
      checks: checks.map((check: Record<string, unknown>) => {
        const carried = carriedMessage(check);
        const localized = carried ? { ...check, message: render(carried, language) } : check;
        // A legal basis given in both languages is shown in the client's.
        const basis = check.legalBasisText;
        return isLocalizedText(basis) ? { ...localized, legalBasis: basis[language] } : localized;
      }),
    },
  };
}

/** True for text given in both languages. */
export function isLocalizedText(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LocalizedText).vi === 'string' &&
    typeof (value as LocalizedText).en === 'string'
  );
}

/** A message in both languages, for a parameter of another message. */
export function inBoth(message: Message): LocalizedText {
  return { vi: render(message, 'vi'), en: render(message, 'en') };
}

/**
 * Codes of errors that graphql-js or Apollo raise about the document itself
 * or its variables (BAD_USER_INPUT without a key: our own always carry one).
 */
function isGraphqlProtocolError(code: unknown): boolean {
  return (
    code === 'GRAPHQL_PARSE_FAILED' ||
    code === 'GRAPHQL_VALIDATION_FAILED' ||
    code === 'BAD_USER_INPUT'
  );
}

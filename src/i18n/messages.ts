import { paperworkLabels, paperworkMessages } from './paperwork-messages';

/**
 * Every message a client can be shown, in Vietnamese and English, keyed by a
 * stable name. A client receives the key and its parameters in
 * `extensions.messageKey` / `extensions.messageParams` beside the rendered
 * `message`, so it may render its own text instead.
 *
 * Placeholders: `{name}` inserts a parameter as it is; `{name, money}` an
 * amount in đồng; `{name, date}` a `YYYY-MM-DD` date as dd/MM/yyyy;
 * `{name, number}` a number with the language's digit grouping;
 * `{name, label}` a code (an entity or status name) through `labels` below.
 */
export const messages = {
  ...paperworkMessages,
  // Access
  'auth.signInFirst': {
    en: 'Sign in first: send a token as "Authorization: Bearer <token>"',
    vi: 'Vui lòng đăng nhập: gửi mã truy cập trong tiêu đề "Authorization: Bearer <token>"',
  },
  'auth.roleForbidden': {
    en: 'Your role may not do this',
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này',
  },
  // Generic outcomes
  'entity.notFound': {
    en: '{what, label} {id} does not exist',
    vi: '{what, label} {id} không tồn tại',
  },
  'lifecycle.illegalTransition': {
    en: '{what, label} cannot go from {from, label} to {to, label}',
    vi: '{what, label} không thể chuyển từ trạng thái "{from, label}" sang "{to, label}"',
  },
  // Server and transport
  'server.internal': {
    en: 'Internal server error',
    vi: 'Lỗi hệ thống, vui lòng thử lại sau',
  },
  'server.notFound': {
    en: 'Not found',
    vi: 'Không tìm thấy',
  },
  'server.bodyTooLarge': {
    en: 'Request body larger than {limit}',
    vi: 'Nội dung yêu cầu lớn hơn {limit}',
  },
  'server.malformedRequest': {
    en: 'Malformed request',
    vi: 'Yêu cầu không đúng định dạng',
  },
  'cors.originRefused': {
    en: 'Pages on {origin} may not call this API: the server does not list that origin in CORS_ORIGINS',
    vi: 'Trang web tại {origin} không được gọi API này: máy chủ không cho phép nguồn này (CORS_ORIGINS)',
  },
  'cors.originMissing': {
    en: 'A CORS preflight needs an Origin header',
    vi: 'Yêu cầu kiểm tra CORS (preflight) phải có tiêu đề Origin',
  },
  'graphql.invalid': {
    en: '{detail}',
    vi: 'Truy vấn GraphQL không hợp lệ: {detail}',
  },
} as const satisfies Record<string, Template>;

/**
 * Names of codes that appear inside messages (entities, statuses, roles). A
 * code without a label here is shown as it is.
 */
export const labels: Record<string, { en: string; vi: string }> = {
  ...paperworkLabels,
  // Entities
  Account: { en: 'Account', vi: 'Tài khoản' },
  Achievement: { en: 'Achievement', vi: 'Thành tích' },
  Award: { en: 'Award', vi: 'Khen thưởng' },
  AwardType: { en: 'Award type', vi: 'Hình thức khen thưởng' },
  Campaign: { en: 'Campaign', vi: 'Phong trào thi đua' },
  CampaignRegistration: { en: 'Pledge', vi: 'Đăng ký thi đua' },
  Conference: { en: 'Conference', vi: 'Hội nghị' },
  Delegation: { en: 'Delegation', vi: 'Đoàn đại biểu' },
  Person: { en: 'Person', vi: 'Cá nhân' },
  Unit: { en: 'Unit', vi: 'Đơn vị' },
  // Statuses
  DRAFT: { en: 'DRAFT', vi: 'dự thảo' },
  LAUNCHED: { en: 'LAUNCHED', vi: 'đã phát động' },
  CLOSED: { en: 'CLOSED', vi: 'đã kết thúc' },
  PROPOSED: { en: 'PROPOSED', vi: 'đề xuất' },
  VERIFIED: { en: 'VERIFIED', vi: 'đã xác nhận' },
  REJECTED: { en: 'REJECTED', vi: 'không chấp thuận' },
  NOMINATED: { en: 'NOMINATED', vi: 'đã đề nghị' },
  APPROVED: { en: 'APPROVED', vi: 'đã phê duyệt' },
  ANNOUNCED: { en: 'ANNOUNCED', vi: 'đã công bố' },
  REVOKED: { en: 'REVOKED', vi: 'đã thu hồi' },
  SCHEDULED: { en: 'SCHEDULED', vi: 'đã lên lịch' },
  LIVE: { en: 'LIVE', vi: 'đang diễn ra' },
  ENDED: { en: 'ENDED', vi: 'đã kết thúc' },
};

/** One message in both languages. */
export interface Template {
  en: string;
  vi: string;
}

/** The name of a message in the catalogue. */
export type MessageKey = keyof typeof messages;

/** The parameter names a template uses: `{a} and {b, money}` gives `'a' | 'b'`. */
type PlaceholderNames<S extends string> = S extends `${string}{${infer Inner}}${infer Rest}`
  ? (Inner extends `${infer Name}, ${string}` ? Name : Inner) | PlaceholderNames<Rest>
  : never;

/** A value a message parameter can take (it is sent to clients as JSON). */
export type MessageParam = string | number | boolean | null;

/** The parameters of message `K`, checked against both of its templates. */
export type MessageParams<K extends MessageKey> = Record<
  PlaceholderNames<(typeof messages)[K]['en']> | PlaceholderNames<(typeof messages)[K]['vi']>,
  MessageParam
>;

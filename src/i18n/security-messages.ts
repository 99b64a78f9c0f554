import type { Template } from './messages';

/**
 * Messages of sign-in, sessions, accounts, limits and input checks (README
 * "Security"), merged into the catalogue in messages.ts.
 */
export const securityMessages = {
  // Sign-in and sessions
  'signIn.accountDisabled': {
    en: 'This account is disabled; ask an administrator to enable it',
    vi: 'Tài khoản này đã bị khóa; vui lòng liên hệ quản trị viên để mở lại',
  },
  'signIn.tooManyFromAddress': {
    en: 'Too many failed sign-ins from your address; try again in 15 minutes',
    vi: 'Địa chỉ của bạn đã đăng nhập sai quá nhiều lần; vui lòng thử lại sau 15 phút',
  },
  'signIn.accountUnderAttack': {
    en: 'Too many failed sign-ins for this account from other addresses: sign in from an address you have used before, or try again in 15 minutes',
    vi: 'Tài khoản này bị đăng nhập sai quá nhiều lần từ nơi khác: vui lòng đăng nhập từ địa chỉ bạn vẫn thường dùng, hoặc thử lại sau 15 phút',
  },
  'session.tooOld': {
    en: 'This session began more than {hours} hours ago: sign in again',
    vi: 'Phiên đăng nhập đã bắt đầu hơn {hours} giờ trước: vui lòng đăng nhập lại',
  },
  // Accounts
  'account.wrongCurrentPassword': {
    en: 'The current password is wrong',
    vi: 'Mật khẩu hiện tại không đúng',
  },
  'account.cannotDisableSelf': {
    en: 'You cannot disable your own account',
    vi: 'Bạn không thể tự khóa tài khoản của chính mình',
  },
  'account.lastAdmin': {
    en: 'At least one enabled ADMIN account must remain',
    vi: 'Hệ thống phải còn ít nhất một tài khoản quản trị (ADMIN) đang hoạt động',
  },
  // Input
  'input.controlCharacters': {
    en: '{field} contains a NUL or control character',
    vi: '{field} chứa ký tự NUL hoặc ký tự điều khiển không hợp lệ',
  },
  'input.noLetter': {
    en: '{field} must contain a visible letter',
    vi: '{field} phải có ít nhất một chữ cái nhìn thấy được',
  },
  'input.dateOutOfRange': {
    en: 'The date {value, date} is outside the accepted range, {min, date} to {max, date}',
    vi: 'Ngày {value, date} nằm ngoài khoảng cho phép, từ {min, date} đến {max, date}',
  },
  // Requests and limits
  'request.persistedQueryMismatch': {
    en: 'The persisted query hash does not match the query text',
    vi: 'Mã băm của truy vấn lưu sẵn không khớp với nội dung truy vấn',
  },
  'request.persistedQueryVersion': {
    en: 'Unsupported persisted query version',
    vi: 'Phiên bản truy vấn lưu sẵn không được hỗ trợ',
  },
  'limits.tooManyTokens': {
    en: 'The document has more than {max} tokens',
    vi: 'Truy vấn có nhiều hơn {max} token',
  },
  // Realtime
  'realtime.cursorPastHead': {
    en: '{field} is past the end of the event log',
    vi: '{field} vượt quá sự kiện cuối cùng trong nhật ký',
  },
  'realtime.tooManySubscriptions': {
    en: 'At most {max} subscriptions per connection; stop one first',
    vi: 'Mỗi kết nối chỉ được theo dõi tối đa {max} luồng; hãy dừng bớt một luồng trước',
  },
} as const satisfies Record<string, Template>;

import { paperworkLabels, paperworkMessages } from './paperwork-messages';
import { lawMessages } from './law-messages';

/**
 * Every message a client can be shown, in Vietnamese and English, keyed by a
 * stable name. A client receives the key and its parameters in
 * `extensions.messageKey` / `extensions.messageParams` beside the rendered
 * `message`, so it may render its own text instead.
 *
 * Placeholders: `{name}` inserts a parameter as it is; `{name, money}` an
 * amount in đồng; `{name, date}` a `YYYY-MM-DD` date as dd/MM/yyyy;
 * `{name, number}` a number with the language's digit grouping;
 * `{name, percent}` a share (0.5) as a percentage ("50%", "66,7%");
 * `{name, label}` a code (an entity or status name) through `labels` below;
 * `{name, anyOf}` codes separated by commas (`SECRETARY,UNIT_MANAGER`), each
 * through `labels`, joined with "or" / "hoặc".
 */
import { securityMessages } from './security-messages';

export const messages = {
  ...paperworkMessages,
  ...lawMessages,
  // Access
  'auth.signInFirst': {
    en: 'Sign in first: send a token as "Authorization: Bearer <token>"',
    vi: 'Vui lòng đăng nhập: gửi mã truy cập trong tiêu đề "Authorization: Bearer <token>"',
  },
  'auth.roleForbidden': {
    en: 'Your role may not do this',
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này',
  },
  'auth.roleNeeded': {
    en: 'This needs the role {needed, anyOf}; you are {role, label}',
    vi: 'Thao tác này dành cho vai trò {needed, anyOf}; tài khoản của bạn có vai trò {role, label}',
  },
  'auth.roleMayNot': {
    en: 'Your role {role, label} may not do this',
    vi: 'Vai trò {role, label} không được phép thực hiện thao tác này',
  },
  'auth.outsideManagedUnit': {
    en: 'That unit is outside the unit you manage and its subunits',
    vi: 'Đơn vị này nằm ngoài phạm vi bạn quản lý (đơn vị của bạn và các đơn vị trực thuộc)',
  },
  // Sign-in and accounts
  'signIn.wrongCredentials': {
    en: 'Wrong username or password',
    vi: 'Sai tên đăng nhập hoặc mật khẩu',
  },
  'signIn.tooManyFailures': {
    en: 'Too many failed sign-ins for this account from your address; try again in 15 minutes',
    vi: 'Tài khoản này bị đăng nhập sai quá nhiều lần từ địa chỉ của bạn; vui lòng thử lại sau 15 phút',
  },
  'account.usernameFormat': {
    en: 'username must be 3-60 letters, digits, dots, dashes or underscores',
    vi: 'Tên đăng nhập phải gồm 3-60 chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới',
  },
  'account.passwordLength': {
    en: '{field} must be 8 to 200 characters long',
    vi: '{field} phải dài từ 8 đến 200 ký tự',
  },
  'account.usernameTaken': {
    en: 'The username {username} is taken',
    vi: 'Tên đăng nhập {username} đã có người dùng',
  },
  'account.needsUnit': {
    en: 'A UNIT_MANAGER account needs the unitId it manages',
    vi: 'Tài khoản quản lý đơn vị (UNIT_MANAGER) cần có đơn vị được quản lý (unitId)',
  },
  'account.needsPerson': {
    en: 'A MEMBER account needs the personId it belongs to',
    vi: 'Tài khoản thành viên (MEMBER) cần gắn với một cá nhân (personId)',
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
  'lifecycle.illegalTransitionOf': {
    en: '{what, label} {code} cannot go from {from, label} to {to, label}',
    vi: '{what, label} {code} không thể chuyển từ trạng thái "{from, label}" sang "{to, label}"',
  },
  // Input checks shared by every module (field names and values are shown as sent)
  'input.empty': {
    en: '{field} must not be empty',
    vi: '{field} không được để trống',
  },
  'input.tooLong': {
    en: '{field} must be at most {max} characters',
    vi: '{field} chỉ được dài tối đa {max} ký tự',
  },
  'input.badYear': {
    en: '{field} must be a year between {min} and {max}',
    vi: '{field} phải là một năm từ {min} đến {max}',
  },
  'input.badUrl': {
    en: '{field} must be an http or https URL',
    vi: '{field} phải là địa chỉ web bắt đầu bằng http:// hoặc https://',
  },
  'input.badId': {
    en: '{field} is not a valid id: "{value}"',
    vi: '{field} không phải là mã định danh hợp lệ: "{value}"',
  },
  // Lists (connections)
  'page.firstNegative': {
    en: 'first must be zero or more',
    vi: 'Số mục mỗi trang (first) phải từ 0 trở lên',
  },
  'page.firstTooLarge': {
    en: 'first may be at most {max}',
    vi: 'Số mục mỗi trang (first) tối đa là {max}',
  },
  'page.badCursor': {
    en: 'after is not a valid cursor for this list',
    vi: 'Vị trí tiếp tục (after) không phải là con trỏ hợp lệ của danh sách này',
  },
  // Operation limits
  'limits.depth': {
    en: 'Query depth limit of {limit} exceeded, found {found}',
    vi: 'Truy vấn lồng nhau {found} cấp, vượt giới hạn {limit} cấp',
  },
  'limits.aliases': {
    en: 'Aliases limit of {limit} exceeded, found {found}',
    vi: 'Truy vấn dùng {found} bí danh (alias), vượt giới hạn {limit}',
  },
  'limits.cost': {
    en: 'Query cost {cost} exceeds the limit of {limit}; ask for smaller pages',
    vi: 'Chi phí ước tính của truy vấn là {cost, number}, vượt giới hạn {limit, number}; hãy yêu cầu các trang nhỏ hơn (giảm first)',
  },
  // Realtime
  'realtime.badCursor': {
    en: '{field} is not an event cursor',
    vi: '{field} không phải là con trỏ sự kiện hợp lệ',
  },
  // Units
  'unit.codeFormat': {
    en: 'code may hold only letters, digits, dots, dashes and underscores',
    vi: 'Mã đơn vị chỉ được gồm chữ cái, chữ số, dấu chấm, gạch ngang và gạch dưới',
  },
  'unit.codeTaken': {
    en: 'A unit with code {code} already exists',
    vi: 'Mã đơn vị {code} đã được dùng cho một đơn vị khác',
  },
  'unit.topLevelForbidden': {
    en: 'Only ADMIN or SECRETARY may create a top-level unit',
    vi: 'Chỉ Quản trị hệ thống hoặc Thường trực Hội đồng Thi đua - Khen thưởng mới được tạo đơn vị cấp cao nhất',
  },
  'unit.managerEditsOwnUnit': {
    en: 'A UNIT_MANAGER edits the subunits of its unit, not the unit itself',
    vi: 'Tài khoản quản lý đơn vị chỉ được sửa các đơn vị trực thuộc, không được sửa chính đơn vị mình quản lý',
  },
  'unit.moveUnderItself': {
    en: 'A unit cannot be moved under itself or one of its subunits',
    vi: 'Không thể chuyển một đơn vị vào chính nó hoặc vào một đơn vị trực thuộc của nó',
  },
  // Achievements and advanced models
  'achievement.oneHolder': {
    en: 'Give exactly one holder: personId or unitId',
    vi: 'Thành tích phải thuộc về đúng một cá nhân (personId) hoặc một tập thể (unitId)',
  },
  'achievement.levelOnlyForInitiatives': {
    en: 'initiativeLevel applies only to INITIATIVE and RESEARCH achievements',
    vi: 'Cấp công nhận (initiativeLevel) chỉ áp dụng cho sáng kiến (INITIATIVE) và đề tài nghiên cứu (RESEARCH)',
  },
  'achievement.modelNeedsVerified': {
    en: 'Achievement is {status}; only VERIFIED achievements can be marked as advanced models',
    vi: 'Thành tích đang ở trạng thái "{status, label}": chỉ thành tích đã được xác nhận mới được công nhận là điển hình tiên tiến',
  },
  'achievement.modelReplicated': {
    en: 'Units have already replicated this advanced model; it cannot be unmarked',
    vi: 'Điển hình tiên tiến này đã được các đơn vị nhân rộng nên không thể bỏ công nhận',
  },
  'achievement.notAModel': {
    en: 'Only advanced models can be replicated; this achievement is not marked as one',
    vi: 'Chỉ điển hình tiên tiến mới được nhân rộng; thành tích này chưa được công nhận là điển hình tiên tiến',
  },
  'achievement.replicateNeedsVerified': {
    en: 'Achievement is {status}; only VERIFIED advanced models can be replicated',
    vi: 'Thành tích đang ở trạng thái "{status, label}": chỉ điển hình tiên tiến đã được xác nhận mới được nhân rộng',
  },
  'achievement.replicateOwnModel': {
    en: "An advanced model is replicated by other units; the holder's own unit cannot replicate it",
    vi: 'Điển hình tiên tiến được nhân rộng ở các đơn vị khác; đơn vị có điển hình không tự nhân rộng điển hình của mình',
  },
  'achievement.replicatedTooEarly': {
    en: 'replicatedOn ({replicatedOn}) is before the model was achieved ({achievedOn})',
    vi: 'Ngày nhân rộng ({replicatedOn, date}) không được trước ngày đạt thành tích điển hình ({achievedOn, date})',
  },
  'achievement.replicatedTwice': {
    en: 'That unit has already replicated this advanced model',
    vi: 'Đơn vị này đã nhân rộng điển hình tiên tiến này rồi',
  },
  // Campaigns (emulation movements)
  'campaign.codeFormat': {
    en: 'code may hold only letters, digits, dots, dashes and underscores',
    vi: 'Mã phong trào chỉ được gồm chữ cái, chữ số, dấu chấm, gạch ngang và gạch dưới',
  },
  'campaign.codeTaken': {
    en: 'A campaign with code {code} already exists',
    vi: 'Mã phong trào {code} đã được dùng cho một phong trào khác',
  },
  'campaign.endsBeforeStart': {
    en: 'endsOn ({endsOn}) must not be before startsOn ({startsOn})',
    vi: 'Ngày kết thúc ({endsOn, date}) không được trước ngày bắt đầu ({startsOn, date})',
  },
  'campaign.closedNoChange': {
    en: 'Campaign {code} is CLOSED and can no longer change',
    vi: 'Phong trào {code} đã kết thúc, không thể sửa đổi',
  },
  'campaign.pledgeNotLaunched': {
    en: 'Campaign {code} is {status}; units can register only while it is LAUNCHED',
    vi: 'Phong trào {code} đang ở trạng thái "{status, label}": các đơn vị chỉ đăng ký thi đua khi phong trào đã được phát động',
  },
  'campaign.pledgeOutsidePeriod': {
    en: 'Campaign {code} runs from {startsOn} to {endsOn}; today ({today}) is outside its period',
    vi: 'Phong trào {code} diễn ra từ ngày {startsOn, date} đến ngày {endsOn, date}; hôm nay ({today, date}) không nằm trong thời gian phát động',
  },
  'campaign.pledgeTwice': {
    en: 'That unit has already registered for campaign {code}',
    vi: 'Đơn vị này đã đăng ký thi đua trong phong trào {code}',
  },
  'campaign.reviewDraft': {
    en: 'Campaign {code} is DRAFT; it can be reviewed once it is LAUNCHED',
    vi: 'Phong trào {code} chưa được phát động (đang là dự thảo) nên chưa thể sơ kết, tổng kết',
  },
  'campaign.reviewBeforeStart': {
    en: 'heldOn ({heldOn}) is before the campaign starts ({startsOn})',
    vi: 'Ngày sơ kết, tổng kết ({heldOn, date}) không được trước ngày bắt đầu phong trào ({startsOn, date})',
  },
  'campaign.finalReviewTwice': {
    en: 'Campaign {code} already has its FINAL review',
    vi: 'Phong trào {code} đã được tổng kết',
  },
  // Conferences and delegations
  'conference.badStartsAt': {
    en: 'startsAt must be a date-time',
    vi: 'Thời gian khai mạc (startsAt) phải là ngày giờ hợp lệ',
  },
  'conference.notLive': {
    en: 'Conference {title} is {status}, not LIVE',
    vi: 'Chỉ thực hiện được khi hội nghị đang diễn ra; hội nghị "{title}" đang ở trạng thái "{status, label}"',
  },
  'conference.announcedElsewhere': {
    en: 'Award {awardId} was already announced at another conference ({conference})',
    vi: 'Khen thưởng {awardId} đã được công bố tại một hội nghị khác ({conference})',
  },
  'delegation.noMembers': {
    en: 'A delegation needs at least one official delegate (memberIds)',
    vi: 'Đoàn đại biểu phải có ít nhất một đại biểu chính thức (memberIds)',
  },
  'delegation.tooMany': {
    en: 'A delegation may list at most {max} people, delegates and guests together',
    vi: 'Đoàn đại biểu chỉ có tối đa {max} người, kể cả khách mời',
  },
  'delegation.listedTwice': {
    en: 'Person {id} is listed twice',
    vi: 'Cá nhân {id} có tên hai lần trong danh sách',
  },
  'delegation.conferenceEnded': {
    en: 'Conference {title} has ENDED: its delegations can no longer change',
    vi: 'Hội nghị {title} đã kết thúc: không thể thay đổi đoàn đại biểu',
  },
  'delegation.approvalAfterEnd': {
    en: 'Conference {title} has ENDED: its delegations can no longer be approved',
    vi: 'Hội nghị "{title}" đã kết thúc: không thể duyệt đoàn đại biểu của hội nghị',
  },
  // Dashboard
  'dashboard.yearsReversed': {
    en: 'filter.fromYear must not be after filter.toYear',
    vi: 'Năm bắt đầu (filter.fromYear) không được sau năm kết thúc (filter.toYear)',
  },
  'dashboard.limitRange': {
    en: 'limit must be between 0 and {max}',
    vi: 'Số đơn vị cần lấy (limit) phải từ 0 đến {max}',
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
  // Browser pages
  'page.conferenceNotFound': {
    en: 'Conference not found',
    vi: 'Không tìm thấy hội nghị',
  },
  'page.conferenceIdInvalid': {
    en: 'This address holds no valid conference id. Open the home page to choose a conference.',
    vi: 'Địa chỉ này không chứa mã hội nghị hợp lệ. Mở trang chủ để chọn hội nghị.',
  },
  'page.backHome': {
    en: 'Back to the home page',
    vi: 'Về trang chủ',
  },
  ...securityMessages,
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
  AwardDecision: { en: 'Decision', vi: 'Quyết định khen thưởng' },
  AnnualRating: { en: 'Rating', vi: 'Kết quả xếp loại' },
  BaseSalary: { en: 'Base salary from', vi: 'Mức lương cơ sở áp dụng từ ngày' },
  CouncilMeeting: { en: 'Council meeting', vi: 'Phiên họp Hội đồng' },
  DisciplineRecord: { en: 'Discipline record', vi: 'Hồ sơ kỷ luật' },
  Campaign: { en: 'Campaign', vi: 'Phong trào thi đua' },
  CampaignRegistration: { en: 'Pledge', vi: 'Đăng ký thi đua' },
  Conference: { en: 'Conference', vi: 'Hội nghị' },
  Delegation: { en: 'Delegation', vi: 'Đoàn đại biểu' },
  Person: { en: 'Person', vi: 'Cá nhân' },
  Unit: { en: 'Unit', vi: 'Đơn vị' },
  // Roles (shown as their codes in English, as the API names them)
  ADMIN: { en: 'ADMIN', vi: 'Quản trị hệ thống' },
  SECRETARY: { en: 'SECRETARY', vi: 'Thường trực Hội đồng Thi đua - Khen thưởng' },
  COUNCIL: { en: 'COUNCIL', vi: 'Hội đồng Thi đua - Khen thưởng' },
  UNIT_MANAGER: { en: 'UNIT_MANAGER', vi: 'Quản lý đơn vị' },
  MEMBER: { en: 'MEMBER', vi: 'Thành viên' },
  VIEWER: { en: 'VIEWER', vi: 'Người xem' },
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

/**
 * Text given in both languages, for a parameter that is itself language
 * dependent (a name from the catalogue, a list joined with "and"/"và").
 */
export interface LocalizedText {
  vi: string;
  en: string;
}

/** A value a message parameter can take (it is sent to clients as JSON). */
export type MessageParam = string | number | boolean | null | LocalizedText;

/** The parameters of message `K`, checked against both of its templates. */
export type MessageParams<K extends MessageKey> = Record<
  PlaceholderNames<(typeof messages)[K]['en']> | PlaceholderNames<(typeof messages)[K]['vi']>,
  MessageParam
>;

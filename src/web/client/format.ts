/** Vietnamese formats and labels shared by the pages. */

/** Dates and times are shown in Vietnam's time zone, whatever the display's clock says. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: TIME_ZONE,
});
const moneyFormat = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND' });
const numberFormat = new Intl.NumberFormat('vi-VN');

/** dd/MM/yyyy of a DateTime (ISO string), in Vietnam time. */
export function formatDate(iso: string): string {
  return dateFormat.format(new Date(iso));
}

/** dd/MM/yyyy of a LocalDate (yyyy-MM-dd), without any time-zone shift. */
export function formatLocalDate(localDate: string): string {
  const [year, month, day] = localDate.split('-');
  return `${day}/${month}/${year}`;
}

/** HH:mm of a DateTime, in Vietnam time. */
export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/** An amount in đồng, e.g. 702.000 ₫. */
export function formatMoney(amount: number): string {
  return moneyFormat.format(amount);
}

/** A count with Vietnamese digit grouping. */
export function formatCount(count: number): string {
  return numberFormat.format(count);
}

/** Vietnamese names of the account roles. */
export const ROLE_LABELS: Record<string, string> = {
  ADMIN: 'quản trị hệ thống',
  SECRETARY: 'thư ký (thường trực) hội đồng',
  COUNCIL: 'thành viên hội đồng',
  UNIT_MANAGER: 'quản lý đơn vị',
  MEMBER: 'cán bộ',
  VIEWER: 'tài khoản chỉ xem',
};

/** Vietnamese names of the conference states. */
export const CONFERENCE_STATUS_LABELS: Record<string, string> = {
  SCHEDULED: 'Sắp diễn ra',
  LIVE: 'Đang diễn ra',
  ENDED: 'Đã kết thúc',
};

/** Compares Vietnamese names as a Vietnamese reader sorts them. */
export const compareVietnamese = new Intl.Collator('vi').compare;

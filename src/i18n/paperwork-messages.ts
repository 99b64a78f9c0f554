/**
 * Messages of the paperwork: files, the working-day calendar, dossiers,
 * reports and exports (see messages.ts for the placeholders).
 */
export const paperworkMessages = {
  'paperwork.outOfRange': {
    en: '{field} must be a whole number from {min} to {max}',
    vi: '{field} phải là số nguyên từ {min} đến {max}',
  },
  'people.leadershipDisagrees': {
    en: 'reportCategory and isLeader disagree: every category but DIRECT_WORKER holds a leadership post',
    vi: 'Đối tượng thống kê (reportCategory) và chức vụ lãnh đạo (isLeader) mâu thuẫn: mọi đối tượng trừ người trực tiếp lao động, công tác đều giữ chức vụ lãnh đạo',
  },
  'exports.badStatus': {
    en: 'status must be one of {allowed}',
    vi: 'Trạng thái (status) phải là một trong: {allowed}',
  },
  'calendar.alreadyByRule': {
    en: '{day, date} already is what you ask by the weekly rule (Monday to Friday work, weekends off): list weekdays off or weekend days worked',
    vi: 'Ngày {day, date} vốn đã như vậy theo lịch tuần (thứ Hai đến thứ Sáu làm việc, cuối tuần nghỉ): chỉ ghi ngày thường được nghỉ hoặc ngày cuối tuần phải làm bù',
  },
  'calendar.badProcessingTime': {
    en: '{field} must be a whole number of working days from 1 to 365',
    vi: '{field} phải là số ngày làm việc nguyên, từ 1 đến 365',
  },
  'calendar.consultationShorter': {
    en: 'The time with inter-agency consultation cannot be shorter than the time without',
    vi: 'Thời hạn khi lấy ý kiến liên ngành không được ngắn hơn thời hạn thông thường',
  },
  'files.tooLarge': {
    en: 'The file is larger than the {limit, number} bytes allowed',
    vi: 'Tệp lớn hơn mức cho phép ({limit, number} byte)',
  },
  'files.unsupportedType': {
    en: 'This kind of file is not accepted: send {allowed} (the content is checked, not the name)',
    vi: 'Không nhận loại tệp này: chỉ nhận {allowed} (hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp)',
  },
  'files.uploadForbidden': {
    en: 'Only unit managers and the emulation office may upload files',
    vi: 'Chỉ cán bộ quản lý đơn vị và bộ phận thi đua - khen thưởng được tải tệp lên',
  },
  'files.unitRequired': {
    en: 'Say which unit the file belongs to: ?unitId=<unit id>',
    vi: 'Cần cho biết tệp thuộc đơn vị nào: ?unitId=<mã đơn vị>',
  },
  'files.empty': {
    en: 'The file is empty',
    vi: 'Tệp rỗng',
  },
  'files.nameRequired': {
    en: 'Give the file name: ?name=<file name> (or an X-File-Name header)',
    vi: 'Cần cho biết tên tệp: ?name=<tên tệp> (hoặc tiêu đề X-File-Name)',
  },
  'files.nameTooLong': {
    en: 'The file name may have at most {max} characters',
    vi: 'Tên tệp dài tối đa {max} ký tự',
  },
  'dossier.notEditable': {
    en: 'The dossier is {status, label}: its nominees and attachments change only while it is DRAFT or RETURNED',
    vi: 'Hồ sơ đang ở trạng thái "{status, label}": chỉ được sửa người được đề nghị và tài liệu khi hồ sơ là dự thảo hoặc bị trả lại',
  },
  'dossier.officeAttachOnly': {
    en: 'The dossier is {status, label}: only the emulation office may attach documents now',
    vi: 'Hồ sơ đang ở trạng thái "{status, label}": lúc này chỉ bộ phận thi đua - khen thưởng được đính kèm tài liệu',
  },
  'dossier.noNominees': {
    en: 'The dossier has no nominee: add at least one before submitting',
    vi: 'Hồ sơ chưa có người được đề nghị khen thưởng: cần thêm ít nhất một trước khi trình',
  },
  'dossier.letterMissing': {
    en: 'Attach the submission letter (tờ trình) before submitting',
    vi: 'Cần đính kèm tờ trình trước khi trình hồ sơ',
  },
  'dossier.returnNeedsReason': {
    en: 'Say why the dossier is returned: a reason for the whole dossier or for at least one nominee',
    vi: 'Cần nêu lý do trả lại hồ sơ: lý do chung hoặc lý do cho ít nhất một người được đề nghị',
  },
  'dossier.nomineeNotInDossier': {
    en: 'Nominee {nomineeId} is not in this dossier',
    vi: 'Người được đề nghị {nomineeId} không thuộc hồ sơ này',
  },
  'dossier.recipientOutsideUnit': {
    en: "The nominee must belong to the dossier's unit or one of its subunits",
    vi: 'Người hoặc tập thể được đề nghị phải thuộc đơn vị lập hồ sơ hoặc đơn vị trực thuộc',
  },
  'dossier.recipientRequired': {
    en: 'Give exactly one of personId and unitId',
    vi: 'Cần cho biết đúng một trong hai: cá nhân (personId) hoặc tập thể (unitId)',
  },
  'dossier.nomineeTwice': {
    en: 'This recipient is already proposed for this award type in the dossier',
    vi: 'Cá nhân/tập thể này đã có trong hồ sơ với cùng hình thức khen thưởng',
  },
  'dossier.fileOutsideUnit': {
    en: "The file belongs to another unit: upload it for the dossier's unit (?unitId=) so that everyone who reads the dossier can read it",
    vi: 'Tệp thuộc đơn vị khác: hãy tải tệp lên cho đơn vị lập hồ sơ (?unitId=) để mọi người xem được hồ sơ đều xem được tệp',
  },
  'dossier.blocked': {
    en: 'The dossier cannot go to the council: {count} nominee(s) fail a BLOCK rule (see extensions.checks); return it or remove them',
    vi: 'Chưa thể trình Hội đồng: {count} người được đề nghị chưa đạt tiêu chuẩn bắt buộc (xem extensions.checks); hãy trả lại hồ sơ hoặc bỏ họ khỏi hồ sơ',
  },
  'dossier.readForbidden': {
    en: 'Your role may not read dossiers',
    vi: 'Vai trò của bạn không được xem hồ sơ khen thưởng',
  },
  'dossier.unitRequired': {
    en: 'Say which unit the dossier is for (unitId)',
    vi: 'Cần cho biết đơn vị lập hồ sơ (unitId)',
  },
  'dossier.submitByUnit': {
    en: "Only the unit's manager submits its dossier",
    vi: 'Chỉ cán bộ quản lý của đơn vị được trình hồ sơ của đơn vị',
  },
  'dossier.tooManyNominees': {
    en: 'A dossier may hold at most {max} nominees',
    vi: 'Một hồ sơ có tối đa {max} người được đề nghị',
  },
  'exports.unknown': {
    en: 'There is no such export: see the README for the list',
    vi: 'Không có mẫu xuất dữ liệu này: xem danh sách trong README',
  },
  'exports.decisionNeedsYear': {
    en: 'Decision {number} was issued in several years: give the year too (year=…), or its id',
    vi: 'Có nhiều quyết định số {number} ở các năm khác nhau: hãy cho biết thêm năm (year=…) hoặc mã (id) của quyết định',
  },
  'exports.tooManyRows': {
    en: 'This export would hold more than {max} rows: narrow the filter (year, unit, award type, status…) and export again, in parts if need be',
    vi: 'Tệp xuất sẽ có hơn {max} dòng: hãy thu hẹp điều kiện lọc (năm, đơn vị, hình thức khen thưởng, trạng thái…) rồi xuất lại, chia thành nhiều lần nếu cần',
  },
  'exports.badFormat': {
    en: 'Exports are .xlsx or .csv',
    vi: 'Chỉ xuất được tệp .xlsx hoặc .csv',
  },
  'reports.unknownForm': {
    en: 'There is no report form {form}',
    vi: 'Không có biểu mẫu báo cáo {form}',
  },
} as const;

/** Names of the paperwork's entities and states, for messages. */
export const paperworkLabels: Record<string, { en: string; vi: string }> = {
  Dossier: { en: 'Dossier', vi: 'Hồ sơ đề nghị khen thưởng' },
  DossierNominee: { en: 'Nominee', vi: 'Người được đề nghị' },
  DossierAttachment: { en: 'Attachment', vi: 'Tài liệu đính kèm' },
  StoredFile: { en: 'File', vi: 'Tệp' },
  SUBMITTED: { en: 'SUBMITTED', vi: 'đã trình' },
  UNDER_REVIEW: { en: 'UNDER_REVIEW', vi: 'đang thẩm định' },
  RETURNED: { en: 'RETURNED', vi: 'bị trả lại' },
  TO_COUNCIL: { en: 'TO_COUNCIL', vi: 'đã trình Hội đồng' },
  DECIDED: { en: 'DECIDED', vi: 'đã có quyết định' },
  PUBLISHED: { en: 'PUBLISHED', vi: 'đã công bố' },
  WITHDRAWN: { en: 'WITHDRAWN', vi: 'đã rút' },
};

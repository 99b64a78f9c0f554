import type { Template } from './messages';

/**
 * Messages of the award rules, the council, ratings, discipline records,
 * the base salary table and congress delegations, in Vietnamese and English
 * (see messages.ts for the placeholders). Vietnamese is written the way an
 * emulation officer writes it; English names the GraphQL fields to use.
 */
export const lawMessages = {
  // ---------------------------------------------------------------- catalogue
  'rule.catalogue.invalidParams': {
    en: 'The catalogue gives rule {code} invalid parameters ({detail}); fix the award type',
    vi: 'Danh mục khen thưởng khai báo sai tham số của quy tắc {code} ({detail}); cần sửa lại danh mục',
  },
  'rule.catalogue.unknownRule': {
    en: 'The catalogue names an unknown rule {code}; fix the award type',
    vi: 'Danh mục khen thưởng có quy tắc {code} không tồn tại; cần sửa lại danh mục',
  },
  'rule.ruleSet.applied': {
    en: '{title} is checked under {ruleSet}, in force on {on, date} (since {from, date})',
    vi: '{title} được xét theo {ruleSet}, có hiệu lực vào ngày {on, date} (từ ngày {from, date})',
  },
  'rule.ruleSet.typeMissing': {
    en: '{ruleSet}, in force on {on, date}, has no {title}: it cannot be awarded under it',
    vi: '{ruleSet} có hiệu lực vào ngày {on, date} không quy định {title}: không thể xét tặng theo văn bản này',
  },
  'rule.ruleSet.none': {
    en: 'No rule set is in force on {on, date}: the catalogue starts on {from, date}; an administrator adds the rule set of that date',
    vi: 'Không có văn bản quy định nào có hiệu lực vào ngày {on, date}: danh mục bắt đầu từ ngày {from, date}; quản trị viên cần bổ sung văn bản có hiệu lực vào ngày đó',
  },
  'rule.ruleSet.empty': {
    en: 'No rule set is in force on {on, date}: the catalogue has none; an administrator adds one',
    vi: 'Không có văn bản quy định nào có hiệu lực vào ngày {on, date}: danh mục chưa có văn bản nào; quản trị viên cần bổ sung',
  },

  // ---------------------------------------------------------------- recipients
  'ruleDesc.recipientExists': {
    en: 'The person or unit nominated exists.',
    vi: 'Cá nhân, tập thể được đề nghị có trong hệ thống.',
  },
  'rule.recipientExists.person': {
    en: '{name} is a person of {unit}',
    vi: '{name} là cá nhân thuộc {unit}',
  },
  'rule.recipientExists.unit': {
    en: '{name} ({code}) is a unit',
    vi: '{name} ({code}) là một tập thể',
  },
  'rule.recipientExists.noPerson': {
    en: 'No person has the id {id}: check personId',
    vi: 'Không có cá nhân nào có mã {id}: kiểm tra lại personId',
  },
  'rule.recipientExists.noUnit': {
    en: 'No unit has the id {id}: check unitId',
    vi: 'Không có tập thể nào có mã {id}: kiểm tra lại unitId',
  },
  'ruleDesc.recipientKind': {
    en: 'The recipient is of a kind the award type is for (individual or collective).',
    vi: 'Đối tượng được đề nghị đúng loại (cá nhân hoặc tập thể) của hình thức khen thưởng.',
  },
  'rule.recipientKind.fits': {
    en: '{title} is for {allowed}; {name} is one',
    vi: '{title} dành cho {allowed}; {name} thuộc đối tượng này',
  },
  'rule.recipientKind.personGiven': {
    en: '{title} is only for {allowed}, and a person was nominated: nominate a unit (unitId) instead',
    vi: '{title} chỉ dành cho {allowed} nhưng lại đề nghị cho cá nhân: hãy đề nghị cho tập thể (unitId)',
  },
  'rule.recipientKind.unitGiven': {
    en: '{title} is only for {allowed}, and a unit was nominated: nominate a person (personId) instead',
    vi: '{title} chỉ dành cho {allowed} nhưng lại đề nghị cho tập thể: hãy đề nghị cho cá nhân (personId)',
  },

  // ---------------------------------------------------------------- achievements
  'ruleDesc.citedAchievements': {
    en: "Cited achievements are VERIFIED, belong to the recipient (a collective's own or its members'), and are not already the basis of another award that is not REJECTED or REVOKED.",
    vi: 'Thành tích được viện dẫn đã được xác nhận, là của chính đối tượng (của tập thể hoặc của cá nhân trong tập thể) và chưa làm căn cứ cho khen thưởng nào khác còn hiệu lực.',
  },
  'rule.cited.none': {
    en: 'No achievements are cited',
    vi: 'Không viện dẫn thành tích nào',
  },
  'rule.cited.missing': {
    en: 'No achievement has the id {id}: remove it from achievementIds',
    vi: 'Không có thành tích nào có mã {id}: bỏ mã này khỏi achievementIds',
  },
  'rule.cited.notVerified': {
    en: 'Achievement "{title}" is {status, label}: only VERIFIED achievements can be the basis of an award; have it verified first',
    vi: 'Thành tích "{title}" đang ở trạng thái "{status, label}": chỉ thành tích đã được xác nhận mới làm căn cứ khen thưởng; đề nghị thư ký xác nhận trước',
  },
  'rule.cited.notTheirs': {
    en: 'Achievement "{title}" is held by {holder}, not by {name}: cite the recipient\'s own achievements',
    vi: 'Thành tích "{title}" là của {holder}, không phải của {name}: chỉ viện dẫn thành tích của chính người được đề nghị',
  },
  'rule.cited.notTheUnits': {
    en: 'Achievement "{title}" is held by {holder}, who is neither {name} nor one of its members: cite the recipient\'s own achievements',
    vi: 'Thành tích "{title}" là của {holder}, không phải của {name} hay cá nhân nào trong tập thể: chỉ viện dẫn thành tích của chính tập thể được đề nghị',
  },
  'rule.cited.alreadyUsed': {
    en: 'Achievement "{title}" is already the basis of {award} {year} (award {awardId}, {status, label}): one achievement, one award; cite another one',
    vi: 'Thành tích "{title}" đã làm căn cứ khen thưởng {award} năm {year} (mã {awardId}, {status, label}): một thành tích không khen thưởng hai lần; hãy viện dẫn thành tích khác',
  },
  'rule.cited.okOne': {
    en: '{titles} is verified, held by {name}, and the basis of no other award',
    vi: 'Thành tích {titles} đã được xác nhận, là của {name} và chưa làm căn cứ khen thưởng nào khác',
  },
  'rule.cited.okMany': {
    en: '{titles} are verified, held by {name}, and the basis of no other award',
    vi: 'Các thành tích {titles} đã được xác nhận, là của {name} và chưa làm căn cứ khen thưởng nào khác',
  },
  'ruleDesc.citesVerified': {
    en: "Cites at least {needed} of the recipient (a collective's own or its members').",
    vi: 'Viện dẫn ít nhất {needed} của đối tượng (của tập thể hoặc của cá nhân trong tập thể).',
  },
  'rule.citesVerified.ok': {
    en: 'Cites {titles}',
    vi: 'Đã viện dẫn {titles}',
  },
  'rule.citesVerified.noneCited': {
    en: 'none is cited',
    vi: 'chưa viện dẫn thành tích nào',
  },
  'rule.citesVerified.fewQualify': {
    en: 'only {count} of those cited qualify',
    vi: 'chỉ {count} thành tích được viện dẫn đạt yêu cầu',
  },
  'rule.citesVerified.candidates': {
    en: '{name} could cite {candidates}',
    vi: 'có thể viện dẫn {candidates} của {name}',
  },
  'rule.citesVerified.noCandidates': {
    en: '{name} has no verified achievement free to cite: record one and have it verified',
    vi: '{name} chưa có thành tích đã xác nhận nào để viện dẫn: cần ghi nhận thành tích và đề nghị xác nhận',
  },
  'rule.citesVerified.missing': {
    en: 'Cite at least {needed} of {name}: {detail}',
    vi: 'Cần viện dẫn ít nhất {needed} của {name}: {detail}',
  },

  // ---------------------------------------------------------------- titles
  'ruleDesc.titleOnceAYear': {
    en: 'Given at most once per recipient per year; REJECTED and REVOKED nominations do not count.',
    vi: 'Mỗi năm chỉ xét tặng một lần cho mỗi đối tượng; đề nghị bị từ chối hoặc đã thu hồi không tính.',
  },
  'rule.titleOnce.taken': {
    en: '{name} already has {title} for {year} (award {awardId}, {status, label}): a title is given at most once a year',
    vi: '{name} đã có {title} năm {year} (mã {awardId}, {status, label}): mỗi danh hiệu chỉ xét tặng một lần trong năm',
  },
  'rule.titleOnce.free': {
    en: '{name} has no other {title} for {year}',
    vi: '{name} chưa được đề nghị, xét tặng {title} năm {year}',
  },
  'ruleDesc.awardKinds': {
    en: 'Nominated as {kinds} only.',
    vi: 'Chỉ xét tặng theo hình thức khen thưởng {kinds}.',
  },
  'rule.awardKinds.fits': {
    en: '{title} may be awarded as {kind}',
    vi: '{title} được xét tặng theo hình thức {kind}',
  },
  'rule.awardKinds.wrong': {
    en: '{title} is only awarded as {allowed}, and this nomination is {kind}: nominate it with kind THUONG_XUYEN',
    vi: '{title} chỉ xét tặng theo hình thức {allowed}, đề nghị này lại là khen thưởng {kind}: hãy đề nghị với hình thức thường xuyên (THUONG_XUYEN)',
  },
  'rule.notCounting': {
    en: '{title} {which} does not count: a thematic or ad hoc award is not the basis of a higher award',
    vi: '{title} năm {which} không được tính: khen thưởng chuyên đề, đột xuất không làm căn cứ đề nghị khen thưởng mức cao hơn',
  },
  'ruleDesc.holdsTitle.sameYear': {
    en: 'Holds {title} (APPROVED or ANNOUNCED) the same year.',
    vi: 'Đã được tặng {title} (đã phê duyệt hoặc đã công bố) trong cùng năm.',
  },
  'ruleDesc.holdsTitle.years': {
    en: 'Holds {title} (APPROVED or ANNOUNCED, regular awards) in each of the {years} consecutive years ending that year.',
    vi: 'Đã được tặng {title} (khen thưởng thường xuyên, đã phê duyệt hoặc đã công bố) {years} năm liên tục tính đến năm xét.',
  },
  'rule.holdsTitle.held': {
    en: '{name} holds {title} for {years}',
    vi: '{name} đã được tặng {title} các năm {years}',
  },
  'rule.holdsTitle.waiting': {
    en: 'the nomination for {years} is still waiting for the council',
    vi: 'đề nghị năm {years} đang chờ Hội đồng xét',
  },
  'rule.holdsTitle.missingYear': {
    en: '{name} must hold {title} for {year} (APPROVED or ANNOUNCED) first{note}',
    vi: '{name} phải được tặng {title} năm {year} (đã phê duyệt hoặc đã công bố) trước{note}',
  },
  'rule.holdsTitle.missingYears': {
    en: '{name} must hold {title} in each of {years} (APPROVED or ANNOUNCED); missing: {missing}{note}',
    vi: '{name} phải được tặng {title} liên tục các năm {years} (đã phê duyệt hoặc đã công bố); còn thiếu năm {missing}{note}',
  },
  'ruleDesc.holdsAward': {
    en: 'Holds at least {count} {title} (regular awards, APPROVED or ANNOUNCED) in the {years} years ending that year.',
    vi: 'Đã được tặng ít nhất {count} {title} (khen thưởng thường xuyên, đã phê duyệt hoặc đã công bố) trong {years} năm tính đến năm xét.',
  },
  'rule.holdsAward.held': {
    en: '{name} holds {have} regular {title} in {span} ({years})',
    vi: '{name} đã được tặng {have} {title} (khen thưởng thường xuyên) trong giai đoạn {span} (năm {years})',
  },
  'rule.holdsAward.missing': {
    en: '{name} holds {have} regular {title} in {span}; {count} are needed{note}',
    vi: '{name} mới được tặng {have} {title} (khen thưởng thường xuyên) trong giai đoạn {span}, cần ít nhất {count}{note}',
  },
  'ruleDesc.hasInitiative': {
    en: 'Has a VERIFIED {what} achieved {span}, recognised at {level} level or above.',
    vi: 'Có {what} đã được xác nhận {span}, được công nhận từ cấp {level} trở lên.',
  },
  'rule.hasInitiative.found': {
    en: 'The {kind} "{title}" ({level}, {on, date}) of {name} is verified',
    vi: '{name} có {kind} "{title}" (cấp {level}, ngày {on, date}) đã được xác nhận',
  },
  'rule.hasInitiative.tooLow': {
    en: '"{title}" is recognised at {level} level only',
    vi: '"{title}" chỉ được công nhận ở cấp {level}',
  },
  'rule.hasInitiative.notVerified': {
    en: '"{title}" is {status, label}, not VERIFIED',
    vi: '"{title}" đang ở trạng thái "{status, label}", chưa được xác nhận',
  },
  'rule.hasInitiative.missing': {
    en: '{name} has no VERIFIED {what} of {span} recognised at {level} level or above{hint}: record one (recordAchievement) and have it verified',
    vi: '{name} chưa có {what} năm {span} được công nhận từ cấp {level} trở lên và đã được xác nhận{hint}: cần ghi nhận (recordAchievement) và đề nghị xác nhận',
  },
  'ruleDesc.titleShare.warn': {
    en: "In the recipient's unit, awards of this type that year (this one included) are at most {share, percent} of its {of} awards that year; more is a warning (a local policy).",
    vi: 'Trong đơn vị của người được đề nghị, số danh hiệu này trong năm (kể cả đề nghị này) không quá {share, percent} số {of} của năm; vượt tỷ lệ thì cảnh báo (quy định của cơ quan).',
  },
  'ruleDesc.titleShare.block': {
    en: "In the recipient's unit, awards of this type that year (this one included) are at most {share, percent} of its {of} awards that year.",
    vi: 'Trong đơn vị của người được đề nghị, số danh hiệu này trong năm (kể cả đề nghị này) không quá {share, percent} số {of} của năm.',
  },
  'rule.titleShare.within': {
    en: 'With this nomination {unit} would have {count} {title} for {year} against {base} {of} ({share, percent}), within the {limit, percent} limit',
    vi: 'Tính cả đề nghị này, {unit} có {count} {title} năm {year} trên {base} {of} ({share, percent}), trong giới hạn {limit, percent}',
  },
  'rule.titleShare.noBase': {
    en: '{unit} has no {of} for {year}, so with this nomination its {count} {title} would be above the {limit, percent} limit',
    vi: '{unit} chưa có {of} năm {year}, nên tính cả đề nghị này {count} {title} vượt giới hạn {limit, percent}',
  },
  'rule.titleShare.over': {
    en: 'With this nomination {unit} would have {count} {title} for {year} against {base} {of} ({share, percent}), above the {limit, percent} limit: at most {allowed}',
    vi: 'Tính cả đề nghị này, {unit} có {count} {title} năm {year} trên {base} {of} ({share, percent}), vượt giới hạn {limit, percent}: tối đa {allowed}',
  },

  // ---------------------------------------------------------------- ratings, recruitment, discipline
  'ruleDesc.ratedAtLeast': {
    en: 'Rated at least "{min}" that year.',
    vi: 'Được xếp loại từ "{min}" trở lên trong năm.',
  },
  'rule.rated.noneForPerson': {
    en: '{name} has no rating for {year}: the unit manager records it (recordAnnualRating, or recordUnitRatings for the whole unit); at least "{min}" is needed',
    vi: '{name} chưa được xếp loại năm {year}: thủ trưởng đơn vị cần nhập kết quả xếp loại (recordAnnualRating, hoặc recordUnitRatings cho cả đơn vị); yêu cầu từ "{min}" trở lên',
  },
  'rule.rated.noneForUnit': {
    en: '{name} has no rating for {year} as a collective: its manager records it (recordAnnualRating or recordUnitRatings); at least "{min}" is needed',
    vi: 'Tập thể {name} chưa được xếp loại năm {year}: cần nhập kết quả xếp loại tập thể (recordAnnualRating hoặc recordUnitRatings); yêu cầu từ "{min}" trở lên',
  },
  'rule.rated.ok': {
    en: '{name} is rated "{rating}" for {year}; at least "{min}" is needed',
    vi: '{name} được xếp loại "{rating}" năm {year}, đạt yêu cầu từ "{min}" trở lên',
  },
  'rule.rated.below': {
    en: '{name} is rated "{rating}" for {year}, below the "{min}" needed',
    vi: '{name} được xếp loại "{rating}" năm {year}, chưa đạt yêu cầu từ "{min}" trở lên',
  },
  'ruleDesc.recruitedBefore': {
    en: 'Not given to people recruited less than {months} months before the year ends.',
    vi: 'Không xét tặng cho cá nhân mới tuyển dụng dưới {months} tháng tính đến hết năm.',
  },
  'rule.recruited.unknown': {
    en: '{name} has no recruitment date recorded: counted as serving at least {months} months by the end of {year} (record recruitedOn to check it)',
    vi: '{name} chưa có ngày tuyển dụng: coi như đã công tác đủ {months} tháng tính đến hết năm {year} (cập nhật recruitedOn để kiểm tra)',
  },
  'rule.recruited.ok': {
    en: '{name} was recruited on {on, date}: at least {months} months of service by the end of {year}',
    vi: '{name} được tuyển dụng ngày {on, date}: đã công tác đủ {months} tháng tính đến hết năm {year}',
  },
  'rule.recruited.tooRecent': {
    en: '{name} was recruited on {on, date}: less than {months} months of service by the end of {year} (it needs recruitment on or before {latest, date}); consider {name} next year',
    vi: '{name} được tuyển dụng ngày {on, date}: chưa đủ {months} tháng công tác tính đến hết năm {year} (phải tuyển dụng từ ngày {latest, date} trở về trước); xét cho {name} vào năm sau',
  },
  'ruleDesc.noOpenDiscipline': {
    en: 'No discipline or investigation of the recipient is open on the day of the nomination or decision; an open one defers the award.',
    vi: 'Đối tượng không đang trong thời hạn xử lý kỷ luật, không đang bị xem xét kỷ luật hoặc điều tra vào ngày đề nghị, ngày quyết định; nếu có thì hoãn xét khen thưởng.',
  },
  'rule.discipline.clear': {
    en: '{name} has no open discipline or investigation record on {on, date}',
    vi: 'Vào ngày {on, date}, {name} không trong thời hạn xử lý kỷ luật, không bị xem xét kỷ luật hay điều tra',
  },
  'rule.discipline.open': {
    en: '{name} has an open {what} record{reference} since {from, date}: "{reason}". The award is deferred, not refused: nominate again once the record is closed (the secretary closes it with closeDiscipline)',
    vi: '{name} {what}{reference} từ ngày {from, date}: "{reason}". Tạm hoãn xét khen thưởng (không phải từ chối): đề nghị lại khi hồ sơ được khép lại (thư ký cập nhật bằng closeDiscipline)',
  },
  'rule.discipline.openUntil': {
    en: '{name} has an open {what} record{reference} from {from, date} to {to, date}: "{reason}". The award is deferred, not refused: nominate again after {to, date}',
    vi: '{name} {what}{reference} từ ngày {from, date} đến ngày {to, date}: "{reason}". Tạm hoãn xét khen thưởng (không phải từ chối): đề nghị lại sau ngày {to, date}',
  },

  // ---------------------------------------------------------------- collectives
  'ruleDesc.membersHold.moreThan': {
    en: "More than {share, percent} of the unit's members{scope} hold {title} (APPROVED or ANNOUNCED) that year.",
    vi: 'Có trên {share, percent} cá nhân trong tập thể{scope} đạt {title} (đã phê duyệt hoặc đã công bố) trong năm.',
  },
  'ruleDesc.membersHold.atLeast': {
    en: "At least {share, percent} of the unit's members{scope} hold {title} (APPROVED or ANNOUNCED) that year.",
    vi: 'Có ít nhất {share, percent} cá nhân trong tập thể{scope} đạt {title} (đã phê duyệt hoặc đã công bố) trong năm.',
  },
  'ruleDesc.membersHold.count': {
    en: "At least {count} of the unit's members{scope} hold {title} (APPROVED or ANNOUNCED) that year.",
    vi: 'Có ít nhất {count} cá nhân trong tập thể{scope} đạt {title} (đã phê duyệt hoặc đã công bố) trong năm.',
  },
  'ruleDesc.all': {
    en: 'All of: {parts}',
    vi: 'Đồng thời: {parts}',
  },
  'rule.membersHold.noMembers': {
    en: '{unit} has no members (people whose unit it is), so none holds {title} for {year}: add its people first',
    vi: '{unit} chưa có cá nhân nào trong danh sách, nên không ai đạt {title} năm {year}: cần cập nhật danh sách cán bộ trước',
  },
  'rule.membersHold.none': {
    en: 'None of the {total} members of {unit} holds {title} for {year}',
    vi: 'Không ai trong {total} cá nhân của {unit} đạt {title} năm {year}',
  },
  'rule.membersHold.some': {
    en: '{holders} of the {total} members of {unit} ({share, percent}) hold {title} for {year}',
    vi: '{holders}/{total} cá nhân của {unit} ({share, percent}) đạt {title} năm {year}',
  },
  'rule.membersHold.moreThanOk': {
    en: '{summary}; more than {share, percent} (at least {needed}) are needed',
    vi: '{summary}; yêu cầu trên {share, percent} (ít nhất {needed} người)',
  },
  'rule.membersHold.moreThanShort': {
    en: '{summary}; more than {share, percent} are needed, that is at least {needed}: {more} more must hold it',
    vi: '{summary}; yêu cầu trên {share, percent}, tức ít nhất {needed} người: còn thiếu {more} người',
  },
  'rule.membersHold.atLeastOk': {
    en: '{summary}; at least {share, percent} ({needed}) are needed',
    vi: '{summary}; yêu cầu ít nhất {share, percent} ({needed} người)',
  },
  'rule.membersHold.atLeastShort': {
    en: '{summary}; at least {share, percent} ({needed}) are needed: {more} more must hold it',
    vi: '{summary}; yêu cầu ít nhất {share, percent} ({needed} người): còn thiếu {more} người',
  },
  'rule.membersHold.countOk': {
    en: '{summary}; at least {needed} must',
    vi: '{summary}; yêu cầu ít nhất {needed} người',
  },
  'rule.membersHold.countShort': {
    en: '{summary}; at least {needed} must: {more} more',
    vi: '{summary}; yêu cầu ít nhất {needed} người: còn thiếu {more} người',
  },
  'ruleDesc.membersRated': {
    en: 'At least {share, percent} of the members are rated "{min}" or better that year.',
    vi: 'Ít nhất {share, percent} cá nhân trong tập thể được xếp loại từ "{min}" trở lên trong năm.',
  },
  'rule.membersRated.noMembers': {
    en: '{unit} has no members to rate for {year}: add its people first',
    vi: '{unit} chưa có cá nhân nào để xếp loại năm {year}: cần cập nhật danh sách cán bộ trước',
  },
  'rule.membersRated.ok': {
    en: '{meeting} of the {total} members of {unit} are rated "{min}" or better for {year}; {share, percent} ({needed}) are needed',
    vi: '{meeting}/{total} cá nhân của {unit} được xếp loại từ "{min}" trở lên năm {year}; yêu cầu {share, percent} ({needed} người)',
  },
  'rule.membersRated.short': {
    en: 'Only {meeting} of the {total} members of {unit} are rated "{min}" or better for {year}; {share, percent} ({needed}) are needed{detail}',
    vi: 'Mới có {meeting}/{total} cá nhân của {unit} được xếp loại từ "{min}" trở lên năm {year}; yêu cầu {share, percent} ({needed} người){detail}',
  },
  'rule.membersRated.below': {
    en: 'rated lower: {names}',
    vi: 'xếp loại thấp hơn: {names}',
  },
  'rule.membersRated.unrated': {
    en: 'no rating yet ({count}): {names}; the unit manager records them with recordUnitRatings',
    vi: 'chưa được xếp loại ({count} người): {names}; thủ trưởng đơn vị nhập bằng recordUnitRatings',
  },

  // ---------------------------------------------------------------- composite
  'ruleDesc.anyOf': {
    en: 'At least one of: {alternatives}',
    vi: 'Đạt ít nhất một trong các tiêu chuẩn: {alternatives}',
  },
  'rule.anyOf.met': {
    en: '{met}',
    vi: '{met}',
  },
  'rule.anyOf.none': {
    en: 'None of the {count} alternatives is met: {details}',
    vi: 'Chưa đạt tiêu chuẩn nào trong {count} tiêu chuẩn thay thế: {details}',
  },
  'ruleDesc.meetsStandardOf': {
    en: 'Meets the standard of {title} that year (holding it, or meeting its criteria).',
    vi: 'Đạt tiêu chuẩn {title} trong năm (đã được tặng, hoặc đạt các tiêu chuẩn của danh hiệu này).',
  },
  'rule.meetsStandard.holds': {
    en: '{name} holds {title} for {year}, so meets its standard',
    vi: '{name} đã được tặng {title} năm {year} nên đạt tiêu chuẩn này',
  },
  'rule.meetsStandard.unknown': {
    en: '{ruleSet} has no {title} whose standard could be checked: fix the catalogue',
    vi: '{ruleSet} không có {title} để đối chiếu tiêu chuẩn: cần sửa lại danh mục',
  },
  'rule.meetsStandard.fails': {
    en: '{name} does not meet the standard of {title} for {year}: {details}',
    vi: '{name} chưa đạt tiêu chuẩn {title} năm {year}: {details}',
  },
  'rule.meetsStandard.meets': {
    en: '{name} meets the standard of {title} for {year}: {details}',
    vi: '{name} đạt tiêu chuẩn {title} năm {year}: {details}',
  },

  // ---------------------------------------------------------------- money
  'bonus.noRuleSet': {
    en: 'No rule set is in force on {on, date}, so the bonus cannot be worked out; an administrator adds the rule set of that date',
    vi: 'Không có văn bản quy định nào có hiệu lực vào ngày {on, date} nên chưa tính được tiền thưởng; quản trị viên cần bổ sung',
  },
  'bonus.noMultiple': {
    en: '{ruleSet} sets no bonus of {title} for this kind of recipient',
    vi: '{ruleSet} không quy định mức tiền thưởng {title} cho đối tượng này',
  },
  'bonus.noSalary': {
    en: 'No base salary is recorded for {on, date}, so the bonus cannot be worked out; an administrator adds it (setBaseSalary)',
    vi: 'Chưa có mức lương cơ sở áp dụng vào ngày {on, date} nên chưa tính được tiền thưởng; quản trị viên cần bổ sung (setBaseSalary)',
  },
  'bonus.computed': {
    en: '{multiple, number} × the base salary of {salary, money} (in force since {since, date}) = {raw, money}, rounded up to the nearest {unit, money}: {amount, money}',
    vi: '{multiple, number} × mức lương cơ sở {salary, money} (áp dụng từ ngày {since, date}) = {raw, money}, làm tròn lên hàng {unit, money}: {amount, money}',
  },
  'bonus.rejected': {
    en: 'Not paid: the council did not approve the nomination',
    vi: 'Không chi thưởng: Hội đồng không thông qua đề nghị',
  },
  'bonus.revoked': {
    en: 'Not paid: the award was revoked and its bonus is recovered',
    vi: 'Không chi thưởng: quyết định khen thưởng đã bị hủy bỏ, tiền thưởng bị thu hồi',
  },
  'bonus.decision': {
    en: 'decision {number} of {on, date}',
    vi: 'Quyết định số {number} ngày {on, date}',
  },
  'bonus.noDecision': {
    en: 'no decision number recorded',
    vi: 'chưa ghi số quyết định',
  },
  'bonus.superseded': {
    en: '{title} is not paid: {higher}, a higher title of {year} ({decision}), is paid instead; only the highest title of a period is paid ({basis})',
    vi: 'Không chi thưởng {title}: cùng năm {year} đã được tặng danh hiệu cao hơn là {higher} ({decision}); chỉ nhận tiền thưởng của danh hiệu cao nhất ({basis})',
  },

  // ---------------------------------------------------------------- nominations
  'input.oneRecipient': {
    en: 'Give exactly one of personId and unitId',
    vi: 'Cần chọn đúng một trong hai: personId (cá nhân) hoặc unitId (tập thể)',
  },
  'input.badDay': {
    en: '{field} must be a calendar day (YYYY-MM-DD) between 1945 and 2200',
    vi: '{field} phải là một ngày hợp lệ (YYYY-MM-DD) trong khoảng 1945 đến 2200',
  },
  'nomination.tooManyCited': {
    en: 'A nomination may cite at most {max} achievements',
    vi: 'Mỗi đề nghị chỉ viện dẫn tối đa {max} thành tích',
  },
  'nomination.someRuleNotMet': {
    en: 'a rule is not met',
    vi: 'chưa đạt một tiêu chuẩn',
  },
  'nomination.refused': {
    en: 'Cannot nominate for {title} {year}: {first}',
    vi: 'Chưa thể đề nghị {title} năm {year}: {first}',
  },
  'nomination.refusedMore': {
    en: 'Cannot nominate for {title} {year}: {first} (and {more} more; see extensions.checks)',
    vi: 'Chưa thể đề nghị {title} năm {year}: {first} (và {more} tiêu chuẩn khác chưa đạt; xem extensions.checks)',
  },
  'nomination.race.achievement': {
    en: 'While {code} {year} was being nominated, a cited achievement became the basis of another award: one achievement, one award',
    vi: 'Trong khi đề nghị {code} năm {year}, một thành tích được viện dẫn vừa được dùng làm căn cứ cho khen thưởng khác: một thành tích không khen thưởng hai lần',
  },
  'nomination.race.title': {
    en: 'The recipient was nominated for {code} {year} meanwhile: a title is given at most once a year',
    vi: 'Đối tượng vừa được đề nghị {code} năm {year}: mỗi danh hiệu chỉ xét tặng một lần trong năm',
  },

  // ---------------------------------------------------------------- council
  'council.noVotes': {
    en: 'A meeting decides at least one nomination: give votes',
    vi: 'Phiên họp phải xét ít nhất một đề nghị: cần nhập kết quả bỏ phiếu (votes)',
  },
  'council.tooManyNominations': {
    en: 'One meeting call decides at most {max} nominations',
    vi: 'Mỗi lần ghi nhận phiên họp chỉ xét tối đa {max} đề nghị',
  },
  'council.duplicateVote': {
    en: 'Each nomination is voted on once per meeting: an awardId appears twice in votes',
    vi: 'Mỗi đề nghị chỉ bỏ phiếu một lần trong phiên họp: có awardId bị lặp trong votes',
  },
  'council.countNegative': {
    en: '{field} must be zero or more',
    vi: '{field} phải là số nguyên không âm',
  },
  'council.noMembers': {
    en: 'membersTotal must be at least 1',
    vi: 'Tổng số thành viên Hội đồng (membersTotal) phải từ 1 trở lên',
  },
  'council.approvalNeedsNumber': {
    en: 'Approval needs the decision number (decisionNumber)',
    vi: 'Phê duyệt cần có số quyết định (decisionNumber)',
  },
  'council.approvalNeedsDate': {
    en: 'Approval needs the decision date (decidedOn)',
    vi: 'Phê duyệt cần có ngày ký quyết định (decidedOn)',
  },
  'council.approvalNeedsDecision': {
    en: 'Approving needs the decision that covers the approved awards (decision: number, date, signer, issuing body)',
    vi: 'Phê duyệt cần có quyết định khen thưởng (decision: số, ngày ký, người ký, cơ quan ban hành)',
  },
  'council.presentOverTotal': {
    en: 'membersPresent ({present}) cannot exceed membersTotal ({total})',
    vi: 'Số thành viên dự họp ({present}) không thể lớn hơn tổng số thành viên Hội đồng ({total})',
  },
  'council.noRuleSet': {
    en: 'No rule set is in force on {on, date}, so the quorum of the meeting is not known; an administrator adds the rule set of that date',
    vi: 'Không có văn bản quy định nào có hiệu lực vào ngày {on, date} nên chưa xác định được điều kiện họp; quản trị viên cần bổ sung',
  },
  'council.noQuorum': {
    en: 'No quorum: {present} of {total} council members present; at least {quorum} ({fraction} of the members; {basis}) must be',
    vi: 'Phiên họp không đủ điều kiện: mới có {present}/{total} thành viên Hội đồng dự họp, cần ít nhất {quorum} thành viên ({fraction} tổng số; {basis})',
  },
  'council.decisionBeforeMeeting': {
    en: 'The decision is dated {on, date}, before the meeting of {heldOn, date}: it is signed on or after the meeting',
    vi: 'Quyết định ký ngày {on, date}, trước phiên họp ngày {heldOn, date}: quyết định phải ký từ ngày họp trở đi',
  },
  'council.tooManyVotes': {
    en: '{cast} votes were counted ({votesFor} for, {against} against, {abstain} abstaining) but the council has only {total} members (written votes of absent members included)',
    vi: 'Tổng số phiếu {cast} ({votesFor} đồng ý, {against} không đồng ý, {abstain} không biểu quyết) vượt quá {total} thành viên Hội đồng (đã tính cả phiếu bằng văn bản của thành viên vắng mặt)',
  },
  'council.typeNotInForce': {
    en: '{title} cannot be approved on {on, date}: no rule set in force that day provides for it',
    vi: 'Không thể phê duyệt {title} vào ngày {on, date}: không có văn bản quy định nào có hiệu lực vào ngày đó quy định danh hiệu, hình thức này',
  },
  'council.notEnoughVotes': {
    en: 'Not approved: {votesFor} of {total} council members voted for; {title} needs {threshold, percent} of all members, that is {needed} ({basis})',
    vi: 'Không đủ tỷ lệ phiếu: {votesFor}/{total} thành viên Hội đồng đồng ý; {title} cần từ {threshold, percent} tổng số thành viên, tức {needed} phiếu ({basis})',
  },
  'council.rulesNotMet': {
    en: 'Not approved: on the decision date {on, date} {title} is no longer met: {first} (and {more} more; see extensions.checks)',
    vi: 'Không thể phê duyệt: vào ngày ký quyết định {on, date} chưa đủ tiêu chuẩn {title}: {first} (và {more} tiêu chuẩn khác; xem extensions.checks)',
  },
  'council.decisionOtherDay': {
    en: 'Decision {number} of that year is registered as signed on {on, date}, not {given, date}: give its registered date, or another number',
    vi: 'Quyết định số {number} của năm này đã được vào sổ với ngày ký {on, date}, không phải {given, date}: nhập đúng ngày ký hoặc số quyết định khác',
  },
  'council.decisionOtherSigner': {
    en: 'Decision {number} is registered as signed by {signer}, not {given}',
    vi: 'Quyết định số {number} đã được vào sổ do {signer} ký, không phải {given}',
  },
  'council.decisionOtherBody': {
    en: 'Decision {number} is registered as issued by {body}, not {given}',
    vi: 'Quyết định số {number} đã được vào sổ do {body} ban hành, không phải {given}',
  },
  'council.aboutAward': {
    en: '{award}: {detail}',
    vi: '{award}: {detail}',
  },

  // ---------------------------------------------------------------- base salary
  'salary.badAmount': {
    en: 'amount must be a whole number of đồng between 1 and {max, number}',
    vi: 'Mức lương cơ sở phải là số nguyên đồng, từ 1 đến {max, number}',
  },

  // ---------------------------------------------------------------- ratings
  'rating.tooMany': {
    en: 'One call rates at most {max} members',
    vi: 'Mỗi lần chỉ nhập xếp loại tối đa {max} cá nhân',
  },
  'rating.nothing': {
    en: 'Give the unit’s rating (unitRating) or its members’ (members)',
    vi: 'Cần nhập xếp loại của tập thể (unitRating) hoặc của các cá nhân (members)',
  },
  'rating.duplicate': {
    en: '{name} is rated twice in this list',
    vi: '{name} bị nhập xếp loại hai lần trong danh sách',
  },
  'rating.notMember': {
    en: '{name} is not a member of {unit}: rate people of the unit only (or rate them with their own unit)',
    vi: '{name} không thuộc {unit}: chỉ nhập xếp loại cho cá nhân của đơn vị (hoặc nhập theo đơn vị của người đó)',
  },
  'rating.unknown': {
    en: '{rating} is not a rating',
    vi: '{rating} không phải là một mức xếp loại',
  },

  // ---------------------------------------------------------------- discipline
  'discipline.endBeforeStart': {
    en: 'A record cannot end ({to, date}) before it starts ({from, date})',
    vi: 'Ngày kết thúc ({to, date}) không thể trước ngày bắt đầu ({from, date})',
  },

  // ---------------------------------------------------------------- achievements

  // ---------------------------------------------------------------- delegations
  'delegation.badSeats': {
    en: 'Seats of a quota must be a whole number from 0 to {max}',
    vi: 'Số đại biểu phân bổ phải là số nguyên từ 0 đến {max}',
  },
  'delegation.quotaTwice': {
    en: 'A unit has one quota per delegation: a unitId appears twice in quotas',
    vi: 'Mỗi đơn vị chỉ có một chỉ tiêu đại biểu: có unitId bị lặp trong quotas',
  },
  'delegation.badPeriod': {
    en: 'The period cannot end ({to}) before it starts ({from})',
    vi: 'Giai đoạn không thể kết thúc ({to}) trước khi bắt đầu ({from})',
  },
  'delegation.notDraft': {
    en: 'The delegation is {status, label}: only a DRAFT delegation can change',
    vi: 'Đoàn đại biểu đang ở trạng thái "{status, label}": chỉ sửa được khi còn dự thảo',
  },
  'delegation.refused': {
    en: 'The delegation cannot be approved: {first} ({count} problem(s); see extensions.checks)',
    vi: 'Chưa thể duyệt đoàn đại biểu: {first} ({count} vấn đề; xem extensions.checks)',
  },
  'delegation.quotaWithin': {
    en: '{unit}: {used} of {seats} seats taken by official delegates',
    vi: '{unit}: {used}/{seats} đại biểu chính thức theo chỉ tiêu',
  },
  'delegation.quotaExceeded': {
    en: '{unit}: {used} official delegates for {seats} seats; remove {over} or make them guests',
    vi: '{unit}: {used} đại biểu chính thức, vượt chỉ tiêu {seats} người; bớt {over} người hoặc chuyển thành khách mời',
  },
  'delegation.noQuota': {
    en: '{name} ({unit}) falls under no unit with a quota: add a quota for that unit or make them a guest',
    vi: '{name} ({unit}) không thuộc đơn vị nào được phân bổ chỉ tiêu: bổ sung chỉ tiêu cho đơn vị hoặc chuyển thành khách mời',
  },
  'delegation.meritModel': {
    en: '{name} is an advanced model of {span}: "{title}" ({year})',
    vi: '{name} là điển hình tiên tiến giai đoạn {span}: "{title}" ({year})',
  },
  'delegation.meritAward': {
    en: '{name} holds {award} {year}, in the period {span}',
    vi: '{name} được tặng {award} năm {year}, trong giai đoạn {span}',
  },
  'delegation.meritMissing': {
    en: '{name} is neither an advanced model nor an award holder of {span}: check the nomination, or make them a guest',
    vi: '{name} không phải điển hình tiên tiến, cũng không được khen thưởng trong giai đoạn {span}: xem lại việc giới thiệu hoặc chuyển thành khách mời',
  },
  // ---------------------------------------------------------------- stored warnings
  'warning.unavailable': {
    en: 'A warning recorded earlier ({key}) cannot be shown by this version of the service',
    vi: 'Cảnh báo đã ghi nhận trước đây ({key}) không hiển thị được trên phiên bản này của hệ thống',
  },
} as const satisfies Record<string, Template>;

/**
 * graphql-js's own messages (a document it cannot parse or validate, a
 * variable it cannot coerce) in Vietnamese. graphql-js writes them in English
 * with no key; the names in quotes are the schema's and stay as they are.
 * A message not listed here is shown after a Vietnamese introduction.
 */

type Translation = readonly [pattern: RegExp, vi: (...names: string[]) => string];

const TRANSLATIONS: readonly Translation[] = [
  [/^Syntax Error: (.*)$/, (detail) => `Lỗi cú pháp GraphQL: ${syntax(detail)}`],
  [
    /^Cannot query field "(.+?)" on type "(.+?)"\.$/,
    (field, type) => `Kiểu "${type}" không có trường "${field}".`,
  ],
  [
    /^Unknown argument "(.+?)" on field "(.+?)"\.$/,
    (arg, field) => `Trường "${field}" không có tham số "${arg}".`,
  ],
  [
    /^Field "(.+?)" argument "(.+?)" of type "(.+?)" is required, but it was not provided\.$/,
    (field, arg, type) =>
      `Trường "${field}" cần tham số "${arg}" (kiểu "${type}") nhưng chưa được cung cấp.`,
  ],
  [
    /^Field "(.+?)" of type "(.+?)" must have a selection of subfields\..*$/,
    (field, type) =>
      `Trường "${field}" (kiểu "${type}") cần chọn các trường con, ví dụ "${field} { ... }".`,
  ],
  [
    /^Field "(.+?)" must not have a selection since type "(.+?)" has no subfields\.$/,
    (field, type) =>
      `Trường "${field}" có kiểu "${type}" không có trường con, không được chọn thêm.`,
  ],
  [
    /^Variable "(.+?)" of required type "(.+?)" was not provided\.$/,
    (name, type) => `Chưa cung cấp biến bắt buộc "${name}" (kiểu "${type}").`,
  ],
  [
    /^Variable "(.+?)" of non-null type "(.+?)" must not be null\.$/,
    (name, type) => `Biến "${name}" (kiểu "${type}") không được để trống (null).`,
  ],
  [
    /^Variable "(.+?)" got invalid value (.+?) at "(.+?)"; (.*)$/s,
    (name, value, at, detail) =>
      `Biến "${name}" có giá trị không hợp lệ ${value} tại "${at}": ${inner(detail)}`,
  ],
  [
    /^Variable "(.+?)" got invalid value (.+?); (.*)$/s,
    (name, value, detail) => `Biến "${name}" có giá trị không hợp lệ ${value}: ${inner(detail)}`,
  ],
  [
    /^Variable "(.+?)" is not defined(?: by operation "(.+?)")?\.$/,
    (name) => `Biến "${name}" được dùng nhưng chưa được khai báo.`,
  ],
  [
    /^Variable "(.+?)" is never used(?: in operation "(.+?)")?\.$/,
    (name) => `Biến "${name}" được khai báo nhưng không được dùng.`,
  ],
  [
    /^Variable "(.+?)" of type "(.+?)" used in position expecting type "(.+?)"\.$/,
    (name, type, expected) =>
      `Biến "${name}" có kiểu "${type}" nhưng được dùng ở chỗ cần kiểu "${expected}".`,
  ],
  [/^Unknown type "(.+?)"\..*$/, (type) => `Không có kiểu "${type}".`],
  [/^Unknown fragment "(.+?)"\.$/, (name) => `Không có fragment "${name}".`],
  [
    /^Fragment "(.+?)" is never used\.$/,
    (name) => `Fragment "${name}" được khai báo nhưng không được dùng.`,
  ],
  [/^Unknown directive "(.+?)"\.$/, (name) => `Không có chỉ thị (directive) "${name}".`],
  [
    /^Expected value of type "(.+?)", found (.+?)(?:; (.*))?\.?$/s,
    (type, found, detail) =>
      `Cần giá trị kiểu "${type}", nhận được ${found}${detail ? `: ${inner(detail)}` : '.'}`,
  ],
  [
    /^Unknown operation named "(.+?)"\.$/,
    (name) => `Không có thao tác tên "${name}" trong truy vấn.`,
  ],
  [
    /^Must provide operation name if query contains multiple operations\.$/,
    () => 'Truy vấn có nhiều thao tác: cần cho biết tên thao tác cần chạy (operationName).',
  ],
  [
    /^This anonymous operation must be the only defined operation\.$/,
    () => 'Thao tác không tên phải là thao tác duy nhất trong truy vấn.',
  ],
  [
    /^There can be only one operation named "(.+?)"\.$/,
    (name) => `Chỉ được có một thao tác tên "${name}".`,
  ],
];

/** What is wrong inside a value (the part of a coercion message after "; "). */
const INNER: readonly Translation[] = [
  [
    /^Expected non-nullable type "(.+?)" not to be null\.$/,
    (type) => `cần giá trị kiểu "${type}", không được để trống (null).`,
  ],
  [
    /^Field "(.+?)" of required type "(.+?)" was not provided\.$/,
    (field, type) => `thiếu trường bắt buộc "${field}" (kiểu "${type}").`,
  ],
  [
    /^Field "(.+?)" is not defined by type "(.+?)"\..*$/,
    (field, type) => `kiểu "${type}" không có trường "${field}".`,
  ],
  [/^Expected type "(.+?)" to be an object\.$/, (type) => `cần một đối tượng kiểu "${type}".`],
  [
    /^Value "?(.+?)"? does not exist in "(.+?)" enum\..*$/,
    (value, type) => `giá trị "${value}" không thuộc danh sách "${type}".`,
  ],
  [
    /^Enum "(.+?)" cannot represent non-string value: (.*?)\.?$/,
    (type, value) => `danh sách "${type}" không nhận giá trị ${value}.`,
  ],
  [
    /^Int cannot represent non-integer value: (.*)$/,
    (value) => `cần một số nguyên, nhận được ${value}.`,
  ],
  [
    /^Int cannot represent non 32-bit signed integer value: (.*)$/,
    (value) => `số nguyên ${value} vượt quá giới hạn cho phép.`,
  ],
  [
    /^Float cannot represent non numeric value: (.*)$/,
    (value) => `cần một số, nhận được ${value}.`,
  ],
  [
    /^String cannot represent a non string value: (.*)$/,
    (value) => `cần một chuỗi ký tự, nhận được ${value}.`,
  ],
  [
    /^Boolean cannot represent a non boolean value: (.*)$/,
    (value) => `cần giá trị đúng/sai (true/false), nhận được ${value}.`,
  ],
  [/^ID cannot represent value: (.*)$/, (value) => `mã (ID) không hợp lệ: ${value}.`],
];

/** What a parser's "Expected …, found …" says. */
function syntax(detail: string): string {
  const expected = /^Expected (.+?), found (.+?)\.$/.exec(detail);
  if (expected) return `cần ${expected[1]}, gặp ${found(expected[2]!)}.`;
  const unexpected = /^Unexpected (.+?)\.$/.exec(detail);
  if (unexpected) return `không chờ đợi ${found(unexpected[1]!)}.`;
  if (detail === 'Unterminated string.') return 'chuỗi ký tự chưa được đóng.';
  return detail;
}

function found(token: string): string {
  return token === '<EOF>' ? 'cuối truy vấn' : token;
}

function translate(table: readonly Translation[], message: string): string | undefined {
  for (const [pattern, vi] of table) {
    const match = pattern.exec(message);
    if (match) return vi(...match.slice(1).map((part) => part ?? ''));
  }
  return undefined;
}

function inner(detail: string): string {
  return translate(INNER, detail) ?? detail;
}

/** graphql-js's suggestion at the end of a message: ` Did you mean "a", "b", or "c"?`. */
const SUGGESTION = / Did you mean (.+)\?$/s;

/** A graphql-js message in Vietnamese, or undefined when it is not one this knows. */
export function graphqlMessageInVietnamese(message: string): string | undefined {
  const suggestion = SUGGESTION.exec(message);
  const translated = translate(
    TRANSLATIONS,
    suggestion ? message.slice(0, suggestion.index) : message,
  );
  if (!translated || !suggestion) return translated;
  const names = suggestion[1]!.replace(/,? or /g, ' hoặc ');
  return `${translated} Có phải ý bạn là ${names}?`;
}

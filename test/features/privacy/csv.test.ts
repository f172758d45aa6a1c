import { csvField, toCsv } from '../../../src/features/privacy/rules/csv';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line one\nline two', '"line one\nline two"'],
    ['cr\r\nlf', '"cr\r\nlf"'],
    ['', ''],
    ['Grüße 🎉 日本語', 'Grüße 🎉 日本語'],
    ['👩‍💻, "quoted"', '"👩‍💻, ""quoted"""'],
  ])('quotes %j as %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['=1,2', '"\'=1,2"'],
    ['a=b', 'a=b'],
  ])('neutralises the formula %j as %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('writes dates as ISO timestamps, numbers and booleans as they are, null as empty', () => {
    expect(csvField(new Date('2026-11-22T09:30:00Z'))).toBe('2026-11-22T09:30:00.000Z');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header row and one CRLF-terminated line per row', () => {
    expect(toCsv(['id', 'text'], [[1, 'a,b'], [2, 'multi\nline']])).toBe('id,text\r\n1,"a,b"\r\n2,"multi\nline"\r\n');
  });

  it('writes only the header when there are no rows', () => {
    expect(toCsv(['id', 'text'], [])).toBe('id,text\r\n');
  });
});

import { defaultDocumentFields, defaultTrichYeu, placeName } from './defaults';
import { normalizeDocumentFields, validateDocumentFields } from './document-fields';
import { formatShortVietnameseDate, formatVietnameseDate, isIsoDate, placeDateLine } from './vietnamese-date';

describe('Vietnamese dates (Nghị định 30/2020)', () => {
  it('pads the day below 10 and only the months 1 and 2', () => {
    expect(formatVietnameseDate('2023-12-06')).toBe('ngày 06 tháng 12 năm 2023');
    expect(formatVietnameseDate('2023-01-16')).toBe('ngày 16 tháng 01 năm 2023');
    expect(formatVietnameseDate('2023-02-03')).toBe('ngày 03 tháng 02 năm 2023');
    expect(formatVietnameseDate('2023-05-16')).toBe('ngày 16 tháng 5 năm 2023');
    expect(placeDateLine('Quảng Thọ', '2023-12-06')).toBe('Quảng Thọ, ngày 06 tháng 12 năm 2023');
    expect(formatShortVietnameseDate('2023-12-06')).toBe('06/12/2023');
  });

  it('refuses impossible dates', () => {
    expect(isIsoDate('2023-02-30')).toBe(false);
    expect(formatVietnameseDate('06/12/2023')).toBe('');
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('defaultDocumentFields', () => {
  it('a commune: its district in Kính gửi, the place without "Xã ", the chairman signing for the committee', () => {
    const f = defaultDocumentFields({ name: 'Xã Quảng Thọ', level: 'commune' }, { name: 'Huyện Quảng Điền', level: 'district' }, '2023');
    expect(f).toMatchObject({
      place: 'Quảng Thọ',
      kinhGui: ['Ủy ban nhân dân huyện Quảng Điền', 'Phòng Nội vụ huyện Quảng Điền'],
      signerCapacity: 'TM. ỦY BAN NHÂN DÂN',
      signerTitle: 'CHỦ TỊCH',
      issuerParent: 'UBND HUYỆN QUẢNG ĐIỀN',
      issuerName: 'UBND XÃ QUẢNG THỌ',
      date: '2023-12-20',
      trichYeu: 'Kết quả thực hiện công tác cải cách hành chính năm 2023',
    });
    expect(validateDocumentFields(f)).toEqual([]);
  });

  it('a district reports to the province’s Sở Nội vụ; a province has no chủ quản', () => {
    const d = defaultDocumentFields({ name: 'Huyện Quảng Điền', level: 'district' }, { name: 'Tỉnh Thừa Thiên Huế', level: 'province' }, '2023S1', '2023-06-18');
    expect(d.kinhGui).toEqual(['Ủy ban nhân dân tỉnh Thừa Thiên Huế', 'Sở Nội vụ tỉnh Thừa Thiên Huế']);
    expect(d.date).toBe('2023-06-18');
    expect(d.trichYeu).toBe(defaultTrichYeu('2023S1'));
    expect(d.trichYeu).toBe('Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2023');
    const p = defaultDocumentFields({ name: 'Tỉnh Thừa Thiên Huế', level: 'province' }, null, '2023');
    expect(p.issuerParent).toBe('');
    expect(p.kinhGui).toEqual(['Bộ Nội vụ']);
    expect(placeName('Phường Tây Lộc')).toBe('Tây Lộc');
    expect(placeName('Thị trấn Sịa')).toBe('Sịa');
  });
});

describe('validateDocumentFields / normalizeDocumentFields', () => {
  const good = defaultDocumentFields({ name: 'Xã Quảng Thọ', level: 'commune' }, { name: 'Huyện Quảng Điền', level: 'district' }, '2023');

  it('names each bad field', () => {
    expect(validateDocumentFields({ ...good, date: '2023-13-01' }).map((p) => p.field)).toEqual(['document.date']);
    expect(validateDocumentFields({ ...good, kinhGui: 'x', signerName: 5 }).map((p) => p.field).sort()).toEqual(['document.kinhGui', 'document.signerName']);
    expect(validateDocumentFields(null).map((p) => p.field)).toEqual(['document']);
    expect(validateDocumentFields({ ...good, preamble: [1] }).map((p) => p.field)).toEqual(['document.preamble']);
    expect(validateDocumentFields({ ...good, preamble: ['Thực hiện Kế hoạch số 203/KH-UBND …'] })).toEqual([]);
  });

  it('stores recipients bare and the number without "Số:"', () => {
    const n = normalizeDocumentFields({ ...good, soKyHieu: 'Số: 232/BC-UBND', kinhGui: ['- Ủy ban nhân dân huyện Quảng Điền;', '  '], noiNhan: ['- Lưu: VT.'] });
    expect(n.soKyHieu).toBe('232/BC-UBND');
    expect(n.kinhGui).toEqual(['Ủy ban nhân dân huyện Quảng Điền']);
    expect(n.noiNhan).toEqual(['Lưu: VT']);
  });
});

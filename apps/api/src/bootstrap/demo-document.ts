import type { ReportDocumentFields } from '@cchc/shared';

/**
 * The header, recipients and signature of the real Quảng Thọ report (Báo cáo số 232/BC-UBND
 * ngày 06/12/2023), as printed: the demo's 2023 report carries them so its DOCX is that document.
 */
export const QUANG_THO_2023_DOCUMENT: ReportDocumentFields = {
  soKyHieu: '232/BC-UBND',
  place: 'Quảng Thọ',
  date: '2023-12-06',
  kinhGui: ['Ủy ban nhân dân huyện Quảng Điền', 'Phòng Nội vụ huyện Quảng Điền'],
  noiNhan: ['Như trên', 'Ban TV Đảng ủy xã', 'TT HĐND xã', 'CT, các PCT UBND xã', 'Trang TTĐT xã', 'Lưu: VT'],
  signerCapacity: 'TM. ỦY BAN NHÂN DÂN',
  signerTitle: 'CHỦ TỊCH',
  signerName: 'Trần Kim',
  issuerParent: 'UBND HUYỆN QUẢNG ĐIỀN',
  issuerName: 'UBND XÃ QUẢNG THỌ',
  trichYeu: 'Kết quả triển khai thực hiện công tác cải cách hành chính năm 2023, phương hướng nhiệm vụ công tác cải cách hành chính năm 2024',
  preamble: [
    'Thực hiện Kế hoạch số 203/KH-UBND ngày 28 tháng 12 năm 2022 của Ủy ban nhân dân huyện Quảng Điền về cải cách hành chính gắn với chính quyền số, dịch vụ đô thị thông minh huyện Quảng Điền năm 2023. Ủy ban nhân dân (UBND) xã báo cáo tình hình triển khai thực hiện nhiệm vụ công tác cải cách hành chính năm 2023 và phương hướng nhiệm vụ công tác cải cách hành chính năm 2024, cụ thể như sau:',
  ],
};

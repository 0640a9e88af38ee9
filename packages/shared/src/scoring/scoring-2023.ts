import type { UnitLevel } from '../template/types';
import type { ScoringScheme } from './types';

const DISTRICT_UP: UnitLevel[] = ['district', 'province'];
/** PAR-Index style thresholds for "on time" shares: 100% full, ≥ 95% three quarters, ≥ 90% half. */
const ON_TIME_TIERS = [
  { min: 100, fraction: 1 },
  { min: 95, fraction: 0.75 },
  { min: 90, fraction: 0.5 },
];
const AT_LEAST_ONE = [{ min: 1, fraction: 1 }];

/**
 * Default scheme for the 2023 template, in the seven domains of the PAR Index
 * (Quyết định 876/QĐ-BNV). Domain Dn reads only rows of template group n, so a level is
 * scored in a domain only where it reports: groups 5 and 6 are district/province rows, so a
 * commune has no criterion under civil service (D5) or public finance (D6); district-only
 * criteria are marked with their levels and count for a commune neither points nor maximum.
 * Commune maximum: 100 points. 2023.2 moved self-inspection and supervision (1.2.x) to D1 and
 * online fee payment (3.6.3) to D3; totals are the same as 2023.1, domain splits are not.
 */
export const SCORING_2023: ScoringScheme = {
  version: '2023.2',
  templateVersion: '2023.1',
  title: 'Chấm điểm CCHC cấp xã theo Phụ lục thống kê 2023',
  domains: [
    {
      code: 'D1',
      title: 'Công tác chỉ đạo, điều hành CCHC',
      titleEn: 'Direction and management of reform',
      criteria: [
        { code: 'D1.1', title: 'Hoàn thành nhiệm vụ Kế hoạch CCHC', titleEn: 'Reform plan tasks completed', maxPoints: 6,
          rule: { kind: 'ratio', numerator: '1.1.2', denominator: '1.1.1', onZeroDenominator: 'zero' },
          note: 'Không có nhiệm vụ nào trong kế hoạch thì không có điểm: kế hoạch CCHC là bắt buộc.' },
        { code: 'D1.2', title: 'Ban hành văn bản chỉ đạo CCHC', titleEn: 'Reform directives issued', maxPoints: 2,
          rule: { kind: 'tiers', input: '1.1.3', tiers: [{ min: 10, fraction: 1 }, { min: 5, fraction: 0.75 }, { min: 1, fraction: 0.5 }] } },
        { code: 'D1.3', title: 'Xử lý vấn đề phát hiện qua kiểm tra', titleEn: 'Inspection issues resolved', maxPoints: 3,
          rule: { kind: 'ratio', numerator: '1.2.4', denominator: '1.2.3' } },
        { code: 'D1.4', title: 'Hoàn thành đúng hạn nhiệm vụ UBND tỉnh giao', titleEn: 'Provincial tasks completed on time', maxPoints: 4,
          rule: { kind: 'ratio', numerator: '1.3.2', denominator: '1.3.1' } },
        { code: 'D1.5', title: 'Khảo sát sự hài lòng của người dân, tổ chức', titleEn: 'Satisfaction survey carried out', maxPoints: 2,
          rule: { kind: 'tiers', input: '1.4.1', tiers: AT_LEAST_ONE } },
        { code: 'D1.6', title: 'Đối thoại của lãnh đạo với người dân, doanh nghiệp', titleEn: 'Leaders’ dialogue held', maxPoints: 2,
          rule: { kind: 'yesno', input: '1.5' } },
        { code: 'D1.7', title: 'Giải quyết phản ánh, kiến nghị', titleEn: 'Petitions resolved', maxPoints: 2,
          rule: { kind: 'ratio', numerator: '1.6.1', denominator: '1.6' } },
        { code: 'D1.8', title: 'Hoàn thành kế hoạch tuyên truyền CCHC', titleEn: 'Communication plan completed', maxPoints: 2,
          rule: { kind: 'ratio', numerator: '1.7.2', denominator: '1.7.1', onZeroDenominator: 'zero' } },
        { code: 'D1.9', title: 'Ban hành kế hoạch tự kiểm tra công vụ, CCHC', titleEn: 'Self-inspection plans issued', maxPoints: 4,
          rule: { kind: 'tiers', input: '1.2.1', tiers: AT_LEAST_ONE },
          note: 'Tự kiểm tra công vụ, CCHC là việc chỉ đạo, điều hành (nhóm 1 của biểu mẫu); đến bản 2023.1 nằm ở lĩnh vực chế độ công vụ (D5.1).' },
        { code: 'D1.10', title: 'Kiểm tra, giám sát của Đảng ủy, HĐND, MTTQ, đoàn thể cấp xã', titleEn: 'Supervision by commune Party, council and mass organisations', maxPoints: 3,
          rule: { kind: 'tiers', input: '1.2.2', tiers: AT_LEAST_ONE }, levels: ['commune'],
          note: 'Giám sát là việc chỉ đạo, điều hành (nhóm 1 của biểu mẫu); đến bản 2023.1 nằm ở lĩnh vực chế độ công vụ (D5.2).' },
      ],
    },
    {
      code: 'D2',
      title: 'Cải cách thể chế',
      titleEn: 'Institutional reform',
      criteria: [
        { code: 'D2.1', title: 'Kiểm tra VBQPPL đã ban hành', titleEn: 'Legal documents checked', maxPoints: 4,
          rule: { kind: 'ratio', numerator: '2.2', denominator: '2.1' } },
        { code: 'D2.2', title: 'Rà soát VBQPPL', titleEn: 'Legal documents reviewed', maxPoints: 2,
          rule: { kind: 'ratio', numerator: '2.3', denominator: '2.1' } },
        { code: 'D2.3', title: 'Xử lý VBQPPL sau kiểm tra, rà soát', titleEn: 'Recommended documents handled', maxPoints: 2,
          rule: { kind: 'ratio', numerator: '2.5', denominator: '2.4' } },
        { code: 'D2.4', title: 'Kế hoạch, báo cáo theo dõi thi hành pháp luật', titleEn: 'Law-enforcement monitoring plans and reports', maxPoints: 2,
          rule: { kind: 'tiers', input: '2.6', tiers: AT_LEAST_ONE }, levels: ['commune'] },
        { code: 'D2.5', title: 'Hoạt động theo dõi thi hành pháp luật', titleEn: 'Law-enforcement monitoring activities', maxPoints: 1,
          rule: { kind: 'tiers', input: '2.7', tiers: AT_LEAST_ONE }, levels: ['commune'] },
      ],
    },
    {
      code: 'D3',
      title: 'Cải cách thủ tục hành chính',
      titleEn: 'Administrative procedure reform',
      criteria: [
        { code: 'D3.1', title: 'Công khai TTHC thuộc thẩm quyền tại trụ sở và trên Trang TTĐT', titleEn: 'Own procedures published', maxPoints: 3,
          rule: { kind: 'ratio', numerator: '3.1.2', denominator: '3.2.3.3', onZeroDenominator: 'zero' }, levels: ['commune'],
          note: 'Mẫu số là số TTHC cấp xã (3.2.3.3), tức TTHC thuộc thẩm quyền của xã.' },
        { code: 'D3.2', title: 'Công khai tiến độ, kết quả giải quyết hồ sơ', titleEn: 'Case progress published', maxPoints: 1,
          rule: { kind: 'tiers', input: '3.1.3', tiers: AT_LEAST_ONE }, levels: ['commune'] },
        { code: 'D3.3', title: 'Phê duyệt quy trình nội bộ giải quyết TTHC', titleEn: 'Internal workflows approved', maxPoints: 3,
          rule: { kind: 'percent', input: '3.4.3' } },
        { code: 'D3.4', title: 'Điện tử hóa quy trình nội bộ', titleEn: 'Internal workflows digitised', maxPoints: 2,
          rule: { kind: 'percent', input: '3.4.4' } },
        { code: 'D3.5', title: 'Hồ sơ TTHC cấp xã giải quyết đúng hạn', titleEn: 'Commune cases handled on time', maxPoints: 6,
          rule: { kind: 'tiers', input: '3.5.3', tiers: ON_TIME_TIERS } },
        { code: 'D3.6', title: 'Hồ sơ đất đai giải quyết đúng hạn', titleEn: 'Land cases handled on time', maxPoints: 2,
          rule: { kind: 'tiers', input: '3.5.4', tiers: ON_TIME_TIERS } },
        { code: 'D3.7', title: 'Ký số văn bản thông báo, xin lỗi, trả kết quả', titleEn: 'Case notices digitally signed', maxPoints: 2,
          rule: { kind: 'percent', input: '3.5.6' } },
        { code: 'D3.8', title: 'TTHC cung cấp mức độ 3, 4 trên Cổng DVC', titleEn: 'Level 3–4 procedures on the portal', maxPoints: 2,
          rule: { kind: 'ratio', numerator: '3.6.2', denominator: '3.6.1', onZeroDenominator: 'zero' } },
        { code: 'D3.9', title: 'TTHC đã đồng bộ, cấu hình quy trình giải quyết', titleEn: 'Procedures with configured workflows', maxPoints: 2,
          rule: { kind: 'ratio', numerator: '3.6.4', denominator: '3.6.1', onZeroDenominator: 'zero' } },
        { code: 'D3.10', title: 'TTHC thực hiện qua cơ chế một cửa, một cửa liên thông', titleEn: 'Procedures through the one-stop shop', maxPoints: 2,
          rule: { kind: 'ratio', numerator: '3.4', denominator: '3.2.3', onZeroDenominator: 'zero' } },
        { code: 'D3.11', title: 'TTHC có thanh toán phí, lệ phí trực tuyến', titleEn: 'Procedures with online fee payment', maxPoints: 5,
          rule: { kind: 'ratio', numerator: '3.6.3', denominator: '3.6.1', onZeroDenominator: 'zero' },
          note: 'Thanh toán phí, lệ phí trực tuyến là việc của TTHC (nhóm 3 của biểu mẫu); đến bản 2023.1 nằm ở lĩnh vực tài chính công (D6.1).' },
      ],
    },
    {
      code: 'D4',
      title: 'Cải cách tổ chức bộ máy hành chính',
      titleEn: 'Organisational reform',
      criteria: [
        { code: 'D4.1', title: 'Sử dụng biên chế không vượt số được giao', titleEn: 'Staff within the assigned quota', maxPoints: 5,
          rule: { kind: 'ratio', numerator: '4.2.1', denominator: '4.2.2', onZeroDenominator: 'zero' },
          note: 'Biên chế được giao / biên chế có mặt, tối đa 1: đủ điểm khi không vượt; vượt bao nhiêu mất điểm bấy nhiêu phần.' },
        { code: 'D4.2', title: 'Bố trí đủ biên chế được giao', titleEn: 'Assigned positions filled', maxPoints: 2,
          rule: { kind: 'ratio', numerator: '4.2.2', denominator: '4.2.1', onZeroDenominator: 'zero' } },
        { code: 'D4.3', title: 'Tinh giản biên chế so với năm 2015', titleEn: 'Staff cut since 2015', maxPoints: 2,
          rule: { kind: 'tiers', input: '4.2.5', tiers: [{ min: 10, fraction: 1 }, { min: 5, fraction: 0.5 }] },
          note: 'Mục tiêu tinh giản tối thiểu 10% so với năm 2015.' },
        { code: 'D4.4', title: 'ĐVSNCL đã cắt giảm so với năm 2015', titleEn: 'Public service units cut since 2015', maxPoints: 2,
          rule: { kind: 'tiers', input: '4.1.4.2', tiers: [{ min: 10, fraction: 1 }, { min: 5, fraction: 0.5 }] }, levels: DISTRICT_UP },
      ],
    },
    {
      code: 'D5',
      title: 'Cải cách chế độ công vụ',
      titleEn: 'Civil service reform',
      criteria: [
        { code: 'D5.1', title: 'Tuyển chọn, bổ nhiệm lãnh đạo qua thi tuyển', titleEn: 'Leaders selected by exam', maxPoints: 2,
          rule: { kind: 'yesno', input: '5.3.1' }, levels: DISTRICT_UP },
        { code: 'D5.2', title: 'Phê duyệt vị trí việc làm các cơ quan hành chính', titleEn: 'Job positions approved', maxPoints: 2,
          rule: { kind: 'tiers', input: '5.1.1', tiers: AT_LEAST_ONE }, levels: DISTRICT_UP },
      ],
    },
    {
      code: 'D6',
      title: 'Cải cách tài chính công',
      titleEn: 'Public finance reform',
      criteria: [
        { code: 'D6.1', title: 'ĐVSNCL tự chủ chi thường xuyên', titleEn: 'Self-financing public service units', maxPoints: 3,
          rule: { kind: 'ratio', numerator: ['6.1', '6.2'], denominator: '4.1.4', onZeroDenominator: 'zero' }, levels: DISTRICT_UP },
      ],
    },
    {
      code: 'D7',
      title: 'Xây dựng chính quyền điện tử, chính quyền số',
      titleEn: 'E-government and digital government',
      criteria: [
        { code: 'D7.1', title: 'Hồ sơ xử lý trực tuyến (mức độ 3 và 4)', titleEn: 'Cases processed online (levels 3 and 4)', maxPoints: 5,
          rule: { kind: 'percent', input: ['7.8.3', '7.8.4'] } },
        { code: 'D7.2', title: 'Kết nối, liên thông quản lý văn bản với UBND huyện', titleEn: 'Document system connected to the district', maxPoints: 3,
          rule: { kind: 'percent', input: '7.6.1.2' } },
        { code: 'D7.3', title: 'Văn bản gửi hoàn toàn dưới dạng điện tử', titleEn: 'Documents sent fully electronically', maxPoints: 4,
          rule: { kind: 'percent', input: '7.6.2.1' } },
        { code: 'D7.4', title: 'Kết nối Hệ thống một cửa điện tử tập trung', titleEn: 'Connected to the electronic one-stop system', maxPoints: 3,
          rule: { kind: 'percent', input: '7.7.2' } },
        { code: 'D7.5', title: 'Được cấp chứng thư số', titleEn: 'Digital certificates issued', maxPoints: 2,
          rule: { kind: 'tiers', input: '7.4', tiers: AT_LEAST_ONE } },
        { code: 'D7.6', title: 'Hệ thống họp trực tuyến', titleEn: 'Video-conference system', maxPoints: 1,
          rule: { kind: 'choice', input: '7.2', fractions: { '0': 0, '1': 0.5, '2': 1 } } },
        { code: 'D7.7', title: 'Kết nối Hệ thống thông tin báo cáo quốc gia', titleEn: 'Reporting system connected', maxPoints: 1,
          rule: { kind: 'choice', input: '7.3', fractions: { '0': 0, '1': 0.5, '2': 1 } } },
        { code: 'D7.8', title: 'TTHC trực tuyến mức độ 4 trong số TTHC trực tuyến', titleEn: 'Level-4 share of online procedures', maxPoints: 1,
          rule: { kind: 'ratio', numerator: '7.8.2', denominator: ['7.8.1', '7.8.2'], onZeroDenominator: 'zero' } },
      ],
    },
  ],
};

/**
 * The schemes the code ships with: the seed a new database is given (by a migration and at start),
 * never read at run time — a period is scored with the stored scheme it names (or the newest published).
 */
export const BUILT_IN_SCHEMES: readonly ScoringScheme[] = [SCORING_2023];

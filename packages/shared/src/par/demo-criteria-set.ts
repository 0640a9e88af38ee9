import type { ParCriteriaSetInput } from './criteria-set';

const yes = { kind: 'yesno' } as const;
const manual = { kind: 'manual' } as const;
const tiers = (...t: number[]) => ({ kind: 'tiers', tiers: t }) as const;
/** Completion ratios map to the tiers 100/75/50 % of the max. */
const completion = [
  { minPercent: 100, percentOfMax: 100 },
  { minPercent: 80, percentOfMax: 75 },
  { minPercent: 50, percentOfMax: 50 },
];

/**
 * A DEMO criteria set for communes, built from the published structure of Hà Nội's QĐ 5666/QĐ-UBND
 * (8 content areas, scale 100 with the survey); the per-row points are invented for the demo, NOT
 * an official decision. 68 appraised points; a round adds the survey's 32.
 */
export const DEMO_PAR_CRITERIA_SET: ParCriteriaSetInput = {
  title: 'Bộ tiêu chí Chỉ số CCHC cấp xã (MINH HỌA, không phải văn bản chính thức)',
  demo: true,
  basis: 'Dựng theo cấu trúc 8 nội dung của QĐ 5666/QĐ-UBND (Hà Nội, 17/11/2025); điểm từng dòng là minh họa',
  domains: [
    {
      code: '1',
      title: 'Công tác chỉ đạo, điều hành CCHC',
      criteria: [
        {
          code: '1.1',
          title: 'Kế hoạch CCHC năm',
          subCriteria: [
            { code: '1.1.1', title: 'Ban hành kế hoạch CCHC năm kịp thời', maxPoints: 1, scoring: yes, evidence: 'Quyết định ban hành kế hoạch CCHC năm (số, ngày)' },
            {
              code: '1.1.2',
              title: 'Mức độ hoàn thành kế hoạch CCHC',
              maxPoints: 3,
              scoring: tiers(100, 75, 50),
              evidence: 'Báo cáo CCHC năm; danh mục nhiệm vụ đã hoàn thành',
              source: { kind: 'ratio', numerator: ['1.1.2'], denominator: ['1.1.1'], mapping: completion },
            },
          ],
        },
        {
          code: '1.2',
          title: 'Kiểm tra CCHC',
          subCriteria: [
            { code: '1.2.1', title: 'Ban hành kế hoạch tự kiểm tra CCHC', maxPoints: 1, scoring: yes, evidence: 'Kế hoạch tự kiểm tra' },
            {
              code: '1.2.2',
              title: 'Xử lý các vấn đề phát hiện qua kiểm tra',
              maxPoints: 2,
              scoring: { kind: 'ratio' },
              notApplicableAllowed: true,
              evidence: 'Báo cáo kết quả kiểm tra và xử lý',
              source: { kind: 'ratio', numerator: ['1.2.4'], denominator: ['1.2.3'] },
            },
          ],
        },
        {
          code: '1.3',
          title: 'Thực hiện nhiệm vụ cấp trên giao',
          subCriteria: [
            {
              code: '1.3.1',
              title: 'Hoàn thành đúng hạn nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao',
              maxPoints: 2,
              scoring: tiers(100, 75, 50),
              evidence: 'Báo cáo theo dõi nhiệm vụ được giao',
              source: { kind: 'ratio', numerator: ['1.3.2'], denominator: ['1.3.1'], mapping: completion },
            },
          ],
        },
        {
          code: '1.4',
          title: 'Đối thoại với người dân, doanh nghiệp',
          subCriteria: [
            { code: '1.4.1', title: 'Lãnh đạo tổ chức đối thoại với người dân, doanh nghiệp', maxPoints: 1, scoring: yes, evidence: 'Biên bản đối thoại', source: { kind: 'yesno', input: '1.5' } },
          ],
        },
      ],
    },
    {
      code: '2',
      title: 'Cải cách thể chế',
      criteria: [
        {
          code: '2.1',
          title: 'Xây dựng, rà soát văn bản',
          subCriteria: [
            { code: '2.1.1', title: 'Ban hành văn bản QPPL đúng thẩm quyền, trình tự', maxPoints: 3, scoring: manual, notApplicableAllowed: true, evidence: 'Danh mục văn bản QPPL đã ban hành' },
            { code: '2.1.2', title: 'Rà soát, hệ thống hóa văn bản QPPL', maxPoints: 3, scoring: manual, evidence: 'Báo cáo rà soát văn bản' },
          ],
        },
      ],
    },
    {
      code: '3',
      title: 'Cải cách thủ tục hành chính, một cửa, một cửa liên thông',
      criteria: [
        {
          code: '3.1',
          title: 'Công khai và giải quyết TTHC',
          subCriteria: [
            { code: '3.1.1', title: 'Công khai đầy đủ TTHC tại Bộ phận Một cửa và trên Cổng DVC', maxPoints: 4, scoring: tiers(100, 50), evidence: 'Ảnh chụp bảng niêm yết; đường dẫn Cổng DVC' },
            { code: '3.1.2', title: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn', maxPoints: 6, scoring: manual, evidence: 'Báo cáo từ Hệ thống thông tin giải quyết TTHC' },
          ],
        },
        {
          code: '3.2',
          title: 'Tiếp nhận, xử lý phản ánh, kiến nghị',
          subCriteria: [
            {
              code: '3.2.1',
              title: 'Tỷ lệ phản ánh, kiến nghị đã giải quyết',
              maxPoints: 4,
              scoring: { kind: 'ratio' },
              notApplicableAllowed: true,
              evidence: 'Sổ theo dõi PAKN',
              source: { kind: 'ratio', numerator: ['1.6.1'], denominator: ['1.6.1', '1.6.2'] },
            },
          ],
        },
      ],
    },
    {
      code: '4',
      title: 'Cải cách tổ chức bộ máy',
      criteria: [
        {
          code: '4.1',
          title: 'Tổ chức bộ máy theo quy định',
          subCriteria: [
            { code: '4.1.1', title: 'Thực hiện quy định về tổ chức bộ máy cấp xã', maxPoints: 3, scoring: yes, evidence: 'Quyết định kiện toàn tổ chức' },
            { code: '4.1.2', title: 'Thực hiện kiến nghị sau kiểm tra về tổ chức bộ máy', maxPoints: 3, scoring: manual, notApplicableAllowed: true, evidence: 'Báo cáo khắc phục' },
          ],
        },
      ],
    },
    {
      code: '5',
      title: 'Cải cách chế độ công vụ',
      criteria: [
        {
          code: '5.1',
          title: 'Quản lý cán bộ, công chức',
          subCriteria: [
            { code: '5.1.1', title: 'Bố trí công chức theo vị trí việc làm', maxPoints: 4, scoring: manual, evidence: 'Đề án vị trí việc làm được phê duyệt' },
            { code: '5.1.2', title: 'Chấp hành kỷ luật, kỷ cương hành chính (không có vi phạm)', maxPoints: 4, scoring: yes, evidence: 'Báo cáo công tác kỷ luật' },
          ],
        },
      ],
    },
    {
      code: '6',
      title: 'Cải cách tài chính công',
      criteria: [
        {
          code: '6.1',
          title: 'Quản lý tài chính, ngân sách',
          subCriteria: [
            { code: '6.1.1', title: 'Ban hành và thực hiện quy chế chi tiêu nội bộ', maxPoints: 3, scoring: yes, evidence: 'Quy chế chi tiêu nội bộ' },
            { code: '6.1.2', title: 'Công khai dự toán, quyết toán ngân sách', maxPoints: 3, scoring: yes, evidence: 'Quyết định công khai ngân sách' },
          ],
        },
      ],
    },
    {
      code: '7',
      title: 'Xây dựng, phát triển chính quyền điện tử, chính quyền số',
      criteria: [
        {
          code: '7.1',
          title: 'Chuyển đổi số trong hoạt động của UBND xã',
          subCriteria: [
            { code: '7.1.1', title: 'Tỷ lệ hồ sơ TTHC xử lý trực tuyến', maxPoints: 6, scoring: tiers(100, 75, 50), evidence: 'Số liệu từ Cổng DVC' },
            { code: '7.1.2', title: 'Sử dụng chữ ký số trong xử lý văn bản', maxPoints: 3, scoring: yes, evidence: 'Báo cáo của hệ thống quản lý văn bản' },
            { code: '7.1.3', title: 'Số hóa hồ sơ, kết quả giải quyết TTHC', maxPoints: 3, scoring: manual, evidence: 'Báo cáo số hóa' },
          ],
        },
      ],
    },
    {
      code: '8',
      title: 'Tác động của CCHC đến người dân, tổ chức và phát triển KT-XH',
      criteria: [
        {
          code: '8.1',
          title: 'Tác động của CCHC',
          subCriteria: [{ code: '8.1.1', title: 'Tác động của CCHC đến phát triển kinh tế - xã hội của xã', maxPoints: 6, scoring: manual, evidence: 'Báo cáo đánh giá tác động' }],
        },
      ],
    },
  ],
};

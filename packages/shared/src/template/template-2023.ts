import { DISTRICT_UP, buildNodes, type RowSpec } from './build-template';
import type { ConsistencyRule, Template, TemplateDecision, UnitLevel } from './types';

const C: UnitLevel[] = ['commune'];
const P: UnitLevel[] = ['province'];
const GUIDE_SCOPE = 'Căn cứ theo Quyết định công bố của UBND tỉnh; chỉ thống kê theo cấp quản lý';
const GUIDE_COMMUNE = 'Áp dụng đối với cấp xã';

/**
 * The appendix of the 2023 form, row by row, in printed order. Titles are as printed
 * (tags stripped, wrapped lines joined); see `DECISIONS_2023` for every departure.
 */
const ROWS_2023: RowSpec[] = [
  { code: '1', title: 'Công tác chỉ đạo điều hành CCHC', titleEn: 'Direction and management of administrative reform' },
  {
    code: '1.1', title: 'Kế hoạch CCHC', titleEn: 'Administrative reform plan',
    guidance: 'Các nhiệm vụ giao trong Kế hoạch CCHC của UBND huyện và các nhiệm vụ đề ra trong Kế hoạch CCHC của cơ quan, đơn vị, địa phương',
  },
  { code: '1.1.1', title: 'Số nhiệm vụ đề ra trong kế hoạch', unit: 'Nhiệm vụ', type: 'count', required: true, titleEn: 'Tasks set in the plan' },
  { code: '1.1.2', title: 'Số nhiệm vụ đã hoàn thành', unit: 'Nhiệm vụ', type: 'count', required: true, titleEn: 'Tasks completed' },
  { code: '1.1.3', title: 'Số văn bản chỉ đạo CCHC đã ban hành', unit: 'Văn bản', type: 'count', titleEn: 'Reform directives issued' },
  { code: '1.2', title: 'Kiểm tra CCHC', titleEn: 'Reform inspections' },
  {
    code: '1.2.1', printedCode: '1.1.1', title: 'Ban hành Kế hoạch tự kiểm tra việc thực hiện công tác CCHC', unit: 'Cơ quan, đơn vị', type: 'count',
    titleEn: 'Self-inspection plans issued',
  },
  {
    code: '1.2.2', printedCode: '1.1.2',
    title: 'Đảng ủy/HĐND xã/UBMTTQ Việt Nam xã/Các đoàn thể chính trị - xã hội cấp xã ban hành kế hoạch kiểm tra, giám sát việc thực hiện công tác CCHC của UBND xã',
    unit: 'Cơ quan, đơn vị', type: 'count', levels: C,
    titleEn: 'Commune Party committee / council / Fatherland Front / mass organisations that issued inspection or supervision plans of the commune reform work',
  },
  { code: '1.2.3', printedCode: '1.1.3', title: 'Số vấn đề phát hiện qua kiểm tra', unit: 'Vấn đề', type: 'count', titleEn: 'Issues found by inspection' },
  { code: '1.2.4', printedCode: '1.1.4', title: 'Số vấn đề phát hiện đã xử lý xong', unit: 'Vấn đề', type: 'count', titleEn: 'Issues found and resolved' },
  {
    code: '1.3', title: 'Thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao', type: 'count', displayUnit: 'Nhiệm vụ',
    titleEn: 'Tasks assigned by the provincial People’s Committee and its Chair',
    decision: 'Dòng tiêu đề mang tổng số nhiệm vụ được giao (bằng 1.3.1).',
  },
  { code: '1.3.1', title: 'Tổng số nhiệm vụ được giao', unit: 'Nhiệm vụ', type: 'count', required: true, titleEn: 'Tasks assigned' },
  { code: '1.3.2', title: 'Số nhiệm vụ đã hoàn thành đúng hạn', unit: 'Nhiệm vụ', type: 'count', required: true, titleEn: 'Tasks completed on time' },
  { code: '1.3.3', title: 'Số nhiệm vụ đã hoàn thành nhưng quá hạn', unit: 'Nhiệm vụ', type: 'count', titleEn: 'Tasks completed late' },
  { code: '1.4', title: 'Khảo sát sự hài lòng của người dân, tổ chức', titleEn: 'Satisfaction survey of citizens and organisations' },
  { code: '1.4.1', title: 'Số lượng phiếu khảo sát', unit: 'Số lượng', type: 'count', displayUnit: 'Phiếu', titleEn: 'Survey forms' },
  {
    code: '1.4.2', title: 'Hình thức khảo sát', unit: 'Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2', type: 'choice',
    titleEn: 'Survey method',
  },
  {
    code: '1.5', title: 'Tổ chức đối thoại của lãnh đạo với người dân, cộng đồng doanh nghiệp', unit: 'Không = 0 Có = 1', type: 'yesno',
    titleEn: 'Leaders held a dialogue with citizens and businesses',
  },
  {
    code: '1.6', title: 'Tiếp nhận, xử lý phản ánh, kiến nghị (PAKN) thuộc thẩm quyền giải quyết của cá nhân, tổ chức', type: 'count', displayUnit: 'Số PAKN',
    titleEn: 'Feedback and petitions received (within competence)',
    decision: 'Dòng tiêu đề mang tổng số PAKN tiếp nhận = 1.6.1 + 1.6.2.',
  },
  { code: '1.6.1', title: 'Số PAKN đã giải quyết', unit: 'Số PAKN', type: 'count', titleEn: 'Petitions resolved' },
  { code: '1.6.2', title: 'Số PAKN chưa giải quyết', type: 'count', displayUnit: 'Số PAKN', titleEn: 'Petitions not yet resolved' },
  {
    code: '1.7', title: 'Kế hoạch tuyên truyền CCHC', type: 'count', displayUnit: 'Kế hoạch',
    titleEn: 'Reform communication plans issued',
    decision: 'Dòng tiêu đề mang số kế hoạch tuyên truyền đã ban hành (bản báo cáo ghi 1), không phải tổng của 1.7.1–1.7.3.',
  },
  { code: '1.7.1', title: 'Số nhiệm vụ đề ra trong kế hoạch', unit: 'Nhiệm vụ', type: 'count', titleEn: 'Communication tasks planned' },
  { code: '1.7.2', title: 'Số nhiệm vụ đã hoàn thành', unit: 'Nhiệm vụ', type: 'count', titleEn: 'Communication tasks completed' },
  { code: '1.7.3', title: 'Các hình thức tuyên truyền đã thực hiện', unit: 'Hình thức', type: 'count', titleEn: 'Communication channels used' },

  { code: '2', title: 'Cải cách thể chế', titleEn: 'Institutional reform' },
  { code: '2.1', title: 'Số VBQPPL đã ban hành/tham mưu ban hành', unit: 'Văn bản', type: 'count', titleEn: 'Legal documents issued or drafted for issuance' },
  { code: '2.2', title: 'Số VBQPPL đã kiểm tra theo thẩm quyền', unit: 'Văn bản', type: 'count', titleEn: 'Legal documents checked within competence' },
  { code: '2.3', title: 'Số VBQPPL đã rà soát', unit: 'Văn bản', type: 'count', titleEn: 'Legal documents reviewed' },
  { code: '2.4', title: 'Số VBQPPL đã kiến nghị xử lý sau kiểm tra, rà soát', unit: 'Văn bản', type: 'count', titleEn: 'Legal documents recommended for handling after checks and reviews' },
  { code: '2.5', title: 'Số VBQPPL có kiến nghị xử lý đã được xử lý xong', unit: 'Văn bản', type: 'count', titleEn: 'Recommended legal documents handled' },
  {
    code: '2.6', title: 'Xây dựng kế hoạch, báo cáo công tác theo dõi thi hành pháp luật (THPL) và xử lý kết quả theo dõi THPL', unit: 'Văn bản', type: 'count',
    levels: C, guidance: GUIDE_COMMUNE, titleEn: 'Plans and reports on monitoring law enforcement',
  },
  {
    code: '2.7', title: 'Thực hiện các hoạt động về theo dõi THPL (Thu thập thông tin về tình hình THPL; Kiểm tra tình hình THPL; Điều tra, khảo sát tình hình THPL)',
    unit: 'Văn bản', type: 'count', levels: C, guidance: GUIDE_COMMUNE, titleEn: 'Law-enforcement monitoring activities carried out',
  },

  { code: '3', title: 'Cải cách thủ tục hành chính', titleEn: 'Administrative procedure (TTHC) reform' },
  {
    code: '3.1', title: 'Công khai TTHC và công khai tiến độ giải quyết hồ sơ', type: 'count', displayUnit: 'Thủ tục',
    titleEn: 'Publication of procedures and of case progress',
    decision: 'Dòng tiêu đề mang số TTHC được công khai (bằng 3.1.1); 3.1.3 không cộng vào.',
  },
  {
    code: '3.1.1', title: 'Số lượng thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp được công khai trên Trang thông tin điện tử', type: 'count', displayUnit: 'Thủ tục',
    titleEn: 'Procedures of all levels published on the website',
  },
  {
    code: '3.1.2', title: 'Số lượng thủ tục hành chính thuộc thẩm quyền giải quyết của đơn vị được công khai trên Trang thông tin điện tử và Bảng niêm yết tại Trụ sở', type: 'count', displayUnit: 'Thủ tục',
    titleEn: 'Own procedures published on the website and the notice board',
  },
  {
    code: '3.1.3', title: 'Công khai tiến độ, kết quả giải quyết hồ sơ TTHC trên Trang TTĐT của UBND cấp xã', type: 'count', displayUnit: 'Lần', levels: C,
    titleEn: 'Times case progress and results were published on the commune website',
    decision: 'Không in đơn vị tính; coi là số lần (tháng) đã công khai trong kỳ — báo cáo ghi 12 kèm ghi chú "hàng tháng".',
  },
  {
    code: '3.2', title: 'Thống kê TTHC', type: 'count', displayUnit: 'Thủ tục', guidance: GUIDE_SCOPE,
    titleEn: 'Procedures of the unit’s own level',
    decision: 'Dòng tiêu đề mang số TTHC thuộc cấp quản lý của đơn vị (xã: bằng 3.2.3.3), nên có thể nhỏ hơn 3.2.3.',
  },
  { code: '3.2.1', title: 'Số TTHC công bố mới', unit: 'Thủ tục', type: 'count', titleEn: 'Procedures newly announced' },
  { code: '3.2.2', title: 'Số TTHC bãi bỏ, thay thế', unit: 'Thủ tục', type: 'count', titleEn: 'Procedures abolished or replaced' },
  { code: '3.2.3', title: 'Tổng số TTHC đang có hiệu lực', unit: 'Thủ tục', type: 'count', required: true, titleEn: 'Procedures in force' },
  { code: '3.2.3.1', printedCode: 'Trong đó', breakdown: true, title: 'Số TTHC cấp tỉnh:', unit: 'Thủ tục', type: 'count', titleEn: 'of which provincial-level' },
  { code: '3.2.3.2', printedCode: '', breakdown: true, title: 'Số TTHC cấp huyện:', unit: 'Thủ tục', type: 'count', titleEn: 'of which district-level' },
  { code: '3.2.3.3', printedCode: '', breakdown: true, title: 'Số TTHC cấp xã:', unit: 'Thủ tục', type: 'count', titleEn: 'of which commune-level' },
  { code: '3.3', title: 'Vận hành Cổng dịch vụ công', guidance: GUIDE_SCOPE, titleEn: 'Public service portal (national)' },
  { code: '3.3.1', title: 'Số TTHC đã cập nhật, công khai trên Cổng DVC quốc gia', unit: 'Thủ tục', type: 'count', titleEn: 'Procedures updated and published on the national portal' },
  { code: '3.3.2', title: 'Số TTHC mức độ 3 và 4 đã tích hợp lên Cổng DVC quốc gia', unit: 'Thủ tục', type: 'count', titleEn: 'Level 3–4 procedures integrated into the national portal' },
  {
    code: '3.4', title: 'Thực hiện cơ chế một cửa, một cửa liên thông', type: 'count', displayUnit: 'Thủ tục', guidance: GUIDE_SCOPE,
    titleEn: 'Procedures handled through the one-stop mechanism',
    decision: 'Dòng tiêu đề mang số TTHC thực hiện qua cơ chế một cửa (báo cáo ghi 222 = 3.2.3).',
  },
  { code: '3.4.1', title: 'Số TTHC liên thông cùng cấp', unit: 'Thủ tục', type: 'count', titleEn: 'Procedures linked within the same level' },
  { code: '3.4.2', title: 'Số TTHC liên thông giữa các cấp chính quyền', unit: 'Thủ tục', type: 'count', titleEn: 'Procedures linked across levels' },
  {
    code: '3.4.3', title: 'Tỷ lệ TTHC đã được phê duyệt quy trình nội bộ', unit: '%', type: 'percent', weightCode: '3.2.3',
    titleEn: 'Share of procedures with an approved internal workflow',
  },
  {
    code: '3.4.4', title: 'Tỷ lệ quy trình nội bộ giải quyết TTHC đã được điện tử hóa', unit: '%', type: 'percent', weightCode: '3.2.3',
    titleEn: 'Share of internal workflows digitised',
  },
  { code: '3.5', title: 'Kết quả giải quyết TTHC', titleEn: 'Handling of procedure cases' },
  { code: '3.5.1', title: 'Tỷ lệ hồ sơ TTHC do các sở, ngành tiếp nhận được giải quyết đúng hạn', unit: '%', type: 'percent', levels: P, titleEn: 'On-time rate, cases received by provincial departments' },
  { code: '3.5.2', title: 'Tỷ lệ hồ sơ TTHC do UBND cấp huyện tiếp nhận được giải quyết đúng hạn', unit: '%', type: 'percent', levels: DISTRICT_UP, titleEn: 'On-time rate, cases received by district People’s Committees' },
  { code: '3.5.3', title: 'Tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận được giải quyết đúng hạn', unit: '%', type: 'percent', titleEn: 'On-time rate, cases received by commune People’s Committees' },
  { code: '3.5.4', title: 'Tỷ lệ hồ sơ TTHC về lĩnh vực đất đai được giải quyết đúng hạn (ở cả 3 cấp).', unit: '%', type: 'percent', titleEn: 'On-time rate, land cases (all three levels)' },
  { code: '3.5.5', title: 'Tỷ lệ hồ sơ TTHC về lĩnh vực xây dựng được giải quyết đúng hạn (ở cả 3 cấp).', unit: '%', type: 'percent', titleEn: 'On-time rate, construction cases (all three levels)' },
  {
    code: '3.5.6',
    title: 'Hồ sơ áp dụng chữ ký số trong các văn bản thông báo, gia hạn, xác minh hồ sơ, xin lỗi, trả kết quả giải quyết TTHC trên phần mềm/Tổng số Hồ sơ cần thông báo, gia hạn, xác minh hồ sơ, xin lỗi, trả kết quả giải quyết TTHC',
    type: 'percent', displayUnit: '%',
    titleEn: 'Share of cases whose notices, extensions, apologies and results were digitally signed',
    decision: 'Không in đơn vị tính; tiêu đề là một phân số (A/B) nên nhập dưới dạng tỷ lệ %.',
  },
  { code: '3.6', title: 'Vận hành Cổng dịch vụ công', titleEn: 'Public service portal (provincial)' },
  { code: '3.6.1', title: 'Số TTHC được tích hợp lên Cổng DVC', unit: 'Thủ tục', type: 'count', titleEn: 'Procedures integrated into the portal' },
  { code: '3.6.2', title: 'Số TTHC cung cấp mức độ 3, 4 trên Cổng DVC', unit: 'Thủ tục', type: 'count', titleEn: 'Level 3–4 procedures on the portal' },
  { code: '3.6.3', title: 'Số TTHC đã tích hợp dịch vụ thanh toán trực tuyến', unit: 'Thủ tục', type: 'count', titleEn: 'Procedures with online payment' },
  { code: '3.6.4', title: 'Số TTHC đã đồng bộ, cấu hình quy trình giải quyết', unit: 'Thủ tục', type: 'count', titleEn: 'Procedures with a synchronised, configured workflow' },
  {
    code: '3.6.5', title: 'Hồ sơ TTHC được số hóa vào phần mềm (đảm bảo cả đầu vào và đầu ra)', type: 'count', displayUnit: 'Hồ sơ',
    titleEn: 'Case files digitised (input and output)',
    decision: 'Không in đơn vị tính; là số hồ sơ đã số hóa (đếm).',
  },

  { code: '4', title: 'Cải cách tổ chức bộ máy hành chính nhà nước', titleEn: 'Reform of the state administrative apparatus' },
  { code: '4.1', title: 'Cơ cấu tổ chức bộ máy', titleEn: 'Organisational structure' },
  { code: '4.1.1', title: 'Số cơ quan chuyên môn cấp huyện', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'District specialised agencies' },
  { code: '4.1.2', title: 'Số ban quản lý trực thuộc UBND cấp huyện', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Management boards under the district People’s Committee' },
  { code: '4.1.3', title: 'Số tổ chức liên ngành do cấp huyện thành lập', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Inter-sector bodies set up by the district' },
  { code: '4.1.4', title: 'Tổng số đơn vị sự nghiệp công lập trên địa bàn huyện', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Public service units in the district' },
  {
    code: '4.1.4.1', printedCode: 'Trong đó', breakdown: true, title: 'Số ĐVSNCCL thuộc UBND cấp huyện', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP,
    titleEn: 'of which under the district People’s Committee',
  },
  {
    code: '4.1.4.2', printedCode: '', breakdown: true, title: 'Tỷ lệ ĐVSNCL đã cắt giảm so với năm 2015', unit: '%', type: 'percent', levels: DISTRICT_UP,
    titleEn: 'Share of public service units cut since 2015',
  },
  {
    code: '4.2', title: 'Số liệu về biên chế công chức', type: 'count', displayUnit: 'Người',
    titleEn: 'Civil-service staffing',
    decision: 'Báo cáo ghi 09 ở dòng tiêu đề; biểu mẫu không định nghĩa con số này, ta coi là tổng biên chế (bằng 4.2.1) và chỉ cảnh báo khi khác.',
  },
  { code: '4.2.1', title: 'Tổng số biên chế được giao trong năm', unit: 'Người', type: 'count', required: true, titleEn: 'Staff positions assigned for the year' },
  { code: '4.2.2', title: 'Tổng số biên chế có mặt tại thời điểm báo cáo', unit: 'Người', type: 'count', required: true, titleEn: 'Staff in post at the reporting date' },
  { code: '4.2.3', title: 'Số hợp đồng lao động làm việc tại cơ quan hành chính nhà nước', unit: 'Người', type: 'count', titleEn: 'Contract workers in state administrative agencies' },
  { code: '4.2.4', title: 'Số biên chế đã tinh giản trong kỳ báo cáo', unit: 'Người', type: 'count', titleEn: 'Positions cut in the period' },
  { code: '4.2.5', title: 'Tỷ lệ phần trăm biên chế đã tinh giản so với năm 2015', unit: '%', type: 'percent', titleEn: 'Share of positions cut since 2015' },
  { code: '4.3', title: 'Số người làm việc hưởng lương từ NSNN tại các đơn vị sự nghiệp công lập', titleEn: 'State-paid staff of public service units' },
  { code: '4.3.1', title: 'Tổng số người làm việc được giao', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Positions assigned' },
  { code: '4.3.2', title: 'Tổng số người làm việc có mặt', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Staff in post' },
  { code: '4.3.3', title: 'Số người đã tinh giản trong kỳ báo cáo', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Staff cut in the period' },
  { code: '4.3.4', title: 'Tỷ lệ % đã tinh giản so với năm 2015', unit: '%', type: 'percent', levels: DISTRICT_UP, titleEn: 'Share cut since 2015' },

  { code: '5', title: 'Cải cách chế độ công vụ', titleEn: 'Civil service reform' },
  { code: '5.1', title: 'Vị trí việc làm của công chức, viên chức', titleEn: 'Job positions of civil servants and public employees' },
  { code: '5.1.1', title: 'Số cơ quan, tổ chức hành chính đã được phê duyệt vị trí việc làm theo quy định', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Administrative bodies with approved job positions' },
  { code: '5.1.2', title: 'Số đơn vị sự nghiệp đã được phê duyệt vị trí việc làm theo quy định', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Public service units with approved job positions' },
  { code: '5.1.3', title: 'Số cơ quan, tổ chức có vi phạm trong thực hiện vị trí việc làm phát hiện qua thanh tra', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Bodies found in breach of job-position rules by inspection' },
  { code: '5.2', title: 'Tuyển dụng công chức, viên chức', titleEn: 'Recruitment' },
  { code: '5.2.1', title: 'Số công chức được tuyển dụng (thi tuyển, xét tuyển)', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Civil servants recruited (exam or selection)' },
  { code: '5.2.2', title: 'Số công chức được tuyển dụng theo trường hợp đặc biệt.', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Civil servants recruited as special cases' },
  { code: '5.2.3', title: 'Số cán bộ, công chức cấp xã được xét chuyên thành công chức cấp huyện trở lên.', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Commune officials transferred to district-level civil service or above' },
  { code: '5.2.4', title: 'Số viên chức được tuyển dụng (thi tuyển, xét tuyển).', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Public employees recruited (exam or selection)' },
  { code: '5.2.5', title: 'Số viên chức được tuyển dụng theo trường hợp đặc biệt.', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Public employees recruited as special cases' },
  { code: '5.3', title: 'Số liệu về bổ nhiệm công chức lãnh đạo', titleEn: 'Appointment of leaders' },
  { code: '5.3.1', title: 'Thực hiện tuyển chọn, bổ nhiệm lãnh đạo qua thi tuyển', unit: 'Đã thực hiện = 1 Chưa thực hiện = 0', type: 'yesno', levels: DISTRICT_UP, titleEn: 'Leaders selected by competitive exam' },
  { code: '5.3.2', title: 'Số lãnh đạo cấp phòng thuộc UBND huyện được bổ nhiệm mới', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Newly appointed heads of district divisions' },
  { code: '5.4', title: 'Số liệu về xử lý kỷ luật cán bộ, công chức (cả về Đảng và chính quyền).', titleEn: 'Disciplinary measures (Party and government)' },
  { code: '5.4.1', title: 'Số lãnh đạo UBND cấp huyện bị kỷ luật.', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'District People’s Committee leaders disciplined' },
  { code: '5.4.2', title: 'Số lãnh đạo cấp phòng thuộc UBND huyện bị kỷ luật.', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'Heads of district divisions disciplined' },
  { code: '5.4.3', title: 'Số người làm việc hưởng lương từ NSNN tại các đơn vị SNCL bị kỷ luật.', unit: 'Người', type: 'count', levels: DISTRICT_UP, titleEn: 'State-paid staff of public service units disciplined' },

  { code: '6', title: 'Cải cách tài chính công', titleEn: 'Public finance reform' },
  { code: '6.1', title: 'Số đơn vị SNCL đã thực hiện tự chủ 100% chi thường xuyên và chi đầu tư (lũy kế đến thời điểm báo cáo)', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Public service units self-financing all recurrent and investment spending (cumulative)' },
  { code: '6.2', title: 'Số đơn vị SNCL đã thực hiện tự chủ 100% chi thường xuyên (lũy kế đến thời điểm báo cáo)', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Units self-financing all recurrent spending (cumulative)' },
  { code: '6.3', title: 'Số đơn vị SNCL đã thực hiện tự chủ một phần chi thường xuyên (lũy kế đến thời điểm báo cáo)', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Units self-financing part of recurrent spending (cumulative)' },
  { code: '6.4', title: 'Số đơn vị SNCL do nhà nước đảm bảo 100% chi thường xuyên (lũy kế đến thời điểm báo cáo)', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Units fully state-funded for recurrent spending (cumulative)' },
  { code: '6.5', title: 'Số lượng đơn vị SNCL đã chuyển đổi thành công ty cổ phần (lũy kế đến thời điểm báo cáo)', unit: 'Cơ quan, đơn vị', type: 'count', levels: DISTRICT_UP, titleEn: 'Units converted into joint-stock companies (cumulative)' },

  { code: '7', title: 'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số', titleEn: 'E-government and digital government' },
  { code: '7.1', title: 'Cập nhật Kiến trúc chính quyền điện tử phiên bản 2.0', unit: 'Chưa = 0 Hoàn thành = 1', type: 'yesno', titleEn: 'E-government architecture 2.0 updated' },
  {
    code: '7.2',
    title: 'Xây dựng và vận hành Hệ thống họp trực tuyến Liên thông 2 cấp: Từ UBND tỉnh đến 100% UBND các huyện. Liên thông 3 cấp: Từ UBND tỉnh đến 100% UBND cấp huyện, cấp xã.',
    unit: 'Chưa có = 0 2 cấp = 1 3 cấp = 2', type: 'choice', titleEn: 'Video-conference system (2 levels: province to all districts; 3 levels: down to all communes)',
  },
  { code: '7.3', title: 'Hệ thống thông tin báo cáo và kết nối với Hệ thống thông tin báo cáo quốc gia', unit: 'Chưa = 0 Đang làm = 1 Hoàn thành = 2', type: 'choice', titleEn: 'Reporting information system connected to the national one' },
  {
    code: '7.4', title: 'Tỷ lệ cơ quan chuyên môn cấp UBND cấp huyện, UBND cấp xã được cấp chứng thư số.', unit: 'Đơn vị', type: 'count',
    titleEn: 'Agencies issued digital certificates',
    decision: 'Tiêu đề ghi "Tỷ lệ" nhưng đơn vị tính là "Đơn vị" và báo cáo ghi 1: nhập số đơn vị đã được cấp chứng thư số (xã: 1 = UBND xã đã có), cộng dồn khi tổng hợp.',
  },
  { code: '7.5', title: 'Triển khai xây dựng nền tảng chia sẻ, tích hợp dùng chung (LGSP).', unit: 'Chưa = 0 Đang làm = 1 Hoàn thành = 2', type: 'choice', titleEn: 'Shared integration platform (LGSP) deployed' },
  {
    code: '7.6', title: 'Số liệu về trao đổi văn bản điện tử', type: 'count', displayUnit: 'Văn bản',
    titleEn: 'Electronic document exchange',
    decision: 'Báo cáo ghi 961 ở dòng tiêu đề; coi là tổng số văn bản điện tử đã trao đổi, nên không nhỏ hơn 7.6.1 (chỉ cảnh báo).',
  },
  {
    code: '7.6.1', title: 'Thực hiện kết nối, liên thông các Hệ thống quản lý văn bản điều hành từ cấp tỉnh đến cấp xã', type: 'count', displayUnit: 'Văn bản',
    titleEn: 'Documents exchanged through the connected document-management systems',
    decision: 'Không in đơn vị tính; báo cáo ghi 3040 nên coi là số văn bản trao đổi qua hệ thống liên thông (đếm).',
  },
  { code: '7.6.1.1', printedCode: 'Trong đó', breakdown: true, title: 'Tỷ lệ UBND cấp huyện đã kết nối, liên thông với UBND tỉnh', unit: '%', type: 'percent', levels: DISTRICT_UP, titleEn: 'Share of district People’s Committees connected with the province' },
  { code: '7.6.1.2', printedCode: '', breakdown: true, title: 'Tỷ lệ UBND cấp xã đã kết nối, liên thông với UBND huyện.', unit: '%', type: 'percent', titleEn: 'Share of commune People’s Committees connected with the district' },
  { code: '7.6.2', title: 'Tổng số văn bản đi giữa các cơ quan nhà nước trên địa bàn tỉnh', unit: 'Văn bản', type: 'count', titleEn: 'Outgoing documents between state bodies in the province' },
  {
    code: '7.6.2.1', printedCode: 'Trong đó', breakdown: true,
    title: 'Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử (Sử dụng chữ ký số, chứng thư số và gửi trên môi trường điện tử).',
    unit: '%', type: 'percent', weightCode: '7.6.2', titleEn: 'Share sent fully electronically (digitally signed)',
  },
  {
    code: '7.6.2.2', printedCode: '', breakdown: true, title: 'Tỷ lệ văn bản được gửi hoàn toàn dưới dạng điện tử và song song với văn bản giấy',
    unit: '%', type: 'percent', weightCode: '7.6.2', titleEn: 'Share sent electronically and on paper in parallel',
  },
  { code: '7.7', title: 'Vận hành Hệ thống thông tin một cửa điện tử tập trung của tỉnh', titleEn: 'Provincial electronic one-stop system' },
  { code: '7.7.1', title: 'Tỷ lệ đơn vị cấp huyện đã kết nối liên thông với Hệ thống', unit: '%', type: 'percent', levels: DISTRICT_UP, titleEn: 'Share of district units connected' },
  { code: '7.7.2', title: 'Tỷ lệ đơn vị cấp xã đã kết nối liên thông với Hệ thống', unit: '%', type: 'percent', titleEn: 'Share of commune units connected' },
  { code: '7.8', title: 'Dịch vụ công trực tuyến', titleEn: 'Online public services' },
  { code: '7.8.1', title: 'Tổng số TTHC cung cấp trực tuyến mức độ 3', unit: 'TTHC', type: 'count', titleEn: 'Procedures online at level 3' },
  { code: '7.8.2', title: 'Tổng số TTHC cung cấp trực tuyến mức độ 4', unit: 'TTHC', type: 'count', titleEn: 'Procedures online at level 4' },
  { code: '7.8.3', title: 'Tỷ lệ hồ sơ xử lý trực tuyến mức độ 3', unit: '%', type: 'percent', titleEn: 'Share of cases processed online at level 3' },
  { code: '7.8.4', title: 'Tỷ lệ hồ sơ xử lý trực tuyến mức độ 4', unit: '%', type: 'percent', titleEn: 'Share of cases processed online at level 4' },
];

const OPTIONS_EN: Record<string, string> = {
  'Trực tuyến': 'Online',
  'Phát phiếu': 'Paper forms',
  'Kết hợp': 'Combined',
  Không: 'No',
  Có: 'Yes',
  Chưa: 'Not yet',
  'Chưa có': 'None',
  'Hoàn thành': 'Done',
  'Đang làm': 'In progress',
  '2 cấp': '2 levels',
  '3 cấp': '3 levels',
  'Đã thực hiện': 'Done',
  'Chưa thực hiện': 'Not done',
};

type RuleSpec = Omit<ConsistencyRule, 'id' | 'message'> & { id?: string; vi: string; en: string };

function rule(r: RuleSpec): ConsistencyRule {
  const { vi, en, id, ...rest } = r;
  const sign = r.kind === 'lte' ? 'le' : r.kind === 'gte' ? 'ge' : r.kind;
  const rhs = r.right.length > 0 ? r.right.join('+') : String(r.constant ?? 0);
  return { id: id ?? `${r.left.join('+')}-${sign}-${rhs}`, ...rest, message: { vi, en } };
}

/**
 * Consistency rules the form implies. Errors only where the arithmetic is certain
 * (a subset cannot exceed its set); warnings where the relation rests on our reading
 * of a heading total or on two sections describing the same thing.
 */
const RULES_2023: ConsistencyRule[] = [
  rule({ kind: 'lte', left: ['1.1.2'], right: ['1.1.1'], severity: 'error',
    vi: 'số nhiệm vụ đã hoàn thành không thể vượt số nhiệm vụ đề ra', en: 'tasks completed cannot exceed tasks planned' }),
  rule({ kind: 'lte', left: ['1.2.4'], right: ['1.2.3'], severity: 'error',
    vi: 'số vấn đề đã xử lý xong không thể vượt số vấn đề phát hiện', en: 'issues resolved cannot exceed issues found' }),
  rule({ kind: 'lte', left: ['1.3.2', '1.3.3'], right: ['1.3.1'], blanks: 'ignore-left', severity: 'error',
    vi: 'số nhiệm vụ hoàn thành (đúng hạn và quá hạn) không thể vượt số nhiệm vụ được giao', en: 'tasks completed on time plus late cannot exceed tasks assigned' }),
  rule({ kind: 'eq', left: ['1.3'], right: ['1.3.1'], severity: 'warning',
    vi: 'số ở dòng tiêu đề 1.3 thường bằng tổng số nhiệm vụ được giao', en: 'the 1.3 heading total normally equals the tasks assigned' }),
  rule({ kind: 'lte', left: ['1.6.1', '1.6.2'], right: ['1.6'], blanks: 'ignore-left', severity: 'error',
    vi: 'số PAKN đã và chưa giải quyết không thể vượt tổng số PAKN tiếp nhận', en: 'petitions resolved plus unresolved cannot exceed petitions received' }),
  rule({ kind: 'eq', left: ['1.6'], right: ['1.6.1', '1.6.2'], severity: 'warning',
    vi: 'tổng số PAKN tiếp nhận phải bằng số đã giải quyết cộng số chưa giải quyết', en: 'petitions received should equal resolved plus unresolved' }),
  rule({ kind: 'lte', left: ['1.7.2'], right: ['1.7.1'], severity: 'error',
    vi: 'số nhiệm vụ tuyên truyền đã hoàn thành không thể vượt số nhiệm vụ đề ra', en: 'communication tasks completed cannot exceed tasks planned' }),
  rule({ kind: 'lte', left: ['2.5'], right: ['2.4'], severity: 'error',
    vi: 'số VBQPPL đã xử lý xong không thể vượt số VBQPPL đã kiến nghị xử lý', en: 'documents handled cannot exceed documents recommended for handling' }),
  rule({ kind: 'lte', left: ['3.1.2'], right: ['3.1.1'], severity: 'warning',
    vi: 'TTHC của đơn vị được công khai thường không nhiều hơn TTHC của các cấp được công khai', en: 'own procedures published are normally no more than procedures of all levels published' }),
  rule({ kind: 'eq', left: ['3.1'], right: ['3.1.1'], severity: 'warning',
    vi: 'số ở dòng tiêu đề 3.1 thường bằng số TTHC được công khai (3.1.1)', en: 'the 3.1 heading total normally equals the procedures published (3.1.1)' }),
  rule({ kind: 'lte', left: ['3.1.1'], right: ['3.2.3'], severity: 'warning',
    vi: 'số TTHC được công khai thường không vượt tổng số TTHC đang có hiệu lực', en: 'procedures published are normally no more than procedures in force' }),
  rule({ kind: 'lte', left: ['3.2.3.1', '3.2.3.2', '3.2.3.3'], right: ['3.2.3'], blanks: 'ignore-left', severity: 'error',
    vi: 'số TTHC theo từng cấp cộng lại không thể vượt tổng số TTHC đang có hiệu lực', en: 'procedures by level cannot add up to more than procedures in force' }),
  rule({ kind: 'lte', left: ['3.2'], right: ['3.2.3'], severity: 'warning',
    vi: 'số TTHC thuộc cấp quản lý (dòng 3.2) không vượt tổng số TTHC đang có hiệu lực', en: 'procedures of the unit’s own level (3.2) cannot exceed procedures in force' }),
  rule({ kind: 'lte', left: ['3.3.2'], right: ['3.3.1'], severity: 'warning',
    vi: 'TTHC mức độ 3, 4 tích hợp lên Cổng DVC quốc gia thường không nhiều hơn TTHC đã công khai trên Cổng', en: 'level 3–4 procedures integrated are normally no more than procedures published on the national portal' }),
  rule({ kind: 'lte', left: ['3.4.1', '3.4.2'], right: ['3.4'], blanks: 'ignore-left', severity: 'warning',
    vi: 'TTHC liên thông là một phần của TTHC thực hiện qua cơ chế một cửa (dòng 3.4)', en: 'linked procedures are part of the one-stop procedures (3.4)' }),
  rule({ kind: 'lte', left: ['3.4'], right: ['3.2.3'], severity: 'warning',
    vi: 'số TTHC qua cơ chế một cửa không vượt tổng số TTHC đang có hiệu lực', en: 'one-stop procedures cannot exceed procedures in force' }),
  rule({ kind: 'lte', left: ['3.6.1'], right: ['3.2.3'], severity: 'warning',
    vi: 'số TTHC tích hợp lên Cổng DVC thường không vượt tổng số TTHC đang có hiệu lực', en: 'procedures on the portal are normally no more than procedures in force' }),
  rule({ kind: 'lte', left: ['3.6.2'], right: ['3.6.1'], severity: 'error',
    vi: 'TTHC mức độ 3, 4 trên Cổng DVC là một phần của TTHC đã tích hợp lên Cổng', en: 'level 3–4 procedures on the portal are part of the procedures integrated into it' }),
  rule({ kind: 'lte', left: ['3.6.3'], right: ['3.6.1'], severity: 'warning',
    vi: 'TTHC có thanh toán trực tuyến thường là một phần của TTHC đã tích hợp lên Cổng DVC', en: 'procedures with online payment are normally part of those on the portal' }),
  rule({ kind: 'lte', left: ['4.1.4.1'], right: ['4.1.4'], severity: 'error',
    vi: 'số ĐVSNCL thuộc UBND cấp huyện không thể vượt tổng số ĐVSNCL trên địa bàn', en: 'units under the district cannot exceed all public service units in the district' }),
  rule({ kind: 'lte', left: ['6.1', '6.2', '6.3', '6.4'], right: ['4.1.4'], blanks: 'ignore-left', severity: 'warning',
    vi: 'các nhóm ĐVSNCL theo mức tự chủ cộng lại thường không vượt tổng số ĐVSNCL trên địa bàn', en: 'public service units by autonomy level normally add up to no more than all such units' }),
  rule({ kind: 'lte', left: ['4.2.2'], right: ['4.2.1'], severity: 'warning',
    vi: 'biên chế có mặt thường không vượt biên chế được giao', en: 'staff in post are normally no more than positions assigned' }),
  rule({ kind: 'eq', left: ['4.2'], right: ['4.2.1'], severity: 'warning',
    vi: 'số ở dòng tiêu đề 4.2 được hiểu là tổng biên chế và phải khớp với tổng số biên chế được giao (4.2.1)', en: 'the 4.2 heading figure is read as total staffing and should match positions assigned (4.2.1)' }),
  rule({ kind: 'lte', left: ['4.3.2'], right: ['4.3.1'], severity: 'warning',
    vi: 'số người làm việc có mặt thường không vượt số được giao', en: 'staff in post are normally no more than positions assigned' }),
  rule({ kind: 'lte', left: ['7.6.1'], right: ['7.6'], severity: 'warning',
    vi: 'số ở dòng tiêu đề 7.6 là tổng số văn bản điện tử đã trao đổi, nên không thể nhỏ hơn số văn bản qua hệ thống liên thông (7.6.1)', en: 'the 7.6 heading total of documents exchanged cannot be below the documents through connected systems (7.6.1)' }),
  rule({ kind: 'lte', left: ['7.6.2.1', '7.6.2.2'], right: [], constant: 100, blanks: 'ignore-left', severity: 'error',
    vi: 'hai tỷ lệ là hai phần của cùng một tổng số văn bản nên cộng lại không thể vượt 100%', en: 'two shares of the same documents cannot add up to more than 100%' }),
  rule({ kind: 'requires', left: ['7.6.2.1'], right: ['7.6.2'], severity: 'warning',
    vi: 'đã nhập tỷ lệ văn bản điện tử nhưng bỏ trống tổng số văn bản đi (7.6.2) mà tỷ lệ dựa vào', en: 'a share of documents is given but the total of outgoing documents (7.6.2) it is based on is blank' }),
  rule({ kind: 'requires', left: ['7.6.2.2'], right: ['7.6.2'], severity: 'warning',
    vi: 'đã nhập tỷ lệ văn bản điện tử nhưng bỏ trống tổng số văn bản đi (7.6.2) mà tỷ lệ dựa vào', en: 'a share of documents is given but the total of outgoing documents (7.6.2) it is based on is blank' }),
  rule({ kind: 'lte', left: ['7.8.3', '7.8.4'], right: [], constant: 100, blanks: 'ignore-left', severity: 'error',
    vi: 'tỷ lệ hồ sơ trực tuyến mức độ 3 và mức độ 4 là hai phần của cùng tổng số hồ sơ nên không thể vượt 100%', en: 'shares of cases online at levels 3 and 4 are parts of the same cases and cannot exceed 100%' }),
  rule({ kind: 'lte', left: ['7.8.1', '7.8.2'], right: ['3.2.3'], blanks: 'ignore-left', severity: 'warning',
    vi: 'số TTHC trực tuyến mức độ 3, 4 không vượt tổng số TTHC đang có hiệu lực', en: 'level 3–4 online procedures cannot exceed procedures in force' }),
  rule({ kind: 'eq', left: ['7.8.1', '7.8.2'], right: ['3.6.2'], severity: 'warning',
    vi: 'mục 7.8 và dòng 3.6.2 cùng đếm TTHC cung cấp trực tuyến mức độ 3, 4 nên phải khớp nhau', en: 'section 7.8 and row 3.6.2 both count procedures offered online at levels 3–4 and should agree' }),
];

const DECISIONS_2023: TemplateDecision[] = [
  {
    codes: ['1.2.1', '1.2.2', '1.2.3', '1.2.4'],
    vi: 'Bản in đánh số các dòng con của 1.2 là 1.1.1–1.1.4 (trùng với 1.1.x); đây là 1.2.1–1.2.4.',
    en: 'The printed form numbers 1.2’s children 1.1.1–1.1.4 (clashing with 1.1.x); they are 1.2.1–1.2.4.',
  },
  {
    codes: ['3.2.3.1', '3.2.3.2', '3.2.3.3', '4.1.4.1', '4.1.4.2', '7.6.1.1', '7.6.1.2', '7.6.2.1', '7.6.2.2'],
    vi: 'Các dòng "Trong đó" và các dòng không số liền sau được đặt mã con của dòng phía trên theo thứ tự in.',
    en: '"Trong đó" (of which) rows and the unnumbered rows after them get child codes of the row above, in printed order.',
  },
  {
    codes: ['4.1.4.2'],
    vi: 'Dòng "Tỷ lệ ĐVSNCL đã cắt giảm so với năm 2015" bị lệch một cột sau ngắt trang; là dòng thứ hai của "Trong đó" dưới 4.1.4.',
    en: 'The row "share of public service units cut since 2015" is shifted one column after a page break; it is the second "of which" row under 4.1.4.',
  },
  {
    codes: ['3', '3.5.5', '5.1.2', '5.4.2', '7.2', '7.6.2.2'],
    vi: 'Tiêu đề bị ngắt sang trang sau được nối lại; thẻ <i> bị bỏ, phần in nghiêng được giữ làm một phần tiêu đề.',
    en: 'Titles wrapped across a page break are joined; <i> tags are dropped and the italic text kept as part of the title.',
  },
  {
    codes: ['1.3', '1.6', '1.7', '3.1', '3.2', '3.4', '4.2', '7.6'],
    vi: 'Các dòng tiêu đề mà báo cáo mẫu có ghi số liệu được coi là chỉ tiêu nhập được (kiểu đếm); quan hệ với các dòng con chỉ được kiểm tra ở mức cảnh báo, trừ 1.6 (tổng PAKN) vì đó là phép cộng chắc chắn.',
    en: 'Headings that carry a figure in the seed report take a value (count); their relation to children is checked only as a warning, except 1.6 (petitions) whose parts certainly add up.',
  },
  {
    codes: ['1.3', '1.6', '3.1', '3.2', '3.4', '4.2', '7.6'],
    vi: 'Ý nghĩa số ở dòng tiêu đề: 1.3 = tổng nhiệm vụ được giao (= 1.3.1); 1.6 = tổng PAKN tiếp nhận (= 1.6.1 + 1.6.2); 1.7 = số kế hoạch tuyên truyền; 3.1 = số TTHC được công khai (= 3.1.1); 3.2 = số TTHC thuộc cấp quản lý của đơn vị (ghi chú "chỉ thống kê theo cấp quản lý"; xã: = 3.2.3.3, nên 130 < 222 là đúng); 3.4 = số TTHC qua một cửa; 4.2 = tổng biên chế (= 4.2.1); 7.6 = tổng văn bản điện tử trao đổi (≥ 7.6.1).',
    en: 'Heading figures mean: 1.3 = tasks assigned (= 1.3.1); 1.6 = petitions received (= 1.6.1 + 1.6.2); 1.7 = communication plans; 3.1 = procedures published (= 3.1.1); 3.2 = procedures of the unit’s own level (note "count by management level"; commune: = 3.2.3.3, so 130 < 222 is right); 3.4 = one-stop procedures; 4.2 = total staffing (= 4.2.1); 7.6 = electronic documents exchanged (≥ 7.6.1).',
  },
  {
    codes: ['1.3', '1.6', '1.6.2', '1.7', '3.1', '3.1.1', '3.1.2', '3.1.3', '3.2', '3.4', '3.5.6', '3.6.5', '4.2', '7.6', '7.6.1'],
    vi: 'Dòng không in đơn vị tính: đếm TTHC/PAKN/hồ sơ/văn bản là kiểu đếm; 3.1.3 là số lần công khai (báo cáo ghi 12 = hàng tháng); 3.5.6 là phân số A/B nên là tỷ lệ %; 7.6.1 là số văn bản (báo cáo ghi 3040). Đơn vị hiển thị ghi ở displayUnit, đơn vị in giữ nguyên (rỗng).',
    en: 'Rows printed without a unit: counts of procedures/petitions/cases/documents are counts; 3.1.3 is the number of times published (12 = monthly); 3.5.6 is a ratio A/B, so a percent; 7.6.1 is a number of documents (3040). The shown unit is in displayUnit; the printed unit stays empty.',
  },
  {
    codes: ['7.4'],
    vi: '7.4 ghi "Tỷ lệ" nhưng đơn vị tính "Đơn vị" và giá trị 1: kiểu đếm (số đơn vị đã được cấp chứng thư số), tổng hợp bằng phép cộng.',
    en: '7.4 says "share" but its unit is "units" and its value 1: a count of units issued digital certificates, summed in rollups.',
  },
  {
    codes: ['1.5', '5.3.1', '7.1'],
    vi: 'Dòng có hai phương án 0/1 là kiểu có/không (yesno), giữ nhãn in sẵn.',
    en: 'Rows with two options 0/1 are yes/no, keeping the printed labels.',
  },
  {
    codes: ['2.6', '2.7', '1.2.2', '3.1.3'],
    vi: '"Áp dụng đối với cấp xã" và các dòng nói về cơ quan cấp xã: chỉ cấp xã báo cáo.',
    en: '"Applies to communes" and rows about commune bodies: reported by communes only.',
  },
  {
    codes: ['3.5.1', '3.5.2', '4.1.1', '4.1.2', '4.1.3', '4.1.4', '4.3.1', '5.1.1', '5.2.1', '5.3.1', '5.3.2', '5.4.1', '5.4.2', '5.4.3', '6.1', '7.6.1.1', '7.7.1'],
    vi: 'Cơ cấu bộ máy cấp huyện (4.1), ĐVSNCL (4.3, nhóm 6), vị trí việc làm, tuyển dụng, bổ nhiệm, kỷ luật (nhóm 5) và các dòng về sở, ngành, UBND cấp huyện là việc của cấp huyện/tỉnh; xã không phải báo cáo. 3.5.1 (sở, ngành) chỉ cấp tỉnh.',
    en: 'District apparatus (4.1), public service units (4.3, group 6), job positions, recruitment, appointments, discipline (group 5) and rows about departments or district committees are district/province matters; communes do not report them. 3.5.1 (departments) is province only.',
  },
  {
    codes: ['1.1.1', '1.1.2', '1.3.1', '1.3.2', '3.2.3', '4.2.1', '4.2.2'],
    vi: 'Khi nộp, chỉ các chỉ tiêu gốc (mẫu số của các tỷ lệ và điểm) bỏ trống mới là lỗi chặn nộp; các dòng khác bỏ trống chỉ cảnh báo, vì biểu mẫu để trống hợp lệ khi không phát sinh (ví dụ 1.3.3 trống = không có nhiệm vụ quá hạn).',
    en: 'On submission only the base indicators (denominators of shares and scores) block when blank; other blanks only warn, because the form leaves rows blank legitimately when nothing happened (e.g. 1.3.3 blank = nothing late).',
  },
  {
    codes: ['3.4.3', '3.4.4', '7.6.2.1', '7.6.2.2'],
    vi: 'Tỷ lệ được tính bình quân có trọng số khi biểu mẫu có mẫu số: 3.4.3, 3.4.4 theo số TTHC đang có hiệu lực (3.2.3); 7.6.2.x theo tổng số văn bản đi (7.6.2). Các tỷ lệ khác (hồ sơ đúng hạn, trực tuyến, kết nối, tinh giản so với 2015) không có mẫu số trong biểu mẫu nên lấy bình quân đơn giản.',
    en: 'Shares are weighted where the form has their denominator: 3.4.3, 3.4.4 by procedures in force (3.2.3); 7.6.2.x by outgoing documents (7.6.2). Other shares (on-time cases, online cases, connections, cuts since 2015) have no denominator in the form and use a plain mean.',
  },
  {
    codes: ['5.2.3'],
    vi: 'Tiêu đề 5.2.3 giữ nguyên như bản in ("xét chuyên thành", có lẽ là "xét chuyển thành").',
    en: 'Title 5.2.3 is kept as printed ("xét chuyên thành", probably "xét chuyển thành").',
  },
];

export const TEMPLATE_2023: Template = {
  version: '2023.1',
  year: 2023,
  title: 'Phụ lục — Thống kê số liệu về kết quả thực hiện công tác CCHC',
  nodes: buildNodes(ROWS_2023, OPTIONS_EN),
  rules: RULES_2023,
  decisions: DECISIONS_2023,
  jumpThreshold: 0.5,
  jumpMinAbsolute: { count: 10, decimal: 10, percent: 20 },
};


import type { ComplaintStatus } from '../model';
import type { ClockOutcome, ComplaintClock } from '../contract/report-filters';
import type { ReportId } from '../contract/reports';

/**
 * The words of the reports as the core writes them into tables and files (Excel, CSV, PDF), in
 * Vietnamese and English. Biểu 06's column texts follow SUPERVISION.md §3 (Circular 01/2020/
 * TT-VPCP); the grouping words above them ("Trong đó", "Số mới tiếp nhận") are as the published
 * form is commonly laid out, unverified against the circular's annex.
 */

export type ReportLanguage = 'vi' | 'en';

interface Words {
  readonly titles: Readonly<Record<ReportId, string>>;
  readonly period: (from: string, to: string) => string;
  readonly unit: (name: string) => string;
  readonly countedIn: string;
  readonly generated: (at: string) => string;
  readonly bieu06: {
    readonly code: string;
    readonly stt: string;
    readonly field: string;
    readonly received: string;
    readonly resolved: string;
    readonly inProgress: string;
    readonly total: string;
    readonly newlyReceived: string;
    readonly online: string;
    readonly direct: string;
    readonly carried: string;
    readonly early: string;
    readonly onTime: string;
    readonly late: string;
    readonly within: string;
    readonly overdue: string;
    readonly province: string;
    readonly commune: string;
    readonly grandTotal: string;
    readonly noField: string;
  };
  readonly late: readonly string[];
  readonly workload: readonly string[];
  readonly records: readonly string[];
  readonly complaints: {
    readonly header: readonly string[];
    readonly clocks: Readonly<Record<ComplaintClock, string>>;
    readonly outcomes: Readonly<Record<ClockOutcome, string>>;
    readonly byStatus: string;
    readonly byClock: string;
    readonly statuses: Readonly<Record<ComplaintStatus, string>>;
    readonly statusHeader: readonly string[];
  };
  readonly timeliness: Readonly<Record<'early' | 'on_time' | 'late', string>>;
  readonly statuses: Readonly<Record<number, string>>;
  readonly steps: Readonly<Record<string, string>>;
  readonly notes: Readonly<Record<string, string>>;
  readonly nobody: string;
}

const vi: Words = {
  titles: {
    statistics:
      'TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH',
    late: 'DANH SÁCH HỒ SƠ GIẢI QUYẾT QUÁ HẠN',
    complaints: 'TÌNH HÌNH XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ THEO THỜI HẠN',
    workload: 'KHỐI LƯỢNG CÔNG VIỆC THEO CÁN BỘ',
    records: 'DANH SÁCH HỒ SƠ',
  },
  period: (from, to) => `Kỳ báo cáo: từ ngày ${from} đến ngày ${to}`,
  unit: (name) => `Đơn vị báo cáo: ${name}`,
  countedIn: 'Đơn vị tính: Số hồ sơ TTHC',
  generated: (at) => `Lập lúc ${at}`,
  bieu06: {
    code: 'Biểu số 06/VPCP/KSTT',
    stt: 'STT',
    field: 'Lĩnh vực, công việc giải quyết theo cấp',
    received: 'Số hồ sơ nhận giải quyết',
    resolved: 'Số hồ sơ đã giải quyết',
    inProgress: 'Số hồ sơ đang giải quyết',
    total: 'Tổng số',
    newlyReceived: 'Số mới tiếp nhận',
    online: 'Trực tuyến',
    direct: 'Trực tiếp, dịch vụ bưu chính',
    carried: 'Từ kỳ trước',
    early: 'Trước hạn',
    onTime: 'Đúng hạn',
    late: 'Quá hạn',
    within: 'Trong hạn',
    overdue: 'Quá hạn',
    province: 'Cấp tỉnh',
    commune: 'Cấp xã',
    grandTotal: 'Tổng cộng',
    noField: 'Lĩnh vực khác',
  },
  late: [
    'STT',
    'Số hồ sơ',
    'Thủ tục',
    'Người nộp',
    'Đơn vị',
    'Cán bộ chịu trách nhiệm',
    'Bước quá hạn',
    'Ngày tiếp nhận',
    'Ngày hẹn trả',
    'Ngày kết thúc',
    'Quá hạn (ngày làm việc)',
    'Tình trạng',
  ],
  workload: [
    'STT',
    'Cán bộ',
    'Đơn vị',
    'Đang giải quyết',
    'Trong đó quá hạn',
    'Chờ công dân',
    'Đã giải quyết trong kỳ',
    'Trong đó trễ hạn',
    'Tỷ lệ đúng hạn',
  ],
  records: [
    'STT',
    'Số hồ sơ',
    'Thủ tục',
    'Người nộp',
    'Đơn vị',
    'Cán bộ xử lý',
    'Trạng thái',
    'Ngày tiếp nhận',
    'Ngày hẹn trả',
    'Ngày kết thúc',
    'Kết quả đúng hạn',
  ],
  complaints: {
    header: [
      'STT',
      'Thời hạn',
      'Số ngày làm việc',
      'Đúng hạn',
      'Trễ hạn',
      'Đang trong hạn',
      'Quá hạn',
    ],
    clocks: {
      refuse: 'Từ chối tiếp nhận',
      request_info: 'Đề nghị bổ sung thông tin',
      transfer: 'Chuyển cơ quan có thẩm quyền',
      answer: 'Trả lời (đến khi chờ công khai)',
      publish: 'Công khai sau khi duyệt',
    },
    outcomes: { met: 'Đúng hạn', missed: 'Trễ hạn', open: 'Đang trong hạn', overdue: 'Quá hạn' },
    byClock: 'Theo thời hạn',
    byStatus: 'Theo trạng thái',
    statuses: {
      new: 'Mới',
      received: 'Đã tiếp nhận',
      info_requested: 'Chờ bổ sung thông tin',
      info_supplied: 'Đã bổ sung thông tin',
      processing: 'Đang xử lý',
      answer_drafted: 'Đã dự thảo trả lời',
      waiting_to_publish: 'Chờ công khai',
      published: 'Đã công khai',
      returned: 'Bị trả lại',
      refused: 'Từ chối',
      transferred: 'Đã chuyển',
    },
    statusHeader: ['STT', 'Trạng thái', 'Số phản ánh, kiến nghị'],
  },
  timeliness: { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' },
  statuses: {
    1: 'Mới đăng ký',
    2: 'Được tiếp nhận',
    3: 'Không được tiếp nhận',
    4: 'Đang xử lý',
    5: 'Yêu cầu bổ sung giấy tờ',
    6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
    7: 'Công dân yêu cầu rút hồ sơ',
    8: 'Dừng xử lý',
    9: 'Đã xử lý xong',
    10: 'Đã trả kết quả',
  },
  steps: {
    filed: 'Nộp hồ sơ',
    accept: 'Tiếp nhận',
    transfer: 'Chuyển xử lý',
    assign: 'Phân công',
    start_processing: 'Xử lý',
    request_supplement: 'Yêu cầu bổ sung',
    receive_supplement: 'Xử lý sau bổ sung',
    request_fees: 'Chờ nộp phí',
    receive_fees: 'Xử lý sau nộp phí',
    apologize: 'Xin lỗi, hẹn lại',
    submit_result: 'Chờ lãnh đạo ký duyệt',
    approve_result: 'Hoàn thành sau ký duyệt',
    send_back_result: 'Sửa dự thảo kết quả',
    finish: 'Trả kết quả',
    request_withdrawal: 'Rút hồ sơ',
  },
  notes: {
    bieu06:
      'Cột (3) = (4) + (5) + (6) = (7) + (11). Hồ sơ đang giải quyết tính tại cuối kỳ (hoặc thời điểm lập nếu kỳ chưa kết thúc). Hồ sơ bị từ chối tiếp nhận không tính.',
    late: 'Bước quá hạn: bước đang thực hiện khi đến ngày hẹn trả (theo phiếu kiểm soát, Mẫu 05); hồ sơ đã xin lỗi, hẹn lại tính là quá hạn.',
    truncated: 'Màn hình hiển thị một phần; tệp xuất có đủ các dòng.',
  },
  nobody: 'Chưa phân công',
};

const en: Words = {
  titles: {
    statistics:
      'ADMINISTRATIVE PROCEDURES HANDLED BY THE AGENCIES AND UNITS THAT RESOLVE THEM: STATUS AND RESULTS',
    late: 'DOSSIERS RESOLVED LATE OR OVERDUE',
    complaints: 'FEEDBACK AND COMPLAINTS AGAINST THEIR STATUTORY CLOCKS',
    workload: 'WORKLOAD BY OFFICER',
    records: 'DOSSIERS',
  },
  period: (from, to) => `Reporting period: ${from} to ${to}`,
  unit: (name) => `Reporting unit: ${name}`,
  countedIn: 'Counted in: dossiers',
  generated: (at) => `Generated ${at}`,
  bieu06: {
    code: 'Form 06/VPCP/KSTT',
    stt: 'No.',
    field: 'Field and work, by level',
    received: 'Dossiers taken for resolution',
    resolved: 'Dossiers resolved',
    inProgress: 'Dossiers being resolved',
    total: 'Total',
    newlyReceived: 'Newly received',
    online: 'Online',
    direct: 'In person, by post',
    carried: 'From the previous period',
    early: 'Early',
    onTime: 'On time',
    late: 'Late',
    within: 'Within deadline',
    overdue: 'Overdue',
    province: 'Province level',
    commune: 'Commune level',
    grandTotal: 'Total',
    noField: 'Other fields',
  },
  late: [
    'No.',
    'Dossier',
    'Procedure',
    'Applicant',
    'Unit',
    'Responsible officer',
    'Step that ran over',
    'Received',
    'Appointment',
    'Finished',
    'Overdue (working days)',
    'State',
  ],
  workload: [
    'No.',
    'Officer',
    'Unit',
    'In progress',
    'Of which overdue',
    'Waiting for the citizen',
    'Resolved in the period',
    'Of which late',
    'On-time rate',
  ],
  records: [
    'No.',
    'Dossier',
    'Procedure',
    'Applicant',
    'Unit',
    'Officer',
    'Status',
    'Received',
    'Appointment',
    'Finished',
    'Timeliness',
  ],
  complaints: {
    header: ['No.', 'Clock', 'Working days', 'Met', 'Missed', 'Open, within', 'Overdue'],
    clocks: {
      refuse: 'Refusal',
      request_info: 'Request for more information',
      transfer: 'Transfer to the competent body',
      answer: 'Answer (until waiting to publish)',
      publish: 'Publication after approval',
    },
    outcomes: { met: 'Met', missed: 'Missed', open: 'Open, within', overdue: 'Overdue' },
    byClock: 'By clock',
    byStatus: 'By status',
    statuses: {
      new: 'New',
      received: 'Received',
      info_requested: 'Waiting for information',
      info_supplied: 'Information supplied',
      processing: 'Processing',
      answer_drafted: 'Answer drafted',
      waiting_to_publish: 'Waiting to publish',
      published: 'Published',
      returned: 'Sent back',
      refused: 'Refused',
      transferred: 'Transferred',
    },
    statusHeader: ['No.', 'Status', 'Complaints'],
  },
  timeliness: { early: 'Early', on_time: 'On time', late: 'Late' },
  statuses: {
    1: 'Filed',
    2: 'Accepted',
    3: 'Refused at intake',
    4: 'Processing',
    5: 'Documents requested',
    6: 'Fees requested',
    7: 'Withdrawal requested',
    8: 'Stopped',
    9: 'Result ready',
    10: 'Result returned',
  },
  steps: {
    filed: 'Filing',
    accept: 'Intake',
    transfer: 'Transfer',
    assign: 'Assignment',
    start_processing: 'Processing',
    request_supplement: 'Documents requested',
    receive_supplement: 'Processing after documents',
    request_fees: 'Waiting for fees',
    receive_fees: 'Processing after fees',
    apologize: 'Apology, new appointment',
    submit_result: 'Waiting for a leader’s sign-off',
    approve_result: 'Finishing after sign-off',
    send_back_result: 'Correcting the draft result',
    finish: 'Returning the result',
    request_withdrawal: 'Withdrawal',
  },
  notes: {
    bieu06:
      'Column (3) = (4) + (5) + (6) = (7) + (11). Dossiers in progress are taken at the end of the period (or now, while it runs). Dossiers refused at intake are not counted.',
    late: 'Step that ran over: the step under way when the appointment passed (as on the control sheet, Form 05); a dossier with an apology counts as late.',
    truncated: 'The screen shows part of it; the exported file has every row.',
  },
  nobody: 'Not assigned',
};

export const REPORT_WORDS: Readonly<Record<ReportLanguage, Words>> = { vi, en };

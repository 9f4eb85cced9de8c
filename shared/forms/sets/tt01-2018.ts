import type { Block, FormSet, Paper } from '../template';

/**
 * The forms of Circular 01/2018/TT-VPCP (in force 6 January 2019), Mẫu số 01–06, as data.
 *
 * What was checked, and against what:
 * - the six forms, their titles, and the paper (01–05 on A5, 148 × 210 mm; 06 on A4): the
 *   circular's own list as reproduced by thuvienphapluat.vn / lawnet.vn ("Template No. 01 …
 *   No. 06", "printed on A5 … no. 06 on A4") and trangtinphapluat.com, which also reproduces
 *   Mẫu 01's header ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG (hoặc) BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
 *   the motto, "Số: …");
 * - the fields and signature blocks of Mẫu 01–05: ../shared/domain/SUPERVISION.md §4;
 * - **unverified**: the register's (Mẫu 06) columns, and the control sheet's lines above its
 *   table; both follow the usual published layout and should be checked against the
 *   circular's text before relying on them. A4 landscape for the register is our choice (its
 *   fourteen columns do not fit upright).
 */

const A5: Paper = { size: 'A5', orientation: 'portrait' };
const A4_LANDSCAPE: Paper = { size: 'A4', orientation: 'landscape' };

const contact: readonly Block[] = [
  { type: 'text', text: 'Địa chỉ: {address}' },
  { type: 'text', text: 'Số điện thoại: {phone}          Email: {email}' },
];

export const CIRCULAR_01_2018: FormSet = {
  id: 'tt01-2018',
  basis: 'Thông tư số 01/2018/TT-VPCP',
  effectiveFrom: '2019-01-06',
  deskName: 'BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ',
  templates: {
    receipt: {
      kind: 'receipt',
      code: 'Mẫu số 01',
      title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      subtitle: ['Mã hồ sơ: {dossierNumber}'],
      copies: ['(Liên: Lưu)', '(Liên: Giao khách hàng)'],
      paper: A5,
      verified: 'published',
      body: [
        { type: 'text', text: 'Bộ phận tiếp nhận và trả kết quả: {agencyName}' },
        { type: 'text', text: 'Tiếp nhận hồ sơ của: {applicantName}' },
        ...contact,
        { type: 'text', text: 'Nội dung yêu cầu giải quyết: {procedureName}' },
        { type: 'text', text: '1. Thành phần hồ sơ nộp gồm:' },
        { type: 'list', field: 'documents', empty: '……', numbered: true },
        { type: 'text', text: '2. Số lượng hồ sơ: {setCount} (bộ)' },
        {
          type: 'text',
          text: '3. Thời gian giải quyết hồ sơ theo quy định là: {workingDays} ngày làm việc',
        },
        { type: 'text', text: '4. Thời gian nhận hồ sơ: {receivedAt}' },
        { type: 'text', text: '5. Thời gian trả kết quả giải quyết hồ sơ: {dueAt}' },
        { type: 'text', text: '6. Đăng ký nhận kết quả tại: {returnPlace}' },
        {
          type: 'text',
          text: 'Vào Sổ theo dõi hồ sơ, Quyển số: {registerBook}   Số thứ tự: {registerEntry}',
          style: 'italic',
        },
        {
          type: 'signatures',
          columns: [
            { title: 'NGƯỜI NỘP HỒ SƠ', hint: '(Ký và ghi rõ họ tên)', name: '{applicantName}' },
            {
              title: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
              hint: '(Ký và ghi rõ họ tên)',
              name: '{receiverName}',
            },
          ],
        },
      ],
    },
    supplement: {
      kind: 'supplement',
      code: 'Mẫu số 02',
      title: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      subtitle: ['Mã hồ sơ: {dossierNumber}'],
      paper: A5,
      verified: 'published',
      body: [
        { type: 'text', text: 'Hồ sơ của: {applicantName}' },
        { type: 'text', text: 'Nội dung yêu cầu giải quyết: {procedureName}' },
        ...contact,
        { type: 'text', text: 'Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung sau:' },
        { type: 'list', field: 'missingDocuments', empty: '……', numbered: true },
        { type: 'text', text: 'Lý do: {reason}' },
        {
          type: 'text',
          text: 'Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với {contactName}, số điện thoại {contactPhone} để được hướng dẫn.',
        },
        {
          type: 'signatures',
          columns: [
            { title: 'NGƯỜI HƯỚNG DẪN', hint: '(Ký và ghi rõ họ tên)', name: '{contactName}' },
          ],
        },
      ],
    },
    refusal: {
      kind: 'refusal',
      code: 'Mẫu số 03',
      title: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      subtitle: ['Mã hồ sơ: {dossierNumber}'],
      paper: A5,
      verified: 'published',
      body: [
        { type: 'text', text: 'Bộ phận tiếp nhận và trả kết quả: {agencyName}' },
        { type: 'text', text: 'Tiếp nhận hồ sơ của: {applicantName}' },
        ...contact,
        { type: 'text', text: 'Nội dung yêu cầu giải quyết: {procedureName}' },
        {
          type: 'text',
          text: 'Sau khi xem xét, {agencyName} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau: {reason}',
        },
        { type: 'text', text: 'Xin thông báo cho Ông/Bà được biết và thực hiện./.' },
        {
          type: 'signatures',
          columns: [
            {
              title: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
              hint: '(Ký và ghi rõ họ tên)',
              name: '{receiverName}',
            },
          ],
        },
      ],
    },
    apology: {
      kind: 'apology',
      code: 'Mẫu số 04',
      title: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      paper: A5,
      verified: 'published',
      body: [
        { type: 'labelled', label: 'Kính gửi: ', text: '{applicantName}' },
        {
          type: 'text',
          text: 'Vào {receivedDate}, {agencyName} tiếp nhận giải quyết hồ sơ đề nghị {procedureName}.',
        },
        { type: 'text', text: 'Mã hồ sơ: {dossierNumber}' },
        { type: 'text', text: 'Thời hạn trả kết quả giải quyết hồ sơ: {previousDueAt}.' },
        {
          type: 'text',
          text: 'Tuy nhiên đến nay, {agencyName} chưa trả kết quả giải quyết hồ sơ của Ông/Bà.',
        },
        { type: 'text', text: 'Lý do: {reason}' },
        {
          type: 'text',
          text: 'Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {agencyName} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào {newDueAt}.',
        },
        { type: 'text', text: 'Xin trân trọng cảm ơn./.' },
        {
          type: 'signatures',
          columns: [{ title: 'THỦ TRƯỞNG CƠ QUAN', hint: '(Ký, ghi rõ họ tên và đóng dấu)' }],
        },
      ],
    },
    control: {
      kind: 'control',
      code: 'Mẫu số 05',
      title: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      subtitle: ['Mã hồ sơ: {dossierNumber}'],
      paper: A5,
      verified: 'unverified',
      body: [
        { type: 'text', text: 'Hồ sơ của: {applicantName}' },
        { type: 'text', text: 'Nội dung yêu cầu giải quyết: {procedureName}' },
        { type: 'text', text: 'Thời gian nhận hồ sơ: {receivedAt}' },
        { type: 'text', text: 'Thời gian trả kết quả: {dueAt}' },
        { type: 'text', text: 'Cơ quan (bộ phận) giải quyết hồ sơ: {processingUnit}' },
        { type: 'text', text: 'Cơ quan phối hợp giải quyết hồ sơ: {coordinatingUnits}' },
        {
          type: 'table',
          field: 'steps',
          empty: 'Chưa có lần giao, nhận hồ sơ nào.',
          columns: [
            { header: 'TÊN CƠ QUAN', key: 'office', width: 3 },
            { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', key: 'handover', width: 5 },
            {
              header: 'KẾT QUẢ GIẢI QUYẾT HỒ SƠ\n(Trước hạn/đúng hạn/quá hạn)',
              key: 'mark',
              width: 3,
              align: 'center',
            },
            { header: 'GHI CHÚ', key: 'note', width: 3 },
          ],
        },
        { type: 'text', text: 'Kết quả giải quyết hồ sơ: {outcome}', style: 'bold' },
      ],
    },
    register: {
      kind: 'register',
      code: 'Mẫu số 06',
      title: 'SỔ THEO DÕI HỒ SƠ',
      subtitle: ['{unitName}', 'Từ {periodFrom} đến {periodTo}'],
      paper: A4_LANDSCAPE,
      verified: 'unverified',
      body: [
        {
          type: 'table',
          field: 'entries',
          empty: 'Không có hồ sơ nào được tiếp nhận trong kỳ.',
          columns: [
            { header: 'STT', key: 'index', width: 1.8, align: 'center' },
            { header: 'Mã hồ sơ', key: 'number', width: 4.6 },
            { header: 'Tên thủ tục hành chính', key: 'procedure', width: 5.2 },
            { header: 'Số lượng hồ sơ (bộ)', key: 'sets', width: 2.2, align: 'center' },
            { header: 'Tên cá nhân, tổ chức', key: 'applicant', width: 4 },
            { header: 'Địa chỉ, số điện thoại', key: 'contact', width: 5.2 },
            { header: 'Cơ quan chủ trì giải quyết', key: 'unit', width: 3.6 },
            { header: 'Nhận hồ sơ\n(ngày, tháng, năm)', key: 'received', width: 3.6 },
            { header: 'Hẹn trả kết quả\n(ngày, tháng, năm)', key: 'due', width: 3.6 },
            { header: 'Chuyển hồ sơ đến cơ quan giải quyết', key: 'transferred', width: 3.6 },
            { header: 'Nhận kết quả từ cơ quan giải quyết', key: 'finished', width: 3.6 },
            { header: 'Trả kết quả cho cá nhân, tổ chức', key: 'returned', width: 3.6 },
            { header: 'Ký nhận', key: 'signature', width: 2 },
            { header: 'Ghi chú', key: 'note', width: 3 },
          ],
        },
      ],
    },
  },
};

import type { Block, FormSet, Paper } from '../template';
import { CIRCULAR_01_2018 } from './tt01-2018';

/**
 * The forms of Circular 03/2025/TT-VPCP (15 September 2025), which guides Decree 118/2025/NĐ-CP
 * (9 June 2025, in force 1 July 2025) and replaces the forms of Circular 01/2018/TT-VPCP.
 *
 * What was checked, and against what (third-party reproductions; the official gazette text was
 * not reachable from here):
 * - the circular's number, date and issuer ("VĂN PHÒNG CHÍNH PHỦ … Số: 03/2025/TT-VPCP … Hà Nội,
 *   ngày 15 tháng 9 năm 2025", guiding Decree 118/2025/NĐ-CP of 9 June 2025): its preamble as
 *   reproduced by hethongphapluat.com;
 * - the seven forms of its Phụ lục I and their titles — 01 Giấy tiếp nhận hồ sơ và hẹn trả kết
 *   quả; 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; 03 Phiếu từ chối tiếp nhận giải quyết hồ
 *   sơ; 04 Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết; 05 Thông báo dừng giải
 *   quyết hồ sơ; 06 Phiếu kiểm soát quá trình giải quyết hồ sơ; 07 Sổ theo dõi hồ sơ — and that
 *   they apply from 15 September 2025: thuviennhadat.vn's summary of the circular;
 * - **unverified**: every field layout below, the paper sizes (taken over from the 2018 set:
 *   A5, the register on A4) and the desk's name line. The circular's own effective-date article
 *   was not found either: `effectiveFrom` is the date the forms are said to apply from. Until
 *   the published forms are checked, each template is the 2018 one with what the new titles say
 *   (an apology that asks for an extension, a stop notice), marked `unverified`.
 * Dossiers received from 1 July to 14 September 2025 keep the 2018 forms: the old circular's
 * forms stayed in use until the new ones were issued.
 */

const A5: Paper = { size: 'A5', orientation: 'portrait' };

const old = CIRCULAR_01_2018.templates;

function body(kind: keyof typeof old): readonly Block[] {
  const template = old[kind];
  if (template === undefined) throw new Error(`the 2018 set has no ${kind} form`);
  // The one-stop desk is "Bộ phận Một cửa" under Decree 118/2025.
  return template.body.map((block) =>
    block.type === 'text'
      ? {
          ...block,
          text: block.text.replace('Bộ phận tiếp nhận và trả kết quả', 'Bộ phận Một cửa'),
        }
      : block,
  );
}

function template<K extends keyof typeof old>(kind: K) {
  const template = old[kind];
  if (template === undefined) throw new Error(`the 2018 set has no ${kind} form`);
  return template;
}

const receiptBody = body('receipt');
const feesAt = receiptBody.findIndex(
  (block) => block.type === 'text' && block.text.startsWith('6.'),
);

export const CIRCULAR_03_2025: FormSet = {
  id: 'tt03-2025',
  basis: 'Thông tư số 03/2025/TT-VPCP',
  effectiveFrom: '2025-09-15',
  deskName: 'BỘ PHẬN MỘT CỬA',
  templates: {
    receipt: {
      ...template('receipt'),
      verified: 'unverified',
      body: [
        ...receiptBody.slice(0, feesAt + 1),
        // Decree 118/2025 has fees paid online or at the desk with the filing: the receipt says
        // what was paid (an assumption until the published form is checked).
        { type: 'text', text: '7. Phí, lệ phí:' },
        { type: 'list', field: 'fees', empty: 'Không thu phí, lệ phí.', numbered: false },
        ...receiptBody.slice(feesAt + 1),
      ],
    },
    supplement: { ...template('supplement'), verified: 'unverified', body: body('supplement') },
    refusal: { ...template('refusal'), verified: 'unverified', body: body('refusal') },
    apology: {
      kind: 'apology',
      code: 'Mẫu số 04',
      title: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      paper: A5,
      verified: 'unverified',
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
          text: 'Tuy nhiên, {agencyName} chưa thể trả kết quả giải quyết hồ sơ của Ông/Bà đúng hạn.',
        },
        { type: 'text', text: 'Lý do: {reason}' },
        {
          type: 'text',
          text: '{agencyName} xin lỗi Ông/Bà vì sự chậm trễ này và đề nghị gia hạn thời gian giải quyết hồ sơ; kết quả giải quyết hồ sơ sẽ được trả cho Ông/Bà vào {newDueAt}.',
        },
        { type: 'text', text: 'Xin trân trọng cảm ơn./.' },
        {
          type: 'signatures',
          columns: [{ title: 'THỦ TRƯỞNG CƠ QUAN', hint: '(Ký, ghi rõ họ tên và đóng dấu)' }],
        },
      ],
    },
    stop: {
      kind: 'stop',
      code: 'Mẫu số 05',
      title: 'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      paper: A5,
      verified: 'unverified',
      body: [
        { type: 'labelled', label: 'Kính gửi: ', text: '{applicantName}' },
        {
          type: 'text',
          text: 'Vào {receivedDate}, {agencyName} tiếp nhận giải quyết hồ sơ đề nghị {procedureName}.',
        },
        { type: 'text', text: 'Mã hồ sơ: {dossierNumber}' },
        {
          type: 'text',
          text: '{agencyName} thông báo dừng giải quyết hồ sơ nêu trên kể từ {stoppedAt}, với lý do: {reason}',
        },
        { type: 'text', text: 'Xin thông báo để Ông/Bà được biết./.' },
        {
          type: 'signatures',
          columns: [{ title: 'THỦ TRƯỞNG CƠ QUAN', hint: '(Ký, ghi rõ họ tên và đóng dấu)' }],
        },
      ],
    },
    control: {
      ...template('control'),
      code: 'Mẫu số 06',
      verified: 'unverified',
      body: body('control'),
    },
    register: {
      ...template('register'),
      code: 'Mẫu số 07',
      verified: 'unverified',
      body: body('register'),
    },
  },
};

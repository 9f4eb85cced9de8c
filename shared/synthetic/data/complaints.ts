import type { ComplaintClassification } from '../../model/codes';
import type { Prng } from '../prng';

/**
 * Feedback and complaints (phản ánh, kiến nghị) as citizens write them about administrative
 * procedures and staff, with the kind of answer an agency publishes. Each theme carries its usual
 * classification (Decree 20/2008/NĐ-CP): most are within the agency's authority, a few concern
 * staff conduct, some belong to another body (forwarded), some are not admissible.
 */

export interface ComplaintContext {
  readonly rng: Prng;
  readonly senderName: string;
  /** 'Ông' or 'Bà', capitalised for the start of a sentence. */
  readonly honorific: string;
  readonly address: string;
  readonly agencyName: string;
  readonly procedureName: string;
  /** A plausible dossier number at the agency, and the day it was filed (dd/mm/yyyy, the same day). */
  readonly dossierNumber: string;
  readonly dossierFiledOn: string;
  /** dd/mm/yyyy of a day `minDays`–`maxDays` calendar days before receipt. */
  dateBefore(minDays: number, maxDays: number): string;
  /** Like dateBefore, moved back to a working day (a visit to the desk). */
  workingDateBefore(minDays: number, maxDays: number): string;
  /** dd/mm/yyyy of a day `minDays`–`maxDays` calendar days after receipt. */
  dateAfter(minDays: number, maxDays: number): string;
}

export interface ComplaintTheme {
  readonly weight: number;
  readonly classifications: readonly (readonly [ComplaintClassification, number])[];
  readonly title: (ctx: ComplaintContext) => string;
  readonly content: (ctx: ComplaintContext) => string;
  readonly answer: (ctx: ComplaintContext) => string;
}

const intro = (ctx: ComplaintContext): string =>
  `Tôi là ${ctx.senderName}, địa chỉ: ${ctx.address}.`;
const lower = (honorific: string): string => honorific.toLowerCase();
const CLOSING =
  'Đề nghị cơ quan có thẩm quyền xem xét, trả lời để tôi được biết. Xin trân trọng cảm ơn.';

export const COMPLAINT_THEMES: readonly ComplaintTheme[] = [
  {
    weight: 22,
    classifications: [['within_authority', 1]],
    title: (ctx) => `Phản ánh việc chậm trả kết quả hồ sơ ${lowerFirst(ctx.procedureName)}`,
    content: (ctx) =>
      `${intro(ctx)} Ngày ${ctx.dossierFiledOn}, tôi nộp hồ sơ ${lowerFirst(ctx.procedureName)} tại ${ctx.agencyName} (mã hồ sơ ${ctx.dossierNumber}), giấy tiếp nhận hẹn trả kết quả ngày ${ctx.dateBefore(3, 20)}. Đến nay đã quá hẹn nhưng tôi vẫn chưa nhận được kết quả, cũng không nhận được văn bản xin lỗi và hẹn lại thời gian trả kết quả. ${CLOSING}`,
    answer: (ctx) =>
      `${ctx.agencyName} trả lời phản ánh của ${lower(ctx.honorific)} ${ctx.senderName} như sau: Qua kiểm tra, hồ sơ ${ctx.dossierNumber} được tiếp nhận đúng quy định; việc giải quyết bị chậm do phải lấy ý kiến xác minh của cơ quan có liên quan nhưng bộ phận chuyên môn chưa kịp thời gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả. Cơ quan đã hoàn thành giải quyết hồ sơ và thông báo để ${lower(ctx.honorific)} nhận kết quả; đồng thời đã chấn chỉnh, yêu cầu cán bộ thực hiện nghiêm quy định về thời hạn giải quyết. Cơ quan xin lỗi ${lower(ctx.honorific)} vì sự chậm trễ này.`,
  },
  {
    weight: 14,
    classifications: [['within_authority', 1]],
    title: (ctx) =>
      `Phản ánh việc yêu cầu bổ sung hồ sơ nhiều lần đối với thủ tục ${lowerFirst(ctx.procedureName)}`,
    content: (ctx) =>
      `${intro(ctx)} Tôi nộp hồ sơ ${lowerFirst(ctx.procedureName)} (mã hồ sơ ${ctx.dossierNumber}) và đã hai lần nhận được yêu cầu bổ sung giấy tờ, mỗi lần yêu cầu một loại giấy tờ khác nhau, khiến tôi phải đi lại nhiều lần. Theo quy định, cơ quan phải hướng dẫn đầy đủ một lần. ${CLOSING}`,
    answer: (ctx) =>
      `Trả lời ${lower(ctx.honorific)} ${ctx.senderName}: Qua rà soát, việc yêu cầu bổ sung hồ sơ lần thứ hai là không đúng quy định về hướng dẫn một lần, đầy đủ. ${ctx.agencyName} đã tổ chức kiểm điểm cán bộ liên quan, hồ sơ của ${lower(ctx.honorific)} đã được giải quyết và được tính là hồ sơ trễ hạn. Cơ quan chân thành xin lỗi và cảm ơn ${lower(ctx.honorific)} đã phản ánh.`,
  },
  {
    weight: 10,
    classifications: [
      ['staff_conduct', 0.8],
      ['within_authority', 0.2],
    ],
    title: () => 'Phản ánh thái độ phục vụ của cán bộ tiếp nhận hồ sơ',
    content: (ctx) =>
      `${intro(ctx)} Ngày ${ctx.workingDateBefore(2, 15)}, khi đến ${ctx.agencyName} để nộp hồ sơ ${lowerFirst(ctx.procedureName)}, cán bộ tiếp nhận có thái độ thiếu tôn trọng, nói năng to tiếng và không hướng dẫn cụ thể các giấy tờ cần bổ sung. ${CLOSING}`,
    answer: (ctx) =>
      `${ctx.agencyName} đã xác minh nội dung phản ánh của ${lower(ctx.honorific)} ${ctx.senderName} qua trích xuất camera tại Bộ phận Một cửa và làm việc với cán bộ liên quan. Nội dung phản ánh là có cơ sở; cơ quan đã nhắc nhở, yêu cầu cán bộ rút kinh nghiệm và tăng cường kiểm tra việc thực hiện quy tắc ứng xử. Cơ quan xin lỗi ${lower(ctx.honorific)} về sự việc trên.`,
  },
  {
    weight: 8,
    classifications: [['within_authority', 1]],
    title: () => 'Phản ánh việc yêu cầu nộp thêm giấy tờ ngoài quy định',
    content: (ctx) =>
      `${intro(ctx)} Khi làm thủ tục ${lowerFirst(ctx.procedureName)}, cán bộ yêu cầu tôi nộp thêm bản sao có chứng thực giấy tờ tùy thân và giấy xác nhận cư trú, trong khi thông tin này đã có trong Cơ sở dữ liệu quốc gia về dân cư. ${CLOSING}`,
    answer: (ctx) =>
      `Trả lời ${lower(ctx.honorific)} ${ctx.senderName}: Theo quy định, cơ quan giải quyết thủ tục hành chính khai thác thông tin công dân từ Cơ sở dữ liệu quốc gia về dân cư, không yêu cầu nộp bản sao giấy tờ đã được số hóa. ${ctx.agencyName} đã chấn chỉnh cán bộ tiếp nhận và niêm yết lại thành phần hồ sơ đúng quy định.`,
  },
  {
    weight: 6,
    classifications: [['within_authority', 1]],
    title: () => 'Phản ánh việc thu phí, lệ phí không đúng quy định',
    content: (ctx) =>
      `${intro(ctx)} Khi nộp hồ sơ ${lowerFirst(ctx.procedureName)} trực tuyến, tôi vẫn phải nộp mức lệ phí như nộp trực tiếp, trong khi theo quy định mức thu khi nộp trực tuyến được giảm. ${CLOSING}`,
    answer: (ctx) =>
      `${ctx.agencyName} trả lời: Qua kiểm tra, do cấu hình biểu phí trên hệ thống chưa cập nhật mức thu ưu đãi đối với hồ sơ trực tuyến nên đã thu chưa đúng. Cơ quan đã điều chỉnh hệ thống và hoàn trả số tiền chênh lệch cho ${lower(ctx.honorific)} ${ctx.senderName} qua tài khoản đã thanh toán.`,
  },
  {
    weight: 7,
    classifications: [
      ['outside_authority', 0.7],
      ['within_authority', 0.3],
    ],
    title: () => 'Phản ánh lỗi khi nộp hồ sơ trực tuyến trên Cổng Dịch vụ công',
    content: (ctx) =>
      `${intro(ctx)} Tôi nhiều lần nộp hồ sơ ${lowerFirst(ctx.procedureName)} trên Cổng Dịch vụ công nhưng hệ thống báo lỗi ở bước thanh toán trực tuyến, tiền đã bị trừ trong tài khoản nhưng hồ sơ không được ghi nhận. ${CLOSING}`,
    answer: (ctx) =>
      `Trả lời ${lower(ctx.honorific)} ${ctx.senderName}: Lỗi thanh toán phát sinh do gián đoạn kết nối với nền tảng thanh toán. Đơn vị vận hành đã khắc phục; giao dịch của ${lower(ctx.honorific)} đã được đối soát và hồ sơ được ghi nhận với thời điểm nộp ban đầu.`,
  },
  {
    weight: 6,
    classifications: [
      ['within_authority', 0.6],
      ['outside_authority', 0.4],
    ],
    title: (ctx) =>
      `Kiến nghị đơn giản hóa thành phần hồ sơ thủ tục ${lowerFirst(ctx.procedureName)}`,
    content: (ctx) =>
      `${intro(ctx)} Thủ tục ${lowerFirst(ctx.procedureName)} hiện yêu cầu nhiều giấy tờ mà cơ quan nhà nước đã quản lý. Tôi kiến nghị cắt giảm thành phần hồ sơ, cho phép nộp toàn bộ trực tuyến và nhận kết quả điện tử để giảm chi phí đi lại cho người dân.`,
    answer: (ctx) =>
      `${ctx.agencyName} ghi nhận kiến nghị của ${lower(ctx.honorific)} ${ctx.senderName}. Nội dung kiến nghị đã được tổng hợp vào phương án đơn giản hóa thủ tục hành chính năm nay để trình cấp có thẩm quyền xem xét. Cảm ơn ${lower(ctx.honorific)} đã đóng góp ý kiến.`,
  },
  {
    weight: 10,
    classifications: [['within_authority', 1]],
    title: (ctx) => `Hỏi về thời hạn và thành phần hồ sơ thủ tục ${lowerFirst(ctx.procedureName)}`,
    content: (ctx) =>
      `${intro(ctx)} Tôi muốn làm thủ tục ${lowerFirst(ctx.procedureName)}. Xin hỏi cần chuẩn bị những giấy tờ gì, có thể nộp trực tuyến được không và thời hạn giải quyết là bao lâu? Xin cảm ơn.`,
    answer: (ctx) =>
      `Trả lời ${lower(ctx.honorific)} ${ctx.senderName}: Thành phần hồ sơ, thời hạn giải quyết và mức phí, lệ phí của thủ tục ${lowerFirst(ctx.procedureName)} được công khai trên Cổng Dịch vụ công quốc gia và niêm yết tại Bộ phận Một cửa của ${ctx.agencyName}. ${ctx.honorific} có thể nộp hồ sơ trực tuyến, qua dịch vụ bưu chính công ích hoặc trực tiếp; thời hạn được tính từ khi cơ quan nhận đủ hồ sơ hợp lệ.`,
  },
  {
    weight: 6,
    classifications: [
      ['outside_authority', 0.6],
      ['not_admissible', 0.4],
    ],
    title: () => 'Phản ánh việc xây dựng nhà ở gây ảnh hưởng đến nhà liền kề',
    content: (ctx) =>
      `${intro(ctx)} Hộ gia đình bên cạnh nhà tôi đang xây dựng nhà ở, trong quá trình thi công đã làm nứt tường và thấm dột nhà tôi, đồng thời tập kết vật liệu lấn chiếm vỉa hè. Tôi đã nhiều lần đề nghị nhưng chưa được khắc phục. ${CLOSING}`,
    answer: (ctx) =>
      `Nội dung phản ánh của ${lower(ctx.honorific)} ${ctx.senderName} không thuộc phạm vi thủ tục hành chính; ${ctx.agencyName} đã chuyển đến Ủy ban nhân dân cấp xã nơi có công trình để kiểm tra, xử lý theo thẩm quyền.`,
  },
  {
    weight: 4,
    classifications: [
      ['staff_conduct', 0.9],
      ['within_authority', 0.1],
    ],
    title: () => 'Phản ánh cán bộ có biểu hiện gây phiền hà, nhũng nhiễu',
    content: (ctx) =>
      `${intro(ctx)} Khi làm thủ tục ${lowerFirst(ctx.procedureName)}, tôi được một người tự giới thiệu là cán bộ gợi ý nộp thêm tiền "phí dịch vụ" để được giải quyết nhanh. Tôi đề nghị cơ quan làm rõ sự việc.`,
    answer: (ctx) =>
      `${ctx.agencyName} đã chuyển nội dung phản ánh của ${lower(ctx.honorific)} ${ctx.senderName} đến bộ phận thanh tra để xác minh. Kết quả xác minh và hình thức xử lý (nếu có vi phạm) sẽ được thông báo đến ${lower(ctx.honorific)} theo quy định. Cơ quan khẳng định không thu bất kỳ khoản phí nào ngoài phí, lệ phí đã được công khai.`,
  },
  {
    weight: 4,
    classifications: [['not_admissible', 1]],
    title: () => 'Góp ý chung về thủ tục hành chính',
    content: () => 'Thủ tục quá rườm rà, đề nghị xem lại.',
    answer: () =>
      'Nội dung phản ánh không nêu cụ thể thủ tục hành chính, cơ quan giải quyết và hành vi bị phản ánh nên không đủ điều kiện xử lý theo quy định.',
  },
  {
    weight: 7,
    classifications: [['within_authority', 1]],
    title: () => 'Phản ánh thời gian chờ đợi tại Bộ phận Một cửa',
    content: (ctx) =>
      `${intro(ctx)} Ngày ${ctx.workingDateBefore(1, 10)}, tôi đến ${ctx.agencyName} lúc 7 giờ 45 phút để nộp hồ sơ, lấy số thứ tự nhưng đến 11 giờ vẫn chưa được tiếp nhận do chỉ có một quầy làm việc. Đề nghị bố trí thêm cán bộ vào giờ cao điểm.`,
    answer: (ctx) =>
      `${ctx.agencyName} tiếp thu phản ánh của ${lower(ctx.honorific)} ${ctx.senderName}. Từ ngày ${ctx.dateAfter(3, 10)}, cơ quan bố trí thêm quầy tiếp nhận vào buổi sáng và triển khai đặt lịch hẹn trực tuyến để giảm thời gian chờ của người dân.`,
  },
];

function lowerFirst(text: string): string {
  // Procedure names start with a capital (Đăng ký khai sinh) but read mid-sentence in lower case.
  const first = text.charAt(0);
  return first.toLowerCase() + text.slice(1);
}

/** Where an out-of-authority complaint is forwarded. */
export const FORWARD_TARGETS: readonly string[] = [
  'Văn phòng Ủy ban nhân dân cấp tỉnh',
  'Sở Khoa học và Công nghệ',
  'Thanh tra tỉnh',
  'Ủy ban nhân dân cấp xã nơi phát sinh sự việc',
  'Cơ quan thuế',
];

export const COMPLAINT_REFUSAL_REASONS: readonly string[] = [
  'Nội dung không thuộc phạm vi phản ánh, kiến nghị về quy định hành chính.',
  'Phản ánh không nêu rõ nội dung, không có thông tin liên hệ để xác minh.',
  'Nội dung đã được trả lời trước đó, không có tình tiết mới.',
];

/** Reused by the generator for notes on complaints; kept here with the other complaint texts. */
export const COMPLAINT_INFO_REQUESTS: readonly string[] = [
  'Đề nghị cung cấp mã hồ sơ và bản chụp giấy tiếp nhận hồ sơ, hẹn trả kết quả.',
  'Đề nghị cung cấp thời gian, địa điểm cụ thể và thông tin cán bộ bị phản ánh.',
  'Đề nghị cung cấp chứng từ thanh toán phí, lệ phí.',
];

/**
 * ASCII folding for the ascii parts of synthetic data (usernames, e-mail local parts, slugs).
 * Kept local so the generator stays self-contained; it follows the same rule as the product's
 * search folding (DOMAIN.md §6): NFD, drop combining marks, đ→d, Đ→D.
 */
export function foldAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Lower-case ascii letters and digits only: 'Nguyễn Văn Đức' → 'nguyenvanduc'. */
export function slugAscii(text: string): string {
  return foldAscii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Groups of three digits with dots, as Vietnamese write amounts: 2000000 → '2.000.000'. */
export function formatDong(amount: number): string {
  const s = String(Math.round(amount));
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += '.';
    out += s[i];
  }
  return out;
}

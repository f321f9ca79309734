import { attachmentDisposition, safeFileName } from './attachment-disposition';

describe('safeFileName', () => {
  it('keeps a plain name and puts the recognised kind as its extension', () => {
    expect(safeFileName('photo.jpg', 'jpg')).toBe('photo.jpg');
    expect(safeFileName('scan.pdf', 'gif')).toBe('scan.gif');
    expect(safeFileName('Фото с места.JPG', 'jpg')).toBe('Фото с места.jpg');
  });

  it('removes path separators, quotes, controls and bidi overrides', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('etc_passwd.pdf');
    expect(safeFileName('C:\\Users\\me\\a"b.png', 'png')).toBe('C__Users_me_a_b.png');
    expect(safeFileName('invoice\u202Egpj.exe', 'jpg')).toBe('invoice_gpj.jpg');
    expect(safeFileName('a\r\nb\u0000c.gif', 'gif')).toBe('a__b_c.gif');
  });

  it('names a nameless file "attachment"', () => {
    expect(safeFileName('', 'mp4')).toBe('attachment.mp4');
    expect(safeFileName(null, 'png')).toBe('attachment.png');
    expect(safeFileName('.jpg', 'png')).toBe('attachment.png');
    expect(safeFileName('.profile', 'png')).toBe('profile.png');
  });

  it('keeps at most 120 characters of the stem', () => {
    expect(safeFileName(`${'я'.repeat(300)}.jpg`, 'jpg')).toBe(`${'я'.repeat(120)}.jpg`);
  });
});

describe('attachmentDisposition', () => {
  it('is an attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('Фото 1.jpg')).toBe(
      `attachment; filename="____ 1.jpg"; filename*=UTF-8''%D0%A4%D0%BE%D1%82%D0%BE%201.jpg`,
    );
    expect(attachmentDisposition('photo.jpg')).toBe(
      `attachment; filename="photo.jpg"; filename*=UTF-8''photo.jpg`,
    );
  });

  it('escapes what would end the parameter early', () => {
    expect(attachmentDisposition("it's 100%;x.pdf")).toBe(
      `attachment; filename="it's 100_;x.pdf"; filename*=UTF-8''it%27s%20100%25%3Bx.pdf`,
    );
  });
});

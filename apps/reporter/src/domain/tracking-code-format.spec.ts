import {
  displayTrackingCode,
  formatTrackingCode,
  normaliseTrackingCode,
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_BITS,
} from './tracking-code-format';

const sixteen = (value: number): number[] => new Array<number>(16).fill(value);

describe('tracking code format', () => {
  it('uses 32 symbols without the look-alikes I, L, O and U', () => {
    expect(new Set(TRACKING_CODE_ALPHABET).size).toBe(32);
    expect(TRACKING_CODE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(TRACKING_CODE_ALPHABET).toMatch(/^[0-9A-Z]+$/);
  });

  it('carries at least 80 bits', () => {
    expect(TRACKING_CODE_BITS).toBeGreaterThanOrEqual(80);
  });

  it('prints four groups of four joined by dashes', () => {
    expect(formatTrackingCode(sixteen(31))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(formatTrackingCode([...Array(16).keys()])).toBe('0123-4567-89AB-CDEF');
  });

  it('refuses to print a code of the wrong length or with a value past 31', () => {
    expect(() => formatTrackingCode(sixteen(0).slice(1))).toThrow(RangeError);
    expect(() => formatTrackingCode([...sixteen(0).slice(1), 32])).toThrow(RangeError);
  });

  it('reads a code whatever the case and separators', () => {
    const canonical = '7K3MQ9XD2FHTR8WB';
    for (const typed of [
      '7K3M-Q9XD-2FHT-R8WB',
      '7k3m-q9xd-2fht-r8wb',
      '7k3m q9xd 2fht r8wb',
      ' 7K3MQ9XD2FHTR8WB ',
      '7K3M–Q9XD—2FHT_R8WB',
      '7K3M.Q9XD.2FHT.R8WB',
    ]) {
      expect(normaliseTrackingCode(typed)).toBe(canonical);
    }
  });

  it('reads O as zero and I or L as one, as Crockford decoding does', () => {
    expect(normaliseTrackingCode('OOOO-IIII-LLLL-oil0')).toBe('0000111111110110');
  });

  it('refuses a code with a symbol outside the alphabet, one too short or one too long', () => {
    expect(normaliseTrackingCode('7K3M-Q9XD-2FHT-R8WU')).toBeUndefined();
    expect(normaliseTrackingCode('7K3M-Q9XD-2FHT-R8W')).toBeUndefined();
    expect(normaliseTrackingCode('7K3M-Q9XD-2FHT-R8WBB')).toBeUndefined();
    expect(normaliseTrackingCode('7K3M-Q9XD-2FHT-R8W!')).toBeUndefined();
    expect(normaliseTrackingCode('Ж'.repeat(16))).toBeUndefined();
    expect(normaliseTrackingCode('-'.repeat(10_000))).toBeUndefined();
  });

  it('groups a canonical code for display again', () => {
    expect(displayTrackingCode('7K3MQ9XD2FHTR8WB')).toBe('7K3M-Q9XD-2FHT-R8WB');
  });
});

import { orientationOnlyTiff, readOrientation } from './exif-orientation';

/** A TIFF block in either byte order with the given entries in IFD0 (tag, type, count, value). */
function tiff(order: 'II' | 'MM', entries: Array<[number, number, number, number]>): Buffer {
  const little = order === 'II';
  const block = Buffer.alloc(8 + 2 + entries.length * 12 + 4);
  const u16 = (value: number, at: number): number =>
    little ? block.writeUInt16LE(value, at) : block.writeUInt16BE(value, at);
  const u32 = (value: number, at: number): number =>
    little ? block.writeUInt32LE(value, at) : block.writeUInt32BE(value, at);
  block.write(order, 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(entries.length, 8);
  entries.forEach(([tag, type, count, value], index) => {
    const at = 10 + index * 12;
    u16(tag, at);
    u16(type, at + 2);
    u32(count, at + 4);
    u16(value, at + 8);
  });
  return block;
}

describe('EXIF orientation', () => {
  it('reads the orientation in either byte order, after other tags', () => {
    const make: [number, number, number, number] = [0x010f, 2, 4, 0];
    expect(readOrientation(tiff('II', [make, [0x0112, 3, 1, 6]]))).toBe(6);
    expect(readOrientation(tiff('MM', [make, [0x0112, 3, 1, 8]]))).toBe(8);
  });

  it('takes 1 (upright) when the tag is absent, out of range, of another type, or the block is broken', () => {
    expect(readOrientation(tiff('II', []))).toBe(1);
    expect(readOrientation(tiff('II', [[0x0112, 3, 1, 9]]))).toBe(1);
    expect(readOrientation(tiff('II', [[0x0112, 4, 1, 6]]))).toBe(1);
    expect(readOrientation(Buffer.from('XX*\u0000'))).toBe(1);
    expect(readOrientation(tiff('MM', [[0x0112, 3, 1, 6]]).subarray(0, 15))).toBe(1);
  });

  it('writes a block that holds the orientation and nothing else', () => {
    for (let orientation = 1; orientation <= 8; orientation += 1) {
      const block = orientationOnlyTiff(orientation);
      expect(readOrientation(block)).toBe(orientation);
      expect(block.readUInt16BE(8)).toBe(1);
      expect(block.length).toBe(26);
    }
  });
});

import 'reflect-metadata';
import {
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  ValidateNested,
  getMetadataStorage,
  validateSync,
} from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import { cacheValidationMetadata } from './validation-metadata.cache';

class Base {
  @IsString()
  @MaxLength(5)
  name!: string;
}

class Derived extends Base {
  @IsInt()
  @Max(10)
  count!: number;
}

const failed = (errors: ReturnType<typeof validateSync>): string[] =>
  errors.flatMap((error) => [
    ...Object.keys(error.constraints ?? {}).map((rule) => `${error.property}:${rule}`),
    ...failed(error.children ?? []),
  ]);
const check = <T extends object>(type: new () => T, plain: object) =>
  failed(validateSync(plainToInstance(type, plain), { forbidUnknownValues: true })).sort();

describe('cacheValidationMetadata', () => {
  const before = {
    derived: check(Derived, { name: 'too long', count: 11 }),
    valid: check(Derived, { name: 'ok', count: 3 }),
  };

  beforeAll(() => cacheValidationMetadata());

  it('validates as class-validator does, inherited rules included', () => {
    expect(before.derived).toEqual(['count:max', 'name:maxLength']);
    expect(check(Derived, { name: 'too long', count: 11 })).toEqual(before.derived);
    expect(check(Derived, { name: 'ok', count: 3 })).toEqual(before.valid);
    expect(check(Base, { name: 'too long', count: 'not checked' })).toEqual(['name:maxLength']);
  });

  it("wraps the process's one storage once, however often it is asked to", () => {
    const storage = getMetadataStorage();
    const lookUp = storage.getTargetValidationMetadatas;
    cacheValidationMetadata();
    cacheValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(lookUp);
  });

  it('looks a class up once, until a new rule is declared', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Derived, '', false, false);
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).toBe(first);

    // A class declared after the first validations (a module imported late) is seen with its rules,
    // and the classes known before are looked up again.
    class Late {
      @IsOptional()
      @ValidateNested()
      @Type(() => Derived)
      inner?: Derived;

      @IsString()
      label!: string;
    }
    expect(storage.getTargetValidationMetadatas(Derived, '', false, false)).not.toBe(first);
    expect(check(Late, { label: 3, inner: { name: 'x', count: 'y' } })).toEqual([
      'count:isInt',
      'count:max',
      'label:isString',
    ]);
  });
});

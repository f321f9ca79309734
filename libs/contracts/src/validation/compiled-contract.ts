import { TransformationType, TransformFnParams } from 'class-transformer';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps its rules in a storage its index does not export: these are the modules
// plainToInstance itself reads.
/* eslint-disable @typescript-eslint/no-require-imports */
const { defaultMetadataStorage: transformerStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerStorage;
};
const { defaultOptions: transformerOptions } =
  require('class-transformer/cjs/constants/default-options.constant') as {
    defaultOptions: TransformFnParams['options'];
  };
/* eslint-enable @typescript-eslint/no-require-imports */

type Constructor = new () => object;
type Condition = (object: object, value: unknown) => boolean;
type Validate = (value: unknown, args: ValidationArguments) => unknown;
type TransformFn = (params: TransformFnParams) => unknown;

interface Constraint {
  validate: Validate;
  constraints: unknown[];
  each: boolean;
}

interface PropertyRules {
  name: string;
  conditions: Condition[];
  constraints: Constraint[];
  nested: boolean;
  /** The class class-transformer builds the property's value (or each of its items) as. */
  type?: ClassRules;
  transforms: TransformFn[];
}

interface ClassRules {
  target: Constructor;
  /** Properties with any rule: the only ones whitelisting lets through. */
  byName: Map<string, PropertyRules>;
  properties: PropertyRules[];
}

/** The instance the validation pipe would return for a value, or undefined when it is not sure of it. */
export type CompiledContract<T> = (value: unknown) => T | undefined;

/** What `compile` could not handle: a class with it is left to the full validation. */
class Uncompilable extends Error {}

const compiled = new WeakMap<Constructor, CompiledContract<object> | null>();

/**
 * A contract class's rules read once, from class-validator's and class-transformer's own metadata,
 * into a check of a plain (JSON-decoded) value that does what `plainToInstance` and `validate` do for
 * it without walking their metadata again for every message: the hot messages (a vote, a comment, a
 * batch of them) spent more CPU there than in their handlers.
 *
 * It only ever answers "valid, and this is the instance": for any value a rule refuses, or whose shape
 * it does not handle (anything but plain objects, arrays and JSON primitives, a property without a
 * rule), it answers undefined and the caller runs the full validation, which says why. Every rule is
 * run through the validator class-validator registered for it, so a rule means the same on both
 * paths. A class using what the check does not implement (async rules, class-transformer's
 * expose/exclude, discriminators, a nested rule without a type) gets no compiled check at all
 * (undefined). Assumes the contract pipe's options: whitelist refusing unknown properties, transform
 * on, no validation groups.
 */
export function compiledContractOf<T extends object>(target: new () => T): CompiledContract<T> | undefined {
  let check = compiled.get(target);
  if (check === undefined) {
    try {
      const rules = rulesOf(target, new Map());
      check = (value) => {
        try {
          const instance = instanceOf(rules, value);
          return instance !== undefined && isValid(rules, instance) ? instance : undefined;
        } catch {
          // A rule that throws (validator.js's encodeURI on a lone surrogate) is the full validation's to answer.
          return undefined;
        }
      };
    } catch (error) {
      if (!(error instanceof Uncompilable)) throw error;
      check = null;
    }
    compiled.set(target, check);
  }
  return (check ?? undefined) as CompiledContract<T> | undefined;
}

function rulesOf(target: Constructor, building: Map<Constructor, ClassRules>): ClassRules {
  const known = building.get(target);
  if (known) return known;
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false, undefined);
  if (metadatas.length === 0) throw new Uncompilable(`${target.name} has no rules`);
  if (
    transformerStorage.getStrategy(target) !== 'none' ||
    transformerStorage.getExposedMetadatas(target).length > 0 ||
    transformerStorage.getExcludedMetadatas(target).length > 0
  ) {
    throw new Uncompilable(`${target.name} exposes or excludes properties`);
  }
  const rules: ClassRules = { target, byName: new Map(), properties: [] };
  building.set(target, rules);
  for (const [name, group] of Object.entries(storage.groupByPropertyName(metadatas))) {
    if (group.length === 0) continue;
    const property = propertyRulesOf(target, name, group, building);
    rules.byName.set(name, property);
    rules.properties.push(property);
  }
  return rules;
}

function propertyRulesOf(
  target: Constructor,
  name: string,
  group: ValidationMetadata[],
  building: Map<Constructor, ClassRules>,
): PropertyRules {
  // class-transformer skips a property the prototype has as a method or a getter without a setter.
  if (name in target.prototype) throw new Uncompilable(`${target.name}.${name} is on the prototype`);
  const property: PropertyRules = {
    name,
    conditions: [],
    constraints: [],
    nested: false,
    transforms: transformsOf(target, name),
  };
  const defined: Constraint[] = [];
  for (const metadata of group) {
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        property.conditions.push(metadata.constraints[0] as Condition);
        break;
      case ValidationTypes.IS_DEFINED:
        defined.push(...constraintsOf(metadata));
        break;
      case ValidationTypes.CUSTOM_VALIDATION:
        property.constraints.push(...constraintsOf(metadata));
        break;
      case ValidationTypes.NESTED_VALIDATION:
        property.nested = true;
        break;
      case ValidationTypes.WHITELIST:
        break;
      default:
        throw new Uncompilable(`${target.name}.${name} has a ${metadata.type} rule`);
    }
  }
  property.constraints.unshift(...defined);
  const type = transformerStorage.findTypeMetadata(target, name);
  if (type) {
    if (type.options?.discriminator || !type.typeFunction) {
      throw new Uncompilable(`${target.name}.${name} has a type the check does not follow`);
    }
    const typeClass = type.typeFunction() as unknown;
    if (
      typeof typeClass !== 'function' ||
      [String, Number, Boolean, Date, Object, Array].includes(typeClass as never)
    ) {
      throw new Uncompilable(`${target.name}.${name} is typed as a built-in`);
    }
    property.type = rulesOf(typeClass as Constructor, building);
  } else if (property.nested) {
    throw new Uncompilable(`${target.name}.${name} is nested without a type`);
  }
  return property;
}

function constraintsOf(metadata: ValidationMetadata): Constraint[] {
  return getMetadataStorage()
    .getTargetValidatorConstraints(metadata.constraintCls)
    .map((constraint) => {
      if (constraint.async) throw new Uncompilable(`${metadata.propertyName} has an async rule`);
      const instance = constraint.instance as { validate: Validate };
      return {
        validate: instance.validate.bind(instance),
        constraints: metadata.constraints,
        each: metadata.each,
      };
    });
}

function transformsOf(target: Constructor, name: string): TransformFn[] {
  return transformerStorage
    .findTransformMetadatas(target, name, TransformationType.PLAIN_TO_CLASS)
    .map((metadata) => {
      const { groups, since, until } = metadata.options ?? {};
      if ((groups && groups.length > 0) || since !== undefined || until !== undefined) {
        throw new Uncompilable(`${target.name}.${name} transforms by group or version`);
      }
      return metadata.transformFn as TransformFn;
    });
}

// ---- per message ----

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';

/** As plainToInstance builds it, or undefined for a shape the check leaves to the full validation. */
function instanceOf(rules: ClassRules, plain: unknown): object | undefined {
  if (!isPlainObject(plain)) return undefined;
  const instance = new rules.target() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    // Whitelisting would refuse the key; __proto__ and constructor never have rules.
    const property = rules.byName.get(key);
    if (!property) return undefined;
    let value = plain[key];
    if (property.type) {
      if (Array.isArray(value)) {
        const items: object[] = [];
        for (const item of value) {
          const built = instanceOf(property.type, item);
          if (built === undefined) return undefined;
          items.push(built);
        }
        value = items;
      } else if (value !== null && value !== undefined) {
        // A primitive where an object is expected fails the nested rule.
        const built = instanceOf(property.type, value);
        if (built === undefined) return undefined;
        value = built;
      }
    } else if (Array.isArray(value)) {
      if (!value.every(isPrimitive)) return undefined;
      value = (value as unknown[]).slice();
    } else if (!isPrimitive(value)) {
      return undefined;
    }
    for (const transform of property.transforms) {
      value = transform({
        value,
        key,
        obj: plain,
        type: TransformationType.PLAIN_TO_CLASS,
        options: transformerOptions,
      });
    }
    instance[key] = value;
  }
  return instance;
}

/** class-validator's verdict on an instance built by instanceOf, without its error list. */
function isValid(rules: ClassRules, instance: object): boolean {
  const object = instance as Record<string, unknown>;
  // Whitelisting sees the class's own defaults too.
  for (const key of Object.keys(object)) if (!rules.byName.has(key)) return false;
  for (const property of rules.properties) {
    const value = object[property.name];
    if (!property.conditions.every((condition) => condition(object, value))) continue;
    if (property.constraints.length > 0) {
      const args: ValidationArguments = {
        targetName: rules.target.name,
        property: property.name,
        object,
        value,
        constraints: [],
      };
      for (const constraint of property.constraints) {
        args.constraints = constraint.constraints;
        if (constraint.each && Array.isArray(value)) {
          for (const item of value) if (!passes(constraint.validate(item, args))) return false;
        } else if (!passes(constraint.validate(value, args))) {
          return false;
        }
      }
    }
    if (property.nested && value !== undefined) {
      const type = property.type!;
      const items = Array.isArray(value) ? (value as unknown[]) : [value];
      for (const item of items) {
        if (item === null || typeof item !== 'object' || Array.isArray(item) || !isValid(type, item))
          return false;
      }
    }
  }
  return true;
}

/** A promise (an async rule met at run time) is not a verdict the check can give. */
const passes = (verdict: unknown): boolean =>
  Boolean(verdict) && typeof (verdict as { then?: unknown }).then !== 'function';

import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Grouped = Record<string, ValidationMetadata[]>;

/** The methods through which class-validator learns rules: any of them makes what was looked up stale. */
const REGISTRATIONS = ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const;

/**
 * Marks a storage already cached. On the storage, not in this module: class-validator keeps one storage
 * per process (on `global`), which more than one copy of this module can reach (a second copy of the
 * library, a test runner's module registry per file); each would otherwise wrap it again.
 */
const CACHED = Symbol.for('engage.validation-metadata-cached');

/**
 * class-validator looks a class's rules up again for every object it validates, nested ones included,
 * and that lookup walks the rules of every class the process knows to find inherited ones; then it
 * groups them by property, again. The rules only change when a class is declared (at import), so the
 * lookup and its grouping are kept per class until a new rule is registered. Lookups by validation
 * group are left as they are (the suite validates without groups). Idempotent; the cached arrays are
 * handed out as class-validator's own are, which no caller changes.
 */
export function cacheValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [CACHED]?: true };
  if (marked[CACHED]) return;
  marked[CACHED] = true;
  const lookUp: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  let byClass = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let groupedOf = new WeakMap<ValidationMetadata[], Grouped>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups && groups.length > 0) return lookUp(target, schema, always, strictGroups, groups);
    const key = `${schema}\u0000${always}\u0000${strictGroups}`;
    let forClass = byClass.get(target);
    if (!forClass) byClass.set(target, (forClass = new Map<string, ValidationMetadata[]>()));
    let found = forClass.get(key);
    if (!found) forClass.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let grouped = groupedOf.get(metadata);
    if (!grouped) groupedOf.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
  for (const name of REGISTRATIONS) {
    const register: (argument: never) => void = storage[name].bind(storage);
    (storage as unknown as Record<string, (argument: never) => void>)[name] = (argument) => {
      byClass = new Map();
      groupedOf = new WeakMap();
      register(argument);
    };
  }
}

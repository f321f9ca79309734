import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: any;
}

const KUSTOMIZATION = 'kustomization.yaml';

/** Every object of every manifest under the folder (multi-document files included), kustomizations aside. */
export function loadManifests(folder: string): Manifest[] {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return files(path);
      return entry.endsWith('.yaml') && entry !== KUSTOMIZATION ? [path] : [];
    });
  return files(folder).flatMap((path) =>
    parseAllDocuments(readFileSync(path, 'utf8'))
      .map((document) => document.toJS() as Omit<Manifest, 'file'> | null)
      .filter((object): object is Omit<Manifest, 'file'> => object !== null)
      .map((object) => ({ ...object, file: relative(folder, path) })),
  );
}

/** The kubernetes-models class of an object's apiVersion and kind, which validates it against the API schema. */
export function modelOf(manifest: Manifest): (new (object: object) => { validate(): void }) | undefined {
  const group = manifest.apiVersion;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(`kubernetes-models/${group}`) as Record<string, unknown>;
    return module[manifest.kind] as (new (object: object) => { validate(): void }) | undefined;
  } catch {
    return undefined;
  }
}

/** Whether a label selector (matchLabels and matchExpressions with In) picks pods with these labels. */
export function selects(selector: any, labels: Record<string, string>): boolean {
  const matchLabels = Object.entries((selector?.matchLabels ?? {}) as Record<string, string>);
  const expressions = (selector?.matchExpressions ?? []) as {
    key: string;
    operator: string;
    values: string[];
  }[];
  return (
    matchLabels.every(([key, value]) => labels[key] === value) &&
    expressions.every(
      (expression) => expression.operator === 'In' && expression.values.includes(labels[expression.key]),
    )
  );
}

import type { Credentials, HostileRequest } from './hostile-request';
import { multipartCases } from './multipart-cases';
import { OpenApiDocument, Operation, operationsOf } from './openapi-operations';
import {
  accessCases,
  combinedBodyCases,
  hugeBodyCase,
  jsonBodyCases,
  pathParameterCases,
  queryParameterCases,
} from './request-cases';

export interface CorpusOptions {
  credentials: Credentials;
  bodyLimit: number;
  /** The corpus grows to at least this many requests with pairs of body faults. */
  target: number;
  seed?: number;
  /** Routes left out: they have no input to break, or answer with a stream that stays open. */
  skip?: (operation: Operation) => boolean;
}

/** Every hostile request derived from the document, then pairs of faults up to the target size. */
export function hostileCorpus(document: OpenApiDocument, options: CorpusOptions): HostileRequest[] {
  const operations = operationsOf(document).filter((operation) => !options.skip?.(operation));
  const { credentials } = options;
  const requests = operations.flatMap((operation) => [
    ...accessCases(operation, credentials),
    ...jsonBodyCases(operation, credentials),
    ...multipartCases(operation),
    ...hugeBodyCase(operation, credentials, options.bodyLimit),
    ...pathParameterCases(operation, credentials),
    ...queryParameterCases(operation, credentials),
  ]);
  const withBodies = operations.filter((operation) => operation.bodyType === 'json');
  const missing = Math.max(0, options.target - requests.length);
  withBodies.forEach((operation, index) => {
    const share = Math.ceil(missing / withBodies.length);
    requests.push(...combinedBodyCases(operation, credentials, share, (options.seed ?? 1) * 7919 + index));
  });
  return requests;
}

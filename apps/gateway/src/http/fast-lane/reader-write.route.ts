import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '@app/contracts';
import type { FastLane, LaneAnswer, LaneRequest } from './fast-lane';

/** Who a request is when its one credential is a reader token (CallerResolver.readerOnlyCaller). */
export interface ReaderCallers {
  readerOnlyCaller(headers: IncomingHttpHeaders, address: string): Caller | undefined;
}

/** One write the lane takes from readers only. */
export interface ReaderWrite {
  /** Fastify's pattern for the same route. */
  route: string;
  /** The whole path; its first capture is the resource's id. */
  path: RegExp;
  maxBodyBytes: number;
  /** The id as the route's contract admits it; any other goes to the route. */
  idIsValid(id: string): boolean;
  answer(request: LaneRequest, body: object, caller: Caller): Promise<LaneAnswer> | undefined;
}

/**
 * Adds a write that the lane takes only in its plain case: a valid id and a reader token as the one
 * credential (a portal or staff sign-in, a bad token, anything else goes to the route, body and all).
 */
export function addReaderWrite(lane: FastLane, readers: ReaderCallers, write: ReaderWrite): void {
  lane.add<Caller>({
    method: 'POST',
    route: write.route,
    path: write.path,
    maxBodyBytes: write.maxBodyBytes,
    takes: (request) =>
      write.idIsValid(request.params[0])
        ? readers.readerOnlyCaller(request.raw.headers, lane.clientAddress(request.raw))
        : undefined,
    answer: (request, body, caller) => write.answer(request, body, caller),
  });
}

/**
 * A request-reply operation between the gateway and a service, declared once: its NATS subject, the
 * class its request must be (validated by the service with class-validator), and its reply type. The
 * gateway calls through the declaration and the service's handler is bound to it, so a renamed field
 * or a different reply fails the build on both sides instead of a user's request.
 */
export interface RpcOperation<TRequest extends object, TReply> {
  /** `<service>.<noun>.<verb>`, without the deployment's prefix (the transport adds it). */
  readonly subject: string;
  /** The service whose queue group answers. */
  readonly service: string;
  readonly request: RequestClass<TRequest>;
  /** The reply's type name, for the catalogue; the type itself is carried by `TReply`. */
  readonly replyName: string;
  /** Never set: it only carries the reply type to callers and handlers. */
  readonly replyType?: TReply;
}

export type RequestClass<T extends object> = new () => T;

/** The reply half of a declaration: `reply<PollReply>('PollReply')`. */
export interface ReplyDeclaration<TReply> {
  readonly name: string;
  readonly type?: TReply;
}

export function reply<TReply>(name: string): ReplyDeclaration<TReply> {
  return { name };
}

const SUBJECT = /^([a-z][a-z0-9_]*)\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

const catalogue: RpcOperation<object, unknown>[] = [];

export function rpcOperation<TRequest extends object, TReply>(
  subject: string,
  request: RequestClass<TRequest>,
  replyDeclaration: ReplyDeclaration<TReply>,
): RpcOperation<TRequest, TReply> {
  const match = SUBJECT.exec(subject);
  if (!match) throw new Error(`RPC subject "${subject}" is not <service>.<noun>.<verb>`);
  if (catalogue.some((operation) => operation.subject === subject)) {
    throw new Error(`RPC subject "${subject}" is declared twice`);
  }
  const operation: RpcOperation<TRequest, TReply> = Object.freeze({
    subject,
    service: match[1],
    request,
    replyName: replyDeclaration.name,
  });
  catalogue.push(operation);
  return operation;
}

/** Every operation declared so far (the contracts' index declares them all), in declaration order. */
export function rpcCatalogue(): readonly RpcOperation<object, unknown>[] {
  return catalogue;
}

export type RequestOf<T> = T extends RpcOperation<infer R, unknown> ? R : never;
export type ReplyOf<T> = T extends RpcOperation<object, infer R> ? R : never;

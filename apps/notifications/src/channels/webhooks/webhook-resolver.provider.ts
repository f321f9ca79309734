import type { Provider } from '@nestjs/common';
import { systemResolver } from './host-resolver';

/** How webhook hosts are resolved: the system resolver (the SSRF guard checks what it gives). */
export const WEBHOOK_RESOLVER = Symbol('WEBHOOK_RESOLVER');

export const webhookResolverProvider: Provider = { provide: WEBHOOK_RESOLVER, useValue: systemResolver };

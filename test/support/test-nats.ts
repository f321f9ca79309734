/**
 * The NATS server the integration and suite tests use. Defaults to the machine's own; a developer
 * running several test runs at once points each at a private server so their subjects do not cross.
 */
export const TEST_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

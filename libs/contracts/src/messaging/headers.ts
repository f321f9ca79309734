/** Header names the gateway sets on every NATS request. */
export const REQUEST_ID_HEADER = 'x-request-id';

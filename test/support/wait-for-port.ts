import { connect } from 'node:net';
import { waitFor } from './wait-for';

/** Resolves once something accepts TCP connections on the local port. */
export function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const open = (): Promise<boolean> =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  return waitFor(open, timeoutMs, `a listener on port ${port}`, 50);
}

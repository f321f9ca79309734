/** Stops the NATS server the global setup started for this test run. */
export default function globalTeardown(): void {
  const pid = (globalThis as { __TEST_NATS__?: { pid?: number } }).__TEST_NATS__?.pid;
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

import { loadConfig } from './load-config';
import { ServiceEnv } from './service.env';

describe('ServiceEnv', () => {
  it('takes one to five copies of the events stream and refuses 0 and 6, naming the setting', () => {
    expect(loadConfig(ServiceEnv, {}).EVENTS_STREAM_REPLICAS).toBe(1);
    expect(loadConfig(ServiceEnv, { EVENTS_STREAM_REPLICAS: '1' }).EVENTS_STREAM_REPLICAS).toBe(1);
    expect(loadConfig(ServiceEnv, { EVENTS_STREAM_REPLICAS: '5' }).EVENTS_STREAM_REPLICAS).toBe(5);
    expect(() => loadConfig(ServiceEnv, { EVENTS_STREAM_REPLICAS: '0' })).toThrow(/EVENTS_STREAM_REPLICAS/);
    expect(() => loadConfig(ServiceEnv, { EVENTS_STREAM_REPLICAS: '6' })).toThrow(/EVENTS_STREAM_REPLICAS/);
  });

  it('purges the outbox every 1 s to once a day, refusing 0 and a day and a second', () => {
    expect(loadConfig(ServiceEnv, {}).OUTBOX_PURGE_INTERVAL_SECONDS).toBe(900);
    expect(loadConfig(ServiceEnv, { OUTBOX_PURGE_INTERVAL_SECONDS: '1' }).OUTBOX_PURGE_INTERVAL_SECONDS).toBe(
      1,
    );
    expect(
      loadConfig(ServiceEnv, { OUTBOX_PURGE_INTERVAL_SECONDS: '86400' }).OUTBOX_PURGE_INTERVAL_SECONDS,
    ).toBe(86400);
    expect(() => loadConfig(ServiceEnv, { OUTBOX_PURGE_INTERVAL_SECONDS: '0' })).toThrow(
      /OUTBOX_PURGE_INTERVAL_SECONDS/,
    );
    expect(() => loadConfig(ServiceEnv, { OUTBOX_PURGE_INTERVAL_SECONDS: '86401' })).toThrow(
      /OUTBOX_PURGE_INTERVAL_SECONDS/,
    );
  });
});

import { ConfigError, loadConfig } from './load-config';
import { chooseLogFormat, HostEnv } from './host.env';

describe('HostEnv', () => {
  it('keeps a stop within 5 s by default', () => {
    const env = loadConfig(HostEnv, {});
    expect(env.SHUTDOWN_TIMEOUT_MS).toBeLessThan(5000);
    expect(env.SHUTDOWN_GRACE_MS).toBeLessThan(env.SHUTDOWN_TIMEOUT_MS);
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.METRICS_PORT).toBe(0);
  });

  it('takes a grace one millisecond shorter than the timeout and refuses an equal one', () => {
    expect(
      loadConfig(HostEnv, { SHUTDOWN_GRACE_MS: '1999', SHUTDOWN_TIMEOUT_MS: '2000' }).SHUTDOWN_GRACE_MS,
    ).toBe(1999);
    expect(() => loadConfig(HostEnv, { SHUTDOWN_GRACE_MS: '2000', SHUTDOWN_TIMEOUT_MS: '2000' })).toThrow(
      /SHUTDOWN_GRACE_MS must be less than SHUTDOWN_TIMEOUT_MS/,
    );
  });

  it('takes METRICS_PORT up to 65535 and names it when out of range', () => {
    expect(loadConfig(HostEnv, { METRICS_PORT: '65535' }).METRICS_PORT).toBe(65535);
    expect(() => loadConfig(HostEnv, { METRICS_PORT: '65536' })).toThrow(/METRICS_PORT/);
  });

  it('refuses an unknown LOG_FORMAT, naming it', () => {
    expect(() => loadConfig(HostEnv, { LOG_FORMAT: 'xml' })).toThrow(ConfigError);
    expect(() => loadConfig(HostEnv, { LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});

describe('chooseLogFormat', () => {
  it('writes pretty lines to a terminal and JSON elsewhere unless told', () => {
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('json', true)).toBe('json');
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
  });
});

import { describe, expect, it } from 'vitest';
import { graphqlUrl, loadConfig } from '../../collector/config.ts';
import { describeError, OpenPulseError, redact } from '../../collector/errors.ts';

describe('configuration', () => {
  it('defaults to the embedded store under ./data and the public APIs', () => {
    const config = loadConfig({ env: {} });
    expect(config.dataDir).toBe('data');
    expect(config.clickhouseUrl).toBeUndefined();
    expect(config.githubApiUrl).toBe('https://api.github.com');
    expect(config.hfEndpoint).toBe('https://huggingface.co');
    expect(config.npmDownloadsUrl).toBe('https://api.npmjs.org');
    expect(config.pypistatsUrl).toBe('https://pypistats.org');
  });

  it('reads the variables users already know, and flags win over them', () => {
    const config = loadConfig({
      env: { CLICKHOUSE_URL: 'http://127.0.0.1:8123', CLICKHOUSE_DATABASE: 'pulse', GITHUB_API_URL: 'https://ghe.example/api/v3', HF_ENDPOINT: 'https://hf-mirror.example', OPENPULSE_DATA_DIR: 'env-dir' },
      flags: { dataDir: 'flag-dir' },
    });
    expect(config.clickhouseUrl).toBe('http://127.0.0.1:8123');
    expect(config.clickhouseDatabase).toBe('pulse');
    expect(config.hfEndpoint).toBe('https://hf-mirror.example');
    expect(config.dataDir).toBe('flag-dir');
    expect(graphqlUrl(config)).toBe('https://ghe.example/api/graphql');
    expect(graphqlUrl(loadConfig({ env: {} }))).toBe('https://api.github.com/graphql');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ env: { CLICKHOUSE_URL: 'not a url' } })).toThrow(/CLICKHOUSE_URL \(or "clickhouseUrl" in the config file\)/);
    expect(() => loadConfig({ env: { CLICKHOUSE_DATABASE: 'drop table' } })).toThrow(/CLICKHOUSE_DATABASE/);
    expect(() => loadConfig({ env: { OPENPULSE_BUILD_HEAP_MB: '100' } })).toThrow(/OPENPULSE_BUILD_HEAP_MB \(or "buildHeapMb" in the config file\)/);
    expect(loadConfig({ env: { OPENPULSE_BUILD_HEAP_MB: '2048' } }).buildHeapMb).toBe(2048);
    expect(loadConfig({ env: {} }).buildHeapMb).toBe(896);
    expect(() => loadConfig({ env: {}, file: 'no-such-config.json' })).toThrow(/config file no-such-config.json does not exist/);
  });

  it('never lets a configured secret through a message', () => {
    loadConfig({ env: { GITHUB_TOKEN: 'plain-secret-value-1234', CLICKHOUSE_PASSWORD: 'pw-9876-secret' } });
    const error = new OpenPulseError('SOURCE', 'request with plain-secret-value-1234 failed; password pw-9876-secret', { hint: 'retry with pw-9876-secret' });
    expect(describeError(error)).not.toMatch(/plain-secret-value-1234|pw-9876-secret/);
    expect(describeError(new Error('x plain-secret-value-1234'))).toBe('x [REDACTED]');
  });
});

describe('redact', () => {
  it('removes token-shaped strings, authorization headers and URL passwords', () => {
    expect(redact('token ghp_abcdefghijklmnopqrstuvwxyz0123456789')).toBe('token [REDACTED]');
    expect(redact('{"authorization":"token abc123secret"}')).not.toContain('abc123secret');
    expect(redact('http://user:hunter2@db.example:8123/')).toBe('http://user:[REDACTED]@db.example:8123/');
    expect(redact('hf_abcdefghijklmnopqrstu')).toBe('[REDACTED]');
  });
});

import { describe, expect, it } from 'vitest';
import { readFault, statusError } from '../../../app/uem/api-fault';
import { parseJsonBody } from '../../../app/uem/json-body';

const body = (value: unknown) => Buffer.from(JSON.stringify(value));
const context = { what: 'GET /api/system/info', secrets: ['hunter22', 'TenantKeyABC'] };

describe('readFault', () => {
  it('reads BaseExceptionModel in camelCase and in PascalCase', () => {
    expect(readFault(body({ errorCode: 1013, message: 'Tenant code missing', activityId: 'a-1' }))).toEqual({
      errorCode: 1013,
      message: 'Tenant code missing',
      activityId: 'a-1',
    });
    expect(readFault(body({ ErrorCode: '1011', Message: 'No permission', ActivityId: 'b-2' }))).toEqual({
      errorCode: 1011,
      message: 'No permission',
      activityId: 'b-2',
    });
  });

  it('gives null for HTML, arrays and garbage, and ignores fields of the wrong type', () => {
    expect(readFault(Buffer.from('<!DOCTYPE html><html></html>'))).toBeNull();
    expect(readFault(body([1, 2]))).toBeNull();
    expect(readFault(Buffer.from([0xff, 0xfe, 0x00]))).toBeNull();
    expect(readFault(body({ errorCode: { x: 1 }, message: 42 }))).toEqual({ errorCode: null, message: null, activityId: null });
  });
});

describe('statusError', () => {
  it.each([
    [401, { errorCode: 1005, message: 'User credentials are invalid' }, 'uem.unauthorized'],
    [401, { errorCode: 5036, message: 'API key missing in request' }, 'uem.tenant-code'],
    [403, { errorCode: 1013, message: 'Tenant code provided does not identify an Organization Group' }, 'uem.tenant-code'],
    [403, { errorCode: 1030, message: 'different hierarchy' }, 'uem.tenant-code'],
    [403, { errorCode: 1014, message: 'Rest API access is disabled' }, 'uem.api-disabled'],
    [403, { errorCode: 1011, message: 'User does not have permission' }, 'uem.forbidden'],
    [404, null, 'uem.not-found'],
    [429, { errorCode: 0, message: 'slow down' }, 'uem.rate-limited'],
    [500, { errorCode: 0, message: 'boom' }, 'uem.server-error'],
    [418, null, 'uem.http-status'],
  ])('HTTP %i with %j is %s', (status, fault, code) => {
    const error = statusError(status, fault === null ? Buffer.from('<html>404</html>') : body(fault), {}, context);
    expect(error.code).toBe(code);
    expect(error.remedy).toBeTruthy();
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.evidence[0]).toContain('GET /api/system/info');
  });

  it('does not follow a redirect, and says where it pointed', () => {
    const error = statusError(302, Buffer.alloc(0), { location: 'https://cn1506.awmdm.com/AirWatch/Login?token=TenantKeyABC' }, context);
    expect(error.code).toBe('uem.redirect');
    expect(error.message).toContain('https://cn1506.awmdm.com/AirWatch/Login');
    expect(error.message).not.toContain('TenantKeyABC');
  });

  it('keeps the ids support asks for, and removes secrets a server echoes', () => {
    const error = statusError(
      401,
      body({ errorCode: 1005, message: 'bad password hunter22 for TenantKeyABC', activityId: 'act-9' }),
      { 'x-correlation-id': 'corr-7' },
      context,
    );
    expect(error.message).toContain('activityId act-9');
    expect(error.message).toContain('x-correlation-id corr-7');
    expect(error.message).not.toMatch(/hunter22|TenantKeyABC/);
    expect(error.message).toContain('[redacted]');
  });

  it('cuts long server messages and strips control characters', () => {
    const error = statusError(500, body({ message: `line1\r\n\u001b[31m${'x'.repeat(5000)}` }), {}, context);
    expect(error.message.length).toBeLessThan(600);
    expect([...error.message].filter((c) => c.charCodeAt(0) < 32)).toEqual([]);
  });
});

describe('parseJsonBody', () => {
  it('parses JSON with a byte order mark', () => {
    expect(parseJsonBody(Buffer.from('\uFEFF{"a":1}'), 'x')).toEqual({ ok: true, value: { a: 1 } });
  });

  it.each([
    ['', 'uem.malformed'],
    ['   ', 'uem.malformed'],
    ['<!DOCTYPE html><title>Sign in</title>', 'uem.not-json'],
    ['<?xml version="1.0"?><AirWatchFaultContract/>', 'uem.not-json'],
    ['{"a":', 'uem.malformed'],
    ['NaN', 'uem.malformed'],
  ])('turns %j into %s', (text, code) => {
    const result = parseJsonBody(Buffer.from(text), 'GET /api/system/info');
    expect(!result.ok && result.error.code).toBe(code);
  });

  it('survives deeply nested input', () => {
    const result = parseJsonBody(Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), 'x');
    expect(typeof result.ok).toBe('boolean');
  });
});

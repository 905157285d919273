import { describe, expect, it } from 'vitest';
import { serverNameOption } from '../../../app/net/server-name';

describe('TLS server name for a pinned connection', () => {
  it('sends the host name, never an address (RFC 6066 section 3)', () => {
    expect(serverNameOption('mail.se.airwlab.com')).toEqual({ servername: 'mail.se.airwlab.com' });
    expect(serverNameOption('127.0.0.1')).toEqual({});
    expect(serverNameOption('::1')).toEqual({});
  });
});

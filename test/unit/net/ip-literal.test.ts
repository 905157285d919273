import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ipVersion } from '../../../app/net/ip-literal';

describe('ipVersion', () => {
  it('answers as net.isIP does, for addresses, names and near misses', () => {
    const samples = [
      '127.0.0.1',
      '10.1.2.53',
      '256.1.1.1',
      '1.2.3',
      '::1',
      'fd00::53',
      '::ffff:10.0.0.1',
      'fe80::1%eth0',
      '[::1]',
      '1::2::3',
      'sedc01.se.airwlab.com',
      'localhost',
      '',
      'a:b',
      '10.0.0.53:5353',
    ];
    for (const s of samples) expect(ipVersion(s), s).toBe(isIP(s));
  });
});

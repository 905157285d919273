import { describe, expect, it } from 'vitest';
import { InvalidCredentialsError, InsufficientAccessError, StrongAuthRequiredError } from 'ldapts';
import { ldapFailure } from '../../../app/ldap/connect';
import { homeDomain } from '../../../app/checks/run/ad-session';
import { emptySettings } from '../../../app/contract/settings';

const endpoint = { host: 'sedc01.se.airwlab.com', address: '127.0.0.11', tlsPort: 636, plainPort: 389 };
const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('ldapFailure', () => {
  it.each([
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ldap.tls-untrusted'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'ldap.tls-untrusted'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'ldap.tls-untrusted'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'ldap.tls-name'],
    ['CERT_HAS_EXPIRED', 'ldap.tls-expired'],
    ['ECONNREFUSED', 'ldap.refused'],
    ['ETIMEDOUT', 'ldap.timeout'],
    ['EPIPE', 'ldap.failed'],
  ])('maps %s to %s, naming the DC and its address', (code, expected) => {
    const f = ldapFailure(withCode(code), endpoint, 'LDAPS to port 636');
    expect(f.error.code).toBe(expected);
    expect(f.error.message).toContain('sedc01.se.airwlab.com (127.0.0.11)');
    expect(f.error.remedy).not.toBe('');
  });

  it('recognises ldapts time-outs by their words and LDAP result codes by their class', () => {
    expect(ldapFailure(new Error('Connection timeout after 5000ms'), endpoint, 'x').error.code).toBe('ldap.timeout');
    expect(ldapFailure(new StrongAuthRequiredError('BindSimple: Transport encryption required.'), endpoint, 'x').error.code).toBe('ldap.strong-auth');
    const access = ldapFailure(new InsufficientAccessError('no'), endpoint, 'x');
    expect(access.error.code).toBe('ldap.result');
    expect(access.error.message).toContain('LDAP result 50');
    expect(ldapFailure(new InvalidCredentialsError('data 52e'), endpoint, 'x').error.code).toBe('ldap.failed');
  });
});

describe('homeDomain', () => {
  it('is the first KCD domain: <dcHost>.<realm lower-case>', () => {
    const s = emptySettings();
    const settings = {
      ...s,
      kcd: {
        ...s.kcd,
        domains: [
          { realm: 'SE.AIRWLAB.COM', dcHost: 'SEDC01' },
          { realm: 'OTHER.COM', dcHost: 'dc9' },
        ],
      },
    };
    expect(homeDomain({ settings })).toEqual({ ok: true, value: { realm: 'SE.AIRWLAB.COM', dnsDomain: 'se.airwlab.com', dcFqdn: 'sedc01.se.airwlab.com' } });
  });

  it('is a typed error when no domain is complete', () => {
    const s = emptySettings();
    expect(homeDomain({ settings: s })).toMatchObject({ ok: false, error: { code: 'ad.no-domain' } });
    expect(homeDomain({ settings: { ...s, kcd: { ...s.kcd, domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: ' ' }] } } })).toMatchObject({
      ok: false,
      error: { code: 'ad.no-domain' },
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  apiUrlProblem,
  dcHostProblem,
  emailPathProblem,
  hostNameProblem,
  mailboxUserProblem,
  oauthTokenUrlProblem,
  portProblem,
  realmProblem,
  samAccountNameProblem,
  targetSpnProblem,
  timeoutProblem,
} from '../../../app/config/field-rules';

describe('realm', () => {
  it('accepts the guide example', () => expect(realmProblem('SE.AIRWLAB.COM')).toBeNull());
  it('asks for upper case and shows the corrected value', () => expect(realmProblem('se.airwlab.com')).toContain('"SE.AIRWLAB.COM"'));
  it('refuses a NetBIOS name', () => expect(realmProblem('SE')).toMatch(/full DNS domain name/));
  it('refuses empty labels and bad characters', () => {
    expect(realmProblem('SE..COM')).toMatch(/empty part/);
    expect(realmProblem('SE_LAB.COM')).toMatch(/only letters, digits and hyphens/);
    expect(realmProblem('-SE.COM')).toMatch(/hyphen/);
  });
  it('requires a value', () => expect(realmProblem('')).toMatch(/required/));
  it('refuses names longer than DNS allows', () => expect(realmProblem(`${'A'.repeat(63)}.`.repeat(4) + 'COM')).toMatch(/253/));
});

describe('DC host name', () => {
  it('accepts a short name', () => expect(dcHostProblem('sedc01')).toBeNull());
  it('asks for the name without the domain, naming it', () => expect(dcHostProblem('sedc01.se.airwlab.com')).toContain('"sedc01"'));
  it('refuses an IP address', () => expect(dcHostProblem('10.1.2.3')).toMatch(/not an IP address/));
});

describe('target SPN', () => {
  it('accepts short and FQDN forms', () => {
    expect(targetSpnProblem('HTTP/semail01')).toBeNull();
    expect(targetSpnProblem('HTTP/semail01.se.airwlab.com')).toBeNull();
  });
  it('explains each wrong form with the corrected value', () => {
    expect(targetSpnProblem('semail01')).toContain('HTTP/semail01');
    expect(targetSpnProblem('http/semail01:443')).toContain('"HTTP/semail01"');
    expect(targetSpnProblem('HOST/semail01')).toMatch(/service class is HTTP/);
    expect(targetSpnProblem('HTTP/semail01@SE.AIRWLAB.COM')).toMatch(/realm/);
    expect(targetSpnProblem('HTTP/semail01:443')).toMatch(/port/);
    expect(targetSpnProblem('HTTP/a/b')).toMatch(/exactly one slash/);
    expect(targetSpnProblem('HTTP/sem ail')).toMatch(/spaces/);
  });
});

describe('sAMAccountName', () => {
  it('accepts the guide example', () => expect(samAccountNameProblem('aw_KCDsvc')).toBeNull());
  it('refuses DOMAIN\\user and UPN forms, naming the right value', () => {
    expect(samAccountNameProblem('SE\\aw_KCDsvc')).toContain('"aw_KCDsvc"');
    expect(samAccountNameProblem('aw_KCDsvc@se.airwlab.com')).toContain('"aw_KCDsvc"');
  });
  it('enforces the 20-character limit and forbidden characters', () => {
    expect(samAccountNameProblem('a'.repeat(21))).toMatch(/at most 20/);
    for (const ch of ['"', '/', '[', ']', ':', ';', '|', '=', ',', '+', '*', '?', '<', '>']) {
      expect(samAccountNameProblem(`svc${ch}x`), ch).toMatch(/must not contain the character/);
    }
    expect(samAccountNameProblem('svc\u0001')).toMatch(/control/);
    expect(samAccountNameProblem('...')).toMatch(/dots and spaces/);
  });
});

describe('hosts, ports, URLs, paths', () => {
  it('host names', () => {
    expect(hostNameProblem('semail01.se.airwlab.com', 'Host')).toBeNull();
    expect(hostNameProblem('10.0.0.1', 'Host')).toBeNull();
    expect(hostNameProblem('https://semail01', 'Host')).toMatch(/without "https:\/\/"/);
    expect(hostNameProblem('semail01:443', 'Host')).toMatch(/port/);
  });
  it('ports', () => {
    expect(portProblem(443)).toBeNull();
    expect(portProblem(0)).toMatch(/1 to 65535/);
    expect(portProblem(65536)).toMatch(/1 to 65535/);
    expect(portProblem(44.5)).toMatch(/whole number/);
  });
  it('API URL', () => {
    expect(apiUrlProblem('https://as1506.awmdm.com')).toBeNull();
    expect(apiUrlProblem('http://as1506.awmdm.com')).toMatch(/https/);
    expect(apiUrlProblem('as1506')).toMatch(/not a URL/);
    expect(apiUrlProblem('https://u:p@as1506.awmdm.com')).toMatch(/user name or password/);
    expect(apiUrlProblem('https://as1506.awmdm.com/api')).toContain('"https://as1506.awmdm.com"');
  });
  it('ActiveSync path and mailbox', () => {
    expect(emailPathProblem('/Microsoft-Server-ActiveSync')).toBeNull();
    expect(emailPathProblem('Microsoft-Server-ActiveSync')).toMatch(/start with/);
    expect(mailboxUserProblem('alice@se.airwlab.com')).toBeNull();
    expect(mailboxUserProblem('SE\\alice')).toBeNull();
    expect(mailboxUserProblem('a@b@c')).toMatch(/not a valid/);
  });
  it('timeouts', () => {
    expect(timeoutProblem(5000)).toBeNull();
    expect(timeoutProblem(10)).toMatch(/100 to 120000/);
  });
});

describe('OAuth token URL', () => {
  it('accepts the token service of a region', () => expect(oauthTokenUrlProblem('https://na.uemauth.workspaceone.com/connect/token')).toBeNull());
  it('explains each wrong form', () => {
    expect(oauthTokenUrlProblem('')).toMatch(/required/);
    expect(oauthTokenUrlProblem('na.uemauth.workspaceone.com')).toMatch(/not a URL/);
    expect(oauthTokenUrlProblem('http://na.uemauth.workspaceone.com/connect/token')).toMatch(/https/);
    expect(oauthTokenUrlProblem('https://na.uemauth.workspaceone.com/')).toContain('https://na.uemauth.workspaceone.com/connect/token');
  });
});

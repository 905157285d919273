import { describe, expect, it } from 'vitest';
import { forwardable, serviceText, ticketEvidence, ticketFacts, type TicketFacts } from '../../../../app/checks/krb/ticket-facts';
import { credentialFrom } from '../../../../app/kerberos/client/credential';
import { KEY_USAGE, MSG_TYPE } from '../../../../app/kerberos/constants';
import { encType } from '../../../../app/kerberos/crypto/registry';
import { parseEncKdcRepPart } from '../../../../app/kerberos/messages/enc-kdc-rep-part';
import { parseKdcRep } from '../../../../app/kerberos/messages/kdc-rep';
import { recorded, recordingLab } from '../../kerberos/kdc-recordings';

/** The TGT Samba issued to our client in the lab, as our client holds it (session key included). */
function recordedTgt() {
  const lab = recordingLab();
  const rep = parseKdcRep(recorded('seg-as-preauth', 'reply'), MSG_TYPE.AS_REP);
  const aes = encType(rep.encPart.etype);
  const key = aes.stringToKey(lab.servicePassword, `${lab.realm}${lab.serviceAccount}`);
  const part = parseEncKdcRepPart(aes.decrypt(key, KEY_USAGE.AS_REP_ENC_PART, rep.encPart.cipher));
  return credentialFrom(rep.crealm, rep.cname, rep.ticket, part, { host: 'sedc01.se.airwlab.com', address: '127.0.42.1', port: 88 });
}

describe('ticket facts', () => {
  it("keep the names, etypes, flags and times of a real TGT, and neither its session key nor the ticket's bytes", () => {
    const tgt = recordedTgt();
    const facts = ticketFacts(tgt);
    expect(facts).toMatchObject({
      client: 'aw_KCDsvc@SE.AIRWLAB.COM',
      service: 'krbtgt/SE.AIRWLAB.COM',
      serviceRealm: 'SE.AIRWLAB.COM',
      ticketEtype: 18,
      ticketKvno: 1,
      sessionKeyEtype: 18,
    });
    expect(forwardable(facts)).toBe(true);
    const json = JSON.stringify(facts);
    expect(json).not.toContain(Buffer.from(tgt.sessionKey.value).toString('hex'));
    expect(json).not.toContain(Buffer.from(tgt.sessionKey.value).toString('base64'));
    expect(Object.keys(facts).sort()).toEqual([
      'client',
      'flags',
      'kdc',
      'service',
      'serviceRealm',
      'sessionKeyEtype',
      'ticketEtype',
      'ticketKvno',
      'validFrom',
      'validTo',
    ]);
  });

  it('show as evidence lines', () => {
    const facts = ticketFacts(recordedTgt());
    expect(serviceText(facts)).toBe('krbtgt/SE.AIRWLAB.COM@SE.AIRWLAB.COM');
    expect(ticketEvidence(facts)).toEqual([
      'client: aw_KCDsvc@SE.AIRWLAB.COM',
      'service: krbtgt/SE.AIRWLAB.COM@SE.AIRWLAB.COM',
      'ticket etype: aes256-cts-hmac-sha1-96 (kvno 1)',
      'session key etype: aes256-cts-hmac-sha1-96',
      expect.stringMatching(/^flags: FR?IA.* \(forwardable, .*initial, pre-authent/),
      `valid: ${facts.validFrom} to ${facts.validTo}`,
      'KDC: sedc01.se.airwlab.com (127.0.42.1:88, TCP)',
    ]);
  });

  it('say "none" for a ticket without flags and leave out a kvno the KDC did not send', () => {
    const { ticketKvno: _dropped, ...bare }: TicketFacts = { ...ticketFacts(recordedTgt()), flags: 0 };
    const lines = ticketEvidence(bare);
    expect(lines).toContain('ticket etype: aes256-cts-hmac-sha1-96');
    expect(lines).toContain('flags:  (none)');
    expect(forwardable(bare)).toBe(false);
  });
});

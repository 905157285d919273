import { Secret } from './app/config/secrets';
import { getTgt } from './app/kerberos/client/as-exchange';
import { s4u2proxy, s4u2self } from './app/kerberos/client/s4u';
import { tgsExchange } from './app/kerberos/client/tgs-exchange';
import { principalText } from './app/kerberos/messages/principal';
import { ticketFlagLetters } from './app/kerberos/messages/flags';
const A = { host: 'kdc.alpha.mit', address: '127.0.92.1', port: 88 };
const B = { host: 'kdc.beta.mit', address: '127.0.92.2', port: 88 };
const o = { timeoutMs: 5000 };
const show = (c: any) => `${principalText(c.cname, c.crealm)} -> ${principalText(c.sname, c.srealm)} [${ticketFlagLetters(c.flags)}]`;
async function main() {
  const as = await getTgt({ kdc: A, realm: 'ALPHA.MIT', user: 'aw_KCDsvc', password: new Secret('Passw0rd!MitKcd1'), ...o });
  if (!as.ok) throw new Error(as.error.message);
  const tgt = as.value.credential; console.log('1', show(tgt));
  const x = await tgsExchange({ tgt, sname: { nameType: 2, nameString: ['krbtgt', 'BETA.MIT'] }, kdcOptions: [1, 8, 15], etypes: [18, 17], stage: 'tgs', ...o });
  if (!x.ok) throw new Error(x.error.message);
  console.log('2', show(x.value.credential));
  const h1 = await s4u2self({ tgt: x.value.credential, user: { name: { nameType: 1, nameString: ['bob'] }, realm: 'BETA.MIT' }, hop: { sname: { nameType: 10, nameString: ['aw_KCDsvc@ALPHA.MIT'] }, realm: 'BETA.MIT', kdc: B }, ...o });
  if (!h1.ok) throw new Error(h1.error.code + ' ' + h1.error.message);
  console.log('3', show(h1.value.credential));
  const h2 = await s4u2self({ tgt: h1.value.credential, user: { name: { nameType: 1, nameString: ['bob'] }, realm: 'BETA.MIT' }, hop: { sname: { nameType: 1, nameString: ['aw_KCDsvc'] }, realm: 'ALPHA.MIT', kdc: A }, ...o });
  if (!h2.ok) throw new Error(h2.error.code + ' ' + h2.error.message);
  console.log('4', show(h2.value.credential));
  const p = await s4u2proxy({ tgt, evidence: h2.value.credential, targetSpn: { nameType: 2, nameString: ['HTTP', 'mail.alpha.mit'] }, ...o });
  if (!p.ok) throw new Error(p.error.code + ' ' + p.error.message);
  console.log('5', show(p.value.credential));
}
main().then(() => process.exit(0), (e) => { console.error(String(e)); process.exit(1); });

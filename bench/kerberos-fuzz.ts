/**
 * Fuzzes every Kerberos/SPNEGO decoder with 10^5 mutations of a valid message each
 * (`npx tsx bench/kerberos-fuzz.ts [count] [seed]`). A decoder may accept or refuse an input
 * with a typed error; anything else (an exception, a hang) fails the run with the seed to replay.
 */
import { decode } from '../app/kerberos/messages/decode';
import { mutate, prng } from '../test/unit/kerberos/builders';
import { DECODERS } from '../test/unit/kerberos/samples';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? Date.now() % 0x7fffffff);

let failed = false;
console.log(`seed ${seed}, ${count} inputs per decoder`);
console.log('decoder              refused  accepted   µs/input');
for (const [what, valid, parse] of DECODERS) {
  const rnd = prng(seed ^ valid.length);
  let refused = 0;
  let accepted = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const input = mutate(valid, rnd);
    try {
      const r = decode(what, input, parse);
      if (r.ok) accepted++;
      else refused++;
    } catch (e) {
      failed = true;
      console.error(`${what}: input ${i} threw ${String(e)}; input ${Buffer.from(input).toString('hex')}`);
      break;
    }
  }
  const us = Number(process.hrtime.bigint() - start) / 1000 / count;
  console.log(`${what.padEnd(20)} ${String(refused).padStart(7)}  ${String(accepted).padStart(8)}  ${us.toFixed(2).padStart(9)}`);
}
process.exit(failed ? 1 : 0);

// Runs applyIis in a child process and stops, blocked, at one write step so the parent test can SIGKILL it there.
import { applyIis } from '../../../app/configure/iis-configure';
import type { WriteStep } from '../../../app/files/atomic-file';
import { labSettings } from '../configure/helpers';

const [configPath, stopAt] = process.argv.slice(2) as [string, WriteStep];
const sleeper = new Int32Array(new SharedArrayBuffer(4));

void applyIis(
  { role: 'seg', configPath, settings: labSettings() },
  {
    hook: (step) => {
      if (step !== stopAt) return;
      process.stdout.write(`${step}\n`);
      Atomics.wait(sleeper, 0, 0, 30_000);
    },
  },
).then((result) => {
  process.stdout.write(result.ok ? 'finished\n' : `failed ${result.error.code}\n`);
});

// Entry point of the `deployguard` command (dist/cli.js). The commands live in ./cli.
import { KINDS } from './kinds';
import { main } from './cli/main';

// A reader that stops early (`deployguard rules | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

void main(
  process.argv.slice(2),
  {
    cwd: process.cwd(),
    stdout: (t) => process.stdout.write(t),
    drained: () => new Promise((resolve) => process.stdout.once('drain', resolve)),
    stderr: (t) => process.stderr.write(t),
  },
  KINDS,
).then((code) => {
  process.exitCode = code;
});

// DKR027: host or interactive utilities run in RUN.
import { meta, reportAt, runCommands, type DRule } from '../ruleutil';

const TOOLS = new Set(['ssh', 'vim', 'shutdown', 'service', 'ps', 'free', 'top', 'kill', 'mount', 'ifconfig']);

export const DKR027: DRule = {
  meta: meta(
    'DKR027',
    'Host or interactive utility run in RUN',
    'info',
    'no',
    'Commands such as service, shutdown, mount, kill or ssh act on a running system, not on an image layer; in a build they either do nothing useful or signal a design that treats the container as a VM.',
    'hadolint DL3001; KICS "Run Utilities And POSIX Commands"',
  ),
  check(ctx) {
    for (const rc of runCommands(ctx.model)) {
      if (!TOOLS.has(rc.inv.name)) continue;
      const w = rc.inv.nameWord;
      reportAt(ctx, w.start, w.end, `${rc.inv.name} in RUN acts on a running system, not on the image being built`);
    }
  },
};

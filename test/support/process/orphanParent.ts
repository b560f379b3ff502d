// TEST HELPER — stands in for an extension host that started a model server: it starts
// `sleep` in a process group of its own (as LongRunningProcess starts `mlflow models serve`),
// guards it with the real watchProcessGroup, prints the group's pid, and waits to be killed.
// test/unit/extension/orphanWatchdog.test.ts kills it with SIGKILL and expects the group to end.
import { spawn } from 'node:child_process';
import { watchProcessGroup } from '../../../src/extension/shared/process/orphanWatchdog';

const child = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
if (child.pid === undefined) {
  process.exit(1);
}
watchProcessGroup(child.pid, 500);
process.stdout.write(`${String(child.pid)}\n`);
setInterval(() => undefined, 60_000);

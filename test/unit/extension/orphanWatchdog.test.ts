import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const PARENT = path.resolve(__dirname, '../../support/process/orphanParent.ts');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `pid` is gone; the mocha timeout bounds the wait. */
async function gone(pid: number): Promise<void> {
  while (alive(pid)) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('orphan watchdog (model servers do not outlive a host that dies)', function () {
  if (process.platform === 'win32') {
    return;
  }
  this.timeout(30_000);

  it('ends the guarded process group when its parent is SIGKILLed', async () => {
    const parent = spawn(process.execPath, ['-r', 'tsx/cjs', PARENT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (d: Buffer) => {
        resolve(Number(d.toString().trim()));
      });
      parent.once('exit', () => {
        reject(new Error('the parent exited before starting its child'));
      });
    });
    assert.ok(alive(pid), 'the guarded child runs while its parent lives');
    parent.kill('SIGKILL');
    await gone(pid);
    assert.equal(alive(pid), false);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Model servers run in process groups of their own (so Stop ends gunicorn's or uvicorn's
 * workers too), which also means they outlive the extension host when it dies without running
 * `deactivate`: Ctrl+C on code-server, a crash, a SIGKILL. A watchdog is a tiny Node process,
 * also in a group of its own, holding the read end of a pipe whose write end only the extension
 * host has. However the host ends, the OS closes that pipe; the watchdog then ends the group it
 * guards (TERM, then KILL after a grace period). It also exits by itself once the group is gone.
 *
 * It runs with the host's own executable (`ELECTRON_RUN_AS_NODE` makes Electron a plain Node).
 * This file does not import `vscode`, so the unit tier can kill a real parent to test it.
 */
const WATCHDOG_SOURCE = `
const [target, graceMs] = [Number(process.argv[1]), Number(process.argv[2])];
const win = process.platform === 'win32';
const alive = () => { try { process.kill(win ? target : -target, 0); return true; } catch { return false; } };
const end = () => {
  if (win) { require('child_process').spawnSync('taskkill', ['/pid', String(target), '/T', '/F'], { windowsHide: true }); process.exit(0); }
  try { process.kill(-target, 'SIGTERM'); } catch { process.exit(0); }
  setTimeout(() => { try { process.kill(-target, 'SIGKILL'); } catch {} process.exit(0); }, graceMs);
};
process.stdin.on('end', end);
process.stdin.on('error', end);
process.stdin.resume();
setInterval(() => { if (!alive()) process.exit(0); }, 2000);
`;

export interface OrphanWatchdog {
  /** Stop watching (the group ended normally, or was stopped by the extension). */
  dispose(): void;
}

/** Guard the process group led by `pid`: it ends when this process ends, however it ends. */
export function watchProcessGroup(pid: number, graceMs = 3000): OrphanWatchdog {
  let dog: ChildProcess | undefined;
  try {
    dog = spawn(process.execPath, ['-e', WATCHDOG_SOURCE, String(pid), String(graceMs)], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      // its own group: the Ctrl+C that ends the host must not end the watchdog before it acts
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'ignore', 'ignore'],
      windowsHide: true,
    });
    dog.on('error', () => undefined);
    // Neither the watchdog nor its pipe may keep this process alive: it outliving us is the point.
    dog.unref();
    (dog.stdin as (NodeJS.WritableStream & { unref?: () => void }) | null)?.unref?.();
  } catch {
    dog = undefined;
  }
  return {
    dispose: () => {
      dog?.kill();
      dog = undefined;
    },
  };
}

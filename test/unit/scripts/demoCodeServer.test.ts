import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'demoCodeServer.sh');
// What the wrapper tools/code-server/code-server starts (installed by tools/code-server/install.sh).
const CODE_SERVER = path.join(
  ROOT,
  'tools',
  'code-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => {
        resolve(typeof addr === 'object' && addr ? addr.port : 0);
      });
    });
  });
}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

describe("the demo's code-server (scripts/demoCodeServer.sh)", function () {
  this.timeout(90_000);

  it('keeps its config.yaml, logs and user data in the demo folder and writes nothing in the home', async function () {
    if (!fs.existsSync(CODE_SERVER)) {
      this.skip(); // code-server is installed by tools/code-server/install.sh (scripts/setup.sh)
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlflow-demo-home-'));
    const home = path.join(tmp, 'home');
    const work = path.join(tmp, 'work');
    fs.mkdirSync(home);
    fs.mkdirSync(work);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, PORT: String(port) };
    // What a user's shell may set: the script must not follow it into their home.
    delete env.XDG_CONFIG_HOME;
    delete env.XDG_DATA_HOME;
    delete env.CODE_SERVER_CONFIG;
    const child = spawn('bash', [SCRIPT, work], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const up = await fetch(`http://127.0.0.1:${String(port)}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) {
          break;
        }
        if (child.exitCode !== null || Date.now() > deadline) {
          assert.fail(`code-server did not answer /healthz: ${log}`);
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    } finally {
      if (child.pid !== undefined) {
        process.kill(-child.pid, 'SIGTERM');
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    try {
      assert.deepEqual(filesUnder(home), [], 'nothing under the home folder');
      const written = filesUnder(work);
      assert.ok(written.includes('code-server.yaml'), written.join(', '));
      assert.ok(
        written.some((f) => f.startsWith(path.join('xdg-data', 'code-server'))),
        written.join(', '),
      );
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

import * as assert from 'node:assert/strict';
import type { CliInvocation } from '../../../../src/core/cli/cliInvocation';
import {
  buildDeployCommand,
  buildDeploymentGetCommand,
  parseDeployConfig,
} from '../../../../src/core/cli/deployCommand';
import {
  buildDockerCommand,
  buildGenerateDockerfileCommand,
  buildPredictCommand,
} from '../../../../src/core/cli/modelCommands';
import { buildServeCommand } from '../../../../src/core/cli/serveCommand';

/** Shell metacharacters, option smuggling, control characters and sheer size. */
const PAYLOADS = [
  '; touch x',
  '$(touch x)',
  '`touch x`',
  'a\nb',
  '-x',
  '--host=0.0.0.0',
  '|| rm -rf ~',
  'a'.repeat(10 * 1024),
];

/** The option names each builder itself puts on the line; anything else starting with "-" was smuggled in. */
const OWN_FLAGS = new Set([
  '-m',
  '--env-manager',
  '-h',
  '-p',
  '-w',
  '-i',
  '-t',
  '-o',
  '-d',
  '-n',
  '--name',
  '-C',
]);

/**
 * Either the builder refuses the value, or the value reaches argv as exactly one literal
 * argument (argv arrays are never given to a shell, so metacharacters are inert), and no
 * argument the caller supplied can be read as an option.
 */
function refusedOrLiteral(
  build: () => CliInvocation,
  value: string,
  expectArg: (v: string) => string = (v) => v,
): void {
  let inv: CliInvocation;
  try {
    inv = build();
  } catch (e) {
    assert.ok(e instanceof Error && e.message.length > 0);
    return;
  }
  assert.equal(inv.command, 'python3');
  const carrying = inv.args.filter((a) => a.includes(value));
  assert.deepEqual(
    carrying,
    [expectArg(value)],
    `one literal argument for ${JSON.stringify(value.slice(0, 30))}`,
  );
  inv.args.forEach((a, i) => {
    if (a.startsWith('-') && i > 1) {
      assert.ok(OWN_FLAGS.has(a), `no smuggled option: ${a.slice(0, 30)}`);
    }
  });
  assert.ok(
    !Object.values(inv.env).some((v) => v.includes(value)),
    'nothing of it in the environment either',
  );
}

const base = { python: 'python3', envManager: 'local' as const };
const localModel = (v: string): string => `/models/${v}`;

describe('argv injection across the serve, predict, docker and deploy builders', () => {
  for (const p of PAYLOADS) {
    const label = JSON.stringify(p.length > 30 ? `${p.slice(0, 10)}… (${String(p.length)} chars)` : p);

    it(`model URIs: ${label}`, () => {
      for (const uri of [p, `runs:/${p}/model`, `models:/${p}`, `models:/iris@${p}`, localModel(p)]) {
        refusedOrLiteral(() => buildServeCommand({ ...base, modelUri: uri, port: 5001 }), uri);
        refusedOrLiteral(
          () =>
            buildPredictCommand({
              ...base,
              modelUri: uri,
              inputPath: '/tmp/in.json',
              contentType: 'json',
              outputPath: '/tmp/out.json',
            }),
          uri,
        );
        refusedOrLiteral(
          () => buildGenerateDockerfileCommand({ ...base, modelUri: uri, outputDir: '/tmp/out' }),
          uri,
        );
        refusedOrLiteral(() => buildDockerCommand({ ...base, modelUri: uri, imageName: 'img' }), uri);
        refusedOrLiteral(
          () =>
            buildDeployCommand({
              python: 'python3',
              action: 'create',
              target: 'sagemaker',
              installedTargets: ['sagemaker'],
              name: 'n',
              modelUri: uri,
              config: [],
            }),
          uri,
        );
      }
      assert.throws(
        () => buildServeCommand({ ...base, modelUri: p, port: 5001 }),
        'a bare payload is never a model URI',
      );
    });

    it(`paths, names, targets and settings: ${label}`, () => {
      refusedOrLiteral(
        () =>
          buildPredictCommand({
            ...base,
            modelUri: '/m',
            inputPath: p,
            contentType: 'json',
            outputPath: '/tmp/o',
          }),
        p,
      );
      refusedOrLiteral(
        () =>
          buildPredictCommand({
            ...base,
            modelUri: '/m',
            inputPath: `/tmp/${p}`,
            contentType: 'json',
            outputPath: '/tmp/o',
          }),
        `/tmp/${p}`,
      );
      refusedOrLiteral(() => buildGenerateDockerfileCommand({ ...base, modelUri: '/m', outputDir: p }), p);
      refusedOrLiteral(() => buildDockerCommand({ ...base, modelUri: '/m', imageName: p }), p);
      const deploy = {
        python: 'python3',
        action: 'create' as const,
        target: 'sagemaker',
        installedTargets: ['sagemaker'],
        name: 'n',
        modelUri: '/m',
        config: [] as [string, string][],
      };
      refusedOrLiteral(() => buildDeployCommand({ ...deploy, name: p }), p);
      refusedOrLiteral(
        () => buildDeployCommand({ ...deploy, target: p, installedTargets: ['sagemaker', p] }),
        p,
      );
      refusedOrLiteral(() => buildDeployCommand({ ...deploy, target: `sagemaker:/${p}` }), `sagemaker:/${p}`);
      refusedOrLiteral(() => buildDeploymentGetCommand({ ...deploy, name: p }), p);
      // a setting's value travels as one "key=value" argument after -C
      refusedOrLiteral(
        () => buildDeployCommand({ ...deploy, config: [['region', p]] }),
        p,
        (v) => `region=${v}`,
      );
      const parsed = parseDeployConfig(`region=${p}`);
      assert.ok(
        !parsed.ok || parsed.pairs.every(([k, v]) => k === 'region' && !v.includes('\n')),
        'settings never carry a newline into argv',
      );
    });
  }

  it('refuses the leading "-" in every user-supplied value that could be read as an option', () => {
    assert.throws(
      () => buildServeCommand({ ...base, modelUri: '-h0.0.0.0', port: 5001 }),
      /cannot start with "-"/,
    );
    assert.throws(() => buildDockerCommand({ ...base, modelUri: '/m', imageName: '-n' }));
    assert.throws(() =>
      buildDeployCommand({
        python: 'python3',
        action: 'create',
        target: 'sagemaker',
        installedTargets: ['sagemaker'],
        name: '--name',
        modelUri: '/m',
        config: [],
      }),
    );
    assert.throws(
      () =>
        buildPredictCommand({
          ...base,
          modelUri: '/m',
          inputPath: '-i',
          contentType: 'json',
          outputPath: '/tmp/o',
        }),
      /absolute path/,
    );
    assert.throws(() => buildServeCommand({ ...base, modelUri: '/m', port: 80 }), /not a usable port/);
    assert.throws(
      () => buildServeCommand({ ...base, modelUri: '/m', port: Number.NaN }),
      /not a usable port/,
    );
  });
});

import { getPair } from '../yaml/yamlAst';
import { parseYaml } from '../yaml/parseYaml';

/** Conda pins one `=`, pip two: `pip=23.0` becomes `pip==23.0`. */
function condaToPip(spec: string): string {
  return spec.replace(/^([A-Za-z0-9_.-]+)=(?!=)/, '$1==');
}

/**
 * Write the python_env.yaml (used by MLflow's virtualenv and uv environment managers) equivalent
 * to a conda.yaml: the Python version, pip as a build dependency, and the pip requirements.
 * Returns undefined when the conda file does not say which Python it needs.
 */
export function pythonEnvFromConda(condaText: string): string | undefined {
  const root = parseYaml(condaText).root;
  const dependencies = root?.kind === 'map' ? getPair(root, 'dependencies')?.value : undefined;
  if (dependencies?.kind !== 'seq') {
    return undefined;
  }
  let python: string | undefined;
  const build: string[] = [];
  const pip: string[] = [];
  for (const item of dependencies.items) {
    if (item.kind === 'scalar') {
      const spec = item.text.trim();
      const pythonPin = /^python\s*[=<>~!]=?\s*([0-9][0-9.]*)/.exec(spec);
      if (pythonPin) {
        python = pythonPin[1];
      } else if (/^pip\b/.test(spec)) {
        build.push(condaToPip(spec));
      }
    } else if (item.kind === 'map') {
      const list = getPair(item, 'pip')?.value;
      if (list?.kind === 'seq') {
        pip.push(...list.items.flatMap((p) => (p.kind === 'scalar' ? [p.text] : [])));
      }
    }
  }
  if (python === undefined) {
    return undefined;
  }
  const quote = (s: string): string =>
    /^[-\w.=<>!~,[\] ]+$/.test(s) && !/^[-?]\s/.test(s) ? s : JSON.stringify(s);
  const lines = [
    `python: ${python}`,
    'build_dependencies:',
    ...(build.length > 0 ? build : ['pip']).map((b) => `- ${quote(b)}`),
    '- setuptools',
    '- wheel',
  ];
  lines.push(
    ...(pip.length > 0 ? ['dependencies:', ...pip.map((p) => `- ${quote(p)}`)] : ['dependencies: []']),
  );
  return `${lines.join('\n')}\n`;
}

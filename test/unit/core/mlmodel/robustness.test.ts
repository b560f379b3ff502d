import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { codeActions } from '../../../../src/core/mlmodel/codeActions';
import { complete } from '../../../../src/core/mlmodel/complete';
import { documentSymbols } from '../../../../src/core/mlmodel/documentSymbols';
import { foldingRanges } from '../../../../src/core/mlmodel/foldingRanges';
import { hover } from '../../../../src/core/mlmodel/hover';
import { referencedFiles } from '../../../../src/core/mlmodel/referencedFiles';
import { validate } from '../../../../src/core/mlmodel/validate';
import { recordedMlmodels } from './mlmodelFixtures';

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const ALPHABET = ' \n\t:-[]{}"\'\\#&*!|>,?%@`abc019';

describe('language service on damaged files (the editor sees every half-typed state)', () => {
  it('never throws and keeps every range inside the text, over 300 random edits of real files', () => {
    const next = random(42);
    const bases = recordedMlmodels().map((f) => fs.readFileSync(f, 'utf8'));
    let withFindings = 0;
    for (let i = 0; i < 300; i++) {
      let text = bases[i % bases.length] ?? '';
      for (let k = 0; k < 1 + Math.floor(next() * 4); k++) {
        const at = Math.floor(next() * text.length);
        text =
          next() < 0.4
            ? text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 5))
            : text.slice(0, at) + (ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '') + text.slice(at);
      }
      const offset = Math.floor(next() * (text.length + 1));
      const lines = text.split('\n');
      const diagnostics = validate(text);
      withFindings += diagnostics.length > 0 ? 1 : 0;
      for (const d of diagnostics) {
        const { start, end } = d.range;
        assert.ok(
          start.line < end.line || (start.line === end.line && start.character <= end.character),
          JSON.stringify(d),
        );
        assert.ok(
          end.line < lines.length && end.character <= (lines[end.line] ?? '').length,
          JSON.stringify(d),
        );
      }
      codeActions(text, diagnostics);
      complete(text, offset);
      hover(text, offset);
      documentSymbols(text);
      foldingRanges(text);
      referencedFiles(text);
    }
    assert.ok(withFindings > 75, `only ${withFindings} damaged files had findings`);
  });
});

// The README's scrape configs are the files the preset tests run (examples/prometheus/*/prometheus.yml), verbatim.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/providers/prometheus/presets/index.js';

const readme = readFileSync('README.md', 'utf8');

describe('README "Connect your cluster"', () => {
  for (const preset of Object.values(PRESETS)) {
    it(`${preset.id}: a section at ${preset.readme} showing ${preset.configs.join(', ')} as it is`, () => {
      const heading = readme.split('\n').find((line) => line.startsWith('### ') && `#${line.slice(4).toLowerCase().replace(/[^a-z0-9 -]/g, '').trim().replace(/ /g, '-')}` === preset.readme);
      expect(heading, `a ### heading whose anchor is ${preset.readme}`).toBeDefined();
      for (const file of preset.configs) {
        const shown = new RegExp(`<!-- file: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} -->\\n\`\`\`yaml\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
        expect(shown, `README shows ${file}`).not.toBeNull();
        expect(shown![1]).toBe(readFileSync(file, 'utf8').trimEnd());
      }
    });
  }
});

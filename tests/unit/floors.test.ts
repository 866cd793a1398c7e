// The floors rule (tools/lint/floors.js) refuses imports that run up DESIGN.md §8's floors.
import path from 'node:path';
import { RuleTester } from 'eslint';
import { describe, expect, it } from 'vitest';
import floors, { assertFloorsAcyclic, FLOORS } from '../../tools/lint/floors.js';

RuleTester.describe = describe;
RuleTester.it = it;
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
const at = (file: string) => path.resolve(import.meta.dirname, '../../src', file);

describe('floors', () => {
  tester.run('floors', floors.rules.floors, {
    valid: [
      { filename: at('core/smc/engine.ts'), code: "import { x } from '../types';" },
      { filename: at('exchanges/binance/klines.ts'), code: "import { x } from '../../core/candles/csv';" },
      { filename: at('popup/Popup.tsx'), code: "import { x } from '../messaging/contract'; import { y } from 'preact';" },
      { filename: at('background/main.ts'), code: "export * from '../market/ccxtCandleSource';" },
      { filename: at('overlay/paint/registry.ts'), code: "const m = import.meta.glob(['./layers/*.ts', '!./layers/x.ts'], { eager: true });" },
    ],
    invalid: [
      // The five that ran up before the house issue, and the three UI-to-background reaches.
      { filename: at('core/types.ts'), code: "import { x } from '../exchanges/ids';", errors: [{ messageId: 'up' }] },
      { filename: at('core/heatmap/skill.ts'), code: "import { x } from '../../messaging/validate';", errors: [{ messageId: 'up' }] },
      { filename: at('messaging/protocol.ts'), code: "import { x } from '../analysis/api';", errors: [{ messageId: 'up' }] },
      { filename: at('messaging/validateBridge.ts'), code: "export { x } from '../bridge/channel';", errors: [{ messageId: 'up' }] },
      { filename: at('options/HeatmapModelSection.tsx'), code: "import { x } from '../popup/layerSwitches';", errors: [{ messageId: 'up' }] },
      { filename: at('options/ClearDataControl.tsx'), code: "import { x } from '../background/clearData';", errors: [{ messageId: 'up' }] },
      { filename: at('cli/recorder.ts'), code: "const m = import('../background/ccxtCandleSource');", errors: [{ messageId: 'up' }] },
      { filename: at('content/main.tsx'), code: "import { x } from '../market/history';", errors: [{ messageId: 'up' }] },
      // A folder of modules gathered by Vite's glob is imported as much as one module is.
      { filename: at('core/smc/kinds.ts'), code: "const m = import.meta.glob('../../overlay/paint/layers/*.ts', { eager: true });", errors: [{ messageId: 'up' }] },
      { filename: at('popup/x.ts'), code: "import { x } from '../../tools/repoRoot';", errors: [{ messageId: 'outside' }] },
      { filename: at('newFolder/x.ts'), code: "import { x } from '../core/types';", errors: [{ messageId: 'unknown' }] },
    ],
  });

  it('allow no loop between folders', () => {
    expect(() => assertFloorsAcyclic(FLOORS)).not.toThrow();
    expect(() => assertFloorsAcyclic({ ...FLOORS, core: ['exchanges'] })).toThrow(/core → exchanges → core/);
  });
});

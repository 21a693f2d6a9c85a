// A store filled from simulated upstreams (the demo) remembers it, so whatever
// is built or reported from it later says the data is simulated.

import type { Config } from './config.ts';
import type { RunSink } from './store/index.ts';

const SOURCE = 'openpulse';
const KEY = 'simulated';

export async function markSimulated(store: Pick<RunSink, 'setState'>): Promise<void> {
  await store.setState(SOURCE, KEY, 'true');
}

/** True when the configuration says so (OPENPULSE_SIMULATED) or the store was filled by the demo. */
export async function isSimulated(store: Pick<RunSink, 'getState'>, config: Pick<Config, 'simulated'>): Promise<boolean> {
  return config.simulated || (await store.getState(SOURCE, KEY)) === 'true';
}

// Small catalogs for tests: two families as the default catalog describes them,
// with whatever subjects a test tracks, written out as catalog YAML.

import { stringify } from 'yaml';

export const LLAMA = { id: 'llama', name: 'LLaMA', vendor: 'Meta', openness: 'open-weights-restricted', region: 'US', licence: { name: 'Llama', commercial_use: 'limited' } };
export const GPT4 = { id: 'gpt', name: 'GPT-4', vendor: 'OpenAI', openness: 'closed', region: 'US', licence: { name: 'Proprietary', commercial_use: 'API only' } };

/** A catalog file's text with these families (each a base above plus its subjects). */
export function catalogYaml(...families: object[]): string {
  return stringify({ families, leaderboard_licences: { closed: ['Proprietary'] } });
}

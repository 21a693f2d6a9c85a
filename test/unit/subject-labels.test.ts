// A family chart's lines are told apart by name: two subjects of one name (an npm and a PyPI
// package both called "openai") each say their registry.
import { describe, expect, it } from 'vitest';
import { subjectLabels } from '../../site/lib/site-charts.ts';

describe('subjectLabels', () => {
  it('names a subject without its kind prefix where no other drawn subject shares the name', () => {
    expect([...subjectLabels(['npm:openai', 'pypi:tiktoken', 'repo:meta-llama/llama'])]).toEqual([
      ['npm:openai', 'openai'],
      ['pypi:tiktoken', 'tiktoken'],
      ['repo:meta-llama/llama', 'meta-llama/llama'],
    ]);
  });

  it("adds the registry's name to each of two subjects that share a name", () => {
    expect([...subjectLabels(['npm:openai', 'pypi:tiktoken', 'pypi:openai', 'npm:@anthropic-ai/sdk'])]).toEqual([
      ['npm:openai', 'openai (npm)'],
      ['pypi:tiktoken', 'tiktoken'],
      ['pypi:openai', 'openai (PyPI)'],
      ['npm:@anthropic-ai/sdk', '@anthropic-ai/sdk'],
    ]);
  });
});

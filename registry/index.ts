// One registry for each vocabulary: metrics, sources, openness classes.
// Imports nothing of the project, so collector/, queries/, charts/ and site/ may all read it.

export * from './metrics.ts';
export * from './sources.ts';
export * from './openness.ts';

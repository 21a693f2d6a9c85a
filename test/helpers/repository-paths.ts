// What a report or page handed to readers must not print: paths into the
// OpenPulse repository (a project folder and a slash, or a source, query, note or
// catalog file). Links to other sites stay: an upstream's documentation may be a .md page.

const REPOSITORY_PATH = /(?<![\w.-])(?:collector|queries|simulators|registry|charts|site|test|bench|deploy)\/[\w./-]*|\b[\w-]+\.(?:md|ts|sql|yml|astro)\b/g;

/** The repository paths in a text, each once, links to other sites left out. */
export function repositoryPaths(text: string): string[] {
  return [...new Set(text.replace(/https?:\/\/[^\s"'<>)\]]+/g, '').match(REPOSITORY_PATH) ?? [])];
}

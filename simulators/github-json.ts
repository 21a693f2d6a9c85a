// GitHub REST object shapes (repository, simple user), field for field as api.github.com
// writes them today, with URLs rooted at the simulator's own GitHub base URL.

import type { RepoRecord } from './repositories.ts';
import { hash } from './random.ts';
import type { RepoTruth } from './world.ts';

type Facts = Omit<RepoTruth, 'starDays'>;

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kgDO${Buffer.from(String(id)).toString('base64').replace(/=+$/, '')}`;
}

export function userJson(api: string, login: string, id: number, type: 'User' | 'Organization' = 'User') {
  const url = `${api}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId(type === 'User' ? 'U' : 'O', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function ownerId(seed: number, login: string): number {
  return 1_000_000 + (hash(seed, 'owner-id', login.toLowerCase()) % 180_000_000);
}

/** The fields shared by a repository and a search result item. */
function repoCore(api: string, seed: number, record: RepoRecord, facts: Facts, now: Date) {
  const [owner, name] = facts.fullName.split('/') as [string, string];
  const url = `${api}/repos/${facts.fullName}`;
  const updated = new Date(Math.max(record.createdMs, now.getTime() - (hash(seed, 'updated', record.id) % 86_400) * 1000));
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id: facts.id,
    node_id: nodeId('R', facts.id),
    name,
    full_name: facts.fullName,
    private: false,
    owner: userJson(api, owner, ownerId(seed, owner), record.ownerType),
    html_url: `https://github.com/${facts.fullName}`,
    description: record.description,
    fork: false,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: facts.createdAt,
    updated_at: iso(updated),
    pushed_at: iso(updated),
    git_url: `git://github.com/${facts.fullName}.git`,
    ssh_url: `git@github.com:${facts.fullName}.git`,
    clone_url: `https://github.com/${facts.fullName}.git`,
    svn_url: `https://github.com/${facts.fullName}`,
    homepage: null,
    size: 100 + (hash(seed, 'size', record.id) % 90_000),
    stargazers_count: facts.stars,
    watchers_count: facts.stars,
    language: record.language,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: record.flagship,
    forks_count: facts.forks,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: facts.openIssues,
    license: record.licence ? { ...record.licence, url: `${api}/licenses/${record.licence.key}`, node_id: nodeId('L', hash(0, record.licence.key) % 100) } : null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: record.topics,
    visibility: 'public',
    forks: facts.forks,
    open_issues: facts.openIssues,
    watchers: facts.stars,
    default_branch: 'main',
  };
}

export function searchItemJson(api: string, seed: number, record: RepoRecord, facts: Facts, now: Date, score: number) {
  return { ...repoCore(api, seed, record, facts, now), score };
}

export function repositoryJson(api: string, seed: number, record: RepoRecord, facts: Facts, now: Date, viewer: { authenticated: boolean; admin: boolean }) {
  const core = repoCore(api, seed, record, facts, now);
  return {
    ...core,
    ...(viewer.authenticated
      ? { permissions: { admin: viewer.admin, maintain: viewer.admin, push: viewer.admin, triage: viewer.admin, pull: true } }
      : {}),
    ...(viewer.admin
      ? { allow_squash_merge: true, allow_merge_commit: true, allow_rebase_merge: true, allow_auto_merge: false, delete_branch_on_merge: false, allow_update_branch: false, use_squash_pr_title_as_default: false, temp_clone_token: '' }
      : {}),
    custom_properties: {},
    ...(record.ownerType === 'Organization' ? { organization: core.owner } : {}),
    network_count: facts.forks,
    subscribers_count: facts.watchers,
  };
}

// The Compare page in the browser: the view lives in the URL (so it can be
// shared), the form edits it, and the chart is redrawn from the query's rows.

import { comparePlot, compareSearch, parseCompareState, type ComparedCitation, type CompareState } from '../compare.ts';
import type { CompareSeriesRow, SiteMetric } from '../../../collector/snapshot/site-data.ts';
import { hydrate } from './charts-boot.ts';

export interface CompareConfig {
  defaults: CompareState;
  families: string[];
  subtitles: Record<SiteMetric, string>;
  /** Every family's cited figures on the metrics the page charts (reference_points). */
  cited: ComparedCitation[];
}

/** Shows the items of the cited-figures list that the view draws (the page renders every item; this only hides). */
function showCited(state: CompareState): void {
  let shown = 0;
  for (const row of document.querySelectorAll<HTMLElement>('[data-cited-family]')) {
    const day = row.dataset.citedDay ?? '';
    const inView = state.families.includes(row.dataset.citedFamily ?? '') && row.dataset.citedMetric === state.metric && (!state.from || day >= state.from) && (!state.to || day <= state.to);
    row.hidden = !inView;
    if (inView) shown++;
  }
  const list = document.getElementById('compare-cited-list');
  if (list) list.hidden = shown === 0;
  const none = document.getElementById('compare-cited-none');
  if (none) none.hidden = shown > 0;
  const aligned = document.getElementById('compare-cited-aligned');
  if (aligned) aligned.hidden = !(state.align && shown > 0);
}

export function initCompare(): void {
  const form = document.querySelector<HTMLFormElement>('#compare-form');
  const frame = document.querySelector<HTMLElement>('[data-chart^="compare-"]');
  const configText = document.getElementById('compare-config')?.textContent;
  if (!form || !frame || !configText) return;
  const config = JSON.parse(configText) as CompareConfig;
  const rows = new Map<SiteMetric, Promise<CompareSeriesRow[]>>();
  const load = (metric: SiteMetric) => {
    let promise = rows.get(metric);
    if (!promise) {
      promise = fetch(`/data/site_compare_series-${metric}.json`)
        .then((r) => {
          if (!r.ok) throw new Error(`compare data for ${metric}: ${r.status}`);
          return r.json() as Promise<{ rows: CompareSeriesRow[] }>;
        })
        .then((body) => body.rows);
      rows.set(metric, promise);
    }
    return promise;
  };

  const readForm = (): CompareState => parseCompareState(new URLSearchParams(new FormData(form) as unknown as Record<string, string>), config.defaults, config.families);
  const writeForm = (state: CompareState) => {
    for (const input of form.querySelectorAll<HTMLInputElement>('input')) {
      if (input.name === 'metric') input.checked = input.value === state.metric;
      else if (input.name === 'families' && input.type === 'checkbox') input.checked = state.families.includes(input.value);
      else if (input.name === 'scale') input.checked = input.value === (state.log ? 'log' : 'linear');
      else if (input.name === 'x') input.checked = input.value === (state.align ? 'aligned' : 'calendar');
      else if (input.name === 'from') input.value = state.from;
      else if (input.name === 'to') input.value = state.to;
    }
  };
  const status = document.getElementById('compare-status');
  const downloads = document.querySelectorAll<HTMLAnchorElement>('[data-compare-download]');

  let version = 0;
  const apply = async (state: CompareState) => {
    const mine = ++version;
    history.replaceState(null, '', `${location.pathname}${compareSearch(state)}`);
    for (const a of downloads) a.href = `/data/site_compare_series-${state.metric}.${a.dataset.compareDownload}`;
    if (status) status.textContent = 'Loading…';
    const [live, data] = await Promise.all([hydrate(frame), load(state.metric)]);
    if (mine !== version) return;
    const plot = comparePlot(data, { metric: state.metric, families: state.families, align: state.align, from: state.from, to: state.to, subtitle: config.subtitles[state.metric], cited: config.cited });
    showCited(state);
    live.setLog(state.log);
    live.setPlot(plot);
    frame.dataset.view = compareSearch(state);
    if (status) status.textContent = state.families.length ? `Showing ${plot.series.map((s) => s.name).join(', ') || 'no data for these families'}.` : 'Pick at least one family.';
  };

  const initial = parseCompareState(new URLSearchParams(location.search), config.defaults, config.families);
  writeForm(initial);
  form.querySelector<HTMLElement>('[data-nojs]')?.setAttribute('hidden', '');
  if (location.search) void apply(initial);
  form.addEventListener('change', () => void apply(readForm()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void apply(readForm());
  });
}

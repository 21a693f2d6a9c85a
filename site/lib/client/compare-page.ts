// The Compare page in the browser: the view lives in the URL (so it can be
// shared), the form edits it, and everything about the chart follows it: the
// picture, its heading and caption, the data table and the CSV, JSON and SVG
// downloads, all from one compareView() of the rows drawn. Data comes one file
// per chosen family (/data/compare/<metric>/<family>.json), never every
// family's series at once. What cannot be drawn is said in words.

import { recordsToCsv } from '../../../charts/csv.ts';
import { escapeHtml } from '../../../charts/escape.ts';
import { buildOption, plotSize } from '../../../charts/plot.ts';
import {
  checkCompareState,
  compareFileHref,
  compareFileName,
  compareFileRows,
  compareSearch,
  compareStatus,
  compareView,
  dayReading,
  isBlocking,
  parseCompareState,
  problemText,
  sizeWords,
  type CompareFamily,
  type CompareFamilyFile,
  type ComparedCitation,
  type CompareProblem,
  type CompareState,
  type CompareView,
} from '../compare.ts';
import { formatCount, localHref, translator, type Lang } from '../i18n.ts';
import type { CompareSeriesRow, SiteMetric } from '../../../collector/snapshot/site-data.ts';
import { hydrate } from './charts-boot.ts';

export interface CompareConfig {
  lang: Lang;
  defaults: CompareState;
  /** Every family of the catalog, in catalog order, named in the page's language. */
  families: CompareFamily[];
  subtitles: Record<SiteMetric, string>;
  /** Every family's cited figures on the metrics the page charts (reference_points). */
  cited: ComparedCitation[];
  /** The named query the chart's rows come from, and each metric's result key (its page on /data/). */
  query: string;
  resultKeys: Record<SiteMetric, string>;
  /** Bytes of each metric's whole result as CSV and JSON (the "every family" downloads). */
  fullSizes: Record<SiteMetric, { csv: number; json: number }>;
  generatedAt: string;
  simulated: boolean;
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

/** The chart as a standalone SVG, drawn by ECharts' SVG renderer from the plot on screen (light colours, white ground, titled). */
async function svgOf(view: CompareView, log: boolean): Promise<string> {
  // charts-runtime (loaded before any view is drawn) registered the chart types, components and SVG renderer on echarts/core.
  const { init } = await import('echarts/core');
  const { width, height } = plotSize(view.plot, 'desktop');
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...buildOption(view.plot, { size: 'desktop', interactive: false, yLog: log }), backgroundColor: '#ffffff' });
    const svg = chart.renderToSVGString();
    const open = svg.indexOf('>') + 1;
    const named = `<title id="t">${escapeHtml(view.title)}</title><desc id="d">${escapeHtml(`${view.caption} ${view.plot.subtitle}`)}</desc>`;
    return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.slice(0, open).replace('<svg ', '<svg role="img" aria-labelledby="t d" ')}${named}${svg.slice(open)}`;
  } finally {
    chart.dispose();
  }
}

export function initCompare(): void {
  const form = document.querySelector<HTMLFormElement>('#compare-form');
  const frame = document.querySelector<HTMLElement>('[data-chart^="compare-"]');
  const figure = frame?.closest<HTMLElement>('figure');
  const configText = document.getElementById('compare-config')?.textContent;
  if (!form || !frame || !figure || !configText) return;
  const config = JSON.parse(configText) as CompareConfig;
  const { lang } = config;
  const t = translator(lang);
  const known = config.families.map((f) => f.id);

  // The parts of the chart's figure (components/Chart.astro) that describe the view.
  const heading = figure.querySelector<HTMLElement>('.chart-title');
  const caption = figure.querySelector<HTMLElement>('figcaption');
  const sourceLink = caption?.querySelector<HTMLAnchorElement>('a');
  const tableBox = figure.querySelector<HTMLDetailsElement>('.chart-table');
  const downloads = {
    csv: figure.querySelector<HTMLAnchorElement>('.chart-tools a[href$=".csv"]'),
    json: figure.querySelector<HTMLAnchorElement>('.chart-tools a[href$=".json"]'),
    svg: figure.querySelector<HTMLAnchorElement>('.chart-tools a[href$=".svg"]'),
  };
  const status = document.getElementById('compare-status');
  const problemsBox = document.getElementById('compare-problems');
  const cited = document.getElementById('compare-cited');
  const full = document.querySelectorAll<HTMLAnchorElement>('[data-compare-full]');

  const files = new Map<string, Promise<CompareSeriesRow[]>>();
  const load = (metric: SiteMetric, family: string) => {
    const href = compareFileHref(metric, family);
    let rows = files.get(href);
    if (!rows) {
      rows = fetch(href)
        .then((r) => {
          if (!r.ok) throw new Error(`${href}: HTTP ${r.status}`);
          return r.json() as Promise<CompareFamilyFile>;
        })
        .then(compareFileRows);
      files.set(href, rows);
      rows.catch(() => files.delete(href));
    }
    return rows;
  };

  const readForm = (): CompareState => parseCompareState(new URLSearchParams(new FormData(form) as unknown as Record<string, string>), config.defaults, known).state;
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

  // Each date field's date in the page's language, under the field (the browser writes the field in its own).
  const readings = form.querySelectorAll<HTMLElement>('[data-day-reading]');
  const showDays = (state: CompareState) => {
    for (const reading of readings) {
      const field = reading.dataset.dayReading === 'to' ? 'to' : 'from';
      reading.textContent = dayReading(field, state[field], lang);
      reading.hidden = false;
    }
  };

  const showProblems = (problems: CompareProblem[], state: CompareState) => {
    const inverted = problems.some((p) => p.kind === 'inverted-range');
    for (const input of form.querySelectorAll<HTMLInputElement>('input[type="date"]')) {
      if (inverted) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    if (!problemsBox) return;
    problemsBox.replaceChildren(
      ...problems.map((p) => {
        const line = document.createElement('p');
        line.className = isBlocking(p) ? 'problem problem-error' : 'problem';
        line.dataset.problem = p.kind;
        line.textContent = problemText(p, { lang, state, families: config.families });
        return line;
      }),
    );
    problemsBox.hidden = problems.length === 0;
  };

  const fullDownloads = (metric: SiteMetric) => {
    for (const a of full) {
      const format = a.dataset.compareFull as 'csv' | 'json';
      a.href = `/data/${config.resultKeys[metric]}.${format}`;
      const size = a.querySelector('[data-size]');
      if (size) size.textContent = t(` (${sizeWords(config.fullSizes[metric][format])})`, `（${sizeWords(config.fullSizes[metric][format])}）`);
    }
  };

  const writeTable = (view: CompareView) => {
    const table = tableBox?.querySelector('table');
    if (!tableBox || !table) return;
    const count = tableBox.querySelector('summary .muted');
    const n = formatCount(lang, view.table.rows.length);
    // As components/Chart.astro writes it.
    if (count) count.textContent = t(`(${n} rows)`, `(${n} 行)`);
    table.querySelector('caption')!.textContent = view.title;
    const headRow = document.createElement('tr');
    view.table.columns.forEach((c, i) => {
      const th = document.createElement('th');
      th.scope = 'col';
      if (i) th.className = 'num';
      th.textContent = c;
      headRow.append(th);
    });
    table.querySelector('thead')!.replaceChildren(headRow);
    const body = document.createDocumentFragment();
    for (const row of view.table.rows) {
      const tr = document.createElement('tr');
      row.forEach((cell, i) => {
        const el = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) (el as HTMLTableCellElement).scope = 'row';
        el.textContent = cell === null ? '' : String(cell);
        tr.append(el);
      });
      body.append(tr);
    }
    table.querySelector('tbody')!.replaceChildren(body);
  };

  /** The three downloads of a view, made here from its rows and its picture. */
  const makeDownloads = async (state: CompareState, view: CompareView): Promise<Record<'csv' | 'json' | 'svg', Blob>> => {
    const json = {
      chart: 'compare',
      title: view.title,
      caption: view.caption,
      view: `${localHref(lang, '/compare/')}${compareSearch(state)}`,
      generated_at: config.generatedAt,
      simulated: config.simulated,
      source: { query: config.query, params: { metric: state.metric, families: view.drawn, from: view.days?.first ?? null, to: view.days?.last ?? null }, data: `/data/${config.resultKeys[state.metric]}/`, files: view.drawn.map((f) => compareFileHref(state.metric, f)) },
      columns: view.columns,
      rows: view.rows,
    };
    return {
      csv: new Blob([recordsToCsv(view.columns, view.rows)], { type: 'text/csv;charset=utf-8' }),
      json: new Blob([JSON.stringify(json, null, 1)], { type: 'application/json' }),
      svg: new Blob([await svgOf(view, state.log)], { type: 'image/svg+xml' }),
    };
  };
  /** Points the chart's CSV, JSON and SVG links at a view's files, named after the selection. */
  const blobs: string[] = [];
  const linkDownloads = (state: CompareState, view: CompareView, made: Record<'csv' | 'json' | 'svg', Blob>) => {
    for (const url of blobs.splice(0)) URL.revokeObjectURL(url);
    for (const format of ['csv', 'json', 'svg'] as const) {
      const a = downloads[format];
      if (!a) continue;
      const url = URL.createObjectURL(made[format]);
      blobs.push(url);
      a.href = url;
      a.download = compareFileName(state, view, format);
    }
  };

  const describe = (view: CompareView, metric: SiteMetric) => {
    if (heading) heading.textContent = view.title;
    const text = caption?.firstChild;
    if (text?.nodeType === Node.TEXT_NODE) text.nodeValue = t(`${view.caption} Source: `, `${view.caption}来源：`);
    if (sourceLink) sourceLink.href = localHref(lang, `/data/${config.resultKeys[metric]}/`);
    frame.setAttribute('aria-label', `${view.title}. ${view.caption} ${t('The numbers are in the data table below.', '数字见下方数据表。')}`);
    writeTable(view);
  };

  let version = 0;
  const apply = async (state: CompareState, fromAddress: CompareProblem[] = []) => {
    const mine = ++version;
    const search = compareSearch(state);
    history.replaceState(null, '', `${location.pathname}${search}`);
    showDays(state);
    fullDownloads(state.metric);
    const stop = (problems: CompareProblem[]) => {
      showProblems(problems, state);
      figure.hidden = true;
      if (cited) cited.hidden = true;
      if (status) {
        status.textContent = '';
        delete status.dataset.state;
      }
      figure.removeAttribute('aria-busy');
      frame.dataset.view = search;
    };
    const blocking = checkCompareState(state);
    if (blocking.length) return stop([...fromAddress, ...blocking]);

    showProblems(fromAddress, state);
    if (status) {
      status.textContent = t('Loading…', '加载中…');
      delete status.dataset.state;
    }
    figure.setAttribute('aria-busy', 'true');
    // Shown before the chart is drawn, so it is laid out at the frame's real width.
    figure.hidden = false;
    let rows: CompareSeriesRow[][];
    let live: Awaited<ReturnType<typeof hydrate>>;
    try {
      [live, ...rows] = await Promise.all([hydrate(frame), ...state.families.map((f) => load(state.metric, f))]);
    } catch (error) {
      if (mine === version) stop([...fromAddress, { kind: 'load-failed', detail: error instanceof Error ? error.message : String(error) }]);
      return;
    }
    if (mine !== version) return;
    const view = compareView({ state, rows: rows.flat(), families: config.families, cited: config.cited, subtitle: config.subtitles[state.metric], lang });
    const absent: CompareProblem[] = view.absent.length ? [{ kind: 'absent', absent: view.absent, blocking: view.drawn.length === 0 }] : [];
    if (view.drawn.length === 0) return stop([...fromAddress, ...absent]);

    showProblems([...fromAddress, ...absent], state);
    if (cited) cited.hidden = false;
    showCited(state);
    live.setLog(state.log);
    live.setPlot(view.plot);
    describe(view, state.metric);
    const made = await makeDownloads(state, view);
    if (mine !== version) return;
    linkDownloads(state, view, made);
    figure.removeAttribute('aria-busy');
    if (status) {
      status.textContent = compareStatus(view, lang, state);
      status.dataset.state = 'showing';
    }
    frame.dataset.view = search;
  };

  const initial = parseCompareState(new URLSearchParams(location.search), config.defaults, known);
  writeForm(initial.state);
  showDays(initial.state);
  form.querySelector<HTMLElement>('[data-nojs]')?.setAttribute('hidden', '');
  // Without a view in the address the page as built is the default view: its chart, table and files already match it.
  if (location.search) void apply(initial.state, initial.problems);
  form.addEventListener('change', () => void apply(readForm()));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void apply(readForm());
  });
}

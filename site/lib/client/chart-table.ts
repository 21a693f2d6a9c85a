// The data table behind a chart: the page carries only its newest (or first)
// rows, so a long series does not weigh down the page; opening the table loads
// the chart's plot (the file ECharts draws from, often already fetched) and lays
// every row out with the same pivotTable the build used. Without JavaScript the
// note under the table points to the CSV, which holds every row.

import type { Plot } from '../../../charts/plot.ts';

const loads = new WeakMap<HTMLDetailsElement, Promise<void>>();

/** Fills a chart's table once, the first time it is opened; a failed load can be retried by opening it again. */
function loadTable(details: HTMLDetailsElement, isTaken: () => boolean, stopWatching: () => void): Promise<void> {
  let load = loads.get(details);
  if (load) return load;
  load = (async () => {
    const [{ pivotTable }, plot] = await Promise.all([
      import('../../../charts/plot.ts'),
      fetch(details.dataset.tablePlot ?? '').then((r) => {
        if (!r.ok) throw new Error(`table ${details.dataset.tablePlot}: ${r.status}`);
        return r.json() as Promise<Plot>;
      }),
    ]);
    // Another script (the Compare page) redrew this table for its own view in the meantime: its rows stand.
    if (isTaken()) return;
    const tbody = details.querySelector('tbody');
    const xLabel = details.querySelector('thead th')?.textContent ?? '';
    if (!tbody) return;
    const rows = document.createDocumentFragment();
    for (const row of pivotTable(plot, xLabel).rows) {
      const tr = document.createElement('tr');
      row.forEach((cell, i) => {
        const el = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) el.setAttribute('scope', 'row');
        el.textContent = cell === null ? '' : String(cell);
        tr.append(el);
      });
      rows.append(tr);
    }
    stopWatching();
    tbody.replaceChildren(rows);
    details.querySelector<HTMLElement>('[data-table-note]')?.setAttribute('hidden', '');
    details.dataset.tableLoaded = 'all';
  })();
  loads.set(details, load);
  load.catch((error: unknown) => {
    loads.delete(details);
    details.dataset.tableFailed = String(error);
  });
  return load;
}

export function enhanceChartTables(root: ParentNode = document): void {
  for (const details of root.querySelectorAll<HTMLDetailsElement>('details[data-table-plot]')) {
    if (details.dataset.tableEnhanced) continue;
    details.dataset.tableEnhanced = 'yes';
    const tbody = details.querySelector('tbody');
    let taken = false;
    // Whoever else rewrites the rows owns the table from then on; its rows are complete, so the note goes.
    const watcher = new MutationObserver(() => {
      taken = true;
      watcher.disconnect();
      details.querySelector<HTMLElement>('[data-table-note]')?.setAttribute('hidden', '');
    });
    if (tbody) watcher.observe(tbody, { childList: true });
    const open = () => {
      if (details.open && !taken) void loadTable(details, () => taken, () => watcher.disconnect());
    };
    details.addEventListener('toggle', open);
    open();
  }
}

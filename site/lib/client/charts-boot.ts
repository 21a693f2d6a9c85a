// The only chart code a page loads up front: it waits for the reader to reach
// for a chart (pointer, touch, focus, key) and only then imports ECharts.

export interface LiveChart {
  setLog(on: boolean): void;
  setPlot(plot: unknown): void;
}

const live = new WeakMap<HTMLElement, Promise<LiveChart>>();

/** Makes a chart interactive once; later calls return the same chart. */
export function hydrate(frame: HTMLElement): Promise<LiveChart> {
  let chart = live.get(frame);
  if (!chart) {
    chart = import('./charts-runtime.ts').then((runtime) => runtime.mountChart(frame));
    live.set(frame, chart);
    chart.catch((error: unknown) => {
      live.delete(frame);
      frame.dataset.failed = String(error);
    });
  }
  return chart;
}

export function enhanceCharts(root: ParentNode = document): void {
  for (const frame of root.querySelectorAll<HTMLElement>('[data-chart]')) {
    if (frame.dataset.enhanced) continue;
    frame.dataset.enhanced = 'yes';
    const wake = () => void hydrate(frame);
    for (const type of ['pointerenter', 'pointerdown', 'touchstart', 'focus', 'keydown']) {
      frame.addEventListener(type, wake, { once: true, passive: true });
    }
    const hint = frame.getAttribute('aria-describedby');
    if (hint) document.getElementById(hint)?.removeAttribute('hidden');
  }
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-log-for]')) {
    if (!button.hidden) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const frame = document.querySelector<HTMLElement>(`[data-chart="${CSS.escape(button.dataset.logFor ?? '')}"]`);
      if (!frame) return;
      const on = button.getAttribute('aria-pressed') !== 'true';
      (await hydrate(frame)).setLog(on);
      button.setAttribute('aria-pressed', String(on));
    });
  }
}

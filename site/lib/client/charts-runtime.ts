// Loaded on a reader's first interaction with a chart: a tree-shaken ECharts
// (line, scatter; grid, title, tooltip, plain legend, zoom, mark lines, label
// layout; SVG renderer) that replaces the build's SVG picture with the same
// chart, made interactive. Only what buildOption draws: no chart draws bars
// (register BarChart when one does) and the legend is laid out by plot.ts,
// never scrolled.

import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, LegendPlainComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import { DARK_INK, darkColourMap } from '../../../charts/palette.ts';
import { buildOption, plotSize, xDomain, zoomedOption, type OptionSettings, type Plot } from '../../../charts/plot.ts';
import type { LiveChart } from './charts-boot.ts';

// LabelLayout: labels at line ends move clear of each other, crowded release labels are hidden (plot.ts).
echarts.use([LineChart, ScatterChart, GridComponent, TooltipComponent, LegendPlainComponent, DataZoomInsideComponent, DataZoomSliderComponent, MarkLineComponent, TitleComponent, LabelLayout, SVGRenderer]);

const dark = matchMedia('(prefers-color-scheme: dark)');
const darkColours = new Map(darkColourMap());

/** Fetches the chart's plot (the numbers and how to draw them) and mounts it. */
export async function mountChart(frame: HTMLElement): Promise<LiveChart> {
  const id = frame.dataset.chart ?? '';
  // The page names its language's plot (titles and axis names in its words); /charts/plot/<id>.json otherwise.
  const response = await fetch(frame.dataset.plot ?? `/charts/plot/${encodeURIComponent(id)}.json`);
  if (!response.ok) throw new Error(`chart ${id}: ${response.status}`);
  return mountPlot(frame, (await response.json()) as Plot);
}

/** The page's language, for a plot that does not say its own. */
const pageLang = (): Plot['lang'] => (document.documentElement.lang.toLowerCase().startsWith('zh') ? 'zh' : 'en');

interface ShownState {
  dataZoom?: { start?: number; end?: number }[];
  legend?: { selected?: Record<string, boolean> }[];
}

export function mountPlot(frame: HTMLElement, first: Plot, options: { log?: boolean } = {}): LiveChart {
  let plot: Plot = { ...first, lang: first.lang ?? pageLang() };
  let log = options.log ?? false;
  const phone = () => frame.clientWidth < 560;
  const size = () => plotSize(plot, phone() ? 'phone' : 'desktop');
  const fit = () => {
    const { width, height } = size();
    frame.style.aspectRatio = `${width} / ${height}`;
  };
  fit();
  frame.replaceChildren();
  const chart = echarts.init(frame, null, { renderer: 'svg' });
  // The layout (legend rows, ticks, labels at line ends) is planned for the frame's own pixels, not the build's 800 or 360.
  const settings = (): OptionSettings => ({
    size: phone() ? 'phone' : 'desktop',
    interactive: true,
    yLog: log,
    ...(frame.clientWidth > 0 && frame.clientHeight > 0 ? { pixels: { width: frame.clientWidth, height: frame.clientHeight } } : {}),
    ...(dark.matches ? { ink: DARK_INK, recolour: (c: string) => darkColours.get(c) ?? c } : {}),
  });
  /** The zoomed window in the axis' own values, or none when the whole axis shows. */
  const zoomWindow = (shown: ShownState | undefined): [number, number] | undefined => {
    const zoom = shown?.dataZoom?.[0];
    const domain = xDomain(plot);
    if (!zoom || !domain || ((zoom.start ?? 0) <= 0 && (zoom.end ?? 100) >= 100)) return undefined;
    const at = (percent: number) => domain.from + ((domain.to - domain.from) * percent) / 100;
    return [at(zoom.start ?? 0), at(zoom.end ?? 100)];
  };
  /** After a zoom: ticks for the days in view (days when zoomed in close, years when out), the value axis fitted to them, labels at the ends of what shows; once per frame at most. */
  let zooming = 0;
  const rezoom = () => {
    if (zooming) return;
    zooming = requestAnimationFrame(() => {
      zooming = 0;
      chart.setOption(zoomedOption(plot, settings(), zoomWindow(chart.getOption() as ShownState)) as echarts.EChartsCoreOption, { replaceMerge: ['series'] });
    });
  };
  let rendered = false;
  /** Draws the chart anew; `keep` carries the zoom and the legend's choices over (a resize, dark mode), `false` starts afresh (a new plot). */
  const render = (keep = true) => {
    fit();
    chart.resize();
    const shown = rendered && keep ? (chart.getOption() as ShownState) : undefined;
    const window = zoomWindow(shown);
    const option = buildOption(plot, { ...settings(), ...(window ? { xWindow: window } : {}) }) as { dataZoom?: Record<string, unknown>[]; legend?: Record<string, unknown> };
    const zoom = shown?.dataZoom?.[0];
    if (zoom && option.dataZoom) for (const d of option.dataZoom) Object.assign(d, { start: zoom.start, end: zoom.end });
    const selected = shown?.legend?.[0]?.selected;
    if (selected && option.legend) option.legend.selected = selected;
    chart.setOption(option as echarts.EChartsCoreOption, { notMerge: true });
    rendered = true;
  };
  render();
  frame.dataset.live = 'yes';
  chart.on('datazoom', rezoom);
  let drawn = { width: frame.clientWidth, height: frame.clientHeight };
  let pending = 0;
  new ResizeObserver(() => {
    chart.resize();
    // A new width lays the chart out again (legend rows, ticks), once per frame at most.
    if (pending || (frame.clientWidth === drawn.width && frame.clientHeight === drawn.height)) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      drawn = { width: frame.clientWidth, height: frame.clientHeight };
      render();
    });
  }).observe(frame);
  dark.addEventListener('change', () => render());

  // Keyboard: arrows walk the first series' points, showing each in the tooltip.
  let index = -1;
  frame.addEventListener('keydown', (event) => {
    const points = plot.series[0]?.data.length ?? 0;
    if (!points) return;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft' || event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      if (event.key === 'Home') index = 0;
      else if (event.key === 'End') index = points - 1;
      else index = Math.min(points - 1, Math.max(0, index < 0 ? points - 1 : index + (event.key === 'ArrowRight' ? 1 : -1)));
      chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: index });
    } else if (event.key === 'Escape') {
      chart.dispatchAction({ type: 'hideTip' });
    }
  });
  return {
    setLog(on) {
      log = on;
      render();
    },
    setPlot(next) {
      plot = { ...(next as Plot), lang: (next as Plot).lang ?? pageLang() };
      index = -1;
      render(false);
    },
  };
}

// Loaded on a reader's first interaction with a chart: a tree-shaken ECharts
// (line, scatter, bar; grid, tooltip, legend, zoom, mark lines; SVG renderer)
// that replaces the build's SVG picture with the same chart, made interactive.

import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { DARK_INK, darkColourMap } from '../../../charts/palette.ts';
import { buildOption, plotSize, type Plot } from '../../../charts/plot.ts';
import type { LiveChart } from './charts-boot.ts';

echarts.use([LineChart, ScatterChart, BarChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, MarkLineComponent, TitleComponent, SVGRenderer]);

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

export function mountPlot(frame: HTMLElement, first: Plot, options: { log?: boolean } = {}): LiveChart {
  let plot = first;
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
  const render = () => {
    fit();
    chart.resize();
    chart.setOption(
      buildOption(plot, {
        size: phone() ? 'phone' : 'desktop',
        interactive: true,
        yLog: log,
        ...(dark.matches ? { ink: DARK_INK, recolour: (c: string) => darkColours.get(c) ?? c } : {}),
      }) as echarts.EChartsCoreOption,
      { notMerge: true },
    );
  };
  render();
  frame.dataset.live = 'yes';
  new ResizeObserver(() => chart.resize()).observe(frame);
  dark.addEventListener('change', render);

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
      plot = next as Plot;
      index = -1;
      render();
    },
  };
}

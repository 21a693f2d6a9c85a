// Charts are ECharts options rendered to SVG at build time (readable without
// JavaScript, embeddable as an image).

import * as echarts from 'echarts';

/** One colour each for open and closed, across the site: blue vs orange stays apart in greyscale and for colour-blind readers. */
export const OPENNESS_COLOURS = { open: '#1f6fd1', closed: '#c2570c' } as const;

export function renderSvg(option: echarts.EChartsCoreOption, width = 800, height = 360): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

// Where the label of a vertical line ("collected from here" on a family chart) sits along it
// (charts/plot.ts clearBand): the stretch of the plot its text covers that crosses the fewest
// labelled points (their labels run sideways: text on text), then the fewest lines.

import { describe, expect, it } from 'vitest';
import { clearBand as bandOn, valueScale, type Plot, type PlotSeries, type Point } from '../../charts/plot.ts';

const clearBand = (plot: Plot, day: string, length: number) => bandOn(plot, valueScale(plot), day, length);

const line = (data: Point[]): PlotSeries => ({ name: 'line', cls: 'open', shade: 0, kind: 'line', data });
const cited = (data: Point[]): PlotSeries => ({ name: 'cited figures', cls: 'open', shade: 1, kind: 'scatter', labelled: true, data });
const plot = (series: PlotSeries[]): Plot => ({ title: 't', subtitle: 's', xType: 'time', yName: 'repositories', yFormat: 'number', series });
// low lines, and cited figures far above them: the chart where the label ran into "6,200+"
const LOW = plot([
  line([['2023-06-01', 300], ['2024-01-01', 500], ['2024-12-31', 1000]]),
  line([['2023-06-01', 100], ['2024-01-01', 200]]),
  cited([['2023-07-19', 6200, 'LLaMA: 6,200+'], ['2023-07-19', 5600, 'LLaMA: 5,600+']]),
]);

describe('the label of a vertical line', () => {
  it('a short label goes between low lines and high cited figures', () => {
    expect(clearBand(LOW, '2024-01-01', 0.3)).toBe('middle');
  });

  it('a label too long for the gap crosses lines rather than a cited figure', () => {
    expect(clearBand(LOW, '2024-01-01', 0.5)).toBe('bottom');
  });

  it('goes between high lines and low cited figures, and crosses a line rather than a cited figure where nothing is clear', () => {
    const high = (citedAt: number) => plot([line([['2023-06-01', 8000], ['2024-01-01', 9500]]), cited([['2023-07-19', citedAt, 'x']])]);
    expect(clearBand(high(1500), '2024-01-01', 0.45)).toBe('middle');
    expect(clearBand(high(3000), '2024-01-01', 0.45)).toBe('top');
  });

  it('stays at the top, as release labels do, when everything drawn is low', () => {
    expect(clearBand(plot([line([['2023-06-01', 10], ['2024-01-01', 20], ['2024-06-01', 1000]])]), '2024-01-01', 0.3)).toBe('top');
  });

  it("reads each line's last value on or before the day", () => {
    // on the day the line stands at 9,000 (its next value comes after), so the top is taken
    expect(clearBand(plot([line([['2023-12-01', 9000], ['2024-02-01', 100]])]), '2024-01-01', 0.3)).toBe('bottom');
  });
});

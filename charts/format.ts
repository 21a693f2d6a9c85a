// How a report writes numbers: 5,600; +600; +10.7%; 57.7%; +0.8 pp.

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatValue(value: number): string {
  return Math.abs(value) >= 100 || Number.isInteger(value) ? whole.format(value) : oneDecimal.format(value);
}

function signed(text: string, value: number): string {
  if (/^-?0(\.0+)?$/.test(text)) return text.replace('-', '');
  return value > 0 ? `+${text}` : text;
}

export function formatChange(value: number): string {
  return signed(formatValue(value), value);
}

export function formatPercentChange(value: number | null): string {
  if (value === null) return 'n/a';
  return `${signed(percent.format(value), value)}%`;
}

export function formatShare(value: number | null): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

export function formatPoints(value: number): string {
  return `${signed(value.toFixed(1), value)} pp`;
}

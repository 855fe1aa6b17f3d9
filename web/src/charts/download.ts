import type { EChartsOption } from 'echarts';
import { init, loadSvgRenderer } from './registry';

export type ImageFormat = 'png' | 'svg';

const headingHeight = 64;

/*
 * A downloaded image travels without the page around it, so it carries its title and source line.
 * Everything the option positions from the top moves down to make room for them.
 */
function withHeading(option: EChartsOption, title: string, source: string): EChartsOption {
  const shift = (part: unknown) => {
    if (!part || typeof part !== 'object') return part;
    const top = (part as { top?: unknown }).top;
    return { ...part, top: (typeof top === 'number' ? top : 16) + headingHeight };
  };
  const list = (part: unknown) => (Array.isArray(part) ? part.map(shift) : shift(part));
  return {
    ...option,
    backgroundColor: '#ffffff',
    title: { text: title, subtext: source, left: 12, top: 8, textStyle: { fontSize: 15 }, subtextStyle: { fontSize: 11 } },
    grid: list(option.grid) as EChartsOption['grid'],
    series: (option.series && (option.series as { type?: string }[]).some((s) => s.type === 'map')
      ? list(option.series)
      : option.series) as EChartsOption['series'],
  };
}

function save(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
}

/** Renders the chart afresh, off screen, with the renderer the format needs, and saves it. */
export async function downloadImage(
  option: EChartsOption,
  o: { format: ImageFormat; width: number; height: number; title: string; source: string; fileName: string },
): Promise<void> {
  const headed = withHeading(option, o.title, o.source);
  const size = { width: Math.max(480, o.width), height: o.height + headingHeight };
  if (o.format === 'svg') {
    await loadSvgRenderer();
    const chart = init(null, undefined, { renderer: 'svg', ssr: true, ...size });
    chart.setOption(headed);
    const url = URL.createObjectURL(new Blob([chart.renderToSVGString()], { type: 'image/svg+xml' }));
    chart.dispose();
    save(url, `${o.fileName}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return;
  }
  const chart = init(document.createElement('div'), undefined, { renderer: 'canvas', ...size });
  chart.setOption(headed);
  const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  chart.dispose();
  save(url, `${o.fileName}.png`);
}

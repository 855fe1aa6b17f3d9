import type { EChartsOption } from 'echarts';
import { init, loadSvgRenderer } from '../../../web/src/charts/registry';

await loadSvgRenderer();

/** Renders an option with ECharts' server-side SVG renderer: proves the registry holds every part it uses. */
export function renderSvg(option: EChartsOption): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: 600, height: 400 });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

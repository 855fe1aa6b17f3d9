import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
} from 'echarts/components';
import { registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * The one place ECharts parts are registered, so the bundle carries only these. The canvas renderer
 * draws on screen and for PNG downloads; the title component is only used in downloaded images,
 * which carry their title and source. Parts that few visitors need load when first needed: the SVG
 * renderer for SVG downloads, and the map chart only when an official boundary file exists.
 */
use([
  BarChart,
  LineChart,
  ScatterChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  CanvasRenderer,
]);

export async function loadSvgRenderer(): Promise<void> {
  const { SVGRenderer } = await import('echarts/renderers');
  use([SVGRenderer]);
}

export async function registerBoundaryMap(name: string, geoJson: Parameters<typeof registerMap>[1]): Promise<void> {
  const { MapChart } = await import('echarts/charts');
  use([MapChart]);
  registerMap(name, geoJson);
}

export { init, type EChartsType } from 'echarts/core';

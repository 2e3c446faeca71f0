// <vf-chart>: an Apache ECharts chart whose option comes from the server as JSON (property optionJson).
// The server sends plain data; what cannot be JSON (tooltip formatters) is added here from the
// option's "vf" block, which says what kind of chart it is and how to label it.
import * as echarts from 'echarts/core';
import { HeatmapChart, LineChart, BarChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, VisualMapComponent, LegendComponent, TitleComponent, DataZoomComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([HeatmapChart, LineChart, BarChart, GridComponent, TooltipComponent, VisualMapComponent,
  LegendComponent, TitleComponent, DataZoomComponent, CanvasRenderer]);

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
// the exact value: JavaScript's shortest text that reads back as the same double
const exact = (v) => (v === null || v === undefined ? '–' : String(v));

function heatmapTooltip(vf) {
  return (p) => {
    const v = p.value;
    let html = `${esc(vf.xTitle)}: <b>${esc(vf.xLabels[v[0]])}</b><br>${esc(vf.yTitle)}: <b>${esc(vf.yLabels[v[1]])}</b>`
      + `<br>${esc(vf.metric)}: <b>${exact(v[2])}</b>`;
    if (vf.count) html += `<br>${esc(vf.count)}: <b>${exact(v[3])}</b>`;
    return html;
  };
}

function linesTooltip(vf) {
  return (params) => {
    const list = Array.isArray(params) ? params : [params];
    if (list.length === 0) return '';
    let html = `${esc(vf.xTitle)}: <b>${esc(list[0].name)}</b>`;
    for (const p of list) {
      if (p.seriesType !== 'line') continue;
      const d = p.data || {};
      html += `<br>${p.marker}${esc(p.seriesName)}: <b>${exact(d.value)}</b>`;
      if (vf.count) html += ` (${esc(vf.count)} ${exact(d.count)})`;
    }
    return html;
  };
}

class VfChart extends HTMLElement {
  constructor() {
    super();
    this._json = null;
    this.renderCount = 0;
  }

  connectedCallback() {
    // a value set before this element was upgraded shadows the setter: apply it through the setter
    if (Object.prototype.hasOwnProperty.call(this, 'optionJson')) {
      const v = this.optionJson;
      delete this.optionJson;
      this.optionJson = v;
    }
    if (!this.style.display) this.style.display = 'block';
    if (!this._chart) {
      this._chart = echarts.init(this, null, { renderer: 'canvas' });
      this._observer = new ResizeObserver(() => this._chart && this._chart.resize());
      this._observer.observe(this);
    }
    this._apply();
  }

  disconnectedCallback() {
    if (this._observer) this._observer.disconnect();
    if (this._chart) this._chart.dispose();
    this._chart = null;
    this._observer = null;
  }

  set optionJson(json) {
    this._json = json;
    this._apply();
  }

  get optionJson() {
    return this._json;
  }

  /** The ECharts instance (tests read it). */
  get chart() {
    return this._chart;
  }

  _apply() {
    if (!this._chart) return;
    if (!this._json) {
      this._chart.clear();
      return;
    }
    const option = JSON.parse(this._json);
    const vf = option.vf || {};
    delete option.vf;
    if (vf.kind === 'heatmap') option.tooltip = Object.assign({ formatter: heatmapTooltip(vf) }, option.tooltip);
    if (vf.kind === 'lines') option.tooltip = Object.assign({ formatter: linesTooltip(vf) }, option.tooltip);
    this._chart.setOption(option, true);
    this.renderCount += 1;
    this.dispatchEvent(new CustomEvent('vf-rendered'));
  }
}

if (!customElements.get('vf-chart')) customElements.define('vf-chart', VfChart);

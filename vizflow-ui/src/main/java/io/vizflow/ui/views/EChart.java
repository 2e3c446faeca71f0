package io.vizflow.ui.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;

/**
 * An Apache ECharts chart ({@code <vf-chart>}, {@code src/main/frontend/vf-chart.js}): the server
 * sends the option as JSON, the browser draws it on a canvas.
 */
@Tag("vf-chart")
@NpmPackage(value = "echarts", version = "5.6.0")
@JsModule("./vf-chart.js")
public class EChart extends Component implements HasSize {

    public EChart() {
        setWidthFull();
        setHeight("560px");
    }

    /** Draws this option (replacing the previous one). */
    public void setOption(ObjectNode option) {
        getElement().setProperty("optionJson", option.toString());
    }

    /** Clears the chart. */
    public void clear() {
        getElement().setProperty("optionJson", "");
    }
}

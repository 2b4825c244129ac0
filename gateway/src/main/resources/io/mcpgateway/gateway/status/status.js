// Draws the status page from /status/data every 5 seconds. No libraries: the charts are SVG polylines.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

function line(svg, values, cssClass, max) {
  const width = 300, height = 66;
  if (values.length === 1) {
    values = [values[0], values[0]]; // one interval so far: a flat line across the chart
  }
  const points = values.map((v, i) => {
    const x = values.length > 1 ? (i * width) / (values.length - 1) : 0;
    const y = height - ((v || 0) / max) * (height - 4) + 2;
    return x.toFixed(1) + "," + y.toFixed(1);
  });
  const polyline = document.createElementNS(SVG, "polyline");
  polyline.setAttribute("points", points.join(" "));
  polyline.setAttribute("class", cssClass);
  svg.appendChild(polyline);
}

function chart(id, seriesList, unit) {
  const svg = document.getElementById(id);
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  const max = Math.max(1, ...seriesList.flat().map(v => v || 0));
  seriesList.forEach((values, i) => line(svg, values, i === 0 ? "line-a" : "line-b", max));
  const label = document.createElementNS(SVG, "text");
  label.setAttribute("x", "2");
  label.setAttribute("y", "78");
  label.textContent = "max " + (Math.round(max * 100) / 100) + unit;
  svg.appendChild(label);
}

function render(data) {
  const seconds = data.interval_seconds;
  const series = data.series;
  const rate = series.map(s => s.requests / seconds);
  const errors = series.map(s => (s.requests ? (100 * s.errors) / s.requests : 0));
  const authFailures = series.map(s => Object.values(s.auth_failures).reduce((a, b) => a + b, 0));
  chart("chart-rate", [rate], " req/s");
  chart("chart-errors", [errors], " %");
  chart("chart-latency", [series.map(s => s.p50_ms), series.map(s => s.p99_ms)], " ms");
  chart("chart-rejections", [authFailures, series.map(s => s.rate_limited)], "");

  const body = document.querySelector("#backends tbody");
  body.textContent = "";
  Object.entries(data.backends).forEach(([name, b]) => {
    const row = body.insertRow();
    row.insertCell().textContent = name;
    const status = row.insertCell();
    status.textContent = b.status;
    status.className = "status-" + b.status;
    const breaker = row.insertCell();
    breaker.textContent = b.circuit_breaker || "–";
    breaker.className = b.circuit_breaker === "closed" ? "status-healthy" : "status-unhealthy";
    row.insertCell().textContent = b.latency_ms == null ? "–" : b.latency_ms + " ms";
    row.insertCell().textContent = b.last_error || "";
  });

  const reasons = {};
  series.forEach(s => Object.entries(s.auth_failures).forEach(([r, n]) => { reasons[r] = (reasons[r] || 0) + n; }));
  const list = document.getElementById("auth-reasons");
  list.textContent = "";
  const entries = Object.entries(reasons);
  if (entries.length === 0) {
    list.insertAdjacentHTML("beforeend", "<li>none</li>");
  }
  entries.forEach(([reason, n]) => {
    const item = document.createElement("li");
    item.textContent = reason + ": " + n;
    list.appendChild(item);
  });

  const last = series[series.length - 1] || { requests: 0, errors: 0 };
  const healthy = Object.values(data.backends).filter(b => b.status === "healthy").length;
  document.getElementById("summary").textContent = healthy + " of " + Object.keys(data.backends).length
    + " backends healthy · " + (last.requests / seconds).toFixed(1) + " req/s now · updated "
    + new Date(data.generated_at).toLocaleTimeString();
  document.body.dataset.loaded = "true";
}

async function refresh() {
  try {
    const response = await fetch("/status/data", { cache: "no-store" });
    render(await response.json());
  } catch (e) {
    document.getElementById("summary").textContent = "Cannot reach the gateway: " + e.message;
  }
}

refresh();
setInterval(refresh, 5000);

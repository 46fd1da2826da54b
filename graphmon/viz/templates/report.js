(function () {
  "use strict";
  var CONFIG = {responsive: true, displaylogo: false, scrollZoom: true,
                toImageButtonOptions: {format: "png", scale: 2}};
  var NODE_META = "accounts";
  var PANEL_ROWS = 500;
  var drawn = {};

  function spec(key) {
    return JSON.parse(document.getElementById("fig-" + key).textContent);
  }

  function draw(div) {
    var key = div.getAttribute("data-figure");
    if (!drawn[key]) {
      var figure = spec(key);
      drawn[key] = Plotly.newPlot(div, figure.data, figure.layout, CONFIG);
    }
    return drawn[key];
  }

  // Strings from the data reach plotly escaped; the panel shows them as text again.
  function plain(value) {
    return String(value).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
      .replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function nodeTrace(gd) {
    for (var i = 0; i < gd.data.length; i++) {
      if (gd.data[i].meta === NODE_META) { return i; }
    }
    return -1;
  }

  function membersOf(trace, clusterId) {
    var found = [];
    for (var i = 0; i < trace.customdata.length; i++) {
      if (trace.customdata[i][0] === clusterId) { found.push(i); }
    }
    return found;
  }

  function fillPanel(clusterId, trace, points) {
    var panel = document.getElementById("members-panel");
    panel.replaceChildren();
    var title = element("h3", "Cluster #" + clusterId + ": " + points.length + " accounts drawn");
    panel.appendChild(title);
    var details = document.getElementById("cluster-" + clusterId);
    if (details) {
      var link = element("a", "details of #" + clusterId);
      link.href = "#cluster-" + clusterId;
      panel.appendChild(link);
    }
    var table = element("table", undefined, "members");
    var head = element("tr");
    ["handle", "display name", "anonymity", "shares"].forEach(function (name) { head.appendChild(element("th", name)); });
    table.appendChild(head);
    points.slice(0, PANEL_ROWS).forEach(function (i) {
      var row = element("tr");
      var data = trace.customdata[i];
      row.appendChild(element("td", plain(trace.text[i])));
      row.appendChild(element("td", plain(data[3])));
      row.appendChild(element("td", String(data[1]), "num"));
      row.appendChild(element("td", String(data[2]), "num"));
      table.appendChild(row);
    });
    panel.appendChild(table);
    if (points.length > PANEL_ROWS) {
      panel.appendChild(element("p", "First " + PANEL_ROWS + " listed; accounts.csv has all.", "note"));
    }
  }

  function markRow(clusterId) {
    document.querySelectorAll("tr[data-cluster]").forEach(function (row) {
      row.classList.toggle("active", Number(row.getAttribute("data-cluster")) === clusterId);
    });
  }

  function showCluster(clusterId) {
    var gd = document.getElementById("network-plot");
    var t = nodeTrace(gd);
    if (t < 0) { return []; }
    var trace = gd.data[t];
    var points = membersOf(trace, clusterId);
    markRow(clusterId);
    if (!points.length) {
      var panel = document.getElementById("members-panel");
      panel.replaceChildren(element("p", "Cluster #" + clusterId + " is not drawn in the network (see the limits below).", "note"));
      return points;
    }
    Plotly.restyle(gd, {selectedpoints: [points]}, [t]);
    fillPanel(clusterId, trace, points);
    return points;
  }

  function wireNetwork(gd) {
    gd.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      if (!point || point.data.meta !== NODE_META) { return; }
      var data = point.customdata || point.data.customdata[point.pointNumber];
      showCluster(data[0]);
    });
    gd.on("plotly_doubleclick", function () {
      var t = nodeTrace(gd);
      if (t >= 0) { Plotly.restyle(gd, {selectedpoints: [null]}, [t]); }
      markRow(-1);
    });
  }

  function wireTable() {
    document.querySelectorAll("tr[data-cluster]").forEach(function (row) {
      row.addEventListener("click", function (event) {
        if (event.target.tagName === "A") { return; }
        showCluster(Number(row.getAttribute("data-cluster")));
      });
    });
  }

  function lazyFigures() {
    var pending = Array.prototype.slice.call(document.querySelectorAll(".figure[data-lazy]"));
    if (!("IntersectionObserver" in window)) {
      return Promise.all(pending.map(draw));
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, {rootMargin: "400px"});
    pending.forEach(function (div) { observer.observe(div); });
    return Promise.resolve();
  }

  function drawAll() {
    return Promise.all(Array.prototype.map.call(document.querySelectorAll(".figure[data-figure]"), draw));
  }

  var network = document.getElementById("network-plot");
  var ready = draw(network).then(function (gd) {
    wireNetwork(gd);
    wireTable();
    return lazyFigures();
  }).then(function () {
    document.body.setAttribute("data-ready", "true");
  });
  window.graphmon = {ready: ready, showCluster: showCluster, drawAll: drawAll};
})();

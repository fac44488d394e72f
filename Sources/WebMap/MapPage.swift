import LayerIO

/// The map page: zones as a choropleth of gang control share with a legend,
/// incidents as circle markers coloured by event type and sized by
/// fatalities, control areas by class, popups, a layer switcher and a date
/// filter. Leaflet comes from `leaflet/` beside the page; the script is a
/// separate file (`map.js`) so the page runs under a Content-Security-Policy
/// that allows scripts from the server only. No tile server is needed; a
/// base map is added when a tile URL is given.
public enum MapPage {
    /// Where the page gets its layers.
    public enum Source: String, Sendable {
        /// From the OGC API items of the serving `incidentmap serve`.
        case server
        /// From `<layer>.geojson` files beside the page (static web export).
        case files
    }

    /// `attribution`: the tiles' credit; `credits`: the data's (boundaries, gazetteer), shown in the map's corner.
    public static func html(title: String, source: Source, tilesURL: String? = nil, attribution: String? = nil, credits: String? = nil) -> String {
        var data = "data-source=\"\(source.rawValue)\""
        if let tilesURL { data += " data-tiles=\"\(escape(tilesURL))\"" }
        if let attribution { data += " data-attribution=\"\(escape(attribution))\"" }
        if let credits { data += " data-credits=\"\(escape(credits))\"" }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(source == .files ? "<meta http-equiv=\"Content-Security-Policy\" content=\"\(escape(staticPolicy(tilesURL: tilesURL)))\">\n" : "")<title>\(escape(title))</title>
        <link rel="stylesheet" href="leaflet/leaflet.css">
        <link rel="stylesheet" href="map.css">
        </head>
        <body>
        <div id="map" \(data)></div>
        <script src="leaflet/leaflet.js"></script>
        \(source == .files ? "<script src=\"data.js\"></script>\n" : "")<script src="map.js"></script>
        </body>
        </html>

        """
    }

    /// The static page's Content-Security-Policy (a `<meta>`: a static host sets no header): scripts, styles and
    /// layers from the page's own folder only, images from it and from the tile server if one is given; no
    /// plugins, no forms, no `<base>`. The served page gets the same policy as a header (FeatureService).
    public static func staticPolicy(tilesURL: String?) -> String {
        var img = "'self' data:"
        if let tilesURL, let origin = origin(of: tilesURL) { img += " " + origin }
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src \(img); connect-src 'self'; base-uri 'none'; form-action 'none'"
    }

    /// `https://host[:port]` of a URL template such as `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    static func origin(of url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || "-.:{}".contains($0) }) else { return nil }
        // Leaflet's {s} subdomains: any subdomain of the rest.
        let h = host.replacingOccurrences(of: "{s}.", with: "*.")
        return String(url[..<scheme.upperBound]) + h
    }

    /// HTML-escapes text for element content and attribute values.
    public static func escape(_ s: String) -> String { MarkupEscaping.escape(s) }

    public static let css = """
    html, body { height: 100%; margin: 0; font: 13px/1.4 system-ui, sans-serif; }
    #map { height: 100%; background: #dde6ee; }
    .legend, .date-filter, .period-slider { background: #fff; padding: 6px 8px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
    .legend h4 { margin: 0 0 4px; font-size: 12px; }
    .legend i { display: inline-block; width: 14px; height: 14px; margin-right: 6px; vertical-align: -2px; border: 1px solid #777; }
    .legend i.dot { border-radius: 7px; }
    .date-filter input { width: 9.5em; }
    .popup-table td { padding: 0 4px; vertical-align: top; }
    .status { background: #fff; padding: 2px 6px; border-radius: 3px; }
    .zone-label { background: transparent; border: 0; box-shadow: none; font-weight: 600; color: #222; text-shadow: 0 0 2px #fff, 0 0 2px #fff; }
    .zone-label:before { display: none; }
    .labels-off .zone-label { display: none; }

    """

    /// The page's script (plain ES2017, no build step, no inline script).
    public static let script = #"""
    (function () {
      'use strict';
      var el = document.getElementById('map');
      var source = el.dataset.source || 'server';
      var map = L.map(el, { zoomSnap: 0.25 });
      if (el.dataset.tiles) {
        L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution || '' }).addTo(map);
      }
      map.setView([18.9, -72.7], 8);
      if (el.dataset.credits) map.attributionControl.addAttribution(el.dataset.credits);

      var shareBins = [[0.8, '#67000d', '80–100%'], [0.6, '#a50f15', '60–80%'], [0.4, '#ef3b2c', '40–60%'],
                       [0.2, '#fc9272', '20–40%'], [0, '#fee0d2', '0–20%']];
      // The gang share a zone is coloured by: by people where the population surface gives it (the headline), else by area.
      function headline(p) {
        if (p.no_information_people !== null && p.no_information_people !== undefined) return p.no_information_people >= 0.999 ? null : p.gang_people;
        return p.gang_share;
      }
      function shareColour(s) {
        if (s === null || s === undefined) return '#bdbdbd';
        for (var i = 0; i < shareBins.length; i++) if (s >= shareBins[i][0]) return shareBins[i][1];
        return shareBins[shareBins.length - 1][1];
      }
      var eventColours = {
        'Battles': '#d62728', 'Violence against civilians': '#9467bd', 'Explosions/Remote violence': '#ff7f0e',
        'Riots': '#8c564b', 'Protests': '#1f77b4', 'Strategic developments': '#2ca02c'
      };
      function eventColour(t) { return eventColours[t] || '#7f7f7f'; }
      var classColours = { gang: '#b2182b', state: '#2166ac', contested: '#f4a582' };

      // Text from the data as an element holding a text node (tooltips, labels): never parsed as HTML.
      function textNode(s) { var e = document.createElement('span'); e.textContent = String(s); return e; }
      // Popups are built as DOM nodes: text from reports is never parsed as HTML.
      function table(rows) {
        var t = document.createElement('table');
        t.className = 'popup-table';
        rows.forEach(function (r) {
          if (r[1] === null || r[1] === undefined || r[1] === '') return;
          var tr = t.insertRow(), a = tr.insertCell(), b = tr.insertCell();
          a.textContent = r[0];
          if (r[2]) {
            var link = document.createElement('a');
            link.href = r[2]; link.textContent = String(r[1]); link.target = '_blank'; link.rel = 'noopener noreferrer';
            b.appendChild(link);
          } else {
            b.textContent = String(r[1]);
          }
        });
        return t;
      }
      function pct(x) { return x === null || x === undefined ? 'no information' : Math.round(x * 100) + '%'; }
      function safeURL(u) { return typeof u === 'string' && /^https?:\/\//.test(u) ? u : null; }

      function itemsURL(layer, params) {
        if (source === 'files') return layer + '.geojson';
        var q = new URLSearchParams(params || {});
        q.set('f', 'json');
        q.set('limit', '10000');
        return 'collections/' + layer + '/items?' + q.toString();
      }
      // A static export carries its layers in data.js too (window.IM_DATA): browsers refuse fetch() of files to a page
      // opened from disk (file://), but load its scripts.
      var embedded = source === 'files' && window.IM_DATA ? window.IM_DATA : null;
      function fetchAll(layer, params) {
        if (embedded && embedded[layer]) return Promise.resolve(embedded[layer]);
        if (source === 'files' && location.protocol === 'file:') {
          return Promise.reject(new Error('opened from disk and the layers are too large to embed: run "incidentmap serve --layers" on this folder and open the address it prints'));
        }
        var features = [];
        function page(url) {
          return fetch(url, { headers: { Accept: 'application/geo+json' } }).then(function (r) {
            if (!r.ok) throw new Error(layer + ': HTTP ' + r.status);
            return r.json();
          }).then(function (j) {
            features = features.concat(j.features || []);
            var next = source === 'server' ? (j.links || []).filter(function (l) { return l.rel === 'next'; })[0] : null;
            return next ? page(next.href) : { type: 'FeatureCollection', features: features };
          });
        }
        return page(itemsURL(layer, params));
      }

      var zones = L.geoJSON(null, {
        style: function (f) {
          return { fillColor: shareColour(headline(f.properties)), fillOpacity: 0.7, color: '#444', weight: 1, className: 'zone-shape' };
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindPopup(table([['Zone', p.name + ' (' + p.pcode + ')'], ['Gang share (people)', pct(p.gang_people)], ['Gang share (area)', pct(p.gang_share)],
            ['Interval', p.gang_lo === null || p.gang_lo === undefined ? null : pct(p.gang_lo) + ' – ' + pct(p.gang_hi)],
            ['Reported', p.reported_share === null || p.reported_share === undefined ? null : pct(p.reported_share) + ' (' + (p.reported_source || '') + ')'],
            ['Incidents', p.incidents], ['Fatalities', p.fatalities], ['Area km²', p.area_km2 && p.area_km2.toFixed(1)]]));
          // Zone names as labels, shown once zoomed in far enough for them not to pile up.
          // A label is a text node: Leaflet would parse a string as HTML (a zone named <img onerror=…> ran its script).
          if (p.name) layer.bindTooltip(textNode(p.name), { permanent: true, direction: 'center', className: 'zone-label' });
        }
      });
      function showLabels() { document.getElementById('map').classList.toggle('labels-off', map.getZoom() < 10); }
      map.on('zoomend', showLabels);
      var control = L.geoJSON(null, {
        style: function (f) {
          return { fillColor: classColours[f.properties['class']] || '#999', fillOpacity: 0.35, color: classColours[f.properties['class']] || '#999',
                   weight: 1, dashArray: '4 3', className: 'control-shape' };
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindPopup(table([['Control', p['class']], ['Controller', p.controller], ['Source', p.source], ['Area km²', p.area_km2 && p.area_km2.toFixed(1)]]));
        }
      });
      var incidents = L.geoJSON(null, {
        pointToLayer: function (f, latlng) {
          var n = Number(f.properties.fatalities) || 0;
          return L.circleMarker(latlng, { radius: Math.min(22, 4 + 2 * Math.sqrt(n)), fillColor: eventColour(f.properties.event_type), fillOpacity: 0.85,
                                          color: '#222', weight: 1, className: 'incident-marker' });
        },
        onEachFeature: function (f, layer) {
          var p = f.properties;
          layer.bindPopup(table([['Date', p.event_date], ['Event', p.event_type], ['Sub-event', p.sub_event_type], ['Actor', p.actor1],
            ['Against', p.actor2], ['Location', p.location], ['Fatalities', p.fatalities], ['Notes', p.notes],
            ['Source', p.source, safeURL(p.source_url)]]));
        }
      });
      zones.addTo(map); control.addTo(map); incidents.addTo(map);
      L.control.layers(null, { 'Zones (gang control share)': zones, 'Control areas': control, 'Incidents': incidents }, { collapsed: false }).addTo(map);

      var legend = L.control({ position: 'bottomright' });
      legend.onAdd = function () {
        var div = L.DomUtil.create('div', 'legend');
        var h = document.createElement('h4'); h.textContent = 'Gang control share'; div.appendChild(h);
        shareBins.concat([[null, '#bdbdbd', 'no information']]).forEach(function (b) {
          var row = document.createElement('div'), i = document.createElement('i');
          i.style.background = b[1]; row.appendChild(i); row.appendChild(document.createTextNode(b[2])); div.appendChild(row);
        });
        var h2 = document.createElement('h4'); h2.textContent = 'Incidents (size: fatalities)'; div.appendChild(h2);
        Object.keys(eventColours).forEach(function (k) {
          var row = document.createElement('div'), i = document.createElement('i');
          i.className = 'dot'; i.style.background = eventColours[k]; row.appendChild(i); row.appendChild(document.createTextNode(k)); div.appendChild(row);
        });
        return div;
      };
      legend.addTo(map);

      var allIncidents = null;
      function showIncidents(fc) { incidents.clearLayers(); incidents.addData(fc); }
      var filter = L.control({ position: 'topleft' });
      filter.onAdd = function () {
        var div = L.DomUtil.create('div', 'date-filter');
        L.DomEvent.disableClickPropagation(div);
        var from = document.createElement('input'), to = document.createElement('input');
        from.type = to.type = 'date'; from.id = 'date-from'; to.id = 'date-to';
        div.appendChild(document.createTextNode('From ')); div.appendChild(from);
        div.appendChild(document.createTextNode(' to ')); div.appendChild(to);
        function apply() {
          var a = from.value || '..', b = to.value || '..';
          if (source === 'server') {
            var params = a === '..' && b === '..' ? {} : { datetime: a + '/' + b };
            fetchAll('incidents', params).then(showIncidents).catch(report);
          } else if (allIncidents) {
            showIncidents({ type: 'FeatureCollection', features: allIncidents.features.filter(function (f) {
              var d = f.properties.event_date;
              return (a === '..' || (d && d >= a)) && (b === '..' || (d && d <= b));
            }) });
          }
        }
        from.addEventListener('change', apply); to.addEventListener('change', apply);
        return div;
      };
      filter.addTo(map);

      var status = L.control({ position: 'bottomleft' });
      status.onAdd = function () { var d = L.DomUtil.create('div', 'status'); d.id = 'status'; d.textContent = 'loading…'; return d; };
      status.addTo(map);
      function report(e) { document.getElementById('status').textContent = String(e); }

      // Control over time: a period slider over the zone shares when the export has a timeline (map --every).
      var timelineURL = source === 'files' ? 'timeline.json' : 'timeline';
      var applyPeriod = null;
      (embedded ? Promise.resolve(embedded.timeline || null)
                : fetch(timelineURL).then(function (r) { return r.ok ? r.json() : null; })).then(function (t) {
        if (!t || !t.period_ends || !t.period_ends.length) return;
        var slider = L.control({ position: 'topright' });
        slider.onAdd = function () {
          var div = L.DomUtil.create('div', 'period-slider');
          L.DomEvent.disableClickPropagation(div);
          var label = document.createElement('div'), input = document.createElement('input'), link = document.createElement('a');
          input.type = 'range'; input.min = 0; input.max = t.period_ends.length - 1; input.value = t.period_ends.length - 1; input.id = 'period';
          link.href = source === 'files' ? 'control_timeline.svg' : 'timeline.svg'; link.textContent = 'chart'; link.target = '_blank';
          function apply() {
            var k = Number(input.value);
            label.textContent = 'Gang share at ' + t.period_ends[k] + ' (' + t.every + ') ';
            label.appendChild(link);
            zones.eachLayer(function (l) {
              var s = (t.gang[l.feature.properties.pcode] || [])[k];
              l.setStyle({ fillColor: shareColour(s === undefined ? headline(l.feature.properties) : s) });
            });
          }
          input.addEventListener('input', apply);
          div.appendChild(label); div.appendChild(input);
          applyPeriod = apply;
          apply();
          return div;
        };
        slider.addTo(map);
      }).catch(function () {});

      Promise.all([fetchAll('zones'), fetchAll('control'), fetchAll('incidents')]).then(function (r) {
        zones.addData(r[0]); control.addData(r[1]); allIncidents = r[2]; showIncidents(r[2]);
        if (applyPeriod) applyPeriod();
        // Open on where the incidents are (the zones when there are none), not on the whole country.
        var b = L.geoJSON(r[2]).getBounds();
        if (!b.isValid()) b = zones.getBounds();
        if (b.isValid()) map.fitBounds(b, { padding: [20, 20], maxZoom: 11 });
        showLabels();
        document.getElementById('status').textContent = r[0].features.length + ' zones, ' + r[2].features.length + ' incidents';
        document.body.setAttribute('data-loaded', 'true');
      }).catch(report);
    })();

    """#
}

// The ecrm console: one page per hash (#overview, #customers, ...), each drawn from the API with
// the key kept in sessionStorage. Every string from the API goes into the page as text (el, cell),
// never as HTML.
(function () {
  'use strict';

  var KEY = 'ecrm.console.key';
  var refresh = null;

  function key() { return sessionStorage.getItem(KEY); }

  /** An element with attributes and children; strings and numbers become text nodes. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'on') {
        Object.keys(attrs.on).forEach(function (event) { node.addEventListener(event, attrs.on[event]); });
      } else if (attrs[name] !== null && attrs[name] !== undefined && attrs[name] !== false) {
        node.setAttribute(name, attrs[name]);
      }
    });
    for (var i = 2; i < arguments.length; i++) { append(node, arguments[i]); }
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  function number(value, digits) {
    if (value === null || value === undefined || isNaN(value)) { return '-'; }
    return Number(value).toLocaleString('en', {maximumFractionDigits: digits === undefined ? 0 : digits});
  }

  function time(millis) { return millis ? new Date(millis).toISOString().replace('T', ' ').slice(0, 19) : '-'; }

  function table(headings, rows, id) {
    return el('table', {id: id},
      el('thead', {}, el('tr', {}, headings.map(function (h) { return el('th', {}, h); }))),
      el('tbody', {}, rows.map(function (row) {
        return el('tr', {}, row.map(function (c) {
          return typeof c === 'number' ? el('td', {'class': 'number'}, number(c, 2)) : el('td', {}, c);
        }));
      })));
  }

  /** Calls the API; resolves to {status, body}; a 401 signs out. */
  function api(method, path, body) {
    var init = {method: method, headers: {'Authorization': 'Bearer ' + key()}};
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      if (response.status === 401) { signOut('The key is no longer valid: sign in again.'); }
      var type = response.headers.get('Content-Type') || '';
      var read = type.indexOf('json') >= 0 ? response.json() : response.text();
      return read.then(function (parsed) { return {status: response.status, body: parsed}; });
    });
  }

  function problemText(answer) {
    var body = answer.body || {};
    return (body.title || ('HTTP ' + answer.status)) + (body.detail ? ': ' + body.detail : '');
  }

  function page(title) {
    var section = document.getElementById('page');
    section.replaceChildren(el('h1', {}, title));
    section.hidden = false;
    return section;
  }

  // ---- sign in --------------------------------------------------------------------------------

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    stopRefresh();
    document.getElementById('nav').hidden = true;
    document.getElementById('sign-out').hidden = true;
    document.getElementById('page').hidden = true;
    document.getElementById('who').textContent = '';
    document.getElementById('sign-in').hidden = false;
    document.getElementById('sign-in-error').textContent = message || '';
  }

  function signIn(candidate) {
    sessionStorage.setItem(KEY, candidate);
    return api('GET', '/v1/stats?minutes=1').then(function (answer) {
      if (answer.status !== 200) {
        signOut(answer.status === 403 ? 'This key may not read this tenant (it lacks the read scope).' : problemText(answer));
        return;
      }
      document.getElementById('who').textContent = 'tenant ' + answer.body.tenant + ' on ' + answer.body.instance;
      document.getElementById('sign-in').hidden = true;
      document.getElementById('nav').hidden = false;
      document.getElementById('sign-out').hidden = false;
      route();
    });
  }

  // ---- overview -------------------------------------------------------------------------------

  function stopRefresh() {
    if (refresh !== null) { clearInterval(refresh); refresh = null; }
  }

  function chart(title, minutes, valueOf, cssClass) {
    var width = 360, height = 80, bar = width / minutes.length;
    var values = minutes.map(valueOf);
    var peak = Math.max.apply(null, values);
    var max = Math.max(peak, 1);
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'chart');
    svg.setAttribute('width', width);
    svg.setAttribute('height', height);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', title + ' per minute over the last hour');
    values.forEach(function (v, i) {
      var h = Math.round((v / max) * (height - 4));
      var rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      rect.setAttribute('x', (i * bar).toFixed(1));
      rect.setAttribute('y', height - h);
      rect.setAttribute('width', Math.max(1, bar - 1).toFixed(1));
      rect.setAttribute('height', h);
      if (cssClass) { rect.setAttribute('class', cssClass); }
      var tip = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      tip.textContent = minutes[i].start + ': ' + v;
      rect.appendChild(tip);
      svg.appendChild(rect);
    });
    var last = values[values.length - 1];
    return el('div', {'class': 'card'}, el('div', {}, title + ' (per minute)'),
      el('div', {'class': 'value'}, number(last)), svg,
      el('div', {'class': 'muted'}, 'hour: ' + number(values.reduce(function (a, b) { return a + b; }, 0)) + ', peak ' + number(peak)));
  }

  function sum(map) { return Object.keys(map || {}).reduce(function (a, k) { return a + map[k]; }, 0); }

  function drawOverview(section, stats) {
    var minutes = stats.minutes;
    var routes = {};
    minutes.forEach(function (m) {
      Object.keys(m.routes).forEach(function (name) {
        var r = m.routes[name];
        var total = routes[name] || (routes[name] = {requests: 0, clientErrors: 0, serverErrors: 0, p50: null, p99: null});
        total.requests += r.requests;
        total.clientErrors += r.clientErrors;
        total.serverErrors += r.serverErrors;
        total.p50 = r.p50Millis;
        total.p99 = r.p99Millis;
      });
    });
    var reasons = {};
    minutes.forEach(function (m) {
      Object.keys(m.eventsRejected).forEach(function (r) { reasons['cleaning: ' + r] = (reasons['cleaning: ' + r] || 0) + m.eventsRejected[r]; });
      Object.keys(m.eventsRefused).forEach(function (r) { reasons['API: ' + r] = (reasons['API: ' + r] || 0) + m.eventsRefused[r]; });
      Object.keys(m.quotaRefused || {}).forEach(function (q) {
        reasons['over the quota of ' + q] = (reasons['over the quota of ' + q] || 0) + m.quotaRefused[q];
      });
    });
    var body = el('div', {id: 'overview'},
      el('div', {'class': 'cards'},
        el('div', {'class': 'card'}, el('div', {}, 'Kafka'),
          el('div', {'class': 'value ' + (stats.brokerReachable ? 'ok' : 'bad'), id: 'broker'}, stats.brokerReachable ? 'answering' : 'not answering')),
        el('div', {'class': 'card'}, el('div', {}, 'Streams of tenant ' + stats.tenant),
          el('div', {'class': 'value ' + (stats.streams === 'RUNNING' ? 'ok' : 'bad'), id: 'streams'}, stats.streams)),
        el('div', {'class': 'card'}, el('div', {}, 'Lag (records)'), el('div', {'class': 'value', id: 'lag'}, number(stats.lag)))),
      el('div', {'class': 'cards'},
        chart('Events accepted', minutes, function (m) { return m.eventsAccepted; }),
        chart('Events clean', minutes, function (m) { return m.eventsClean; }),
        chart('Events rejected', minutes, function (m) { return sum(m.eventsRejected) + sum(m.eventsRefused); }, 'rejected'),
        chart('Requests', minutes, function (m) {
          return Object.keys(m.routes).reduce(function (a, r) { return a + m.routes[r].requests; }, 0);
        })),
      el('h2', {}, 'Rejected and refused events, and requests over the quota, last hour'),
      Object.keys(reasons).length === 0 ? el('p', {'class': 'muted'}, 'none')
        : table(['reason', 'events'], Object.keys(reasons).sort().map(function (r) { return [r, reasons[r]]; }), 'reasons'),
      el('h2', {}, 'Routes, last hour (p50 and p99 of the latest minute with requests)'),
      table(['route', 'requests', '4xx', '5xx', 'p50 ms', 'p99 ms'], Object.keys(routes).sort().map(function (name) {
        var r = routes[name];
        return [name, r.requests, r.clientErrors, r.serverErrors, r.p50, r.p99];
      }), 'routes'),
      el('p', {'class': 'muted'}, 'As instance ' + stats.instance + ' saw it, at ' + stats.at + '; refreshed every 5 s.'));
    var old = document.getElementById('overview');
    if (old) { old.replaceWith(body); } else { section.appendChild(body); }
  }

  function overview() {
    var section = page('Overview');
    function load() {
      return api('GET', '/v1/stats').then(function (answer) {
        if (answer.status === 200) { drawOverview(section, answer.body); }
      });
    }
    load();
    refresh = setInterval(load, 5000);
  }

  // ---- customers ------------------------------------------------------------------------------

  function customers(id) {
    var section = page('Customers');
    var input = el('input', {id: 'customer-id', required: 'required', placeholder: 'customer or anonymous id', value: id || ''});
    section.appendChild(el('form', {'class': 'inline', id: 'customer-form', on: {submit: function (e) {
      e.preventDefault();
      location.hash = '#customers/' + encodeURIComponent(input.value.trim());
    }}}, input, el('button', {type: 'submit'}, 'Open')));
    var view = el('div', {id: 'customer'});
    section.appendChild(view);
    if (id) { showCustomer(view, id); }
  }

  function showCustomer(view, id) {
    var path = '/v1/customers/' + encodeURIComponent(id);
    Promise.all([api('GET', path), api('GET', path + '/segments'), api('GET', path + '/recommendations?count=10&explain=true')])
      .then(function (answers) {
        var customer = answers[0], segments = answers[1], recommendations = answers[2];
        if (customer.status !== 200) {
          view.replaceChildren(el('p', {'class': 'error', id: 'customer-error'}, problemText(customer)));
          return;
        }
        var p = customer.body.profile;
        var visit = p.openVisit;
        var cart = p.cart || {};
        view.replaceChildren(
          el('h2', {}, 'Profile of ', el('span', {id: 'customer-name'}, customer.body.customerId)),
          table(['field', 'value'], [
            ['customer id', p.customerId || '(anonymous)'],
            ['anonymous ids', (p.anonymousIds || []).join(', ') || '-'],
            ['first seen', time(p.firstSeenMillis)], ['last seen', time(p.lastSeenMillis)],
            ['visits', p.sessions], ['orders', p.orders], ['revenue', number(p.revenue, 2) + ' ' + (p.currency || '')],
            ['last order', time(p.lastOrderMillis)], ['views by category', Object.keys(p.categoryCounts || {}).map(function (c) {
              return c + ' ' + p.categoryCounts[c];
            }).join(', ') || '-']
          ], 'profile'),
          el('h2', {}, 'Open visit'),
          visit ? el('p', {}, 'since ' + time(visit.startMillis) + ': ' + (visit.items || []).join(', '))
            : el('p', {'class': 'muted'}, 'none open'),
          el('h2', {}, 'Recent items'),
          table(['item', 'event', 'time', 'category'], (p.recentItems || []).map(function (r) {
            return [r.itemId, r.type, time(r.timestampMillis), r.category || '-'];
          }), 'recent-items'),
          el('h2', {}, 'Searches'),
          (p.recentSearches || []).length ? el('ul', {}, p.recentSearches.map(function (s) {
            return el('li', {}, typeof s === 'string' ? s : (s.query || JSON.stringify(s)));
          })) : el('p', {'class': 'muted'}, 'none'),
          el('h2', {}, 'Cart'),
          Object.keys(cart).length ? table(['item', 'quantity'], Object.keys(cart).map(function (i) { return [i, cart[i]]; }), 'cart')
            : el('p', {'class': 'muted'}, 'empty'),
          el('h2', {}, 'Segments'),
          segments.status === 200 ? el('ul', {id: 'customer-segments'}, segments.body.segments.map(function (s) {
            return el('li', {}, s.name + ' (' + s.kind + ')');
          })) : el('p', {'class': 'muted'}, problemText(segments)),
          el('h2', {}, 'Recommendations'),
          recommendations.status === 200 ? table(['#', 'item', 'score', 'because', 'sources'],
            recommendations.body.items.map(function (r) {
              return [r.position, r.itemId, r.score, r.because || '-', r.explanation ? JSON.stringify(r.explanation) : '-'];
            }), 'recommendations') : el('p', {'class': 'muted'}, problemText(recommendations)),
          eraseBox(id));
      });
  }

  function eraseBox(id) {
    var box = el('div', {id: 'erase'});
    var start = el('button', {type: 'button', id: 'erase-start', on: {click: function () {
      var typed = el('input', {id: 'erase-confirm-id', placeholder: 'type the id to confirm'});
      var result = el('p', {id: 'erase-result', role: 'status'});
      box.replaceChildren(el('div', {'class': 'confirm'},
        el('p', {}, 'Erase every record of ', el('strong', {}, id), '? This cannot be undone; the audit trail keeps the id.'),
        el('form', {'class': 'inline', on: {submit: function (e) {
          e.preventDefault();
          if (typed.value !== id) { result.textContent = 'The id typed does not match.'; return; }
          api('DELETE', '/v1/customers/' + encodeURIComponent(id)).then(function (answer) {
            result.textContent = answer.status < 300 ? 'Erased.' : problemText(answer);
          });
        }}}, typed, el('button', {type: 'submit', id: 'erase-confirm'}, 'Erase')), result));
    }}}, 'Erase this customer...');
    box.appendChild(start);
    return box;
  }

  // ---- items ----------------------------------------------------------------------------------

  /** Adds the catalogue's name and price to each item row. */
  function named(items) {
    if (!items.length) { return Promise.resolve([]); }
    var ids = items.map(function (i) { return i.itemId || i.id; });
    return api('GET', '/v1/catalog?ids=' + ids.map(encodeURIComponent).join(',')).then(function (answer) {
      var byId = {};
      if (answer.status === 200) { answer.body.items.forEach(function (c) { byId[c.itemId] = c; }); }
      return items.map(function (i) {
        var c = byId[i.itemId || i.id] || {};
        return {item: i, name: c.name || '-', price: c.price === undefined || c.price === null ? '-' : number(c.price, 2) + ' ' + (c.currency || '')};
      });
    });
  }

  function itemTable(id, answer, listOf) {
    if (answer.status !== 200) { return Promise.resolve(el('p', {'class': 'muted', id: id}, problemText(answer))); }
    return named(listOf(answer.body)).then(function (rows) {
      return table(['item', 'name', 'price', 'score'], rows.map(function (r) {
        var link = el('a', {href: '#items/' + encodeURIComponent(r.item.itemId)}, r.item.itemId);
        return [link, r.name, r.price, r.item.score];
      }), id);
    });
  }

  function items(id) {
    var section = page('Items');
    var input = el('input', {id: 'item-id', required: 'required', placeholder: 'item id', value: id || ''});
    section.appendChild(el('form', {'class': 'inline', on: {submit: function (e) {
      e.preventDefault();
      location.hash = '#items/' + encodeURIComponent(input.value.trim());
    }}}, input, el('button', {type: 'submit'}, 'Open')));
    if (id) {
      var entry = el('p', {id: 'item-entry'});
      section.appendChild(entry);
      api('GET', '/v1/catalog?ids=' + encodeURIComponent(id)).then(function (answer) {
        var c = answer.status === 200 ? answer.body.items[0] : null;
        entry.textContent = c ? c.name + ' - ' + (c.category || 'no category') + ' - '
          + (c.price === null || c.price === undefined ? 'no price' : number(c.price, 2) + ' ' + (c.currency || ''))
          + (c.available === false ? ' - sold out' : '') : id + ' is not in the catalogue';
      });
    }
    var lists = el('div', {});
    section.appendChild(lists);
    var calls = id ? [
      ['Items like ' + id, 'similar', api('GET', '/v1/items/' + encodeURIComponent(id) + '/similar?count=10'), function (b) { return b.items; }],
      ['Who would buy ' + id, 'audience', api('GET', '/v1/items/' + encodeURIComponent(id) + '/audience?count=10'), null]
    ] : [];
    calls = calls.concat([
      ['Trending, last 24 h', 'trending', api('GET', '/v1/items/trending?count=10'), function (b) { return b.items; }],
      ['Popular', 'popular', api('GET', '/v1/items/popular?count=10'), function (b) { return b.items; }]]);
    calls.forEach(function (call) {
      var slot = el('div', {});
      lists.appendChild(el('div', {}, el('h2', {}, call[0]), slot));
      call[2].then(function (answer) {
        if (call[3] === null) {
          slot.replaceChildren(answer.status === 200 ? table(['visitor', 'customer', 'score', 'because'], answer.body.members.map(function (m) {
            return [el('a', {href: '#customers/' + encodeURIComponent(m.id)}, m.id), m.customer ? 'yes' : 'no', m.score, m.because || '-'];
          }), call[1]) : el('p', {'class': 'muted', id: call[1]}, problemText(answer)));
          return;
        }
        itemTable(call[1], answer, call[3]).then(function (t) { slot.replaceChildren(t); });
      });
    });
  }

  // ---- segments -------------------------------------------------------------------------------

  function segments() {
    var section = page('Segments');
    var list = el('div', {id: 'segment-list'});
    var exportArea = el('div', {id: 'export'});
    section.appendChild(list);
    section.appendChild(exportArea);
    function load() {
      api('GET', '/v1/segments').then(function (answer) {
        if (answer.status !== 200) { list.replaceChildren(el('p', {'class': 'error'}, problemText(answer))); return; }
        list.replaceChildren(el('p', {'class': 'muted'}, answer.body.profiles + ' profiles, as of ' + answer.body.asOf),
          table(['segment', 'kind', 'description', 'size', 'average revenue', ''], answer.body.segments.map(function (s) {
            return [s.name, s.kind, s.description || '-', s.size, s.averageRevenue,
              el('button', {type: 'button', 'data-segment': s.name, on: {click: function () { startExport(exportArea, s.name); }}}, 'Export CSV')];
          }), 'segments'));
      });
    }
    load();
    var name = el('input', {id: 'rule-name', required: 'required', placeholder: 'name, e.g. cart-abandoners'});
    var description = el('input', {id: 'rule-description', placeholder: 'description', size: 40});
    var rule = el('textarea', {id: 'rule-body', spellcheck: 'false'});
    rule.value = '{"all": [{"field": "lastCartAdd", "within": "24h"}, {"event": "purchase", "since": "lastCartAdd", "max": 0}]}';
    var outcome = el('div', {id: 'rule-outcome', role: 'status'});
    section.appendChild(el('h2', {}, 'Define a rule segment'));
    section.appendChild(el('form', {id: 'rule-form', on: {submit: function (e) {
      e.preventDefault();
      var parsed;
      try { parsed = JSON.parse(rule.value); } catch (err) {
        outcome.replaceChildren(el('ul', {'class': 'errors'}, el('li', {}, 'rule: not JSON (' + err.message + ')')));
        return;
      }
      api('PUT', '/v1/segments/' + encodeURIComponent(name.value.trim()), {description: description.value, rule: parsed})
        .then(function (answer) {
          if (answer.status === 200 || answer.status === 201) {
            outcome.replaceChildren(el('p', {'class': 'ok'}, 'Saved ' + name.value.trim() + '.'));
            load();
          } else {
            var errors = (answer.body && answer.body.errors) || [];
            outcome.replaceChildren(el('p', {'class': 'error'}, problemText(answer)),
              el('ul', {'class': 'errors'}, errors.map(function (f) { return el('li', {}, f.pointer + ': ' + f.detail); })));
          }
        });
    }}}, el('p', {}, name, ' ', description), rule, el('p', {}, el('button', {type: 'submit', id: 'rule-save'}, 'Save')), outcome));
  }

  function startExport(area, segment) {
    var bar = el('progress', {max: 1, value: 0, id: 'export-progress'});
    var status = el('span', {id: 'export-status'}, 'starting');
    area.replaceChildren(el('h2', {}, 'Export of ' + segment), bar, ' ', status);
    api('POST', '/v1/segments/' + encodeURIComponent(segment) + '/exports', {format: 'csv'}).then(function (answer) {
      if (answer.status !== 202) { status.textContent = problemText(answer); return; }
      var job = answer.body;
      var poll = setInterval(function () {
        api('GET', '/v1/exports/' + encodeURIComponent(job.id)).then(function (now) {
          if (now.status !== 200) { clearInterval(poll); status.textContent = problemText(now); return; }
          bar.value = now.body.progress;
          status.textContent = now.body.status + ', ' + number(now.body.rows) + ' rows';
          if (now.body.status === 'done') {
            clearInterval(poll);
            fetch('/v1/exports/' + encodeURIComponent(job.id) + '/file', {headers: {'Authorization': 'Bearer ' + key()}})
              .then(function (response) { return response.blob(); })
              .then(function (blob) {
                area.appendChild(el('p', {}, el('a', {id: 'export-download', href: URL.createObjectURL(blob), download: now.body.fileName},
                  'Download ' + now.body.fileName)));
              });
          } else if (now.body.status === 'failed') {
            clearInterval(poll);
          }
        });
      }, 500);
    });
  }

  // ---- model and experiments ------------------------------------------------------------------

  function model() {
    var section = page('Model');
    api('GET', '/v1/model').then(function (answer) {
      if (answer.status !== 200) { section.appendChild(el('p', {'class': 'error'}, problemText(answer))); return; }
      var m = answer.body;
      section.appendChild(el('p', {id: 'model-fitted'}, m.fitted ? 'Fitted on ' + m.fittedOn + ' visits at ' + m.fittedAt
        : 'The configured settings (no fit applied yet)', m.tuneEvery ? '; fitted again every ' + m.tuneEvery : ''));
      section.appendChild(el('h2', {}, 'Settings in use'));
      section.appendChild(table(['setting', 'value'], Object.keys(m.settings).map(function (s) { return [s, m.settings[s]]; }), 'settings'));
      if (m.validation) {
        section.appendChild(el('h2', {}, 'Validation of the latest fit (' + m.validation.visits + ' visits)'));
        var rows = [['in use', m.validation.inUse.hr20, m.validation.inUse.mrr20]];
        Object.keys(m.validation.candidates).forEach(function (c) {
          rows.push([c, m.validation.candidates[c].hr20, m.validation.candidates[c].mrr20]);
        });
        section.appendChild(table(['settings', 'HR@20', 'MRR@20'], rows, 'validation'));
      }
      section.appendChild(el('h2', {}, 'Fits'));
      section.appendChild(table(['finished', 'trigger', 'visits', 'applied'], (m.fits || []).map(function (f) {
        return [f.finishedAt, f.trigger, f.visits, f.applied ? 'yes' : 'no'];
      }), 'fits'));
    });
  }

  function experiments(name) {
    var section = page('Experiments');
    api('GET', '/v1/experiments').then(function (answer) {
      if (answer.status !== 200) { section.appendChild(el('p', {'class': 'error'}, problemText(answer))); return; }
      section.appendChild(table(['experiment', 'status', 'started', 'arms'], answer.body.map(function (x) {
        return [el('a', {href: '#experiments/' + encodeURIComponent(x.name)}, x.name), x.status, x.startedAt, x.arms.join(', ')];
      }), 'experiments'));
      var chosen = name || (answer.body.length ? answer.body[0].name : null);
      if (!chosen) { section.appendChild(el('p', {'class': 'muted'}, 'No experiment yet.')); return; }
      api('GET', '/v1/experiments/' + encodeURIComponent(chosen)).then(function (report) {
        if (report.status !== 200) { section.appendChild(el('p', {'class': 'error'}, problemText(report))); return; }
        var r = report.body;
        function estimate(e) { return e ? number(e.value, 4) + ' (' + number(e.low, 4) + ' - ' + number(e.high, 4) + ')' : '-'; }
        section.appendChild(el('h2', {}, 'Report of ' + r.name + ' (' + r.status + ')'));
        section.appendChild(table(['arm', 'visitors', 'lists shown', 'clicks', 'click-through', 'conversion', 'revenue per visitor'],
          r.arms.map(function (a) {
            return [a.arm, a.visitors, a.impressions, a.clicks, estimate(a.clickThroughRate), estimate(a.conversion), estimate(a.revenuePerVisitor)];
          }), 'arms'));
        var tests = [];
        Object.keys(r.tests || {}).forEach(function (metric) {
          [].concat(r.tests[metric]).forEach(function (t) {
            tests.push([t.metric, t.method, t.compared.join(' vs '), t.pValue, t.significant ? 'yes' : 'no']);
          });
        });
        section.appendChild(table(['metric', 'test', 'arms', 'p', 'significant at 0.05'], tests, 'tests'));
      });
    });
  }

  // ---- routing --------------------------------------------------------------------------------

  var pages = {overview: overview, customers: customers, items: items, segments: segments, model: model, experiments: experiments};

  function route() {
    if (!key()) { signOut(); return; }
    stopRefresh();
    var hash = location.hash.replace(/^#/, '');
    var slash = hash.indexOf('/');
    var name = slash < 0 ? hash : hash.slice(0, slash);
    var arg = null;
    if (slash >= 0) {
      try { arg = decodeURIComponent(hash.slice(slash + 1)); } catch (e) { arg = hash.slice(slash + 1); }
    }
    if (!pages[name]) { name = 'overview'; arg = null; }
    document.querySelectorAll('#nav a').forEach(function (a) {
      a.classList.toggle('current', a.getAttribute('href') === '#' + name);
    });
    pages[name](arg);
  }

  document.getElementById('sign-in-form').addEventListener('submit', function (e) {
    e.preventDefault();
    signIn(document.getElementById('key').value.trim());
  });
  document.getElementById('sign-out').addEventListener('click', function () { signOut(); });
  window.addEventListener('hashchange', function () { if (key()) { route(); } });
  if (key()) { signIn(key()); } else { signOut(); }
}());

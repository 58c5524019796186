/* ecrm browser tracker. Include with
 *   <script async src="https://YOUR-ECRM/ecrm.js" data-tenant="YOUR-TENANT"></script>
 *   <script>window.ecrm=window.ecrm||function(){(ecrm.q=ecrm.q||[]).push(arguments)};</script>
 * then call ecrm('product_view', {itemId: 'sku-1'}), ecrm('add_to_cart', {itemId: 'sku-1', quantity: 1, price: 9.9, currency: 'EUR'}),
 * ecrm('purchase', {...}), ecrm('login', {customerId: 'c-42'}). A page view is sent on load.
 * When a recommendation answer is rendered, call ecrm('shown', answer, {placement: 'home', container: element}):
 * it records the impression (the answer's recommendationId and items, in order) and, when a link in the
 * container carrying data-ecrm-item="sku-1" is clicked, remembers it for the visit, so that the next
 * product_view, add_to_cart or purchase of that item names the recommendation it came from. */
(function () {
  var script = document.currentScript;
  var base = script ? script.src.replace(/\/ecrm\.js(\?.*)?$/, '') : '';
  var tenant = script && script.getAttribute('data-tenant');
  var endpoint = base + '/v1/collect' + (tenant ? '?tenant=' + encodeURIComponent(tenant) : '');
  var COOKIE = 'ecrm_aid';

  function randomId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
      var r = Math.random() * 16 | 0; return (c === 'x' ? r : (r & 0x3 | 0x8)).toString(16);
    });
  }

  function anonymousId() {
    var match = document.cookie.match(new RegExp('(?:^|; )' + COOKIE + '=([^;]*)'));
    var id = match ? decodeURIComponent(match[1]) : randomId();
    document.cookie = COOKIE + '=' + encodeURIComponent(id) + '; Max-Age=31536000; Path=/; SameSite=Lax'
      + (location.protocol === 'https:' ? '; Secure' : '');
    return id;
  }

  var CLICKS = 'ecrm_clicks';

  function clicks() {
    try { return JSON.parse(sessionStorage.getItem(CLICKS) || '{}'); } catch (e) { return {}; }
  }

  function remember(itemId, recommendationId) {
    var all = clicks();
    all[itemId] = recommendationId;
    try { sessionStorage.setItem(CLICKS, JSON.stringify(all)); } catch (e) { /* storage full or off: not tagged */ }
  }

  /* the recommendation a product event came from: its item's remembered click, used once */
  function tag(type, event) {
    if (event.recommendationId || !event.itemId
        || (type !== 'product_view' && type !== 'add_to_cart' && type !== 'purchase')) { return; }
    var all = clicks();
    if (Object.prototype.hasOwnProperty.call(all, event.itemId)) {
      event.recommendationId = all[event.itemId];
      delete all[event.itemId];
      try { sessionStorage.setItem(CLICKS, JSON.stringify(all)); } catch (e) { /* nothing to undo */ }
    }
  }

  function shown(answer, options) {
    options = options || {};
    if (!answer || !answer.recommendationId || !answer.items || !answer.items.length) { return; }
    var ids = [];
    for (var i = 0; i < answer.items.length; i++) { ids.push(answer.items[i].itemId); }
    send('impression', { recommendationId: answer.recommendationId, placement: options.placement, itemIds: ids });
    var container = options.container;
    if (container && container.addEventListener) {
      container.addEventListener('click', function (e) {
        var node = e.target;
        while (node && node !== container && !(node.getAttribute && node.getAttribute('data-ecrm-item'))) { node = node.parentNode; }
        if (node && node !== container) { remember(node.getAttribute('data-ecrm-item'), answer.recommendationId); }
      });
    }
  }

  function send(type, props) {
    var event = { eventId: randomId(), type: type, timestamp: new Date().toISOString(), anonymousId: anonymousId(),
      url: location.href, referrer: document.referrer || undefined, userAgent: navigator.userAgent };
    for (var key in props) { if (Object.prototype.hasOwnProperty.call(props, key) && props[key] !== undefined) { event[key] = props[key]; } }
    if (type !== 'impression') { delete event.placement; }
    tag(type, event);
    var body = JSON.stringify([event]);
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) { return; }
    if (window.fetch) { fetch(endpoint, { method: 'POST', body: body, keepalive: true, headers: { 'Content-Type': 'text/plain' } }); }
  }

  var queued = (window.ecrm && window.ecrm.q) || [];
  function call(type, props, options) {
    if (type === 'shown') { shown(props, options); } else { send(type, props || {}); }
  }
  window.ecrm = call;
  send('page_view', {});
  for (var i = 0; i < queued.length; i++) { call(queued[i][0], queued[i][1], queued[i][2]); }
})();

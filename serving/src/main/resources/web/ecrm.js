/* ecrm browser tracker. Include with
 *   <script async src="https://YOUR-ECRM/ecrm.js" data-tenant="YOUR-TENANT"></script>
 *   <script>window.ecrm=window.ecrm||function(){(ecrm.q=ecrm.q||[]).push(arguments)};</script>
 * then call ecrm('product_view', {itemId: 'sku-1'}), ecrm('add_to_cart', {itemId: 'sku-1', quantity: 1, price: 9.9, currency: 'EUR'}),
 * ecrm('purchase', {...}), ecrm('login', {customerId: 'c-42'}). A page view is sent on load. */
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

  function send(type, props) {
    var event = { eventId: randomId(), type: type, timestamp: new Date().toISOString(), anonymousId: anonymousId(),
      url: location.href, referrer: document.referrer || undefined, userAgent: navigator.userAgent };
    for (var key in props) { if (Object.prototype.hasOwnProperty.call(props, key)) { event[key] = props[key]; } }
    var body = JSON.stringify([event]);
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, body)) { return; }
    if (window.fetch) { fetch(endpoint, { method: 'POST', body: body, keepalive: true, headers: { 'Content-Type': 'text/plain' } }); }
  }

  var queued = (window.ecrm && window.ecrm.q) || [];
  window.ecrm = function (type, props) { send(type, props || {}); };
  send('page_view', {});
  for (var i = 0; i < queued.length; i++) { send(queued[i][0], queued[i][1] || {}); }
})();

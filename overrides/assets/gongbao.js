// Gongbao: the 复制引用 (copy citation) button.  The citation text is in the
// button's data-cite attribute; the permalink is the page's canonical URL when
// the site has one, else the address the reader sees (without query or hash).
(function () {
  function permalink() {
    var canon = document.querySelector('link[rel="canonical"]');
    if (canon && canon.href) return canon.href;
    return location.href.split('#')[0].split('?')[0];
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement('textarea');
    area.value = text; document.body.appendChild(area); area.select();
    try { document.execCommand('copy'); } finally { document.body.removeChild(area); }
    return Promise.resolve();
  }
  document.addEventListener('click', function (ev) {
    var btn = ev.target.closest && ev.target.closest('.gb-cite');
    if (!btn) return;
    var text = btn.getAttribute('data-cite') + ' ' + permalink();
    copy(text).then(function () {
      btn.setAttribute('data-done', '');
      btn.textContent = '已复制';
      setTimeout(function () { btn.removeAttribute('data-done'); btn.textContent = '复制引用'; }, 2000);
    });
  });
})();

/* 长者模式 (age-friendly mode, MIIT 2021): text 1.5 times as large and high
   contrast, switched by the header's button and remembered across pages in
   localStorage (no cookie). The site's only script: every page reads the
   same without it, and the button stays hidden. Loaded in <head>, so the
   mode applies before the page is first drawn. */
(function () {
  var KEY = 'gongkai-elder', root = document.documentElement;
  function get() { try { return localStorage.getItem(KEY) === '1'; } catch (e) { return false; } }
  function set(on) {
    root.classList.toggle('elder', on);
    var b = document.getElementById('elder-switch');
    if (b) b.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  set(get());
  document.addEventListener('DOMContentLoaded', function () {
    var b = document.getElementById('elder-switch');
    if (!b) return;
    b.hidden = false;
    set(get());
    b.addEventListener('click', function () {
      var on = !root.classList.contains('elder');
      set(on);
      try { if (on) localStorage.setItem(KEY, '1'); else localStorage.removeItem(KEY); } catch (e) {}
    });
  });
  window.addEventListener('storage', function (e) { if (e.key === KEY) set(get()); });
})();

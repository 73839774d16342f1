// js_on_load of an article view (gr.HTML). Gradio provides `element`, `trigger` and `watch`;
// the Python side prepends `const LINKS = '<css selector>', EVENT = '<event name>';`.
// A click (or Enter) on a matching link anywhere on the page becomes one server event carrying
// the link's href; the server answers with the article, its sentence marked.
if (!element.dataset.linksBound) {
  element.dataset.linksBound = '1';
  document.addEventListener('click', (ev) => {
    const link = ev.target instanceof Element ? ev.target.closest(LINKS) : null;
    if (!link) return;
    ev.preventDefault();
    ev.stopPropagation();
    trigger(EVENT, {href: link.getAttribute('href') || ''});
    link.blur();  // the article is open now: put the quote preview away
  }, true);
  // A citation's quote preview is fixed to the viewport, so no scroll box clips it: place it
  // under its link (or above, near the bottom), inside the window.
  const place = (ev) => {
    const link = ev.target instanceof Element ? ev.target.closest('a.cite-link') : null;
    const tip = link && link.querySelector('.cite-preview');
    if (!tip) return;
    const r = link.getBoundingClientRect();
    const width = Math.min(416, window.innerWidth * 0.9);
    tip.style.width = `${width}px`;
    tip.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - width - 8))}px`;
    const below = r.bottom + 6, room = window.innerHeight - below;
    tip.style.top = room > 160 ? `${below}px` : '';
    tip.style.bottom = room > 160 ? '' : `${window.innerHeight - r.top + 6}px`;
  };
  document.addEventListener('mouseover', place, true);
  document.addEventListener('focusin', place, true);
  document.addEventListener('scroll', () => {
    const active = document.activeElement;
    if (active && active.matches('a.cite-link')) active.blur();
  }, {capture: true, passive: true});
}

// Whenever the article changes, bring the marked sentence into view: inside the article's
// own scroll box first, then the page only if the view is off screen (a phone).
watch('value', () => {
  const mark = element.querySelector('#cited-span');
  if (!mark) return;
  const box = mark.closest('.article-body');
  if (box) box.scrollTop += mark.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
  const r = element.getBoundingClientRect();
  if (r.top < 0 || r.top > window.innerHeight - 80) element.scrollIntoView({block: 'start'});
});

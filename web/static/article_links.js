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
    const t = document.getElementById('cite-tooltip');
    if (t) t.hidden = true;
  }, true);
  // A citation's quote preview: one tooltip on <body> (no scroll box or stacking context
  // clips it), filled from the link's hidden .cite-preview, placed under the link (above it
  // near the bottom of the window), shown on hover or keyboard focus.
  let tip = document.getElementById('cite-tooltip');
  if (!tip) {
    tip = document.createElement('div');
    tip.id = 'cite-tooltip';
    tip.setAttribute('role', 'tooltip');
    tip.hidden = true;
    document.body.appendChild(tip);
  }
  const show = (ev) => {
    const link = ev.target instanceof Element ? ev.target.closest('a.cite-link') : null;
    const preview = link && link.querySelector('.cite-preview');
    if (!preview) return;
    tip.innerHTML = preview.innerHTML;
    const r = link.getBoundingClientRect();
    const width = Math.min(416, window.innerWidth - 16);
    tip.style.width = `${width}px`;
    tip.style.left = `${Math.max(8, Math.min(r.left, window.innerWidth - width - 8))}px`;
    tip.hidden = false;
    const below = r.bottom + 6;
    const top = below + tip.offsetHeight < window.innerHeight - 8 ? below : Math.max(8, r.top - 6 - tip.offsetHeight);
    tip.style.top = `${top}px`;
    link.setAttribute('aria-describedby', 'cite-tooltip');
  };
  const hide = () => { tip.hidden = true; };
  document.addEventListener('mouseover', show, true);
  document.addEventListener('focusin', show, true);
  document.addEventListener('mouseout', (ev) => {
    const link = ev.target instanceof Element ? ev.target.closest('a.cite-link') : null;
    if (link && !link.contains(ev.relatedTarget) && document.activeElement !== link) hide();
  }, true);
  document.addEventListener('focusout', (ev) => {
    if (ev.target instanceof Element && ev.target.closest('a.cite-link')) hide();
  }, true);
  document.addEventListener('scroll', hide, {capture: true, passive: true});
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') hide(); }, true);
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

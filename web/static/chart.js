// js_on_load of the Facts chart (gr.HTML): the series picker shows or hides panels.
if (!element.dataset.chartBound) {
  element.dataset.chartBound = '1';
  const boxes = [...element.querySelectorAll('.series-pick input')];
  const sync = () => boxes.forEach((box) => {
    const panel = element.querySelector(`.chart-panel[data-series="${box.value}"]`);
    if (panel) panel.hidden = !box.checked;
  });
  boxes.forEach((box) => box.addEventListener('change', sync));
  element.querySelectorAll('[data-pick]').forEach((button) => button.addEventListener('click', () => {
    const pick = button.dataset.pick;
    boxes.forEach((box) => { box.checked = pick === 'all' || (pick === 'joined' && box.dataset.joined === 'true'); });
    sync();
  }));
}

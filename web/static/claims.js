// js_on_load of the claim report (gr.HTML): "Copy receipt" copies that figure's receipt.
element.addEventListener('click', (ev) => {
  const button = ev.target instanceof Element ? ev.target.closest('button.copy-claim') : null;
  if (!button) return;
  const text = button.parentElement.querySelector('pre').textContent;
  if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {});
  button.textContent = 'Copied';
  setTimeout(() => { button.textContent = 'Copy receipt'; }, 1500);
});

// js_on_load of the sources panel (gr.HTML). "Copy citation" copies the receipt of the answer
// the panel shows (its pre.receipt-text) to the clipboard: navigator.clipboard where the page
// may use it (https or this machine), else a selected, off-screen textarea and execCommand.
// If both fail the receipt opens, selected, for the reader to copy by hand.
function copyBySelection(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.top = '-1000px';
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try { copied = document.execCommand('copy'); } catch (err) { copied = false; }
  area.remove();
  return copied;
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (err) { /* not allowed here: fall back */ }
  }
  return copyBySelection(text);
}

if (!element.dataset.receiptBound) {
  element.dataset.receiptBound = '1';
  element.addEventListener('click', async (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest('button.copy-receipt') : null;
    if (!button) return;
    const box = button.closest('.receipt');
    const pre = box.querySelector('.receipt-text');
    const status = box.querySelector('.copy-status');
    const copied = await copyText(pre.textContent);
    button.dataset.copied = copied ? 'yes' : 'no';
    status.classList.toggle('failed', !copied);
    status.textContent = copied ? 'Copied: paste it into your notes.' : 'Could not copy: the receipt is selected below, copy it by hand.';
    if (!copied) {
      box.querySelector('details').open = true;
      window.getSelection().selectAllChildren(pre);
    }
  });
}

// js_on_load of the Facts table (gr.HTML): sort on a header click, filter on typing.
const table = element.querySelector('table.facts-table');
const filter = element.querySelector('.facts-filter');
const count = element.querySelector('.facts-count');
if (table && !element.dataset.tableBound) {
  element.dataset.tableBound = '1';
  const body = table.tBodies[0];
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((th, col) => {
    th.querySelector('button.sort').addEventListener('click', () => {
      const ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach((h) => h.setAttribute('aria-sort', 'none'));
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const numeric = th.dataset.type === 'number';
      const key = (row) => row.cells[col].dataset.sort;
      const rows = [...body.rows].sort((a, b) => {
        const d = numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b));
        return ascending ? d : -d;
      });
      rows.forEach((row) => body.appendChild(row));
    });
  });
  filter.addEventListener('input', () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of body.rows) {
      const text = row.textContent.toLowerCase();
      row.hidden = !words.every((w) => text.includes(w));
      shown += row.hidden ? 0 : 1;
    }
    count.textContent = `${shown} of ${body.rows.length} facts`;
  });
}

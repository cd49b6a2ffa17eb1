// A page function for playwright's `page.waitForFunction` / `page.evaluate` (the consumer tests and the README
// pictures): the canvases inside visible metric cards, shadow roots searched all the way down, and how many have
// something drawn on them. Self-contained, because it runs in the page.
export function drawnCardCharts() {
  const deep = (root, selector) => {
    const found = [];
    for (const element of root.querySelectorAll('*')) {
      if (element.matches(selector)) found.push(element);
      if (element.shadowRoot) found.push(...deep(element.shadowRoot, selector));
    }
    return found;
  };
  const cards = deep(document, 'ps-metric-card').filter((card) => card.shadowRoot && card.getClientRects().length > 0);
  const canvases = cards.flatMap((card) => deep(card.shadowRoot, 'canvas'));
  const drawn = canvases.filter((canvas) => {
    if (canvas.width === 0 || canvas.height === 0) return false;
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  });
  return { canvases: canvases.length, drawn: drawn.length };
}

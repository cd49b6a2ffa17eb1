/** Browser tests' `<ps-metric-card>` on the page: mounted in a sized box, settled, and removed after each test. */
import '../../src/elements/ps-metric-card/define.js';
import type { PsMetricCard } from '../../src/elements/ps-metric-card/ps-metric-card.js';

const mounted: HTMLElement[] = [];

afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

/** Removes `element` from the page after the current test. */
export function removeAfterTest(element: HTMLElement): void {
  mounted.push(element);
}

/** A card with `props` (no live refresh unless asked) in a box `width` px wide, once its data and charts settled. */
export async function mountCard(props: Partial<PsMetricCard>, width = 720): Promise<PsMetricCard> {
  const box = document.createElement('div');
  box.style.width = `${width}px`;
  const card = document.createElement('ps-metric-card');
  Object.assign(card, { refresh: '0', ...props });
  box.append(card);
  document.body.append(box);
  removeAfterTest(box);
  await card.settled();
  return card;
}

/**
 * Exports the drawn diagram as a standalone SVG (computed theme colours written onto a clone, serialized with
 * XMLSerializer, never through innerHTML) and as a PNG (that SVG drawn onto a canvas).
 */
import type { Scene } from '../../layout/scene.js';
import { DataError } from '../../model/errors.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Everything the stylesheet decides that a standalone file must carry itself. */
const PAINT_PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'filter',
] as const;

export function exportSVG(source: SVGSVGElement, scene: Scene, title: string): string {
  const clone = source.cloneNode(true) as SVGSVGElement;
  const originals = source.querySelectorAll('*');
  const copies = clone.querySelectorAll('*');
  originals.forEach((original, i) => {
    const copy = copies[i] as SVGElement;
    const computed = getComputedStyle(original);
    copy.removeAttribute('class');
    copy.removeAttribute('tabindex');
    copy.removeAttribute('style');
    for (const name of PAINT_PROPERTIES) {
      const value = computed.getPropertyValue(name);
      if (value && value !== 'none' && !(name === 'opacity' && value === '1')) copy.style.setProperty(name, value);
    }
    // Nodes are placed by CSS transforms; a standalone file needs them as attributes.
    if (computed.transform && computed.transform !== 'none' && original.hasAttribute('style')) copy.setAttribute('transform', computed.transform);
    if (computed.display === 'none' || (computed.opacity === '0' && original.classList.contains('ring'))) copy.remove();
  });
  // The export shows the whole diagram, not the current zoom and pan.
  clone.querySelector(':scope > g')?.removeAttribute('transform');
  removeComments(clone);

  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(scene.width));
  clone.setAttribute('height', String(scene.height));
  clone.setAttribute('viewBox', `0 0 ${scene.width} ${scene.height}`);
  clone.removeAttribute('class');
  const host = (source.getRootNode() as ShadowRoot).host ?? source;
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.style.setProperty('fill', getComputedStyle(host).getPropertyValue('--ps-color-bg').trim() || '#fff');
  const titleElement = document.createElementNS(SVG_NS, 'title');
  titleElement.textContent = title;
  clone.prepend(titleElement, background);
  return new XMLSerializer().serializeToString(clone);
}

/** Lit's template markers are comments; a file for people should not carry them. */
function removeComments(root: Node): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
}

/**
 * The SVG drawn onto a canvas through a `blob:` image: a page whose Content-Security-Policy sets `img-src` must allow
 * `blob:` there (the README's policy does); otherwise the image is blocked and this says so.
 */
export async function exportPNG(svgText: string, scene: Scene, pixelRatio = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode().catch((cause: unknown) => {
      throw new DataError('invalid-data', "The diagram could not be drawn as an image: if the page has a Content-Security-Policy, its img-src must allow blob: (toPNG draws the SVG through a blob: image).", { cause });
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(scene.width * pixelRatio);
    canvas.height = Math.ceil(scene.height * pixelRatio);
    canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode a PNG.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

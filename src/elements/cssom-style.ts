/**
 * `styleMap` that writes through the CSSOM from the first render on. Lit's own `styleMap` renders its first value as a
 * `style` attribute, which a strict Content-Security-Policy (`style-src` without 'unsafe-inline') blocks, so the
 * element's first frame loses those styles; CSSOM writes (`style.setProperty`) are always allowed.
 */
import { noChange } from 'lit';
import { Directive, PartType, directive, type AttributePart, type PartInfo } from 'lit/directive.js';

/** CSS property names in dash-case (`transform`, `--swatch`) and their values; `null`/`undefined` removes one. */
export type CssProperties = Readonly<Record<string, string | number | null | undefined>>;

class CssomStyleDirective extends Directive {
  private readonly names = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ATTRIBUTE || partInfo.name !== 'style' || (partInfo.strings?.length ?? 0) > 2) {
      throw new Error('cssomStyle must be the only part of a style attribute.');
    }
  }

  render(_properties: CssProperties): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [properties]: [CssProperties]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.names) {
      if (properties[name] == null) {
        style.removeProperty(name);
        this.names.delete(name);
      }
    }
    for (const [name, value] of Object.entries(properties)) {
      if (value == null) continue;
      style.setProperty(name, String(value));
      this.names.add(name);
    }
    return noChange;
  }
}

/** Sets inline CSS properties through the CSSOM (CSP-safe): `style=${cssomStyle({ transform: 'translate(4px, 8px)' })}`. */
export const cssomStyle = directive(CssomStyleDirective);

import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { enumeratedControls, liveControls } from './controls.js';

// Controls and docs read attributes, properties, events, parts and CSS properties from the Custom Elements Manifest
// (`npm run manifest`, run before Storybook). A glob, so a checkout that has not generated it yet still starts.
const manifests = import.meta.glob<{ default: unknown }>('../custom-elements.json', { eager: true });
for (const manifest of Object.values(manifests)) setCustomElementsManifest(manifest.default);

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Colour theme of the elements',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  // Choices instead of "Set object" for properties that take a fixed set of values (controls.ts).
  argTypesEnhancers: [enumeratedControls],
  decorators: [
    liveControls,
    (story, context) => {
      const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
      document.documentElement.style.colorScheme = theme;
      document.body.style.background = theme === 'dark' ? '#0b0d12' : '#ffffff';
      document.documentElement.dataset.psTheme = theme;
      return story();
    },
  ],
  parameters: { layout: 'padded' },
};
export default preview;

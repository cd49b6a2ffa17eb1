import type { Preview } from '@storybook/web-components-vite';

const preview: Preview = {
  globalTypes: {
    theme: {
      description: 'Colour theme of the elements',
      toolbar: { title: 'Theme', icon: 'mirror', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
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

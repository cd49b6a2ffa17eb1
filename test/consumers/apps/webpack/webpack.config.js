// A plain webpack 5 setup: nothing here is about ps-widgets (its layout worker is found through `new URL(…, import.meta.url)`).
import { resolve } from 'node:path';

export default {
  entry: './src/main.ts',
  output: { path: resolve(import.meta.dirname, 'dist'), filename: 'main.js', clean: true },
  resolve: { extensions: ['.ts', '.js'] },
  module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true } }] },
  performance: { hints: false },
};

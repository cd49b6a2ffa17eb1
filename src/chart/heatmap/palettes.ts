/**
 * Perceptually uniform, colour-blind-safe colour maps, 52 evenly spaced stops each (every fifth of 256), as RGB hex.
 * magma and viridis: van der Walt & Smith's matplotlib maps (CC0), as d3-scale-chromatic 3.1.0 ships them
 * (src/sequential-multi/viridis.js); cividis: Nuñez, Anderton & Renslow (2018), through d3-scale-chromatic's
 * polynomial fit (src/sequential-multi/cividis.js). Lightness rises monotonically in all three, so order reads
 * without hue (deuteranopia, protanopia, tritanopia, greyscale print).
 */
export const PALETTES = {
  magma:
    '00000402020b0504160907200e0b2b140e361a104221114e29115a311165390f6e420f754a107952137c5a167e621980' +
    '6a1c81721f81792282812581892881912b81992d80a1307eaa337db2357bba3878c23b75ca3e72d2426fd9466be04c67' +
    'e75263ec5860f1605df4695cf7725cf97b5dfb8560fc8e64fd9869fea16efeaa74feb47bfebd82fec68afecf92fed89a' +
    'fde2a3fdebacfcf4b6fcfdbf',
  viridis:
    '44015446085c471063481769481d6f482475472a7a46307e453781433d844142873f48893d4e8a3a538b38598c355e8d' +
    '33638d31688e2e6d8e2c718e2a768e297b8e27808e25848e23898e218e8d20928c1f978b1e9c891fa18821a58524aa83' +
    '28ae802eb37c35b7793dbc7446c06f50c46a5ac86465cb5e70cf577cd25089d54895d840a2da37b0dd2fbddf26cae11f' +
    'd8e219e5e419f1e51dfde725',
  cividis:
    '00205100245900275f002b64052e6709326a0f356c15396d1c3c6e23406e29436e30476e374a6e3e4e6e44526d4b556d' +
    '51596e575c6e5c606e62646f67676f6c6b70706f717572727976737d7a74817d758581768985778e8978928d78969178' +
    '9b95789f9978a49d78a9a177aea575b4a974baae72bfb26fc5b66cccbb69d2bf66d8c462dec85ee4cd5aead256f0d652' +
    'f4db4ef8e04bfbe548fdea45',
} as const;

export type PaletteName = keyof typeof PALETTES;
export const PALETTE_NAMES = Object.keys(PALETTES) as PaletteName[];

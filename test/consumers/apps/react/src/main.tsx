import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Infrastructure } from './Infrastructure';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Infrastructure />
  </StrictMode>,
);

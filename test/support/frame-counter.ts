/** Counts animation frames, so browser tests can say which frame a piece of work ran in. */
export function frameCounter(): { frame: () => number; stop: () => void } {
  let frame = 0;
  let running = true;
  const tick = () => {
    frame++;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return { frame: () => frame, stop: () => { running = false; } };
}

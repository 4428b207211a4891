type AudioContextConstructor = typeof AudioContext;

let context: AudioContext | null = null;

/**
 * A short two-tone chime made with the Web Audio API, so no sound file has to be shipped. Browsers only let a page
 * play sound after the person interacted with it; before that this stays silent.
 */
export function playBeep() {
  const Context: AudioContextConstructor | undefined =
    typeof window === 'undefined' ? undefined : (window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextConstructor }).webkitAudioContext);
  if (!Context) return;
  try {
    context ??= new Context();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime + 0.01;
    [880, 1320].forEach((frequency, i) => {
      const at = start + i * 0.14;
      const oscillator = context!.createOscillator();
      const gain = context!.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.18, at + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      oscillator.connect(gain).connect(context!.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.22);
    });
  } catch {
    // No audio device or a blocked context: the sound is optional.
  }
}
